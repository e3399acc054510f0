"""Settings changed from the touchscreen: only the allowed keys, checked, the rest kept."""

from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.settings_file import SCREEN_SETTINGS, save_settings
from kiosk.tomlfile import read_toml

ORIGINAL = (
    'site = "library"\n'
    'desk = "desk-2"\n'
    'staff_codes = ["JS", "KT"]\n'
    'catalog = "our-catalog"\n'
    'printer = "Front_Desk"\n'
    "idle_timeout_s = 90\n"
)


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def test_only_the_given_keys_change(config_file: Path) -> None:
    save_settings(config_file, {"idle_timeout_s": 300, "paper": "a5"})
    assert read_toml(config_file) == {
        "site": "library",
        "desk": "desk-2",
        "staff_codes": ["JS", "KT"],
        "catalog": "our-catalog",
        "printer": "Front_Desk",
        "idle_timeout_s": 300,
        "paper": "a5",
    }


def test_a_saved_value_survives_a_restart(config_file: Path) -> None:
    save_settings(config_file, {"idle_timeout_s": 180, "paper": "receipt80", "printer": "Hall"})
    config = load_config(config_file, environ={})
    assert (config.idle_timeout_s, config.paper, config.printer) == (180, "receipt80", "Hall")
    assert (config.site, config.staff_codes) == ("library", ("JS", "KT"))
    assert config.catalog == config_file.parent / "our-catalog"  # still relative to the file


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"paper": "a3"}, "paper: must be one of a4, a5, receipt80, got 'a3'"),
        ({"idle_timeout_s": -5}, "idle_timeout_s: must be a whole number of 0 or more, got -5"),
        ({"printer": "no; semicolons"}, "printer: 'no; semicolons' is not allowed"),
    ],
)
def test_an_invalid_value_is_refused_as_loading_would_and_the_file_is_untouched(
    config_file: Path, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        save_settings(config_file, changes)
    assert str(refused.value).startswith(f"{config_file}: {message}")
    assert config_file.read_text(encoding="utf-8") == ORIGINAL
    assert [p.name for p in config_file.parent.iterdir()] == ["kiosk.toml"]  # no leftovers


@pytest.mark.parametrize("key", ["site", "upload_target", "unknown"])
def test_a_key_the_screen_may_not_change_is_refused(config_file: Path, key: str) -> None:
    assert key not in SCREEN_SETTINGS
    with pytest.raises(ConfigError, match=f"{key}: cannot be changed from the screen"):
        save_settings(config_file, {key: "library", "paper": "a5"})
    assert config_file.read_text(encoding="utf-8") == ORIGINAL


def test_a_missing_file_and_folder_are_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "config.toml"
    save_settings(path, {"idle_timeout_s": 60})
    assert read_toml(path) == {"idle_timeout_s": 60}
    assert load_config(path, environ={}).idle_timeout_s == 60


def test_none_removes_the_printer_so_the_system_default_is_used(config_file: Path) -> None:
    save_settings(config_file, {"printer": None})
    assert "printer" not in read_toml(config_file)
    assert load_config(config_file, environ={}).printer is None
    save_settings(config_file, {"printer": None})  # removing an absent key is fine
    assert read_toml(config_file)["site"] == "library"


def test_a_broken_file_is_reported_not_overwritten(config_file: Path) -> None:
    config_file.write_text("site = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        save_settings(config_file, {"paper": "a5"})
    assert config_file.read_text(encoding="utf-8") == "site = ["


def test_the_file_keeps_its_permissions(config_file: Path) -> None:
    config_file.chmod(0o644)
    save_settings(config_file, {"paper": "a5"})
    assert config_file.stat().st_mode & 0o777 == 0o644
