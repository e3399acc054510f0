"""``kiosk doctor``: is this machine ready to be a kiosk? Each check says what to fix, plainly.

Every check is a plain function returning a ``Check`` (OK, WARN or FAIL, what was found, and
for anything not OK what to do about it, in words council IT staff use). ``run_checks`` runs
them all. Nothing here changes the kiosk's data: the data folder check writes and deletes a
probe file, and the upload check sends an empty batch, which stores nothing
(docs/upload-api.md, "Checking the connection"). Only ``--test-print`` (``check_test_print``)
uses paper: one test page, printed the way handouts are and followed until CUPS says it printed.
"""

import json
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import Enum
from pathlib import Path

from kiosk import __version__
from kiosk.catalog.in_use import CatalogInUse, catalog_in_use
from kiosk.catalog.loader import check_catalog
from kiosk.config import Config, ResolvedConfig
from kiosk.contacts.store import FILE_NAME as CONTACT_LOG_FILE
from kiosk.contacts.store import RECOVERY_HELP
from kiosk.errors import KioskError
from kiosk.files import open_to_others
from kiosk.printing import (
    PrintError,
    PrintResult,
    PrintService,
    check_printer,
    default_printer,
    lp_available,
)
from kiosk.redact import shown_address
from kiosk.upload.answers import Answer, TransportError, parse_body, redirect_target

EARLIEST_SANE_TIME = datetime(2026, 1, 1, tzinfo=UTC)  # this version was built in 2026
MAX_CLOCK_SKEW = timedelta(minutes=5)
UPLOAD_CHECK_TIMEOUT_S = 15.0
_SHOWN_PROBLEMS = 10
_SET_THE_TIME = (
    "turn on automatic time (Linux: sudo timedatectl set-ntp true; Windows: Settings > "
    "Time & language > Set time automatically) and check the time zone"
)


class Status(Enum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    found: str  # what the check saw
    fix: str | None = None  # what to do, for WARN and FAIL


def ok(name: str, found: str) -> Check:
    return Check(name, Status.OK, found)


def warn(name: str, found: str, fix: str) -> Check:
    return Check(name, Status.WARN, found, fix)


def fail(name: str, found: str, fix: str) -> Check:
    return Check(name, Status.FAIL, found, fix)


def exit_code(checks: Sequence[Check]) -> int:
    """0 all OK, 1 any FAIL, 2 warnings only (the kiosk works, but look at them)."""
    statuses = {c.status for c in checks}
    if Status.FAIL in statuses:
        return 1
    return 2 if Status.WARN in statuses else 0


def check_config(resolve: Callable[[], ResolvedConfig]) -> tuple[Check, Config | None]:
    """Whether the configuration can be read at all; the other checks need it."""
    try:
        resolved = resolve()
    except KioskError as exc:
        return fail("Configuration", str(exc), "correct the file and line named above"), None
    files = [f"{f.layer} {f.path}" for f in resolved.files if f.path.is_file()]
    found = ", ".join(files) if files else "no config file: the built-in defaults"
    return ok("Configuration", f"{found} ('kiosk config show' lists every value)"), resolved.config


def run_checks(
    config: Config,
    environ: Mapping[str, str] | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    *,
    test_print: bool = False,
) -> list[Check]:
    environ = os.environ if environ is None else environ
    upload, server_time = check_upload(config)
    printed = [check_test_print(config)] if test_print else []
    in_use = catalog_in_use(config, config.data_dir)
    hub = [check_catalog_updates(config, in_use)] if config.catalog_source else []
    return [
        check_display(environ),
        check_printer_visible(config.printer),
        *printed,
        check_data_dir(config.data_dir),
        check_contact_log(config.data_dir),
        check_privacy(config),
        check_catalog_valid(in_use.folder, in_use.hub.describe() if in_use.hub else None),
        *hub,
        upload,
        check_clock(now(), server_time),
    ]


# -- the screen -------------------------------------------------------------------------------


def check_display(environ: Mapping[str, str], platform: str = sys.platform) -> Check:
    name = "Screen"
    if not platform.startswith("linux"):
        return ok(name, "Windows and macOS always give the kiosk a screen")
    for variable in ("WAYLAND_DISPLAY", "DISPLAY"):
        if environ.get(variable):
            return ok(name, f"a desktop session is available ({variable}={environ[variable]})")
    found = "no desktop session here (neither WAYLAND_DISPLAY nor DISPLAY is set)"
    cage = shutil.which("cage")
    if cage:
        return ok(name, f"{found}; the kiosk's service starts it under cage ({cage})")
    return warn(
        name,
        f"{found}, and the cage kiosk compositor is not installed",
        "install cage (sudo apt install cage) and start the kiosk with the installed service, "
        "or run it from a desktop session (X or Wayland)",
    )


# -- the printer ------------------------------------------------------------------------------


def check_printer_visible(printer: str | None, platform: str = sys.platform) -> Check:
    name = "Printer"
    if shutil.which("lpstat") is None:
        if platform.startswith("win"):
            return warn(
                name,
                "Windows printers are not checked from here",
                "print a test handout from the supervisor area",
            )
        return warn(
            name,
            "the CUPS printing system is not installed (no lpstat), so handouts cannot print",
            "install CUPS (sudo apt install cups) and add the printer, or leave it if this "
            "kiosk shows QR codes only",
        )
    try:
        chosen = printer if printer is not None else default_printer()
        check_printer(chosen)
    except PrintError as exc:
        return fail(name, str(exc), _printer_fix(printer))
    which = "the configured printer" if printer is not None else "the default printer"
    return ok(name, f"{which} '{chosen}' is there and accepting jobs")


def check_test_print(config: Config) -> Check:
    """Print a test page as a handout is printed, and wait for CUPS to say it printed."""
    name = "Test print"
    if not lp_available():
        return warn(
            name,
            "no test page: this computer has no CUPS 'lp' command",
            "print a test handout from the touchscreen's supervisor area instead",
        )
    jobs: list[str] = []
    try:
        printer = config.printer if config.printer is not None else default_printer()
        result = _print_test_page(config, printer, jobs.append)
    except PrintError as exc:
        return fail(name, f"the test page did not print: {exc}", _printer_fix(config.printer))
    if not result.confirmed:
        return warn(name, result.message, "look at the printer: did the test page come out?")
    return ok(name, f"the printer '{printer}' printed a test page (job {jobs[0]})")


def _print_test_page(config: Config, printer: str, on_sent: Callable[[str], None]) -> PrintResult:
    from kiosk.printing.testpage import make_test_page  # reportlab: only for a test page

    service = PrintService(printer, config.paper, deadline_s=config.print_deadline_s)
    page = make_test_page(config.paper, printer, config.site, config.desk, datetime.now())
    # lp copies the file into the spool as it takes the job, so the folder can go after.
    with tempfile.TemporaryDirectory(prefix="kiosk-test-page-") as folder:
        pdf = Path(folder) / "test-page.pdf"
        pdf.write_bytes(page)
        try:
            return service.submit(pdf, on_sent=on_sent).result()
        finally:
            service.shutdown()


def _printer_fix(printer: str | None) -> str:
    if printer is None:
        return (
            "add the printer in CUPS (http://localhost:631 or lpadmin) and make it the default "
            "(lpoptions -d NAME), or name it with printer = in the config file"
        )
    return (
        f"check that printer = '{printer}' is spelt as 'lpstat -p' lists it, that the printer "
        f"is switched on and connected, and re-enable it if stopped (cupsenable {printer})"
    )


# -- the data folder --------------------------------------------------------------------------


def check_data_dir(data_dir: Path) -> Check:
    name = "Data folder"
    try:
        write_probe(data_dir)
    except OSError as exc:
        return fail(
            name,
            f"cannot write in {data_dir} ({exc.strerror or exc})",
            "make the folder exist and belong to the user the kiosk runs as "
            f"(Linux: sudo install -d -o kiosk -g kiosk -m 0700 {data_dir})",
        )
    return ok(name, f"{data_dir} can be written (a test file was written, synced and deleted)")


def check_contact_log(data_dir: Path) -> Check:
    """SQLite's own quick check of the log: every page readable, every index true."""
    from kiosk.contacts.damage_mark import forget_damage, remember_damage
    from kiosk.contacts.recovery import damage

    name = "Contact log"
    path = data_dir / CONTACT_LOG_FILE
    if not path.exists():
        return ok(name, f"no contact log yet: {path} is made when the first contact is saved")
    found = damage(path)
    if not found:
        forget_damage(path)  # put back from a backup, say: no longer to be warned about
        return ok(name, f"{path} passed SQLite's quick check")
    remember_damage(path, "; ".join(found))
    return fail(name, f"{path} is damaged: {'; '.join(found)}", RECOVERY_HELP)


def check_privacy(config: Config) -> Check:
    """Only the kiosk's user may read the contact log, its logs and the upload token."""
    name = "Privacy"
    kept = [
        ("the data folder", config.data_dir, "700"),
        ("the contact log", config.data_dir / CONTACT_LOG_FILE, "600"),
        ("the log folder", config.log_dir, "700"),
        ("the upload token file", config.upload_token_file, "600"),
    ]
    open_ones = [(what, path, mode) for what, path, mode in kept if path and open_to_others(path)]
    if not open_ones:
        return ok(name, "the contact log, the logs and the upload token are this user's only")
    what, path, _ = open_ones[0]
    others = "other users of this computer" if open_to_others(path) & 0o007 else "its group"
    found = f"{what} {path} is open to {others} (mode {oct(path.stat().st_mode)[-3:]})"
    also = f", and {len(open_ones) - 1} more like it" if len(open_ones) > 1 else ""
    return warn(
        name,
        found + also,
        "; ".join(f"chmod {m} {p}" for _, p, m in open_ones)
        + " (the kiosk creates its own files this way; these were made by someone else)",
    )


def write_probe(folder: Path) -> None:
    """Create ``folder`` if needed, then really write, fsync and delete a file in it."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".doctor-probe-{uuid.uuid4().hex}"
    descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(descriptor, b"kiosk doctor probe\n")
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
        probe.unlink(missing_ok=True)


# -- the catalog ------------------------------------------------------------------------------


def check_catalog_valid(catalog: Path, described: str | None = None) -> Check:
    """The catalog in use: the folder's, or (``described``) the hub's newest good version."""
    name = "Catalog"
    result = check_catalog(catalog)
    if result.errors:
        shown = "; ".join(str(p) for p in result.errors[:_SHOWN_PROBLEMS])
        more = len(result.errors) - _SHOWN_PROBLEMS
        extra = f"; and {more} more" if more > 0 else ""
        return fail(
            name,
            f"{catalog} has {len(result.errors)} error(s): {shown}{extra}",
            "fix the catalog files (see docs/catalog.md), then run 'kiosk catalog check'; "
            "until then the kiosk shows its last good copy, if it has one",
        )
    services = len(result.catalog.services) if result.catalog else 0
    warnings = f", {len(result.warnings)} warning(s) ('kiosk catalog check' lists them)"
    shown = f"{described} in {catalog}" if described else str(catalog)
    return ok(name, f"{shown}: {services} services{warnings if result.warnings else ''}")


def check_catalog_updates(config: Config, in_use: CatalogInUse) -> Check:
    """How the last check with the hub went (kept by it; the hub is not asked from here)."""
    name = "Catalog updates"
    root = config.catalog_root
    if not root.is_file():
        return fail(
            name,
            f"catalog_source is set but there is no root metadata file at {root}",
            f"install the hub's 1.root.json (from kiosk hub keys init) as {root}, or set "
            "catalog_root to where it is (docs/catalog.md, Updates from the hub)",
        )
    last = in_use.last_check
    if last is None:
        return warn(
            name,
            "this kiosk has not yet checked the hub for a catalog",
            "run kiosk catalog update (the touchscreen also checks at start)",
        )
    if last.outcome == "failed":
        return warn(
            name,
            last.describe(),
            "act on the reason given; kiosk catalog update tries again at once",
        )
    return ok(name, last.describe())


# -- the upload endpoint ----------------------------------------------------------------------


def check_upload(config: Config) -> tuple[Check, datetime | None]:
    """Reach the endpoint with the configured token; also the server's clock, if it said."""
    name = "Upload"
    target = config.upload_target
    if not config.upload_enabled:
        return ok(name, "uploads are turned off (upload_enabled = false)"), None
    if not target:
        return warn(
            name,
            "no upload_target is set, so contacts stay on this kiosk",
            "set upload_target in the config file to the council's https:// address or a "
            "file:/// shared folder",
        ), None
    if target.startswith("file:"):
        return _check_upload_folder(target), None
    try:
        answer = _send_empty_batch(config, target)
    except KioskError as exc:  # no readable token, or an address that is refused
        return fail(name, str(exc), _TOKEN_FIX), None
    except OSError as exc:  # the certificate file named by upload_ca_bundle
        return fail(
            name,
            f"cannot use the certificate file {config.upload_ca_bundle} ({exc.strerror or exc})",
            "check upload_ca_bundle names a readable PEM file of the council's certificate "
            "authorities, or remove it to use the system's",
        ), None
    except TransportError as exc:
        return fail(
            name,
            f"cannot reach {shown_address(target)}: {exc}",
            "check the network cable or Wi-Fi, the address in upload_target, any proxy "
            "(HTTPS_PROXY) and that the firewall lets this computer reach it",
        ), None
    return _judge_answer(shown_address(target), answer), server_time(answer)


_TOKEN_FIX = (
    "check upload_target, and that the token file named by upload_token_file exists, holds "
    "the token and is readable by the kiosk's user only (Linux: sudo chown kiosk:kiosk FILE; "
    "sudo chmod 600 FILE)"
)


def _send_empty_batch(config: Config, target: str) -> Answer:
    # urllib and ssl load only here, as for a real upload
    from kiosk.upload.transport import HttpTransport, token_from
    from kiosk.upload.uploader import SCHEMA

    token = token_from(config.upload_token_file, config.upload_token_env)
    timeout = min(config.upload_timeout_s, UPLOAD_CHECK_TIMEOUT_S)
    transport = HttpTransport(target, token, timeout, config.upload_ca_bundle)
    batch_id = str(uuid.uuid4())
    document = {
        "schema": SCHEMA,
        "batch_id": batch_id,
        "sent_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": {"site": config.site, "desk": config.desk, "app_version": __version__},
        "contacts": [],
    }
    return transport.send(batch_id, json.dumps(document).encode())


def _judge_answer(target: str, answer: Answer) -> Check:
    """``target`` as it may be shown (``shown_address``): no password, no query values."""
    name, status = "Upload", answer.status
    if 200 <= status < 300 and parse_body(answer.body) is not None:
        return ok(name, f"{target} answered and accepted the token (HTTP {status})")
    if 300 <= status < 400:
        return fail(
            name,
            f"{target} redirects (HTTP {status}) to {redirect_target(answer)}; uploads never "
            "follow a redirect, so nothing, the token least of all, goes there",
            "set upload_target to the upload address itself",
        )
    if status in (401, 403):
        return fail(
            name,
            f"{target} refused the upload token (HTTP {status})",
            "ask the council's central systems team for this kiosk's token, put it in the "
            "file named by upload_token_file, and run kiosk doctor again",
        )
    if status == 404:
        return fail(name, f"nothing at {target} (HTTP 404)", "check the address in upload_target")
    if 200 <= status < 300:
        found = f"{target} answered HTTP {status}, but not as the upload API does"
        return warn(name, found, "check that upload_target is the upload address itself")
    if status in (408, 425, 429) or status >= 500:
        return warn(
            name,
            f"{target} is there but busy or failing (HTTP {status}); uploads will retry",
            "if this lasts, tell the team that runs the council's receiving system",
        )
    return warn(
        name,
        f"{target} answered HTTP {status} to an empty test batch; the token was not refused",
        "ask the receiving system's team to accept an empty batch (docs/upload-api.md)",
    )


def _check_upload_folder(target: str) -> Check:
    from kiosk.upload.transport import local_folder

    try:
        folder = local_folder(target)
    except KioskError as exc:
        return fail("Upload", str(exc), "set upload_target to file:/// and a mounted folder")
    if not folder.is_dir():
        return fail(
            "Upload",
            f"the upload folder {folder} does not exist or is not mounted",
            "mount the network share (check /etc/fstab or the mapped drive) or fix upload_target",
        )
    try:
        write_probe(folder)
    except OSError as exc:
        return fail(
            "Upload",
            f"cannot write in the upload folder {folder} ({exc.strerror or exc})",
            "give the kiosk's user write permission on the share",
        )
    return ok("Upload", f"the upload folder {folder} can be written")


def server_time(answer: Answer) -> datetime | None:
    """The time in the answer's ``Date`` header, if it sent a valid one."""
    try:
        when = parsedate_to_datetime(answer.headers.get("date", ""))
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


# -- the clock --------------------------------------------------------------------------------


def check_clock(now: datetime, server: datetime | None = None) -> Check:
    name = "Clock"
    shown = now.strftime("%Y-%m-%d %H:%M UTC")
    if now < EARLIEST_SANE_TIME:
        return fail(
            name,
            f"this computer's clock says {shown}, before this version was even built",
            f"set the date and time, and {_SET_THE_TIME}; contact times and certificate "
            "checks depend on it",
        )
    if server is None:
        return ok(name, f"{shown} (no upload server to compare with)")
    skew = now - server
    if abs(skew) > MAX_CLOCK_SKEW:
        minutes = round(abs(skew).total_seconds() / 60)
        side = "ahead of" if skew > timedelta(0) else "behind"
        return warn(
            name,
            f"this computer's clock is {minutes} minutes {side} the upload server's",
            _SET_THE_TIME,
        )
    return ok(name, f"{shown}, within {MAX_CLOCK_SKEW.seconds // 60} minutes of the upload server")
