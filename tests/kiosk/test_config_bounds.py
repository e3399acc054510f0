"""Every setting has bounds, checked at load: a bad value stops with the file and key named."""

import os
import re
import socket
import time
import typing
from pathlib import Path

import pytest
import trustme

from kiosk.config import Config, load_config, settings
from kiosk.contacts.contact import ContactError
from kiosk.contacts.store import ContactLog
from kiosk.errors import ConfigError
from kiosk.upload.queue import UploadQueue
from kiosk.upload.status import upload_facts
from tests.kiosk.contacts.helpers import contact
from tests.kiosk.kiosk_process import kiosk

DOCS = Path(__file__).parents[2] / "docs" / "configuration.md"
TARGET = 'upload_target = "https://127.0.0.1:9/contacts"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as refused:
        load_config(write(tmp_path, text), environ={})
    return str(refused.value)


NUMBERS = [
    s for s in settings() if typing.get_type_hints(Config)[s.key] in (int, float, float | None)
]


def test_every_number_has_bounds_that_hold_its_default_and_are_documented() -> None:
    assert {s.key for s in NUMBERS} >= {"retention_days", "upload_batch_size", "cost_web"}
    docs = DOCS.read_text(encoding="utf-8")
    defaults = Config()
    for setting in NUMBERS:
        assert setting.bounds, f"{setting.key} has no bounds"
        low, high = setting.bounds
        default = getattr(defaults, setting.key)
        assert default is None or low <= default <= high, setting.key
        row = re.search(rf"^\| `{setting.key}` \|.*$", docs, re.MULTILINE)
        assert row, setting.key
        assert f"Allowed: {low:g} to {high:g}" in row[0], f"{setting.key}'s bounds"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("upload_batch_size = 0\n", "upload_batch_size: must be a whole number from 1 to 10000"),
        ("upload_timeout_s = nan\n", "upload_timeout_s: must be a number from 0.1 to 600 seconds"),
        ("upload_timeout_s = inf\n", "upload_timeout_s: must be a number from 0.1 to 600"),
        ("upload_timeout_s = -inf\n", "upload_timeout_s: must be a number of 0 or more"),
        ("retention_days = 1000000000\n", "retention_days: must be a whole number from 0 to 3650"),
        ("upload_backoff_base_s = 1e308\n", "upload_backoff_base_s: must be a number from 0.01"),
        ("upload_backoff_cap_s = 1e308\n", "upload_backoff_cap_s: must be a number from 0.01"),
        ("idle_timeout_s = 1e9\n", "idle_timeout_s: must be a whole number from 0 to 3600"),
        ("print_deadline_s = 0\n", "print_deadline_s: must be a number from 1 to 600 seconds"),
        ("cost_web = 1e12\n", "cost_web: must be a number from 0 to 10000, got 1000000000000.0"),
        ("upload_batch_size = true\n", "upload_batch_size: must be a whole number from 1 to"),
        ("upload_backoff_base_s = 60\nupload_backoff_cap_s = 10\n",
         "upload_backoff_cap_s: 10 is less than upload_backoff_base_s (60)"),
    ],
)  # fmt: skip
def test_a_number_out_of_bounds_is_refused_naming_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    assert refusal(tmp_path, text).startswith(f"{tmp_path / 'kiosk.toml'}: {message}")


def test_the_bounds_themselves_are_allowed(tmp_path: Path) -> None:
    for setting in NUMBERS:
        for edge in setting.bounds or ():
            value = int(edge) if typing.get_type_hints(Config)[setting.key] is int else edge
            floor = f"\nupload_backoff_base_s = {min(value, 1)}" if "cap" in setting.key else ""
            text = f"{setting.key} = {value}{floor}\n"
            assert getattr(load_config(write(tmp_path, text), environ={}), setting.key) == value


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("https://[::1/x", "is not a web address (Invalid IPv6 URL)"),
        ("https://", "names no computer after https://"),
        ("https:///contacts", "names no computer after https://"),
        ("ftp://x", "'ftp://x' is not allowed"),
        ("https://council.example/a b", "has a space or an unprintable character"),
        ("https://council.example:99999/", "is not a web address (Port out of range"),
    ],
)
def test_a_malformed_address_is_refused_with_the_key(
    tmp_path: Path, target: str, message: str
) -> None:
    found = refusal(tmp_path, f'upload_target = "{target}"\n')
    assert found.startswith(f"{tmp_path / 'kiosk.toml'}: upload_target: ")
    assert message in found


def test_a_refused_address_never_shows_its_password(tmp_path: Path) -> None:
    found = refusal(tmp_path, 'upload_target = "https://kiosk:hunter2@[::1/x?key=k3y"\n')
    assert "hunter2" not in found
    assert "k3y" not in found
    assert "upload_target: 'https://kiosk:[redacted]@[::1/x" in found


@pytest.fixture(params=["device", "fifo", "folder", "10 MB file"])
def not_a_token_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "token"
    match request.param:
        case "device":
            return Path("/dev/urandom"), "is a device, pipe or socket, not a file"
        case "fifo":
            os.mkfifo(path)
            return path, "is a device, pipe or socket, not a file"
        case "folder":
            path.mkdir()
            return path, "is a folder, not a file"
    path.write_bytes(b"t" * 10_000_000)
    return path, "is 10,000,000 bytes; at most 65,536 are allowed"


def test_a_token_file_that_is_not_a_small_file_is_refused_unread(
    tmp_path: Path, not_a_token_file: tuple[Path, str]
) -> None:
    path, message = not_a_token_file
    write(tmp_path, f'upload_token_file = "{path}"\n{TARGET}')
    started = time.monotonic()
    done = kiosk(tmp_path, "--config", str(tmp_path / "kiosk.toml"), "upload")
    assert time.monotonic() - started < 20
    assert done.returncode == 1
    assert (
        done.stderr == f"error: {tmp_path / 'kiosk.toml'}: upload_token_file: {path} {message}\n"
    )


def test_a_ca_bundle_must_exist_when_https_would_use_it_and_hold_certificates(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "council-ca.pem"
    found = refusal(tmp_path, f'upload_ca_bundle = "{missing}"\n{TARGET}')
    assert found == (
        f"{tmp_path / 'kiosk.toml'}: upload_ca_bundle: {missing} does not exist; put the "
        "council's CA file there or unset it"
    )
    assert load_config(write(tmp_path, f'upload_ca_bundle = "{missing}"\n'), environ={})
    missing.write_text("not a certificate\n", encoding="utf-8")
    assert "holds no certificates the kiosk can use" in refusal(
        tmp_path, f'upload_ca_bundle = "{missing}"\n{TARGET}'
    )
    trustme.CA().cert_pem.write_to_path(str(missing))
    config = load_config(write(tmp_path, f'upload_ca_bundle = "{missing}"\n{TARGET}'), environ={})
    assert config.upload_ca_bundle == missing


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('site = "SW1A 1AA"\n', "site: the value looks like a postcode, not a code"),
        ('desk = "07700900123"\n', "desk: the value looks like a phone number, not a code"),
        ('staff_codes = ["AB", "QQ123456C"]\n', "staff_codes: the value looks like a National"),
        ('staff_codes = ["AB", "1980-01-31"]\n', "staff_codes: the value looks like a date"),
        ('staff_codes = ["SarahJones"]\n', "staff_codes: 'SarahJones' is not allowed"),
        ('staff_codes = ["Sarah_Jones"]\n', "staff_codes: 'Sarah_Jones' is not allowed"),
        (
            'staff_code_pattern = "[A-Za-z]+"\n',
            "staff_code_pattern: '[A-Za-z]+' would take a name like 'Sarah'",
        ),
        ('staff_code_pattern = ".*"\n', "staff_code_pattern: '.*' would take a name like 'Sarah'"),
        ('staff_code_pattern = "[A-Z"\n', "staff_code_pattern: '[A-Z' is not a regular expr"),
    ],
)
def test_codes_in_the_config_are_held_to_the_contact_rules(
    tmp_path: Path, text: str, message: str
) -> None:
    found = refusal(tmp_path, text)
    assert found.startswith(f"{tmp_path / 'kiosk.toml'}: {message}")
    for personal in ("SW1A 1AA", "07700900123", "QQ123456C", "1980-01-31"):
        assert personal not in found


def test_the_council_form_is_what_contacts_add_checks(tmp_path: Path) -> None:
    write(tmp_path, 'staff_code_pattern = "E[0-9]{5}"\nstaff_codes = ["AB"]\n')
    add = ["--config", str(tmp_path / "kiosk.toml"), "contacts", "add", "--service", "general"]
    add += ["--mode", "showed_how", "--outcome", "completed", "--staff"]
    assert kiosk(tmp_path, *add, "E12345").returncode == 0
    assert kiosk(tmp_path, *add, "AB").returncode == 0
    refused = kiosk(tmp_path, *add, "CD")
    assert refused.returncode == 1
    assert "staff: 'CD' is not a staff code here (use the form set by staff_code_pattern" in (
        refused.stderr
    )
    only_the_list = load_config(write(tmp_path, 'staff_code_pattern = ""\n'), environ={})
    with pytest.raises(ContactError, match="use one of staff_codes: AB, CD, EF"):
        contact(staff="GH", staff_form=only_the_list.staff_form)


@pytest.mark.parametrize(
    "text",
    ["upload_batch_size = 0\n", "upload_timeout_s = nan\n", "retention_days = 1000000000\n",
     'upload_ca_bundle = "missing.pem"\n', 'upload_target = "https://[::1/x"\n'],
)  # fmt: skip
def test_no_bad_setting_reaches_an_unexpected_failure(tmp_path: Path, text: str) -> None:
    config = write(tmp_path, text if "upload_target" in text else text + TARGET)
    for command in (["upload"], ["upload", "status"], ["purge"]):
        done = kiosk(tmp_path, "--config", str(config), *command)
        assert done.returncode == 1
        assert done.stderr.startswith(f"error: {config}: ")
        assert "unexpected failure" not in done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("stored", [1e308, float("inf"), 1e20])
def test_upload_status_survives_an_absurd_stored_next_try(tmp_path: Path, stored: float) -> None:
    log = ContactLog.in_data_dir(tmp_path / "data")
    log.record(contact())
    UploadQueue(log).prepare(500)
    with log.conn:
        log.conn.execute("UPDATE upload_batches SET next_attempt = ?", [stored])
    assert upload_facts(log).next_attempt is not None
    done = kiosk(tmp_path, "upload", "status")
    assert done.returncode == 0, done.stderr
    assert "next attempt: 9999-12-31T23:59:59Z" in done.stdout


def test_a_port_nobody_listens_on_is_still_a_clear_failure(tmp_path: Path) -> None:
    """The bounds leave a working config working: a refused connection is a warning."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = ContactLog.in_data_dir(tmp_path / "data")
    log.record(contact())
    config = write(
        tmp_path,
        f'upload_target = "https://127.0.0.1:{port}/c"\nupload_backoff_base_s = 3600\n'
        "upload_backoff_cap_s = 86400\nupload_timeout_s = 600\nupload_batch_size = 10000\n",
    )
    done = kiosk(tmp_path, "--config", str(config), "upload")
    assert done.returncode == 2, done.stderr
    assert "unexpected failure" not in done.stderr
    status = kiosk(tmp_path, "--config", str(config), "upload", "status")
    assert status.returncode == 0
    assert "next attempt: 2" in status.stdout


def test_the_upload_options_are_held_to_the_same_rules(
    tmp_path: Path, not_a_token_file: tuple[Path, str]
) -> None:
    path, message = not_a_token_file
    upload = ["upload", "--target", "https://127.0.0.1:9/c"]
    done = kiosk(tmp_path, *upload, "--token-file", str(path))
    if path.is_dir():  # click's own check of the option comes first
        assert done.returncode == 2
        assert f"Invalid value for '--token-file': File '{path}' is a directory" in done.stderr
    else:
        assert (done.returncode, done.stderr) == (1, f"error: --token-file: {path} {message}\n")
    done = kiosk(tmp_path, "upload", "--target", "https://kiosk:pw@[::1/x")
    assert done.returncode == 1
    assert done.stderr.startswith("error: --target: 'https://kiosk:[redacted]@[::1/x' is not a")
