"""Print a handout PDF without ever blocking the desk.

On Linux the job goes to CUPS with ``lp``, after ``lpstat`` has said the printer is there and
not stopped; where there is no ``lp`` (Windows) a fallback printer from ``ui/`` is used. Every
job runs on a background worker, one at a time and in order; the caller gets a ``Future``.
"""

import logging
import math
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final, Self

from kiosk.config import Config
from kiosk.errors import KioskError

log = logging.getLogger(__name__)

Fallback = Callable[[Path, str | None, str], str]
"""Prints ``pdf`` on ``printer`` (None: the default) on ``paper``; returns a confirmation."""

NO_PRINTER: Final = "No printer is set up on this computer."
UNEXPECTED: Final = (
    "Printing failed for an unexpected reason; try again, and tell IT if it keeps happening."
)
TIMEOUT_SECONDS: Final = 30
JOB_TITLE: Final = "Handout"
RECEIPT80_MEDIA: Final = "Custom.80x{length}mm"
_MEDIA_BOX: Final = re.compile(rb"/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+[\d.]+\s+([\d.]+)\s*\]")
PAPER_MM: Final[dict[str, tuple[float, float]]] = {
    "a4": (210, 297),
    "a5": (148, 210),
    "receipt80": (80, 297),
}
_LP_MEDIA: Final = {"a4": "A4", "a5": "A5", "receipt80": RECEIPT80_MEDIA}


def receipt_length_mm(pdf: Path) -> int:
    """How long a strip of roll paper the (one-page) handout needs; 297 if it cannot tell."""
    try:
        found = _MEDIA_BOX.search(pdf.read_bytes())
    except OSError:
        found = None
    return math.ceil(round(float(found[1]) / 72 * 25.4, 1)) if found else 297


class PrintError(KioskError):
    """A handout could not be printed; the message says what staff can do about it."""


def paper_size_mm(paper: str) -> tuple[float, float]:
    """Width and height in millimetres of one page of ``paper``."""
    try:
        return PAPER_MM[paper]
    except KeyError:
        raise PrintError(_unknown_paper(paper)) from None


def lp_media(paper: str, pdf: Path | None = None) -> str:
    """The ``-o media=`` value for ``paper``.

    a4 and a5 use the IPP/PWG names every CUPS driver knows (``A4``, ``A5``). An 80 mm receipt
    printer has no standard size, but CUPS receipt drivers accept a custom one,
    ``Custom.WIDTHxLENGTHmm``: the length is that of the handout's one long page, so the
    printer cuts the roll where the handout ends.
    """
    try:
        media = _LP_MEDIA[paper]
    except KeyError:
        raise PrintError(_unknown_paper(paper)) from None
    length = receipt_length_mm(pdf) if pdf is not None else 297
    return media.format(length=length)


def _unknown_paper(paper: str) -> str:
    return f"The paper '{paper}' is not one the kiosk knows; use a4, a5 or receipt80."


def lp_available() -> bool:
    return shutil.which("lp") is not None


def print_with_lp(pdf: Path, *, printer: str | None, paper: str) -> str:
    """Send ``pdf`` as it is to CUPS; returns lp's job line, e.g. 'request id is desk1-42 …'."""
    media = lp_media(paper, pdf)
    # The default is looked up first so the job goes to the very printer that was checked.
    name = printer if printer is not None else default_printer()
    check_printer(name)
    command = ["lp", "-d", name, "-o", f"media={media}"]
    if paper != "receipt80":
        command += ["-o", "fit-to-page"]
    # Absolute, so a file name starting with "-" cannot be taken for an option.
    done = _run([*command, "-t", JOB_TITLE, str(pdf.absolute())])
    if done.returncode != 0:
        raise PrintError(f"Printing failed: {_first_line(done.stderr or done.stdout)}")
    job_line = done.stdout.strip().splitlines()
    return job_line[0] if job_line else f"Sent the handout to the printer '{name}'."


def default_printer() -> str:
    """The system's default printer, as ``lpstat -d`` names it."""
    done = _run(["lpstat", "-d"])
    answer = _first_line(done.stdout)
    prefix = "system default destination:"
    if done.returncode == 0 and answer.startswith(prefix):
        return answer.removeprefix(prefix).strip()
    if done.returncode == 0 or "no system default destination" in answer:
        raise PrintError(NO_PRINTER)
    raise _not_answering(done)


def check_printer(name: str) -> None:
    """Refuse a printer ``lpstat -p`` does not know or reports as stopped."""
    done = _run(["lpstat", "-p", name])
    lines = done.stdout.splitlines()
    status = next((i for i, line in enumerate(lines) if line.startswith(f"printer {name} ")), None)
    if status is None and (done.returncode == 0 or "Invalid destination" in done.stderr):
        raise PrintError(f"The printer '{name}' is not known to this computer.")
    if status is None:
        raise _not_answering(done)
    if " disabled since " in lines[status] or " is disabled" in lines[status]:
        reasons = [line.strip() for line in lines[status + 1 :] if line[:1].isspace()]
        said = "; ".join(reason for reason in reasons if reason) or lines[status].strip()
        raise PrintError(f"The printer '{name}' is stopped (the system says: {said}).")


def _not_answering(done: subprocess.CompletedProcess[str]) -> PrintError:
    said = _first_line(done.stderr or done.stdout)
    return PrintError(
        f"The printing system is not answering (it says: {said}); "
        "restart the computer, and tell IT if it keeps happening."
    )


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    # lpstat's answers are parsed, so they must be in English whatever the desk's language.
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env=environment,
        )
    except FileNotFoundError:
        raise PrintError(NO_PRINTER) from None
    except subprocess.TimeoutExpired:
        raise PrintError(
            f"The printing system did not answer within {TIMEOUT_SECONDS} seconds; "
            "restart the computer if this keeps happening."
        ) from None
    except OSError as exc:
        raise PrintError(f"Printing failed: {exc.strerror or exc}") from None


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "no reason given")
    return line.removeprefix("lp: ").removeprefix("lpstat: ")


class PrintService:
    """Prints handouts in the background, one job at a time, in the order they were sent."""

    def __init__(
        self,
        printer: str | None,
        paper: str,
        *,
        fallback: Fallback | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.printer = printer
        self.paper = paper
        self._fallback = fallback
        self._owns_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="print")

    @classmethod
    def from_config(cls, config: Config, *, fallback: Fallback | None = None) -> Self:
        return cls(config.printer, config.paper, fallback=fallback)

    def submit(self, pdf: Path) -> Future[str]:
        """Queue ``pdf``; returns at once. The future gives the confirmation or a PrintError."""
        try:
            return self._executor.submit(self._print, pdf)
        except RuntimeError:  # the executor was shut down: the kiosk is closing
            refused: Future[str] = Future()
            refused.set_exception(PrintError("Printing has stopped because the kiosk is closing."))
            return refused

    def shutdown(self) -> None:
        """Finish the jobs already sent, then stop (an executor passed in is left running)."""
        if self._owns_executor:
            self._executor.shutdown(wait=True)

    def _print(self, pdf: Path) -> str:
        try:
            return self._print_now(pdf)
        except PrintError:
            raise
        except Exception as exc:
            log.exception("printing %s failed unexpectedly", pdf)
            raise PrintError(UNEXPECTED) from exc

    def _print_now(self, pdf: Path) -> str:
        if lp_available():
            return print_with_lp(pdf, printer=self.printer, paper=self.paper)
        if self._fallback is not None:
            return self._fallback(pdf, self.printer, self.paper)
        raise PrintError(NO_PRINTER)
