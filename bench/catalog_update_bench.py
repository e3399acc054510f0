"""Catalog updates from the hub (issue 16): a real TUF repository served on 127.0.0.1.

Budgets: asking the hub when there is nothing new <= 50 ms (median of 20); a 700-service
catalog's whole update (download, verify, unpack, check, switch) <= 2 s.
Floors, measured in the same run: fetching timestamp.json with urllib (what any check must
at least do), and fetching the same archive with urllib and unpacking it with tarfile (what
any update must at least do, with no verifying and no checking).
"""

import io
import shutil
import tarfile
import tempfile
import urllib.request
from pathlib import Path

from bench.catalog_bench import SERVICES, make_catalog
from bench.timing import median, timings_ms, verdict
from kiosk.catalog.updates import update_catalog
from kiosk.config import Config, load_config
from tests.kiosk.catalog.tuf_repository import HubRepository, serve

CHECKS = 20
UPDATES = 5


def _config(folder: Path, source: str, root: Path) -> Config:
    file = folder / "kiosk.toml"
    file.write_text(f'catalog_source = "{source}"\ncatalog_root = "{root}"\n', "utf-8")
    return load_config(file, {"data_dir": folder / "data"}, environ={})


def _fresh_update(config: Config, folder: Path) -> None:
    """The whole first update of a kiosk, into a data folder of its own."""
    data = Path(tempfile.mkdtemp(dir=folder))
    result = update_catalog(config, data)
    assert result.outcome == "updated"


def _floor_fetch_and_unpack(url: str, folder: Path) -> None:
    with urllib.request.urlopen(url) as answer:
        data = answer.read()
    target = Path(tempfile.mkdtemp(dir=folder))
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        tar.extractall(target, filter="data")


def _floor_timestamp(url: str) -> None:
    with urllib.request.urlopen(url) as answer:
        answer.read()


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="kiosk-update-bench-") as scratch:
        folder = Path(scratch)
        catalog = folder / "catalog-source"
        catalog.mkdir()
        make_catalog(catalog)
        repository = HubRepository(folder / "hub" / "catalog")
        release = repository.publish(catalog, 1)
        with serve(repository) as hub:
            config = _config(folder, hub.url, repository.root_file)
            update_catalog(config, config.data_dir)  # this kiosk has version 1
            checks = timings_ms(lambda: update_catalog(config, config.data_dir), CHECKS)
            timestamp = f"{hub.url}metadata/timestamp.json"
            floor_check = timings_ms(lambda: _floor_timestamp(timestamp), CHECKS)
            work = folder / "work"
            work.mkdir()
            updates = timings_ms(lambda: _fresh_update(config, work), UPDATES)
            archive = f"{hub.url}targets/{release.archive_name}"
            floor = timings_ms(lambda: _floor_fetch_and_unpack(archive, work), UPDATES)
            shutil.rmtree(work, ignore_errors=True)
        size = (repository.targets_dir / release.archive_name).stat().st_size
        print(f"catalog update from the hub ({SERVICES} services, archive {size / 1024:.0f} KiB)")
        print(
            f"  nothing new       median {median(checks):7.1f} ms of {CHECKS}   "
            f"(floor: urllib fetch of timestamp.json {median(floor_check):5.1f} ms)   "
            f"budget 50 ms: {verdict(median(checks) <= 50)}"
        )
        print(
            f"  whole update      median {median(updates):7.1f} ms of {UPDATES}   "
            f"(floor: urllib fetch + tarfile unpack {median(floor):5.1f} ms, "
            f"ratio {median(updates) / median(floor):.1f})   "
            f"budget 2000 ms: {verdict(median(updates) <= 2000)}"
        )


if __name__ == "__main__":
    run()
