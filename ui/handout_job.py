"""Make and print a handout off the GUI thread; the result comes back as a signal."""

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.catalog.model import Catalog
from kiosk.config import Config
from kiosk.files import atomic_file
from kiosk.printing import PrintService
from ui.background import outcome


class HandoutJob(QObject):
    """One print at a time: PDF made, written to the data dir, then sent to the printer."""

    started = Signal()
    succeeded = Signal(str)
    failed = Signal(str)
    _finished = Signal(bool, str)

    def __init__(
        self,
        catalog: Catalog,
        config: Config,
        printer: PrintService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog, self.config, self.printer = catalog, config, printer
        self.last_pdf: Path | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout")
        self._finished.connect(self._report, Qt.ConnectionType.QueuedConnection)

    def start(self, service_id: str, language: str) -> None:
        self.started.emit()
        future = self._worker.submit(self._make_and_print, service_id, language)
        future.add_done_callback(self._done)

    def _make_and_print(self, service_id: str, language: str) -> str:
        from kiosk.handouts.document import make_handout  # reportlab: loaded on the first print

        made = make_handout(
            self.catalog, service_id, language=language, paper=self.config.paper,
            site=self.config.site, desk=self.config.desk,
        )  # fmt: skip
        folder = self.config.data_dir / "handouts"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{service_id}-{'+'.join(made.languages)}.pdf"
        with atomic_file(target, "wb") as handle:
            handle.write(made.pdf)
        self.last_pdf = target
        return self.printer.submit(target).result()

    def _done(self, future: "Future[str]") -> None:
        self._finished.emit(*outcome(future, "The handout could not be made; tell IT."))

    @Slot(bool, str)
    def _report(self, ok: bool, message: str) -> None:
        (self.succeeded if ok else self.failed).emit(message)

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
