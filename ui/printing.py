"""Printing with Qt where there is no ``lp`` (Windows), and print jobs that report to widgets.

``print_with_qt`` is ``PrintService``'s fallback and runs on its worker thread: Qt supports
QPainter on a QPrinter outside the GUI thread, and QPdfDocument renders to a QImage there.
Qt cannot see a job finish on the printer, so what it sends is reported as sent, never as
printed (``PrintResult.confirmed`` is False).
"""

import logging
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QSizeF, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.printing import (
    JOB_TITLE,
    PrintError,
    PrintResult,
    PrintService,
    paper_size_mm,
    receipt_length_mm,
)
from kiosk.printing.problems import PrintProblem
from ui.background import outcome
from ui.print_words import print_problem_words, unexpected_print_failure

log = logging.getLogger(__name__)

PRINTED, UNCONFIRMED, FAILED = "printed", "unconfirmed", "failed"

# Printers report 600-1200 dpi; a handout page rendered that fine would take hundreds of MB.
RENDER_DPI_LIMIT = 300
POINTS_PER_INCH = 72


def print_with_qt(pdf: Path, printer: str | None, paper: str) -> str:
    """Print ``pdf`` on ``printer`` (None: the system default) without a dialog."""
    info = _printer_info(printer)
    device = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    device.setDocName(JOB_TITLE)
    if not device.setPageSize(page_size(paper, receipt_length_mm(pdf))):
        log.warning("printer %s does not take %s paper; using its own", info.printerName(), paper)
    pages = print_pdf_onto(pdf, device)
    return f"Sent the handout ({pages} page(s)) to the printer '{info.printerName()}'."


def _printer_info(name: str | None) -> QPrinterInfo:
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise PrintError(
            PrintProblem("unknown_printer", printer=name) if name else PrintProblem("no_printer")
        )
    if info.state() == QPrinter.PrinterState.Error:
        raise PrintError(PrintProblem("fault", printer=info.printerName()))
    return info


def page_size(paper: str, receipt_length: int = 297) -> QPageSize:
    """A4 and A5 as Qt's standard sizes, receipt80 as a custom page 80 mm wide."""
    width, height = paper_size_mm(paper)
    if paper == "receipt80":
        height = receipt_length
    # Fuzzy matching turns 210 x 297 mm into Qt's own A4, which drivers recognise by name.
    return QPageSize(
        QSizeF(width, height),
        QPageSize.Unit.Millimeter,
        paper,
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )


def print_pdf_onto(pdf: Path, printer: QPrinter) -> int:
    """Draw each page of ``pdf`` onto ``printer``, fitted to its printable area; returns pages."""
    document = _open(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(PrintProblem("would_not_start"))
    try:
        for index in range(document.pageCount()):
            if index and not printer.newPage():
                raise PrintError(PrintProblem("stopped_part_way"))
            _draw_page(painter, document, index, min(printer.resolution(), RENDER_DPI_LIMIT))
    finally:
        painter.end()
    return document.pageCount()


def _open(pdf: Path) -> QPdfDocument:
    document = QPdfDocument()
    error = document.load(str(pdf))
    if error == QPdfDocument.Error.FileNotFound:
        raise PrintError(PrintProblem("pdf_missing", file=pdf.name))
    if error != QPdfDocument.Error.None_ or document.pageCount() == 0:
        raise PrintError(PrintProblem("pdf_unreadable", file=pdf.name))
    return document


def _draw_page(painter: QPainter, document: QPdfDocument, index: int, dpi: int) -> None:
    points = document.pagePointSize(index)
    pixels = (points * dpi / POINTS_PER_INCH).toSize()
    image = document.render(index, pixels)
    if image.isNull():
        raise PrintError(PrintProblem("page_undrawable", page=index + 1))
    painter.drawImage(_fitted(image, painter.viewport()), image)


def _fitted(image: QImage, area: QRect) -> QRect:
    """Where ``image`` goes: as large as fits in ``area``, at the top, centred across."""
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.left() + (area.width() - size.width()) // 2
    return QRect(left, area.top(), size.width(), size.height())


def print_outcome(future: "Future[PrintResult]", unexpected: str) -> tuple[str, str]:
    """(PRINTED, UNCONFIRMED or FAILED, the words for it) for a finished print job.

    Call it on the GUI thread: a failure is put into the interface's language.
    """
    ok, message = outcome(future, unexpected)
    if not ok:
        error = future.exception()
        if isinstance(error, PrintError) and error.problem is not None:
            message = print_problem_words(error.problem)
        return FAILED, message
    return (PRINTED if future.result().confirmed else UNCONFIRMED), message


class PrintJobRunner(QObject):
    """Runs a ``PrintService`` for a screen: ``start`` returns at once; results come as signals.

    ``sending(job_id)`` once the spooler has taken the job and the kiosk waits for it to print;
    then one of ``succeeded`` (the spooler says it printed), ``sent_unconfirmed`` (sent, but
    nothing can confirm it printed: the Qt fallback) or ``failed`` (it did not print, and why).
    All are emitted on this object's (the GUI) thread, after ``start`` has returned, whichever
    thread finished the job.
    """

    sending = Signal(str)
    succeeded = Signal(str)
    sent_unconfirmed = Signal(str)
    failed = Signal(str)
    busy_changed = Signal(bool)
    _sent = Signal(str)
    _finished = Signal(object)  # the job's Future, read on the GUI thread

    def __init__(self, service: PrintService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._pending = 0
        # Queued even when emitted on this thread, so results never arrive inside start().
        self._sent.connect(self.sending, Qt.ConnectionType.QueuedConnection)
        self._finished.connect(self._report, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        """Whether a job sent by this runner has not finished yet."""
        return self._pending > 0

    def start(self, pdf: Path) -> None:
        self._set_pending(self._pending + 1)
        self._service.submit(pdf, on_sent=self._on_sent).add_done_callback(self._on_done)

    def _on_sent(self, job_id: str) -> None:
        """Runs on the print worker's thread."""
        try:
            self._sent.emit(job_id)
        except RuntimeError:
            log.info("print job %s was sent after its screen closed", job_id)

    def _on_done(self, future: "Future[PrintResult]") -> None:
        """Runs on the print worker's thread: only hands the outcome over to the GUI thread."""
        try:
            self._finished.emit(future)
        except RuntimeError:
            log.info("a print job finished after its screen closed")

    @Slot(object)
    def _report(self, future: "Future[PrintResult]") -> None:
        kind, message = print_outcome(future, unexpected_print_failure())
        self._set_pending(self._pending - 1)
        signals = {PRINTED: self.succeeded, UNCONFIRMED: self.sent_unconfirmed}
        signals.get(kind, self.failed).emit(message)

    def _set_pending(self, pending: int) -> None:
        was_busy = self.busy
        self._pending = pending
        if self.busy != was_busy:
            self.busy_changed.emit(self.busy)
