"""Printing with Qt (the fallback where there is no lp) and print jobs reporting to the GUI.

The jobs that report printed or not printed go through a real cupsd (tests/cups_server.py);
the Qt fallback, which cannot see a job finish, reports sent but unconfirmed.
"""

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from pytestqt.qtbot import QtBot

from kiosk.catalog import load_catalog
from kiosk.config import Config
from kiosk.handouts.maker import HandoutMaker
from kiosk.printing import NO_PRINTER, PrintError, PrintService
from kiosk.resources import demo_catalog_dir
from tests.cups_server import DEAD, PDF, CupsServer, cups_server, real_cups
from tests.kiosk.test_printing import write_pdf
from ui.handout_job import HandoutJob
from ui.printing import PrintJobRunner, page_size, print_pdf_onto, print_with_qt

__all__ = ["cups_server", "real_cups"]  # the fixtures

Fallback = Callable[[Path, str | None, str], str]


def pdf_printer(output: Path, paper: str = "a4") -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    printer.setPageSize(page_size(paper))
    return printer


def read_back(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def print_to_file(output: Path) -> Fallback:
    """A fallback like print_with_qt, but onto a PDF file instead of a real printer."""

    def fallback(pdf: Path, printer: str | None, paper: str) -> str:
        return f"{print_pdf_onto(pdf, pdf_printer(output, paper))} page(s) printed"

    return fallback


class InlineExecutor(Executor):
    """Runs each job at once on the calling thread: the future is done before submit returns."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "handout.pdf", pages=3)


@pytest.fixture
def no_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No lp on PATH, so PrintService uses its fallback, as on Windows."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def make_runner(qtbot: QtBot, no_lp: None) -> Iterator[Callable[[Fallback], PrintJobRunner]]:
    services: list[PrintService] = []

    def make(fallback: Fallback) -> PrintJobRunner:
        services.append(PrintService("desk1", "a4", fallback=fallback))
        return PrintJobRunner(services[-1])

    yield make
    for service in services:
        service.shutdown()


def test_every_page_is_printed(qtbot: QtBot, pdf: Path, tmp_path: Path) -> None:
    output = tmp_path / "printed.pdf"
    assert print_pdf_onto(pdf, pdf_printer(output)) == 3
    assert read_back(output).pageCount() == 3


def test_receipt_paper_is_80_mm_wide(qtbot: QtBot, pdf: Path, tmp_path: Path) -> None:
    output = tmp_path / "printed.pdf"
    print_pdf_onto(pdf, pdf_printer(output, "receipt80"))
    width_in_points = read_back(output).pagePointSize(0).width()
    assert width_in_points == pytest.approx(80 / 25.4 * 72, abs=1)


def test_printing_from_a_worker_thread_works(qtbot: QtBot, pdf: Path, tmp_path: Path) -> None:
    # Qt warnings fail the test, so this also shows the worker thread raises none.
    output = tmp_path / "printed.pdf"
    with ThreadPoolExecutor(max_workers=1) as worker:
        pages = worker.submit(lambda: print_pdf_onto(pdf, pdf_printer(output))).result(20)
    assert pages == 3
    assert read_back(output).pageCount() == 3


def test_a_missing_handout_is_named(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(PrintError, match=r"missing \(gone.pdf\)"):
        print_pdf_onto(tmp_path / "gone.pdf", pdf_printer(tmp_path / "printed.pdf"))


def test_a_broken_handout_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_text("not a PDF")
    with pytest.raises(PrintError, match="could not be read for printing"):
        print_pdf_onto(broken, pdf_printer(tmp_path / "printed.pdf"))


@pytest.fixture
def no_printers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups.sock"))
    if QPrinterInfo.availablePrinterNames():
        pytest.skip("this computer has printers; the test must not print on one")


@pytest.mark.usefixtures("no_printers")
def test_no_printers_means_no_printer(qtbot: QtBot, pdf: Path) -> None:
    with pytest.raises(PrintError) as raised:
        print_with_qt(pdf, None, "a4")
    assert str(raised.value) == NO_PRINTER


@pytest.mark.usefixtures("no_printers")
def test_an_unknown_printer_is_named(qtbot: QtBot, pdf: Path) -> None:
    with pytest.raises(PrintError) as raised:
        print_with_qt(pdf, "desk1", "a4")
    assert str(raised.value) == "The printer 'desk1' is not known to this computer."


def test_runner_reports_the_fallback_as_sent_not_printed_on_the_gui_thread(
    qtbot: QtBot, pdf: Path, tmp_path: Path, make_runner: Callable[[Fallback], PrintJobRunner]
) -> None:
    runner = make_runner(print_to_file(tmp_path / "printed.pdf"))
    busy: list[bool] = []
    threads: list[int] = []
    printed: list[str] = []
    runner.busy_changed.connect(busy.append)
    runner.succeeded.connect(printed.append)
    # Direct, so the lambda runs on whichever thread emits (a plain lambda would be queued).
    emitted_on = Qt.ConnectionType.DirectConnection
    runner.sent_unconfirmed.connect(lambda _: threads.append(threading.get_ident()), emitted_on)
    with qtbot.waitSignal(runner.sent_unconfirmed, timeout=20_000) as done:
        runner.start(pdf)
        assert runner.busy
    assert done.args == ["3 page(s) printed"]
    assert printed == []  # Qt cannot see the job finish, so it never claims printed
    assert threads == [threading.main_thread().ident]
    assert busy == [True, False]
    assert not runner.busy


def test_runner_reports_failure_with_the_message(
    qtbot: QtBot, pdf: Path, make_runner: Callable[[Fallback], PrintJobRunner]
) -> None:
    def jammed(pdf: Path, printer: str | None, paper: str) -> str:
        raise PrintError("The printer 'desk1' is stopped (the system says: Paused).")

    runner = make_runner(jammed)
    with qtbot.waitSignal(runner.failed, timeout=20_000) as done:
        runner.start(pdf)
    assert done.args == ["The printer 'desk1' is stopped (the system says: Paused)."]
    assert not runner.busy


@pytest.mark.usefixtures("no_lp")
def test_runner_reports_only_after_start_returns(qtbot: QtBot, pdf: Path) -> None:
    service = PrintService(None, "a4", fallback=lambda *_: "sent", executor=InlineExecutor())
    runner = PrintJobRunner(service)
    results: list[str] = []
    runner.sent_unconfirmed.connect(results.append)
    with qtbot.waitSignal(runner.sent_unconfirmed, timeout=5_000):
        runner.start(pdf)
        assert results == []
    assert results == ["sent"]


# -- through a real cupsd ----------------------------------------------------------------------


@pytest.fixture
def real_service() -> Iterator[Callable[[str], PrintService]]:
    made: list[PrintService] = []

    def make(printer: str) -> PrintService:
        made.append(PrintService(printer, "a4", deadline_s=1))
        return made[-1]

    yield make
    for service in made:
        service.shutdown()


def test_runner_says_sending_then_printed_when_cups_completes_the_job(
    qtbot: QtBot, pdf: Path, real_cups: CupsServer, real_service: Callable[[str], PrintService]
) -> None:
    runner = PrintJobRunner(real_service(PDF))
    heard: list[str] = []
    runner.sending.connect(lambda job: heard.append(f"sending {job}"))
    runner.succeeded.connect(lambda message: heard.append("printed"))
    with qtbot.waitSignal(runner.succeeded, timeout=30_000):
        runner.start(pdf)
    (sending, printed) = heard
    assert (sending.startswith(f"sending {PDF}-"), printed) == (True, "printed")
    real_cups.printed_pdf(sending.removeprefix("sending "))


def test_runner_says_not_printed_and_why_when_the_printer_cannot_be_reached(
    qtbot: QtBot, pdf: Path, real_cups: CupsServer, real_service: Callable[[str], PrintService]
) -> None:
    runner = PrintJobRunner(real_service(DEAD))
    with qtbot.waitSignal(runner.failed, timeout=30_000) as failed:
        runner.start(pdf)
    assert failed.args == [
        f"The printer '{DEAD}' cannot be reached: check it is switched on and connected."
    ]
    assert not runner.busy


# -- the handout job the service screen uses ---------------------------------------------------


@pytest.fixture
def make_job(
    qtbot: QtBot, tmp_path: Path, real_service: Callable[[str], PrintService]
) -> Iterator[Callable[[PrintService], HandoutJob]]:
    jobs: list[HandoutJob] = []
    catalog = load_catalog(demo_catalog_dir())
    config = Config(data_dir=tmp_path / "data", site="s", desk="d")
    maker = HandoutMaker(catalog)

    def make(service: PrintService) -> HandoutJob:
        jobs.append(HandoutJob(maker, config, service))
        return jobs[-1]

    yield make
    for job in jobs:
        job.shutdown()
    maker.shutdown()


def record(job: HandoutJob) -> list[str]:
    heard: list[str] = []
    job.started.connect(lambda: heard.append("started"))
    job.sending.connect(lambda _: heard.append("sending"))
    for name in ("succeeded", "sent_unconfirmed", "failed"):
        getattr(job, name).connect(lambda message, name=name: heard.append(f"{name}: {message}"))
    return heard


def test_a_handout_cups_printed_is_started_sending_then_succeeded(
    qtbot: QtBot,
    real_cups: CupsServer,
    real_service: Callable[[str], PrintService],
    make_job: Callable[[PrintService], HandoutJob],
) -> None:
    job = make_job(real_service(PDF))
    heard = record(job)
    with qtbot.waitSignal(job.succeeded, timeout=30_000):
        job.start("pay-council-tax", "en")
    assert heard[:2] == ["started", "sending"]
    assert heard[2].startswith(f"succeeded: The printer '{PDF}' printed the handout (job ")
    assert len(heard) == 3
    assert job.last_pdf == job.config.data_dir / "handouts" / "pay-council-tax-en.pdf"
    real_cups.printed_pdf(heard[2].rsplit("job ", 1)[1].rstrip(")."))


def test_a_handout_the_printer_never_got_is_started_sending_then_failed(
    qtbot: QtBot,
    real_cups: CupsServer,
    real_service: Callable[[str], PrintService],
    make_job: Callable[[PrintService], HandoutJob],
) -> None:
    job = make_job(real_service(DEAD))
    heard = record(job)
    with qtbot.waitSignal(job.failed, timeout=30_000):
        job.start("pay-council-tax", "en")
    assert heard == [
        "started",
        "sending",
        f"failed: The printer '{DEAD}' cannot be reached: check it is switched on and connected.",
    ]


@pytest.mark.usefixtures("no_lp")
def test_a_handout_sent_through_qt_is_sent_unconfirmed_never_succeeded(
    qtbot: QtBot, tmp_path: Path, make_job: Callable[[PrintService], HandoutJob]
) -> None:
    service = PrintService("desk1", "a4", fallback=print_to_file(tmp_path / "printed.pdf"))
    job = make_job(service)
    heard = record(job)
    with qtbot.waitSignal(job.sent_unconfirmed, timeout=30_000):
        job.start("pay-council-tax", "en")
    service.shutdown()
    assert heard == ["started", "sent_unconfirmed: 1 page(s) printed"]
    assert read_back(tmp_path / "printed.pdf").pageCount() == 1
