"""Make and print a handout off the GUI thread; how it went comes back as signals."""

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.config import Config
from kiosk.files import atomic_file
from kiosk.handouts.maker import HandoutMaker
from kiosk.printing import PrintResult, PrintService
from ui.print_words import handout_not_made
from ui.printing import PRINTED, UNCONFIRMED, print_outcome

log = logging.getLogger(__name__)


class HandoutJob(QObject):
    """One print at a time: PDF made, written to the data dir, then sent to the printer.

    ``started`` at once; ``sending(job_id)`` when the printing system has taken the job and the
    kiosk waits for the printer to finish it; then exactly one of ``succeeded`` (the printing
    system says it printed), ``sent_unconfirmed`` (sent, but this computer cannot confirm it
    printed: the Qt fallback on Windows) or ``failed`` (it did not print; the message says
    why). All are emitted on the GUI thread, never inside ``start``.
    """

    started = Signal()
    sending = Signal(str)
    succeeded = Signal(str)
    sent_unconfirmed = Signal(str)
    failed = Signal(str)
    _sent = Signal(str)
    _finished = Signal(object)  # the job's Future, read on the GUI thread

    def __init__(
        self,
        maker: HandoutMaker,
        config: Config,
        printer: PrintService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config, self.printer = config, printer
        self.last_pdf: Path | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout")
        self.maker = maker  # reportlab in a process of its own, one for the whole kiosk
        self._sent.connect(self.sending, Qt.ConnectionType.QueuedConnection)
        self._finished.connect(self._report, Qt.ConnectionType.QueuedConnection)

    def start(self, service_id: str, language: str, *, page_url: str | None = None) -> None:
        """``page_url``: a page of the service's site, in place of the service's address."""
        self.started.emit()
        future = self._worker.submit(self._make_and_print, service_id, language, page_url)
        future.add_done_callback(self._done)

    def _make_and_print(self, service_id: str, language: str, page_url: str | None) -> PrintResult:
        made = self.maker.make(
            service_id, language=language, paper=self.config.paper,
            site=self.config.site, desk=self.config.desk, page_url=page_url,
        )  # fmt: skip
        folder = self.config.data_dir / "handouts"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{service_id}-{'+'.join(made.languages)}.pdf"
        with atomic_file(target, "wb") as handle:
            handle.write(made.pdf)
        self.last_pdf = target
        return self.printer.submit(target, on_sent=self._on_sent).result()

    def _on_sent(self, job_id: str) -> None:
        """Runs on the print worker's thread."""
        try:
            self._sent.emit(job_id)
        except RuntimeError:
            log.info("print job %s was sent after its screen closed", job_id)

    def _done(self, future: "Future[PrintResult]") -> None:
        try:
            self._finished.emit(future)
        except RuntimeError:
            log.info("a handout finished after its screen closed")

    @Slot(object)
    def _report(self, future: "Future[PrintResult]") -> None:
        kind, message = print_outcome(future, handout_not_made())
        signals = {PRINTED: self.succeeded, UNCONFIRMED: self.sent_unconfirmed}
        signals.get(kind, self.failed).emit(message)

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
