"""A real hub (``kiosk hub serve``'s app on uvicorn, keys from ``kiosk hub keys init``) and a real
kiosk: what content staff publish, and roll back, reaches the kiosk with kiosk catalog update."""

import shutil
from pathlib import Path

from tests.hub.catalog_repo import DEMO_CATALOG, HubFolder, hub_folder, kiosk, ok, served
from tests.kiosk.catalog.updating import Kiosk

__all__ = ["hub_folder"]
RENAMED = "Pay your council tax, as published on the hub"


def _edited_demo(tmp_path: Path) -> Path:
    folder = tmp_path / "edited-catalog"
    shutil.copytree(DEMO_CATALOG, folder)
    service = next((folder / "services").glob("pay-council-tax*.toml"))
    text = service.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    service.write_text(text.replace(title, f'title = "{RENAMED}"', 1), encoding="utf-8")
    return folder


def test_published_and_rolled_back_catalogs_reach_a_kiosk(
    hub_folder: HubFolder, tmp_path: Path
) -> None:
    own = tmp_path / "own-catalog"
    shutil.copytree(DEMO_CATALOG, own)
    machine = Kiosk(tmp_path / "kiosk", own)
    machine.folder.mkdir()
    hub_folder.publish(DEMO_CATALOG)
    with served(hub_folder.data_dir) as url:
        machine.configure(f"{url}/catalog/", hub_folder.first_root)
        first = machine.update()
        assert first.returncode == 0, first.stderr
        assert first.stdout.startswith(
            "updated to the hub's catalog, version 1 (published by asha"
        )
        assert RENAMED not in machine.titles()
        hub_folder.publish(_edited_demo(tmp_path), by="ben")
        second = machine.update()
        assert "updated to the hub's catalog, version 2 (published by ben" in second.stdout
        assert RENAMED in machine.titles()
        ok(kiosk(hub_folder.data_dir, "hub", "catalog", "rollback", "1", "--by", "asha"))
        third = machine.update()
        assert third.returncode == 0, third.stderr
        assert "version 3" in third.stdout
        assert RENAMED not in machine.titles()
        assert machine.update().stdout.startswith("already current: the hub's catalog, version 3")
