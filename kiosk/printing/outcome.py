"""What a print job came to: printed for sure, sent without proof, or a ``PrintError``."""

from dataclasses import dataclass
from typing import Final

from kiosk.errors import KioskError
from kiosk.printing.problems import ENGLISH, PrintProblem

NO_PRINTER: Final = ENGLISH["no_printer"]
UNEXPECTED: Final = ENGLISH["unexpected"]


class PrintError(KioskError):
    """A handout did not print; the message says why, and what staff can do about it.

    Raised with a ``PrintProblem`` the touchscreen can say in its own language; a plain
    message (the command line's own words) is shown as it is.
    """

    def __init__(self, problem: PrintProblem | str) -> None:
        self.problem = problem if isinstance(problem, PrintProblem) else None
        super().__init__(problem.sentence() if isinstance(problem, PrintProblem) else problem)


@dataclass(frozen=True)
class PrintResult:
    """A job that did not fail. ``confirmed``: the spooler itself said the job completed.

    Unconfirmed means the printer took the job but nothing here can tell whether paper came
    out (the Qt fallback on Windows, or a spooler that keeps no record of finished jobs).
    """

    confirmed: bool
    message: str

    def __str__(self) -> str:
        return self.message
