"""``PrintService``: handouts printed in the background, one job at a time, in order."""

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Self

from kiosk.config import Config
from kiosk.logs import FILE_ONLY
from kiosk.printing.cups import lp_available
from kiosk.printing.lp import DEADLINE_SECONDS, POLL_SECONDS, OnSent, print_with_lp
from kiosk.printing.outcome import PrintError, PrintResult
from kiosk.printing.problems import PrintProblem

log = logging.getLogger(__name__)

Fallback = Callable[[Path, str | None, str], str]
"""Prints ``pdf`` on ``printer`` (None: the default) on ``paper``; returns what it did.

It cannot see the job finish, so what it returns is reported as sent, not as printed.
"""


class PrintService:
    """Prints handouts in the background, one job at a time, in the order they were sent."""

    def __init__(
        self,
        printer: str | None,
        paper: str,
        *,
        deadline_s: float = DEADLINE_SECONDS,
        poll_s: float = POLL_SECONDS,
        fallback: Fallback | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.printer = printer
        self.paper = paper
        self.deadline_s = deadline_s
        self.poll_s = poll_s
        self._fallback = fallback
        self._owns_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="print")

    @classmethod
    def from_config(cls, config: Config, *, fallback: Fallback | None = None) -> Self:
        return cls(
            config.printer, config.paper, deadline_s=config.print_deadline_s, fallback=fallback
        )

    def submit(self, pdf: Path, on_sent: OnSent | None = None) -> Future[PrintResult]:
        """Queue ``pdf``; returns at once. The future gives a ``PrintResult`` or a PrintError.

        ``on_sent`` is called on the print worker's thread with the job id once CUPS has
        taken the job and the kiosk is waiting for it to print.
        """
        try:
            return self._executor.submit(self._print, pdf, on_sent)
        except RuntimeError:  # the executor was shut down: the kiosk is closing
            refused: Future[PrintResult] = Future()
            refused.set_exception(PrintError(PrintProblem("closing")))
            return refused

    def shutdown(self) -> None:
        """Finish the jobs already sent, then stop (an executor passed in is left running)."""
        if self._owns_executor:
            self._executor.shutdown(wait=True)

    def _print(self, pdf: Path, on_sent: OnSent | None) -> PrintResult:
        try:
            return self._print_now(pdf, on_sent)
        except PrintError as exc:
            # the person printing is told already, in these words
            log.warning("%s not printed: %s", pdf.name, exc, extra=FILE_ONLY)
            raise
        except Exception as exc:
            log.exception("printing %s failed unexpectedly", pdf)
            raise PrintError(PrintProblem("unexpected")) from exc

    def _print_now(self, pdf: Path, on_sent: OnSent | None) -> PrintResult:
        if lp_available():
            return print_with_lp(
                pdf,
                printer=self.printer,
                paper=self.paper,
                deadline_s=self.deadline_s,
                poll_s=self.poll_s,
                on_sent=on_sent,
            )
        if self._fallback is not None:
            return PrintResult(False, self._fallback(pdf, self.printer, self.paper))
        raise PrintError(PrintProblem("no_printer"))
