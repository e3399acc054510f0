"""Print with CUPS and wait for the truth: printed only once CUPS says the job completed."""

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from kiosk.logs import FILE_ONLY
from kiosk.printing.cups import cancel, check_printer, default_printer, send
from kiosk.printing.jobs import Job, JobState, read_job
from kiosk.printing.outcome import PrintError, PrintResult
from kiosk.printing.paper import lp_media
from kiosk.printing.problems import PrintProblem

log = logging.getLogger(__name__)

DEADLINE_SECONDS: Final = 45.0
POLL_SECONDS: Final = 0.25
OnSent = Callable[[str], None]
"""Told the job id once CUPS has taken the job, while the kiosk waits for it to print."""

# What CUPS backends say when they cannot get through to the printer.
_UNREACHABLE: Final = (
    "may not exist",
    "unavailable",
    "not responding",
    "unable to connect",
    "unable to locate",
    "offline",
    "connection refused",
    "no route to host",
    "host is down",
    "network is unreachable",
    "waiting for printer to become available",
)


def print_with_lp(
    pdf: Path,
    *,
    printer: str | None,
    paper: str,
    deadline_s: float = DEADLINE_SECONDS,
    poll_s: float = POLL_SECONDS,
    on_sent: OnSent | None = None,
) -> PrintResult:
    """Send ``pdf`` as it is to CUPS, then follow the job until it ends or the deadline."""
    lp_media(paper)  # an unknown paper is refused before anything is asked of CUPS
    # The default is looked up first so the job goes to the very printer that was checked.
    name = printer if printer is not None else default_printer()
    check_printer(name)
    job_id = send(pdf, name, paper)
    if job_id is None:
        return PrintResult(
            False,
            f"Sent the handout to the printer '{name}', but the printing system gave no job "
            "number to check it by.",
        )
    log.info("print job %s sent to %s; waiting for it to print", job_id, name)
    if on_sent is not None:
        on_sent(job_id)
    return follow(name, job_id, deadline_s, poll_s)


def follow(name: str, job_id: str, deadline_s: float, poll_s: float) -> PrintResult:
    """Look at the job every ``poll_s`` seconds until CUPS ends it or ``deadline_s`` passes."""
    give_up_at = time.monotonic() + deadline_s
    while True:
        job = read_job(name, job_id)
        if job.state in (JobState.COMPLETED, JobState.GONE):
            return _finished(name, job_id, job)
        if job.state in (JobState.CANCELED, JobState.ABORTED):
            raise PrintError(_ended_without_printing(name, job))
        problem = _problem(name, job)
        if problem is None and time.monotonic() >= give_up_at:
            problem = _too_late(name, job, deadline_s)
        if problem is not None:
            return _give_up(name, job_id, problem)
        time.sleep(poll_s)


def _finished(name: str, job_id: str, job: Job) -> PrintResult:
    if job.state is JobState.COMPLETED:
        log.info("print job %s completed", job_id)
        return PrintResult(True, f"The printer '{name}' printed the handout (job {job_id}).")
    log.warning("print job %s ended; CUPS keeps no record of how", job_id, extra=FILE_ONLY)
    return PrintResult(
        False,
        f"The printer '{name}' took the handout, but the printing system keeps no record "
        "to confirm it printed.",
    )


def _problem(name: str, job: Job) -> PrintProblem | None:
    """Why the job cannot print without someone's help, if that is so already."""
    if job.state is JobState.STOPPED:
        return PrintProblem("not_prepared", printer=name, said=job.said)
    try:
        check_printer(name)  # stopped, or taken away, while the job waited
    except PrintError as exc:
        return exc.problem or PrintProblem("refused", said=str(exc))
    return None


def _too_late(name: str, job: Job, deadline_s: float) -> PrintProblem:
    if any(marker in job.said.lower() for marker in _UNREACHABLE):
        return PrintProblem("unreachable", printer=name)
    if job.state is JobState.HELD:
        return PrintProblem("held", printer=name)
    return PrintProblem("too_late", printer=name, said=job.said, seconds=deadline_s)


def _ended_without_printing(name: str, job: Job) -> PrintProblem:
    if job.state is JobState.CANCELED:
        return PrintProblem("cancelled", printer=name)
    return PrintProblem("aborted", printer=name, said=job.said)


def _give_up(name: str, job_id: str, problem: PrintProblem) -> PrintResult:
    """Cancel the job, so what staff are told (not printed) stays true."""
    if cancel(job_id, problem.sentence()):
        raise PrintError(problem)
    try:
        job = read_job(name, job_id)  # it ended before it could be cancelled: printed?
    except PrintError:
        raise PrintError(problem) from None
    if job.state is JobState.COMPLETED:
        return _finished(name, job_id, job)
    raise PrintError(problem)
