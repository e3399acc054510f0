"""The CUPS commands: ``lpstat`` about printers, ``lp`` to send a job, ``cancel`` to stop one."""

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Final

from kiosk.logs import FILE_ONLY
from kiosk.printing.outcome import PrintError
from kiosk.printing.paper import lp_media
from kiosk.printing.problems import PrintProblem

log = logging.getLogger(__name__)

TIMEOUT_SECONDS: Final = 30
JOB_TITLE: Final = "Handout"
_JOB_ID: Final = re.compile(r"request id is (\S+)")


def lp_available() -> bool:
    return shutil.which("lp") is not None


def default_printer() -> str:
    """The system's default printer, as ``lpstat -d`` names it."""
    done = run(["lpstat", "-d"])
    answer = first_line(done.stdout)
    prefix = "system default destination:"
    if done.returncode == 0 and answer.startswith(prefix):
        return answer.removeprefix(prefix).strip()
    if done.returncode == 0 or "no system default destination" in answer:
        raise PrintError(PrintProblem("no_printer"))
    raise not_answering(done)


def check_printer(name: str) -> None:
    """Refuse a printer ``lpstat -p`` does not know or reports as stopped."""
    done = run(["lpstat", "-p", name])
    lines = done.stdout.splitlines()
    status = next((i for i, line in enumerate(lines) if line.startswith(f"printer {name} ")), None)
    if status is None and (done.returncode == 0 or "Invalid destination" in done.stderr):
        raise PrintError(PrintProblem("unknown_printer", printer=name))
    if status is None:
        raise not_answering(done)
    if " disabled since " in lines[status] or " is disabled" in lines[status]:
        said = _why_stopped(lines[status + 1 :])
        raise PrintError(PrintProblem("stopped", printer=name, said=said))


def _why_stopped(details: list[str]) -> str:
    # lpstat fills in "reason unknown" when nobody gave one (or a running job's backend
    # replaced it): that tells staff nothing.
    reasons = [line.strip() for line in details if line[:1].isspace()]
    return "; ".join(reason for reason in reasons if reason and reason != "reason unknown")


def send(pdf: Path, name: str, paper: str) -> str | None:
    """Hand ``pdf`` as it is to CUPS; returns the job id lp printed (``desk1-42``), if any."""
    command = ["lp", "-d", name, "-o", f"media={lp_media(paper, pdf)}"]
    if paper != "receipt80":
        command += ["-o", "fit-to-page"]
    # Absolute, so a file name starting with "-" cannot be taken for an option.
    done = run([*command, "-t", JOB_TITLE, str(pdf.absolute())])
    if done.returncode != 0:
        raise PrintError(PrintProblem("refused", said=first_line(done.stderr or done.stdout)))
    found = _JOB_ID.search(done.stdout)
    return found[1] if found else None


def cancel(job_id: str, why: str) -> bool:
    """Cancel the job so it cannot print later by surprise; False if it had already ended."""
    done = run(["cancel", job_id])
    if done.returncode == 0:
        log.warning("cancelled print job %s: %s", job_id, why, extra=FILE_ONLY)
        return True
    said = first_line(done.stderr)
    log.warning("could not cancel print job %s (%s)", job_id, said, extra=FILE_ONLY)
    return False


def not_answering(done: subprocess.CompletedProcess[str]) -> PrintError:
    return PrintError(PrintProblem("not_answering", said=first_line(done.stderr or done.stdout)))


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
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
        raise PrintError(PrintProblem("no_printer")) from None
    except subprocess.TimeoutExpired:
        raise PrintError(PrintProblem("silent", seconds=TIMEOUT_SECONDS)) from None
    except OSError as exc:
        raise PrintError(PrintProblem("refused", said=str(exc.strerror or exc))) from None


def first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "no reason given")
    return line.removeprefix("lp: ").removeprefix("lpstat: ").removeprefix("cancel: ")
