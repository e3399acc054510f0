from pathlib import Path

import pytest

from kiosk.catalog.snapshot import open_catalog
from kiosk.errors import CatalogError
from tests.catalog_builder import CatalogBuilder
from tests.conftest import TODAY


def test_good_catalog_is_used_and_kept(builder: CatalogBuilder, data_dir: Path) -> None:
    state = open_catalog(builder.write(), data_dir, TODAY)
    assert not state.from_snapshot
    kept = data_dir / "last-good-catalog" / state.catalog.version
    assert (kept / "services" / "bin-day.toml").is_file()


def test_broken_catalog_falls_back_to_the_last_good_one(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    good = open_catalog(builder.write(), data_dir, TODAY).catalog
    builder.services["bin-day"]["title"] = ""
    state = open_catalog(builder.write(), data_dir, TODAY)
    assert state.from_snapshot
    assert state.catalog.version == good.version
    assert state.catalog.service("bin-day").title == "Check your bin collection day"
    assert [str(p).endswith("title: must not be empty") for p in state.check.errors] == [True]


def test_a_newer_good_catalog_replaces_the_copy(builder: CatalogBuilder, data_dir: Path) -> None:
    first = open_catalog(builder.write(), data_dir, TODAY).catalog
    builder.services["bin-day"]["summary"] = "Now with a new summary."
    second = open_catalog(builder.write(), data_dir, TODAY).catalog
    assert first.version != second.version
    kept = sorted(p.name for p in (data_dir / "last-good-catalog").iterdir() if p.is_dir())
    assert kept == [second.version]


def test_broken_catalog_with_no_copy_is_a_clear_error(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    builder.services["bin-day"]["lgsl"] = 0
    with pytest.raises(CatalogError, match="no last good catalog to fall back on") as raised:
        open_catalog(builder.write(), data_dir, TODAY)
    assert "bin-day.toml: lgsl:" in str(raised.value)


def test_unwritable_data_dir_does_not_stop_the_kiosk(
    builder: CatalogBuilder, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    state = open_catalog(builder.write(), blocked, TODAY)
    assert not state.from_snapshot
    assert state.catalog.service("bin-day")
