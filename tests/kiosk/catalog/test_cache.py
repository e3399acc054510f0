"""The check cache: an unchanged catalog starts without a check, any change is caught as before."""

import dataclasses
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.catalog import loader, schema, toml_models
from kiosk.catalog.loader import check_catalog
from kiosk.catalog.snapshot import CACHE_DIR, open_catalog
from tests.catalog_builder import CatalogBuilder
from tests.conftest import TODAY

CACHE = Path(CACHE_DIR) / "configured.json"


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders fully checked during a test, in order."""
    done: list[Path] = []

    def counted(root: Path, **options: object) -> loader.CatalogCheck:
        done.append(root)
        return check_catalog(root, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "check_catalog", counted)
    return done


def test_an_unchanged_catalog_is_not_checked_again(
    builder: CatalogBuilder, data_dir: Path, checks: list[Path]
) -> None:
    root = builder.write()
    first = open_catalog(root, data_dir, TODAY)
    again = open_catalog(root, data_dir, TODAY)
    assert checks == [root]
    assert again == first
    assert again.catalog == check_catalog(root, today=TODAY).catalog


def test_a_change_that_keeps_size_and_time_is_still_caught(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    root = builder.write()
    open_catalog(root, data_dir, TODAY)
    file = root / "services" / "bin-day.toml"
    stamp = file.stat()
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Check your bin", "Check your bun"), encoding="utf-8")
    os.utime(file, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    state = open_catalog(root, data_dir, TODAY)
    assert state.catalog.service("bin-day").title == "Check your bun collection day"


def test_a_broken_catalog_still_falls_back_each_time(
    builder: CatalogBuilder, data_dir: Path, checks: list[Path]
) -> None:
    good = open_catalog(builder.write(), data_dir, TODAY).catalog
    builder.services["bin-day"]["title"] = ""
    broken = builder.write()
    for _ in range(2):
        state = open_catalog(broken, data_dir, TODAY)
        assert state.from_snapshot
        assert state.catalog.version == good.version
        assert state.catalog.services == good.services
        assert [p.field for p in state.check.errors] == ["title"]
    snapshot = data_dir / "last-good-catalog" / good.version
    assert checks == [broken, broken, snapshot]  # the good, the broken, the copy; then none


def test_a_missing_image_is_caught(builder: CatalogBuilder, data_dir: Path) -> None:
    builder.services["bin-day"]["steps"][0]["image"] = "bin.png"
    root = builder.write()
    (root / "images").mkdir()
    (root / "images" / "bin.png").write_bytes(b"\x89PNG")
    assert not open_catalog(root, data_dir, TODAY).from_snapshot
    (root / "images" / "bin.png").unlink()
    state = open_catalog(root, data_dir, TODAY)
    assert state.from_snapshot
    assert [p.field for p in state.check.errors] == ["steps.1.image"]


def test_a_review_date_turns_stale_on_the_day_not_when_cached(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    root = builder.write()  # reviewed 2026-09-01, review period 365 days
    due = TODAY.replace(year=2027, month=9, day=1)
    fresh = open_catalog(root, data_dir, due).check.warnings
    stale = open_catalog(root, data_dir, due + timedelta(days=1)).check.warnings
    assert "reviewed" not in {p.field for p in fresh}
    assert [p.file.stem for p in stale if p.field == "reviewed"] == [
        "bin-day", "missed-bin", "parking-permit"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff not json",
        b'{"key": "',
        b"[1, 2, 3]",
        b'{"key": null, "check": null}',
        b'{"check": {"__type__": "Service", "id": 1}}',
        b'{"__type__": "Nonsense"}',
    ],
)
def test_a_corrupt_cache_means_a_full_check_and_a_new_cache(
    builder: CatalogBuilder, data_dir: Path, checks: list[Path], damage: bytes
) -> None:
    root = builder.write()
    first = open_catalog(root, data_dir, TODAY)
    (data_dir / CACHE).write_bytes(damage)
    assert open_catalog(root, data_dir, TODAY) == first
    assert open_catalog(root, data_dir, TODAY) == first
    assert checks == [root, root]  # checked again once, then the rewritten cache is used


def test_a_cache_for_other_files_is_not_used(
    builder: CatalogBuilder, data_dir: Path, tmp_path: Path
) -> None:
    root = builder.write()
    open_catalog(root, data_dir, TODAY)
    kept = (data_dir / CACHE).read_bytes()
    builder.services["bin-day"]["lgsl"] = 0
    builder.write()
    (data_dir / CACHE).write_bytes(kept)  # e.g. copied from another kiosk
    assert open_catalog(root, data_dir, TODAY).from_snapshot


def test_an_unreadable_cache_folder_never_stops_the_kiosk(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    (data_dir / CACHE_DIR).write_text("a file where the folder should be")
    state = open_catalog(builder.write(), data_dir, TODAY)
    assert state.catalog.service("bin-day")


def test_the_kiosk_starts_on_a_cached_catalog_without_pydantic(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    script = (
        "import sys\nfrom datetime import date\nfrom pathlib import Path\n"
        "from kiosk.catalog.snapshot import open_catalog\n"
        "state = open_catalog(Path(sys.argv[1]), Path(sys.argv[2]), date(2026, 11, 27))\n"
        "print(state.catalog.service('bin-day').title, 'pydantic' in sys.modules)\n"
    )
    run = [sys.executable, "-c", script, str(builder.write()), str(data_dir)]
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    second = subprocess.run(run, capture_output=True, text=True, check=True)
    assert first.stdout == "Check your bin collection day True\n"
    assert second.stdout == "Check your bin collection day False\n"


@pytest.mark.parametrize("record", schema.RECORDS, ids=lambda r: r.__name__)
def test_the_kiosks_model_has_the_fields_the_files_have(record: type) -> None:
    checked = getattr(toml_models, record.__name__)
    assert [f.name for f in dataclasses.fields(record)] == list(checked.model_fields)


def test_a_data_folder_inside_the_catalog_is_neither_copied_nor_hashed(
    builder: CatalogBuilder, checks: list[Path]
) -> None:
    root = builder.write()
    inside = root / "data"
    first = open_catalog(root, inside, TODAY)
    (inside / "contacts.db").write_bytes(b"the log grows with every contact")
    assert open_catalog(root, inside, TODAY) == first
    assert checks == [root]
    kept = inside / "last-good-catalog" / first.catalog.version
    copied = sorted(p.name for p in kept.iterdir())
    assert copied == ["categories.toml", "council.toml", "services"]
