"""Print a handout PDF without ever blocking the desk, and say only what is true.

On Linux the job goes to CUPS with ``lp``, after ``lpstat`` has said the printer is there and
not stopped (``cups.py``). A handout counts as printed only when CUPS says the job completed:
the print worker follows the job with ``lpstat`` every quarter second (``jobs.py``, ``lp.py``)
until it completes, is cancelled or aborted, its printer stops, or ``print_deadline_s`` passes.
A job given up on is cancelled, so "not printed" stays true. Where there is no ``lp``
(Windows) a fallback printer from ``ui/`` is used; it cannot see the job finish, so its jobs
are reported as sent, not printed (``PrintResult.confirmed``). Every job runs on a background
worker, one at a time and in order; the caller gets a ``Future`` (``service.py``).
"""

from kiosk.printing.cups import JOB_TITLE, check_printer, default_printer, lp_available
from kiosk.printing.lp import DEADLINE_SECONDS, POLL_SECONDS, OnSent, print_with_lp
from kiosk.printing.outcome import NO_PRINTER, UNEXPECTED, PrintError, PrintResult
from kiosk.printing.paper import PAPER_MM, lp_media, paper_size_mm, receipt_length_mm
from kiosk.printing.service import Fallback, PrintService

__all__ = [
    "DEADLINE_SECONDS",
    "JOB_TITLE",
    "NO_PRINTER",
    "PAPER_MM",
    "POLL_SECONDS",
    "UNEXPECTED",
    "Fallback",
    "OnSent",
    "PrintError",
    "PrintResult",
    "PrintService",
    "check_printer",
    "default_printer",
    "lp_available",
    "lp_media",
    "paper_size_mm",
    "print_with_lp",
    "receipt_length_mm",
]
