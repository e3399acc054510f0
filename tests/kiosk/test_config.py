import re
from pathlib import Path

import pytest

from kiosk.config import default_data_dir, load_config, settings
from kiosk.errors import ConfigError
from kiosk.resources import demo_catalog_dir

DOCS = Path(__file__).parents[2] / "docs" / "configuration.md"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_runs_with_no_config_at_all() -> None:
    config = load_config(environ={})
    assert config.catalog == demo_catalog_dir()
    assert config.data_dir == default_data_dir()
    assert (config.site, config.desk) == ("main-office", "desk-1")
    assert config.config_file is None


def test_file_values_are_used_and_relative_paths_follow_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "kiosk.toml", 'site = "library"\ncatalog = "our-catalog"\n')
    config = load_config(path, environ={})
    assert config.site == "library"
    assert config.catalog == tmp_path / "our-catalog"
    assert config.config_file == path


def test_option_beats_environment_beats_file(tmp_path: Path) -> None:
    path = write(tmp_path / "kiosk.toml", 'data_dir = "/from/file"\n')
    env = {"KIOSK_DATA_DIR": "/from/env", "KIOSK_CONFIG": str(path)}
    assert load_config(environ=env).data_dir == Path("/from/env")
    assert load_config(overrides={"data_dir": Path("/opt")}, environ=env).data_dir == Path("/opt")
    assert load_config(environ={"KIOSK_CONFIG": str(path)}).data_dir == Path("/from/file")


def test_unknown_key_is_refused_by_name(tmp_path: Path) -> None:
    path = write(tmp_path / "kiosk.toml", 'sight = "library"\n')
    with pytest.raises(ConfigError, match=r"unknown setting 'sight' \(known settings: .*site"):
        load_config(path, environ={})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("site = 3\n", "site: must be text in quotes, got 3"),
        ('desk = "Desk 1; DROP"\n', "desk: 'Desk 1; DROP' is not allowed (use letters"),
        ('paper = "letter"\n', "paper: must be one of a4, a5, receipt80, got 'letter'"),
        ('printer = "x; rm -rf /"\n', "printer: 'x; rm -rf /' is not allowed (a printer name"),
        ('printer = "-o evil"\n', "printer: '-o evil' is not allowed (a printer name"),
        ('printer = "Front desk "\n', "printer: 'Front desk ' is not allowed (a printer name"),
        ("retention_days = -1\n", "retention_days: must be a whole number of 0 or more"),
        ('upload_enabled = "maybe"\n', "upload_enabled: must be true or false"),
        ('site = "unclosed\n', "kiosk.toml:1:"),
        ("catalog = 5\n", "catalog: must be a folder path as text"),
    ],
)
def test_bad_values_get_a_specific_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(write(tmp_path / "kiosk.toml", text), environ={})


@pytest.mark.parametrize(
    "name", ["FrontDesk", "HP LaserJet M404 (Front desk)", "\\\\print01\\Front_Desk-2", "a@b.c"]
)
def test_printer_names_as_cups_and_windows_give_them(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / "kiosk.toml", f"printer = '{name}'\n")
    assert load_config(path, environ={}).printer == name


def test_named_config_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "missing.toml", environ={})


def test_every_setting_is_documented_with_its_default() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    rows = {m[1]: m[0] for m in re.finditer(r"^\| `([a-z_.]+)` \|.*$", docs, re.MULTILINE)}
    for setting in settings():
        assert setting.key in rows, f"{setting.key} is not in docs/configuration.md"
        assert setting.default in rows[setting.key], f"default of {setting.key} not documented"
        if setting.env:
            assert setting.env in rows[setting.key]
    assert set(rows) == {s.key for s in settings()}, "docs list a setting that does not exist"
