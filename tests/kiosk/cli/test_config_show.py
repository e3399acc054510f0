"""``kiosk config show``: every setting, its value, where it came from; secrets never shown."""

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli.config_cmd import MASK, masked
from kiosk.config import settings
from tests.kiosk.cli.test_catalog_commands import run


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lines_by_key(out: str) -> dict[str, str]:
    return {line.split(" = ")[0]: line for line in out.splitlines() if not line.startswith("#")}


def show_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = run(capsys, *args, "config", "show", "--format", "json")
    assert (code, err) == (0, "")
    document: dict[str, Any] = json.loads(out)
    return document


def test_with_nothing_set_every_setting_is_a_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "config", "show")
    shown = lines_by_key(out)
    assert code == 0
    assert list(shown) == [s.key for s in settings()]
    assert shown["site"] == 'site = "main-office"  # default'
    assert shown["printer"] == "printer = unset  # default"
    assert shown["upload_enabled"] == "upload_enabled = true  # default"
    assert "(KIOSK_SYSTEM_CONFIG, not found)" in out.splitlines()[0]


def test_each_source_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = write(tmp_path / "system.toml", 'site = "civic-centre"\ndesk = "desk-9"\n')
    user = write(tmp_path / "user.toml", 'desk = "desk-2"\npaper = "a5"\n')
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(system))
    monkeypatch.setenv("KIOSK_CONFIG", str(user))
    monkeypatch.setenv("KIOSK_CATALOG", str(tmp_path / "catalog"))
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "data"), "config", "show")
    shown = lines_by_key(out)
    assert code == 0
    assert shown["site"] == f'site = "civic-centre"  # system file {system}'
    assert shown["desk"] == f'desk = "desk-2"  # user file {user}'
    assert shown["catalog"].endswith("  # environment KIOSK_CATALOG")
    assert shown["data_dir"] == f'data_dir = "{tmp_path / "data"}"  # option --data-dir'
    assert f"# system file: {system} (KIOSK_SYSTEM_CONFIG, in use)" in out
    assert f"# user file: {user} (KIOSK_CONFIG, in use)" in out


def test_config_option_is_shown_as_the_user_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named = write(tmp_path / "try.toml", "idle_timeout_s = 60\n")
    document = show_json(capsys, "--config", str(named))
    assert document["settings"]["idle_timeout_s"] == {
        "value": 60,
        "source": "user file",
        "where": str(named),
    }
    assert document["files"][1] == {
        "layer": "user file", "path": str(named), "chosen_by": "--config", "in_use": True
    }  # fmt: skip


def test_json_has_every_setting_with_its_source(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_UPLOAD_TARGET", "https://central.example.gov.uk/contacts")
    document = show_json(capsys)
    assert list(document["settings"]) == [s.key for s in settings()]
    assert document["settings"]["upload_target"] == {
        "value": "https://central.example.gov.uk/contacts",
        "source": "environment",
        "where": "KIOSK_UPLOAD_TARGET",
    }
    assert document["settings"]["staff_codes"]["value"] == ["AB", "CD", "EF"]
    assert document["settings"]["printer"] == {"value": None, "source": "default", "where": None}


def test_the_token_file_is_named_but_never_read_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "upload-token").write_text("tok_Zx81-kQp4vLw9TnBf2aY\n")
    system = write(tmp_path / "config.toml", 'upload_token_file = "upload-token"\n')
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(system))
    code, out, _ = run(capsys, "config", "show")
    assert code == 0
    assert lines_by_key(out)["upload_token_file"] == (
        f'upload_token_file = "{tmp_path / "upload-token"}"  # system file {system}; '
        "the token in it is never shown"
    )
    assert "tok_Zx81" not in out + json.dumps(show_json(capsys))


@pytest.mark.parametrize(("is_set", "state"), [(True, "is set"), (False, "is NOT set")])
def test_a_token_variable_is_said_to_be_set_or_not_never_its_value(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    is_set: bool,
    state: str,
) -> None:
    user = write(tmp_path / "user.toml", 'upload_token_env = "COUNCIL_TOKEN"\n')
    if is_set:
        monkeypatch.setenv("COUNCIL_TOKEN", "tok_Zx81-kQp4vLw9TnBf2aY")
    _, out, _ = run(capsys, "--config", str(user), "config", "show")
    assert lines_by_key(out)["upload_token_env"] == (
        f'upload_token_env = "COUNCIL_TOKEN"  # user file {user}; '
        f"COUNCIL_TOKEN {state}; its value is never shown"
    )
    document = show_json(capsys, "--config", str(user))
    assert document["settings"]["upload_token_env"]["note"].startswith(f"COUNCIL_TOKEN {state}")
    assert "tok_Zx81" not in out + json.dumps(document)


def test_a_password_or_token_in_the_upload_address_is_masked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = "https://kiosk:hunter2@central.example.gov.uk/contacts?token=tok_Zx81kQp4"
    monkeypatch.setenv("KIOSK_UPLOAD_TARGET", target)
    code, out, _ = run(capsys, "config", "show")
    document = show_json(capsys)
    assert code == 0
    for text in (out, json.dumps(document)):
        assert "hunter2" not in text
        assert "tok_Zx81kQp4" not in text
    assert document["settings"]["upload_target"]["value"] == (
        "https://kiosk:[redacted]@central.example.gov.uk/contacts?token=[redacted]"
    )


def test_a_broken_config_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", 'sight = "x"\n')
    code, out, err = run(capsys, "--config", str(bad), "config", "show")
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {bad}: unknown setting 'sight'")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("upload_api_key", "abc123", MASK),
        ("proxy_password", "hunter2", MASK),
        ("supervisor_pin", 482913, MASK),
        ("upload_token_file", "/etc/assisted-digital-kiosk/upload-token",
         "/etc/assisted-digital-kiosk/upload-token"),
        ("upload_token_env", "KIOSK_UPLOAD_TOKEN", "KIOSK_UPLOAD_TOKEN"),
        ("upload_api_key", None, None),
        ("site", "library", "library"),
    ],
)  # fmt: skip
def test_settings_named_like_secrets_are_masked(key: str, value: object, shown: object) -> None:
    assert masked(key, value) == shown
