"""What a print job came to: printed for sure, sent without proof, or a ``PrintError``."""

from dataclasses import dataclass
from typing import Final

from kiosk.errors import KioskError

NO_PRINTER: Final = "No printer is set up on this computer."
UNEXPECTED: Final = (
    "Printing failed for an unexpected reason; try again, and tell IT if it keeps happening."
)


class PrintError(KioskError):
    """A handout did not print; the message says why, and what staff can do about it."""


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
