"""Printing against a real cupsd (tests/cups_server.py): printed means CUPS completed the job."""

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.catalog import load_catalog
from kiosk.handouts.document import Handout, make_handout
from kiosk.printing import PrintError, PrintResult, PrintService
from kiosk.resources import demo_catalog_dir
from tests.cups_server import DEAD, PDF, STOPPED, CupsServer, cups_server, real_cups
from tests.kiosk.handouts.pdf import read_pdf

__all__ = ["cups_server", "real_cups"]  # the fixtures, shared with other modules

SHORT_DEADLINE = 1.0  # seconds: CUPS says why within 0.1 s; short enough for a test
UNREACHABLE = f"The printer '{DEAD}' cannot be reached: check it is switched on and connected."


@pytest.fixture(scope="module")
def handout() -> Handout:
    catalog = load_catalog(demo_catalog_dir())
    return make_handout(catalog, "pay-council-tax", paper="a4", site="s", desk="d")


@pytest.fixture
def pdf(tmp_path: Path, handout: Handout) -> Path:
    path = tmp_path / "pay-council-tax-en.pdf"
    path.write_bytes(handout.pdf)
    return path


@pytest.fixture
def make_service() -> Iterator[Callable[..., PrintService]]:
    made: list[PrintService] = []

    def make(printer: str | None, deadline_s: float = SHORT_DEADLINE) -> PrintService:
        made.append(PrintService(printer, "a4", deadline_s=deadline_s))
        return made[-1]

    yield make
    for service in made:
        service.shutdown()


def print_and_time(
    service: PrintService, pdf: Path, on_sent: Callable[[str], None] | None = None
) -> tuple[PrintResult | PrintError, float, list[str]]:
    sent: list[str] = []

    def heard(job_id: str) -> None:
        sent.append(job_id)
        if on_sent is not None:
            on_sent(job_id)

    started = time.monotonic()
    try:
        answer: PrintResult | PrintError = service.submit(pdf, on_sent=heard).result(timeout=60)
    except PrintError as exc:
        answer = exc
    return answer, time.monotonic() - started, sent


def after(seconds: float, action: Callable[[], object]) -> Callable[[str], None]:
    """An ``on_sent`` that does ``action`` a moment after CUPS has taken the job."""

    def later(_job_id: str) -> None:
        threading.Timer(seconds, action).start()

    return later


def test_a_handout_printed_on_cups_pdf_comes_out_whole_and_its_qr_scans(
    real_cups: CupsServer, pdf: Path, handout: Handout, make_service: Callable[..., PrintService]
) -> None:
    answer, took, (job_id,) = print_and_time(make_service(PDF, deadline_s=30), pdf)
    assert answer == PrintResult(True, f"The printer '{PDF}' printed the handout (job {job_id}).")
    texts, scans = read_pdf(real_cups.printed_pdf(job_id))
    assert [scan.text for scan in scans] == [handout.qr_data]
    assert "Pay your council tax" in texts[0]
    assert took < 15


def test_a_printer_that_cannot_be_reached_is_not_printed_by_the_deadline_and_is_cancelled(
    real_cups: CupsServer, pdf: Path, make_service: Callable[..., PrintService]
) -> None:
    answer, took, (job_id,) = print_and_time(make_service(DEAD), pdf)
    assert isinstance(answer, PrintError)
    assert str(answer) == UNREACHABLE
    assert SHORT_DEADLINE <= took < SHORT_DEADLINE + 3
    assert job_id not in real_cups.jobs(DEAD)  # nothing left to print later by surprise
    assert "job-canceled-by-user" in job_block(real_cups.jobs(DEAD, "completed"), job_id)


def test_a_stopped_printer_is_refused_with_the_reason_and_nothing_is_queued(
    real_cups: CupsServer, pdf: Path, make_service: Callable[..., PrintService]
) -> None:
    answer, took, sent = print_and_time(make_service(STOPPED, deadline_s=30), pdf)
    assert str(answer) == f"The printer '{STOPPED}' is stopped (the system says: Paper jam)."
    assert (sent, real_cups.jobs(STOPPED, "all")) == ([], "")
    assert took < 5


def test_an_unknown_printer_is_refused(
    real_cups: CupsServer, pdf: Path, make_service: Callable[..., PrintService]
) -> None:
    answer, _, sent = print_and_time(make_service("front-desk"), pdf)
    assert str(answer) == "The printer 'front-desk' is not known to this computer."
    assert sent == []


def test_a_printer_stopped_while_the_handout_waits_fails_at_once_and_the_job_is_cancelled(
    real_cups: CupsServer, pdf: Path, make_service: Callable[..., PrintService]
) -> None:
    # CUPS drops a reason given with -r while a job is printing: lpstat says "reason unknown";
    # on a busy machine the stop can come before the job has begun, and the reason is kept
    stop = after(0.3, lambda: real_cups.run("cupsdisable", "-r", "Out of paper", DEAD))
    answer, took, (job_id,) = print_and_time(make_service(DEAD, deadline_s=30), pdf, stop)
    assert str(answer) in (
        f"The printer '{DEAD}' is stopped.",
        f"The printer '{DEAD}' is stopped (the system says: Out of paper).",
    )
    assert took < 5
    assert job_id not in real_cups.jobs(DEAD)  # it will not print when the printer is back


def test_a_handout_cancelled_at_the_printer_is_not_printed(
    real_cups: CupsServer, pdf: Path, make_service: Callable[..., PrintService]
) -> None:
    answer, took, _ = print_and_time(
        make_service(DEAD, deadline_s=30), pdf, lambda job: real_cups.run("cancel", job)
    )
    assert str(answer) == f"The handout was cancelled at the printer '{DEAD}' before it printed."
    assert took < 5


def test_a_file_cups_cannot_convert_is_not_printed_and_its_stopped_job_cancelled(
    real_cups: CupsServer, tmp_path: Path, make_service: Callable[..., PrintService]
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    answer, took, (job_id,) = print_and_time(make_service(PDF, deadline_s=30), broken)
    assert str(answer).startswith(
        f"The handout could not be prepared for the printer '{PDF}' (the system says: "
    )
    assert str(answer).endswith("); tell IT.")
    assert took < 10
    assert job_id not in real_cups.jobs(PDF)


def job_block(listing: str, job_id: str) -> str:
    """The lines ``lpstat -l`` shows for one job."""
    blocks = listing.replace("\n\t", "\t").splitlines()
    return next(block for block in blocks if block.startswith(f"{job_id} "))
