"""The lookup order: options > environment > user file > system file > defaults."""

import re
import sys
from pathlib import Path

import pytest

import kiosk.config
from kiosk.config import (
    Source,
    default_system_config_file,
    load_config,
    resolve_config,
)
from kiosk.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def system(tmp_path: Path) -> Path:
    return write(tmp_path / "etc" / "config.toml", 'site = "civic-centre"\ndesk = "desk-9"\n')


@pytest.fixture
def user(tmp_path: Path) -> Path:
    return write(tmp_path / "home" / "config.toml", 'desk = "desk-2"\n')


def test_the_system_file_is_used_when_there_is_no_user_file(system: Path) -> None:
    resolved = resolve_config(environ={"KIOSK_SYSTEM_CONFIG": str(system)})
    assert (resolved.config.site, resolved.config.desk) == ("civic-centre", "desk-9")
    assert resolved.sources["site"] == Source("system file", str(system))
    assert resolved.config.config_file is None  # settings are saved to the user file


def test_user_values_override_system_values_key_by_key(system: Path, user: Path) -> None:
    env = {"KIOSK_SYSTEM_CONFIG": str(system), "KIOSK_CONFIG": str(user)}
    resolved = resolve_config(environ=env)
    assert (resolved.config.site, resolved.config.desk) == ("civic-centre", "desk-2")
    assert resolved.sources["site"] == Source("system file", str(system))
    assert resolved.sources["desk"] == Source("user file", str(user))
    assert resolved.sources["paper"] == Source("default")


def test_the_user_config_dir_file_is_the_user_layer(
    system: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "xdg-config" / "assisted-digital-kiosk" / "config.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    write(home, 'site = "library"\n')
    config = load_config(environ={"KIOSK_SYSTEM_CONFIG": str(system)})
    assert (config.site, config.desk, config.config_file) == ("library", "desk-9", home)


def test_config_option_replaces_the_user_file_and_the_system_file_still_applies(
    system: Path, user: Path, tmp_path: Path
) -> None:
    other = write(tmp_path / "other.toml", 'paper = "a5"\n')
    env = {"KIOSK_SYSTEM_CONFIG": str(system), "KIOSK_CONFIG": str(user)}
    resolved = resolve_config(other, environ=env)
    assert (resolved.config.site, resolved.config.desk) == ("civic-centre", "desk-9")
    assert resolved.config.paper == "a5"
    assert resolved.config.config_file == other
    assert [f.chosen_by for f in resolved.files] == ["KIOSK_SYSTEM_CONFIG", "--config"]


def test_environment_beats_both_files_and_an_option_beats_the_environment(
    system: Path, user: Path
) -> None:
    env = {
        "KIOSK_SYSTEM_CONFIG": str(system),
        "KIOSK_CONFIG": str(user),
        "KIOSK_DATA_DIR": "/from/env",
    }
    write(system, 'data_dir = "/from/system"\n')
    write(user, 'data_dir = "/from/user"\n')
    resolved = resolve_config(environ=env)
    assert resolved.config.data_dir == Path("/from/env")
    assert resolved.sources["data_dir"] == Source("environment", "KIOSK_DATA_DIR")
    resolved = resolve_config(overrides={"data_dir": Path("/opt")}, environ=env)
    assert resolved.config.data_dir == Path("/opt")
    assert resolved.sources["data_dir"] == Source("option", "--data-dir")


def test_relative_paths_in_the_system_file_follow_the_system_file(tmp_path: Path) -> None:
    etc = tmp_path / "etc" / "assisted-digital-kiosk"
    system = write(
        etc / "config.toml",
        'upload_token_file = "upload-token"\ndata_dir = "/var/lib/assisted-digital-kiosk"\n',
    )
    config = load_config(environ={"KIOSK_SYSTEM_CONFIG": str(system)})
    assert config.upload_token_file == etc / "upload-token"
    assert config.data_dir == Path("/var/lib/assisted-digital-kiosk")


def test_a_missing_system_file_is_skipped(tmp_path: Path) -> None:
    resolved = resolve_config(environ={"KIOSK_SYSTEM_CONFIG": str(tmp_path / "none.toml")})
    assert resolved.config.site == "main-office"
    assert set(resolved.sources.values()) == {Source("default")}
    assert not resolved.files[0].in_use()


def test_a_broken_system_file_is_named_in_the_error(tmp_path: Path) -> None:
    system = write(tmp_path / "etc.toml", 'sight = "x"\n')
    with pytest.raises(ConfigError, match=re.escape(f"{system}: unknown setting 'sight'")):
        load_config(environ={"KIOSK_SYSTEM_CONFIG": str(system)})


def test_the_log_dir_has_a_setting_and_an_environment_variable(tmp_path: Path) -> None:
    system = write(tmp_path / "etc.toml", 'log_dir = "logs"\n')
    env = {"KIOSK_SYSTEM_CONFIG": str(system)}
    assert load_config(environ=env).log_dir == tmp_path / "logs"
    env["KIOSK_LOG_DIR"] = str(tmp_path / "elsewhere")
    assert load_config(environ=env).log_dir == tmp_path / "elsewhere"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux location")
def test_on_linux_the_system_file_is_in_etc(monkeypatch: pytest.MonkeyPatch) -> None:
    # tests/conftest.py points the system file away from this machine's /etc; not here
    monkeypatch.setattr(kiosk.config, "default_system_config_file", default_system_config_file)
    expected = Path("/etc/assisted-digital-kiosk/config.toml")
    assert default_system_config_file() == expected
    assert resolve_config(environ={}).files[0].path == expected
