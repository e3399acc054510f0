"""Where a CUPS job is, as ``lpstat`` shows it: still in the queue, or ended and how.

``lpstat -W not-completed -o DEST`` lists the jobs CUPS has not finished (pending, held,
processing, stopped); ``-W completed`` those it has (completed, canceled, aborted). ``-l`` adds
each job's ``Status:`` (what the printer last said) and ``Alerts:``, its IPP
job-state-reasons keywords, which say how a job in either list stands.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from kiosk.printing.cups import not_answering, run


class JobState(Enum):
    QUEUED = "queued"  # pending or processing: CUPS is still working on it
    HELD = "held"  # held until someone releases it
    STOPPED = "stopped"  # CUPS stopped the job after an error; it will not go on by itself
    COMPLETED = "completed"
    CANCELED = "canceled"
    ABORTED = "aborted"
    GONE = "gone"  # in neither list: this spooler keeps no record of finished jobs


@dataclass(frozen=True)
class Job:
    state: JobState
    said: str = ""  # the printer's last message for this job, if any
    reasons: tuple[str, ...] = ()


def read_job(destination: str, job_id: str) -> Job:
    """The job's state now. Asked in this order because a job only ever moves to completed."""
    waiting = _find(destination, "not-completed", job_id)
    if waiting is not None:
        return _still_waiting(*waiting)
    ended = _find(destination, "completed", job_id)
    if ended is None:
        return Job(JobState.GONE)
    return _ended(*ended)


def _still_waiting(said: str, reasons: tuple[str, ...]) -> Job:
    if {"job-completed-with-errors", "job-stopped"} & set(reasons):
        return Job(JobState.STOPPED, said, reasons)
    if any(reason.startswith("job-hold-until") for reason in reasons):
        return Job(JobState.HELD, said, reasons)
    return Job(JobState.QUEUED, said, reasons)


def _ended(said: str, reasons: tuple[str, ...]) -> Job:
    if any("canceled" in reason for reason in reasons):
        return Job(JobState.CANCELED, said, reasons)
    if any("aborted" in reason for reason in reasons):
        return Job(JobState.ABORTED, said, reasons)
    return Job(JobState.COMPLETED, said, reasons)


def _find(destination: str, which: str, job_id: str) -> tuple[str, tuple[str, ...]] | None:
    done = run(["lpstat", "-l", "-W", which, "-o", destination])
    if done.returncode != 0:
        raise not_answering(done)
    for found, details in _jobs(done.stdout):
        if found == job_id:
            return _detail(details, "Status:"), tuple(_detail(details, "Alerts:").split())
    return None


def _jobs(listing: str) -> Iterator[tuple[str, list[str]]]:
    """(job id, its indented detail lines) for each job in an ``lpstat -l -o`` listing."""
    job_id, details = "", list[str]()
    for line in listing.splitlines():
        if line and not line[0].isspace():
            if job_id:
                yield job_id, details
            job_id, details = line.split()[0], []
        elif job_id:
            details.append(line.strip())
    if job_id:
        yield job_id, details


def _detail(details: list[str], label: str) -> str:
    return next((d.removeprefix(label).strip() for d in details if d.startswith(label)), "")
