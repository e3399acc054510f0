"""``kiosk doctor``'s checks, each on real files, real programs and a real 127.0.0.1 server."""

import email.utils
import http.server
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config, resolve_config
from kiosk.doctor import (
    Check,
    Status,
    check_catalog_valid,
    check_clock,
    check_config,
    check_data_dir,
    check_display,
    check_printer_visible,
    check_test_print,
    check_upload,
    exit_code,
    run_checks,
)
from tests.catalog_builder import CatalogBuilder
from tests.upload_receiver import Receiver

TOKEN = "tok_Zx81-kQp4vLw9TnBf2aY"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
posix_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="shell scripts")

FAKE_LPSTAT = """#!/bin/sh
# lpstat as CUPS answers it: desk1 (the default) is idle, jammed is stopped.
case "$1" in
  -d) [ -n "$NO_DEFAULT" ] && { echo "no system default destination"; exit 0; }
      echo "system default destination: desk1" ;;
  -p) case "$2" in
        desk1) echo "printer desk1 is idle.  enabled since Mon 02 Nov 2026 09:00:00" ;;
        jammed) echo "printer jammed disabled since Mon 02 Nov 2026 09:00:00 -"
                echo "	Paper jam" ;;
        *) echo "lpstat: Invalid destination name in list \\"$2\\"." >&2; exit 1 ;;
      esac ;;
esac
"""


def program(folder: Path, name: str, text: str = "#!/bin/sh\n") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def bare_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH is one empty folder: no lpstat, no cage, unless a test puts them there."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


def config(tmp_path: Path, **values: Any) -> Config:
    return Config(data_dir=tmp_path / "data", **values)


def token_file(tmp_path: Path, token: str = TOKEN) -> Path:
    path = tmp_path / "upload-token"
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)  # as the installer leaves it
    return path


def status_of(check: Check) -> tuple[str, Status]:
    return check.name, check.status


# -- exit codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "code"),
    [
        ([Status.OK, Status.OK], 0),
        ([Status.OK, Status.WARN], 2),
        ([Status.WARN, Status.FAIL, Status.OK], 1),
    ],
)
def test_exit_code_is_0_all_ok_2_warnings_only_1_any_failure(
    statuses: list[Status], code: int
) -> None:
    assert exit_code([Check("x", s, "found") for s in statuses]) == code


# -- configuration -------------------------------------------------------------------------


def test_a_config_that_cannot_be_read_fails_and_stops_the_other_checks(tmp_path: Path) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text('sight = "x"\n')
    check, loaded = check_config(lambda: resolve_config(bad, environ={}))
    assert loaded is None
    assert check.status is Status.FAIL
    assert f"{bad}: unknown setting 'sight'" in check.found


def test_the_config_check_names_the_files_in_use(tmp_path: Path) -> None:
    system = tmp_path / "system.toml"
    system.write_text('site = "library"\n')
    check, loaded = check_config(
        lambda: resolve_config(environ={"KIOSK_SYSTEM_CONFIG": str(system)})
    )
    assert loaded is not None
    assert loaded.site == "library"
    assert (check.status, check.found.split(" (")[0]) == (Status.OK, f"system file {system}")


# -- the screen ----------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["WAYLAND_DISPLAY", "DISPLAY"])
def test_a_desktop_session_is_a_screen(variable: str) -> None:
    check = check_display({variable: ":0"}, platform="linux")
    assert check.status is Status.OK
    assert f"{variable}=:0" in check.found


@posix_only
def test_without_a_session_cage_will_provide_the_screen(bare_path: Path) -> None:
    cage = program(bare_path, "cage")
    check = check_display({}, platform="linux")
    assert check.status is Status.OK
    assert f"starts it under cage ({cage})" in check.found


@posix_only
def test_without_a_session_or_cage_it_says_what_to_install(bare_path: Path) -> None:
    check = check_display({}, platform="linux")
    assert check.status is Status.WARN
    assert check.fix is not None
    assert "sudo apt install cage" in check.fix


def test_windows_always_has_a_screen() -> None:
    assert check_display({}, platform="win32").status is Status.OK


# -- the printer ---------------------------------------------------------------------------


@posix_only
def test_no_cups_is_said_plainly(bare_path: Path) -> None:
    check = check_printer_visible(None, platform="linux")
    assert check.status is Status.WARN
    assert "CUPS printing system is not installed" in check.found


@posix_only
def test_the_default_printer_is_found(bare_path: Path) -> None:
    program(bare_path, "lpstat", FAKE_LPSTAT)
    check = check_printer_visible(None, platform="linux")
    assert (check.status, check.found) == (
        Status.OK,
        "the default printer 'desk1' is there and accepting jobs",
    )


@posix_only
@pytest.mark.parametrize(
    ("printer", "found", "fix"),
    [
        ("desk2", "The printer 'desk2' is not known to this computer.", "spelt as 'lpstat -p'"),
        ("jammed", "The printer 'jammed' is stopped (the system says: Paper jam).", "cupsenable"),
    ],
)
def test_a_configured_printer_that_is_missing_or_stopped_fails(
    bare_path: Path, printer: str, found: str, fix: str
) -> None:
    program(bare_path, "lpstat", FAKE_LPSTAT)
    check = check_printer_visible(printer, platform="linux")
    assert (check.status, check.found) == (Status.FAIL, found)
    assert check.fix is not None
    assert fix in check.fix


@posix_only
def test_no_default_printer_fails_with_how_to_add_one(
    bare_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program(bare_path, "lpstat", FAKE_LPSTAT)
    monkeypatch.setenv("NO_DEFAULT", "1")
    check = check_printer_visible(None, platform="linux")
    assert (check.status, check.found) == (Status.FAIL, "No printer is set up on this computer.")
    assert check.fix is not None
    assert "lpoptions -d" in check.fix


def test_without_lp_no_test_page_is_printed_and_the_touchscreen_is_named(
    bare_path: Path, tmp_path: Path
) -> None:
    check = check_test_print(config(tmp_path))
    assert (check.status, check.found) == (
        Status.WARN,
        "no test page: this computer has no CUPS 'lp' command",
    )
    assert check.fix == "print a test handout from the touchscreen's supervisor area instead"


@posix_only
def test_no_default_printer_means_no_test_page(
    bare_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program(bare_path, "lpstat", FAKE_LPSTAT)
    program(bare_path, "lp", "#!/bin/sh\necho 'lp must not run' >&2; exit 1\n")
    monkeypatch.setenv("NO_DEFAULT", "1")
    check = check_test_print(config(tmp_path))
    assert (check.status, check.found) == (
        Status.FAIL,
        "the test page did not print: No printer is set up on this computer.",
    )


# -- the data folder -----------------------------------------------------------------------


def test_a_writable_data_folder_is_ok_and_the_probe_is_gone(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    check = check_data_dir(folder)
    assert check.status is Status.OK
    assert list(folder.iterdir()) == []


def test_a_data_folder_that_cannot_be_written_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    check = check_data_dir(blocker / "data")
    assert check.status is Status.FAIL
    assert check.found.startswith(f"cannot write in {blocker / 'data'} (")
    assert check.fix is not None
    assert "sudo install -d -o kiosk" in check.fix


# -- the catalog ---------------------------------------------------------------------------


def test_a_valid_catalog_is_ok(builder: CatalogBuilder) -> None:
    root = builder.write()
    check = check_catalog_valid(root)
    assert check.status is Status.OK
    assert check.found.startswith(f"{root}: ")
    assert " services" in check.found


def test_a_broken_catalog_fails_listing_its_problems(builder: CatalogBuilder) -> None:
    root = builder.write()
    (root / "council.toml").write_text('name = "unclosed\n', encoding="utf-8")
    check = check_catalog_valid(root)
    assert check.status is Status.FAIL
    assert f"{root / 'council.toml'}:1:" in check.found
    assert check.fix is not None
    assert "kiosk catalog check" in check.fix


# -- the upload endpoint -------------------------------------------------------------------


def test_a_good_token_is_accepted_and_nothing_is_stored(tmp_path: Path) -> None:
    with Receiver(token=TOKEN, strict=True) as receiver:
        check, server = check_upload(
            config(tmp_path, upload_target=receiver.url, upload_token_file=token_file(tmp_path))
        )
        assert (receiver.requests, receiver.contacts) == (1, {})
        assert receiver.headers_seen == [f"Bearer {TOKEN}"]
    assert (check.status, check.found) == (
        Status.OK,
        f"{receiver.url} answered and accepted the token (HTTP 200)",
    )
    assert server is not None
    assert abs(server - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_refused_token_fails(tmp_path: Path) -> None:
    with Receiver(token="the-council-changed-it") as receiver:
        check, _ = check_upload(
            config(tmp_path, upload_target=receiver.url, upload_token_file=token_file(tmp_path))
        )
    assert (check.status, check.found) == (
        Status.FAIL,
        f"{receiver.url} refused the upload token (HTTP 401)",
    )
    assert TOKEN not in f"{check.found} {check.fix}"


def test_an_endpoint_nobody_answers_on_fails(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and is closed now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/assisted-digital/contacts"
    check, server = check_upload(
        config(tmp_path, upload_target=url, upload_token_file=token_file(tmp_path))
    )
    assert (check.status, server) == (Status.FAIL, None)
    assert check.found == f"cannot reach {url}: the endpoint refused the connection"


def test_an_unreadable_token_file_fails_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-token"
    with Receiver(token=TOKEN) as receiver:
        check, _ = check_upload(
            config(tmp_path, upload_target=receiver.url, upload_token_file=missing)
        )
        assert receiver.requests == 0
    assert check.status is Status.FAIL
    assert check.found.startswith(f"cannot read the upload token file {missing}")


@pytest.mark.parametrize(
    ("values", "status", "found"),
    [
        ({"upload_enabled": False}, Status.OK, "uploads are turned off"),
        ({}, Status.WARN, "no upload_target is set"),
        ({"upload_target": "http://central.example.gov.uk/x"}, Status.FAIL, "refused: use https"),
    ],
)
def test_upload_settings_that_need_no_server(
    tmp_path: Path, values: dict[str, Any], status: Status, found: str
) -> None:
    check, _ = check_upload(config(tmp_path, **values))
    assert check.status is status
    assert found in check.found


def test_a_shared_folder_target_must_exist_and_be_writable(tmp_path: Path) -> None:
    share = tmp_path / "share"
    check, _ = check_upload(config(tmp_path, upload_target=share.as_uri()))
    assert check.status is Status.FAIL
    assert "does not exist or is not mounted" in check.found
    share.mkdir()
    check, _ = check_upload(config(tmp_path, upload_target=share.as_uri()))
    assert check.status is Status.OK
    assert list(share.iterdir()) == []


# -- the clock -----------------------------------------------------------------------------


class _SkewedServer(http.server.ThreadingHTTPServer):
    skew_s: float = 0.0


class _SkewedHandler(http.server.BaseHTTPRequestHandler):
    """Answers like a receiver, but its Date header is ``skew_s`` off the real time."""

    server: _SkewedServer

    def date_time_string(self, timestamp: float | None = None) -> str:
        return email.utils.formatdate(time.time() + self.server.skew_s, usegmt=True)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps({"accepted": [], "rejected": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def skewed_server() -> Iterator[_SkewedServer]:
    server = _SkewedServer(("127.0.0.1", 0), _SkewedHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(("skew_s", "side"), [(-600, "ahead of"), (900, "behind")])
def test_a_server_clock_more_than_5_minutes_off_is_a_warning(
    tmp_path: Path, skewed_server: _SkewedServer, skew_s: float, side: str
) -> None:
    skewed_server.skew_s = skew_s
    url = f"http://127.0.0.1:{skewed_server.server_address[1]}/contacts"
    upload, server = check_upload(config(tmp_path, upload_target=url))
    check = check_clock(datetime.now(UTC), server)
    assert upload.status is Status.OK
    assert (check.status, check.found) == (
        Status.WARN,
        f"this computer's clock is {abs(skew_s) // 60:.0f} minutes {side} the upload server's",
    )
    assert check.fix is not None
    assert "timedatectl set-ntp true" in check.fix


def test_a_server_clock_within_5_minutes_is_ok() -> None:
    check = check_clock(NOW, NOW + timedelta(minutes=4))
    assert check.status is Status.OK


def test_a_clock_before_the_build_year_fails() -> None:
    check = check_clock(datetime(2001, 1, 1, tzinfo=UTC))
    assert check.status is Status.FAIL
    assert "2001-01-01 00:00 UTC" in check.found


def test_a_sane_clock_without_a_server_is_ok() -> None:
    check = check_clock(NOW)
    assert (check.status, check.found) == (
        Status.OK,
        "2026-11-27 10:00 UTC (no upload server to compare with)",
    )


# -- all of them ---------------------------------------------------------------------------


def test_run_checks_runs_each_check_once_in_order(tmp_path: Path, demo_dir: Path) -> None:
    checks = run_checks(
        config(tmp_path, catalog=demo_dir), environ={"WAYLAND_DISPLAY": "wayland-0"}
    )
    assert [c.name for c in checks] == [
        "Screen", "Printer", "Data folder", "Contact log", "Privacy", "Catalog", "Upload",
        "Clock",
    ]  # fmt: skip
    assert status_of(checks[0]) == ("Screen", Status.OK)
    assert status_of(checks[2]) == ("Data folder", Status.OK)
    assert status_of(checks[3]) == ("Contact log", Status.OK)  # none yet
    assert status_of(checks[6]) == ("Upload", Status.WARN)  # no upload target
    assert list((tmp_path / "data").iterdir()) == []
