"""Printing through CUPS against fake ``lp``, ``lpstat`` and ``cancel`` first on PATH.

These cover how the kiosk reads CUPS' answers, cheaply, including answers a real spooler gives
only rarely. That a handout really prints, or is reported not printed in time, or refused on a
stopped printer, is shown against a real cupsd in test_printing_cups.py.
"""

import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas

from kiosk import printing
from kiosk.catalog import load_catalog
from kiosk.handouts.document import make_handout
from kiosk.printing import (
    PrintError,
    PrintResult,
    PrintService,
    print_with_lp,
    receipt_length_mm,
)
from kiosk.printing import cups as cups_commands
from kiosk.resources import demo_catalog_dir

FAKE_HEAD = """#!{python} -IS
import json, os, shutil, sys, time
from pathlib import Path
home = Path(os.environ["FAKE_CUPS"])
state = json.loads((home / "state.json").read_text())
with (home / "calls.jsonl").open("a") as calls:
    calls.write(json.dumps({{"argv": sys.argv[1:], "lc_all": os.environ.get("LC_ALL")}}) + "\\n")
"""
FAKE_LPSTAT = """
if state.get("down"):
    sys.exit("lpstat: Bad file descriptor")
if sys.argv[1:] == ["-d"]:
    default = state["default"]
    print(f"system default destination: {default}" if default else "no system default destination")
    sys.exit(0)
if sys.argv[1:3] == ["-l", "-W"]:
    which, name = sys.argv[3], sys.argv[5]
    job = state["job"]
    if job["list"] == which:
        print(f"{name}-42                 someone           1024   Fri 27 Nov 2026 09:00:00")
        print(f"\\tStatus: {job['status']}\\n\\tAlerts: {job['alerts']}\\n\\tqueued for {name}")
    sys.exit(0)
name = sys.argv[2]
if name not in state["printers"]:
    sys.exit(f'lpstat: Invalid destination name in list "{name}".')
since = "since Fri 27 Nov 2026 09:00:00 GMT"
if state["printers"][name] == "stopped":
    print(f"printer {name} disabled {since} -\\n\\tPaused")
elif state["printers"][name] == "stopped, no reason":
    print(f"printer {name} disabled {since} -\\n\\treason unknown")
else:
    print(f"printer {name} is idle.  enabled {since}")
"""
FAKE_LP = """
time.sleep(state.get("lp_sleep", 0))
if state.get("lp_error"):
    sys.exit("lp: " + state["lp_error"])
pdf = Path(sys.argv[-1])
(home / "received").mkdir(exist_ok=True)
shutil.copy(pdf, home / "received" / pdf.name)
if not state.get("no_job_id"):
    print(f"request id is {sys.argv[sys.argv.index('-d') + 1]}-42 (1 file(s))")
"""
FAKE_CANCEL = """
if state.get("completes_before_cancel"):
    state["job"] = {"list": "completed", "status": "", "alerts": "job-completed-successfully"}
    (home / "state.json").write_text(json.dumps(state))
    sys.exit("cancel: cancel-job failed: Job #42 is already completed - can't cancel.")
state["job"] = {"list": "completed", "status": "", "alerts": "job-canceled-by-user"}
(home / "state.json").write_text(json.dumps(state))
"""
COMPLETED = {"list": "completed", "status": "", "alerts": "job-completed-successfully"}


class FakeCups:
    """What the fake commands answer (``state``) and what they were asked (``calls``)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.state: dict[str, Any] = {
            "printers": {"desk1": "idle"},
            "default": "desk1",
            "job": COMPLETED,
        }
        self.save()

    def save(self) -> None:
        (self.home / "state.json").write_text(json.dumps(self.state))

    def set(self, **changes: Any) -> None:
        self.state.update(changes)
        self.save()

    def calls(self, command: str) -> list[list[str]]:
        path = self.home / "calls.jsonl"
        lines = path.read_text().splitlines() if path.exists() else []
        return [call["argv"] for call in map(json.loads, lines) if call["command"] == command]

    def lp_args(self) -> list[str]:
        (only,) = self.calls("lp")
        return only

    def received(self, pdf: Path) -> bytes:
        return (self.home / "received" / pdf.name).read_bytes()


def write_pdf(path: Path, pages: int = 2) -> Path:
    canvas = Canvas(str(path))
    for number in range(1, pages + 1):
        canvas.drawString(72, 720, f"Check your bin collection day: page {number}")
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "handout.pdf")


@pytest.fixture
def cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeCups:
    if sys.platform == "win32":
        pytest.skip("the fake CUPS commands are POSIX scripts")
    home, bin_dir = tmp_path / "cups", tmp_path / "bin"
    home.mkdir()
    bin_dir.mkdir()
    for name, body in (("lp", FAKE_LP), ("lpstat", FAKE_LPSTAT), ("cancel", FAKE_CANCEL)):
        head = FAKE_HEAD.replace('"argv"', f'"command": "{name}", "argv"')
        script = bin_dir / name
        script.write_text(head.format(python=sys.executable) + body)
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_CUPS", str(home))
    return FakeCups(home)


@pytest.fixture
def no_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def service() -> Iterator[PrintService]:
    service = PrintService("desk1", "a4", deadline_s=0.3, poll_s=0.05)
    yield service
    service.shutdown()


PRINTED = PrintResult(True, "The printer 'desk1' printed the handout (job desk1-42).")
FOLLOW = [["-l", "-W", "not-completed", "-o", "desk1"], ["-l", "-W", "completed", "-o", "desk1"]]


def lp_print(pdf: Path, printer: str | None = "desk1", paper: str = "a4") -> PrintResult:
    return print_with_lp(pdf, printer=printer, paper=paper, deadline_s=0.3, poll_s=0.05)


def test_the_pdf_reaches_the_named_printer_unchanged(cups: FakeCups, pdf: Path) -> None:
    assert lp_print(pdf) == PRINTED
    assert cups.received(pdf) == pdf.read_bytes()
    assert cups.calls("lpstat") == [["-p", "desk1"], *FOLLOW]
    assert cups.lp_args() == [
        *["-d", "desk1", "-o", "media=A4", "-o", "fit-to-page", "-t", "Handout"],
        str(pdf),
    ]


@pytest.mark.parametrize(
    ("paper", "options"),
    [
        ("a5", ["-o", "media=A5", "-o", "fit-to-page"]),
        ("receipt80", ["-o", "media=Custom.80x297mm"]),
    ],
)
def test_paper_chooses_the_media(
    cups: FakeCups, pdf: Path, paper: str, options: list[str]
) -> None:
    lp_print(pdf, paper=paper)
    assert cups.lp_args()[2:-3] == options


def test_lpstat_is_asked_in_english_whatever_the_desk_language(
    cups: FakeCups, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "cy_GB.UTF-8")
    lp_print(pdf)
    lines = (cups.home / "calls.jsonl").read_text().splitlines()
    assert {json.loads(line)["lc_all"] for line in lines} == {"C"}


def test_without_a_printer_setting_the_system_default_is_checked_and_used(
    cups: FakeCups, pdf: Path
) -> None:
    cups.set(printers={"desk1": "idle", "office": "idle"}, default="office")
    assert lp_print(pdf, printer=None).message.startswith("The printer 'office' printed")
    assert cups.calls("lpstat")[:2] == [["-d"], ["-p", "office"]]
    assert cups.lp_args()[:2] == ["-d", "office"]


def test_no_default_printer_means_no_printer(cups: FakeCups, pdf: Path) -> None:
    cups.set(default=None)
    with pytest.raises(PrintError, match=r"^No printer is set up on this computer\.$"):
        lp_print(pdf, printer=None)
    assert cups.calls("lp") == []


def test_a_stopped_printer_is_refused_with_the_reason(cups: FakeCups, pdf: Path) -> None:
    cups.set(printers={"desk1": "stopped"})
    with pytest.raises(PrintError) as raised:
        lp_print(pdf)
    assert str(raised.value) == "The printer 'desk1' is stopped (the system says: Paused)."
    assert cups.calls("lp") == []


def test_a_printer_stopped_without_a_reason_is_not_given_lpstat_s_filler(
    cups: FakeCups, pdf: Path
) -> None:
    cups.set(printers={"desk1": "stopped, no reason"})
    with pytest.raises(PrintError) as raised:
        lp_print(pdf)
    assert str(raised.value) == "The printer 'desk1' is stopped."


def test_an_unknown_printer_is_refused(cups: FakeCups, pdf: Path) -> None:
    with pytest.raises(PrintError) as raised:
        lp_print(pdf, printer="x")
    assert str(raised.value) == "The printer 'x' is not known to this computer."
    assert cups.calls("lp") == []


def test_a_printing_system_that_is_down_is_named(cups: FakeCups, pdf: Path) -> None:
    cups.set(down=True)
    with pytest.raises(PrintError, match=r"printing system is not answering.*Bad file descriptor"):
        lp_print(pdf)


def test_lp_failing_gives_its_own_message_on_one_line(cups: FakeCups, pdf: Path) -> None:
    cups.set(lp_error="The printer or class does not exist.")
    with pytest.raises(PrintError) as raised:
        lp_print(pdf)
    assert str(raised.value) == "Printing failed: The printer or class does not exist."


def test_a_command_that_hangs_is_given_up(
    cups: FakeCups, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cups_commands, "TIMEOUT_SECONDS", 0.3)
    cups.set(lp_sleep=5)
    with pytest.raises(PrintError, match=r"did not answer within 0\.3 seconds"):
        lp_print(pdf)


def test_an_unknown_paper_is_refused_before_cups_is_asked(cups: FakeCups, pdf: Path) -> None:
    with pytest.raises(PrintError, match="'letter' is not one the kiosk knows"):
        lp_print(pdf, paper="letter")
    assert cups.calls("lpstat") == []


# -- following the job: the answers a real spooler gives rarely -------------------------------


def test_a_job_cups_keeps_no_record_of_is_sent_but_not_confirmed(
    cups: FakeCups, pdf: Path
) -> None:
    cups.set(job={"list": "none"})  # PreserveJobHistory No: finished jobs vanish at once
    result = lp_print(pdf)
    assert not result.confirmed
    assert result.message == (
        "The printer 'desk1' took the handout, but the printing system keeps no record to "
        "confirm it printed."
    )


def test_lp_without_a_job_number_is_sent_but_not_confirmed(cups: FakeCups, pdf: Path) -> None:
    cups.set(no_job_id=True)
    result = lp_print(pdf)
    assert not result.confirmed
    assert "gave no job number to check it by" in result.message
    assert cups.calls("lpstat") == [["-p", "desk1"]]


def test_a_job_cups_aborted_did_not_print(cups: FakeCups, pdf: Path) -> None:
    said = "Unable to open serial port: No such file or directory"
    cups.set(job={"list": "completed", "status": said, "alerts": "aborted-by-system"})
    with pytest.raises(PrintError) as raised:
        lp_print(pdf)
    assert str(raised.value) == (
        f"The printing system gave up on the handout for the printer 'desk1' (the system says: "
        f"{said})."
    )


def test_a_job_cups_stopped_after_a_filter_error_fails_at_once_and_is_cancelled(
    cups: FakeCups, pdf: Path
) -> None:
    stopped = {"status": "Filter failed", "alerts": "job-completed-with-errors"}
    cups.set(job={"list": "not-completed", **stopped})
    started = time.monotonic()
    with pytest.raises(PrintError) as raised:
        print_with_lp(pdf, printer="desk1", paper="a4", deadline_s=30, poll_s=0.05)
    assert time.monotonic() - started < 5
    assert str(raised.value) == (
        "The handout could not be prepared for the printer 'desk1' (the system says: Filter "
        "failed); tell IT."
    )
    assert cups.calls("cancel") == [["desk1-42"]]


def test_a_held_job_is_reported_held_at_the_deadline(cups: FakeCups, pdf: Path) -> None:
    held = {"status": "", "alerts": "job-hold-until-specified"}
    cups.set(job={"list": "not-completed", **held})
    with pytest.raises(PrintError, match=r"^The printer 'desk1' held the handout instead"):
        lp_print(pdf)
    assert cups.calls("cancel") == [["desk1-42"]]


def test_a_job_that_completes_as_it_is_cancelled_counts_as_printed(
    cups: FakeCups, pdf: Path
) -> None:
    # lpstat saw it waiting at the deadline; by the time cancel ran, it had printed.
    printing_now = {"list": "not-completed", "status": "Printing page 1", "alerts": "job-printing"}
    cups.set(job=printing_now, completes_before_cancel=True)
    assert lp_print(pdf) == PRINTED
    assert cups.calls("cancel") == [["desk1-42"]]


def test_the_deadline_message_quotes_what_the_printer_said(cups: FakeCups, pdf: Path) -> None:
    said = "Printing page 1, 4% complete."
    cups.set(job={"list": "not-completed", "status": said, "alerts": "job-printing"})
    with pytest.raises(PrintError) as raised:
        lp_print(pdf)
    assert str(raised.value) == (
        f"The printer 'desk1' did not print the handout within 0.3 seconds (the system says: "
        f"{said}); check it is switched on and has paper."
    )
    assert cups.calls("cancel") == [["desk1-42"]]


# -- the service: in the background, one at a time ---------------------------------------------


def test_submit_returns_at_once_and_the_job_finishes_later(
    cups: FakeCups, pdf: Path, service: PrintService
) -> None:
    cups.set(lp_sleep=1)
    started = time.monotonic()
    future = service.submit(pdf)
    assert time.monotonic() - started < 0.2
    assert not future.done()
    assert future.result(timeout=20) == PRINTED
    assert time.monotonic() - started >= 1


def test_the_caller_hears_when_cups_has_the_job(
    cups: FakeCups, pdf: Path, service: PrintService
) -> None:
    sent: list[str] = []
    assert service.submit(pdf, on_sent=sent.append).result(timeout=20) == PRINTED
    assert sent == ["desk1-42"]


def test_jobs_print_one_at_a_time_in_order(
    cups: FakeCups, tmp_path: Path, service: PrintService
) -> None:
    cups.set(lp_sleep=0.2)
    pdfs = [write_pdf(tmp_path / f"handout-{n}.pdf", pages=1) for n in range(3)]
    futures = [service.submit(pdf) for pdf in pdfs]
    assert [future.result(timeout=20) for future in futures] == 3 * [PRINTED]
    assert [call[-1] for call in cups.calls("lp")] == [str(pdf) for pdf in pdfs]


def test_a_failed_job_fails_its_future(cups: FakeCups, pdf: Path, service: PrintService) -> None:
    cups.set(printers={"desk1": "stopped"})
    with pytest.raises(PrintError, match="stopped"):
        service.submit(pdf).result(timeout=20)


@pytest.mark.usefixtures("no_lp")
def test_no_lp_and_no_fallback_means_no_printer(pdf: Path, service: PrintService) -> None:
    with pytest.raises(PrintError, match=r"^No printer is set up on this computer\.$"):
        service.submit(pdf).result(timeout=20)


@pytest.mark.usefixtures("no_lp")
def test_without_lp_the_fallback_prints_but_cannot_confirm_it(pdf: Path) -> None:
    asked = []

    def fallback(pdf: Path, printer: str | None, paper: str) -> str:
        asked.append((pdf, printer, paper))
        return "Sent the handout (2 page(s)) to the printer 'desk1'."

    service = PrintService(None, "receipt80", fallback=fallback)
    result = service.submit(pdf).result(timeout=20)
    service.shutdown()
    assert result == PrintResult(False, "Sent the handout (2 page(s)) to the printer 'desk1'.")
    assert asked == [(pdf, None, "receipt80")]


@pytest.mark.usefixtures("no_lp")
def test_an_unexpected_failure_reaches_staff_as_one_sentence(
    pdf: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(pdf: Path, printer: str | None, paper: str) -> str:
        raise ValueError("driver exploded")

    service = PrintService("desk1", "a4", fallback=broken)
    with pytest.raises(PrintError) as raised:
        service.submit(pdf).result(timeout=20)
    service.shutdown()
    assert str(raised.value) == printing.UNEXPECTED
    assert "driver exploded" in caplog.text


def test_after_shutdown_a_job_is_refused_in_its_future(pdf: Path, service: PrintService) -> None:
    service.shutdown()
    with pytest.raises(PrintError, match="the kiosk is closing"):
        service.submit(pdf).result(timeout=1)


def test_a_given_executor_is_used_and_left_running(cups: FakeCups, pdf: Path) -> None:
    with ThreadPoolExecutor(max_workers=1) as executor:
        service = PrintService("desk1", "a4", executor=executor)
        assert service.submit(pdf).result(timeout=20) == PRINTED
        service.shutdown()
        assert executor.submit(lambda: "still running").result(timeout=5) == "still running"


def test_a_receipt_is_cut_where_the_handout_ends(cups: FakeCups, tmp_path: Path) -> None:
    catalog = load_catalog(demo_catalog_dir())
    made = make_handout(catalog, "report-pothole", paper="receipt80", site="s", desk="d")
    strip = tmp_path / "strip.pdf"
    strip.write_bytes(made.pdf)
    lp_print(strip, paper="receipt80")
    length = receipt_length_mm(strip)
    assert length > 297  # a long service: longer than any fixed sheet
    assert cups.lp_args()[2:4] == ["-o", f"media=Custom.80x{length}mm"]
