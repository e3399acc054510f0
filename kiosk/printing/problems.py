"""Why a handout did not print: a code and the facts, so each screen can say it in its language.

The command line and the log read the English (``PrintProblem.sentence``); the touchscreen puts
the same problem into the interface's language (``ui/print_words.py``). What the printing system
itself said (``said``) is quoted as it came, untranslated.
"""

from dataclasses import dataclass

ENGLISH = {
    "no_printer": "No printer is set up on this computer.",
    "closing": "Printing has stopped because the kiosk is closing.",
    "unexpected": (
        "Printing failed for an unexpected reason; try again, and tell IT if it keeps happening."
    ),
    "unknown_paper": "The paper '{paper}' is not one the kiosk knows; use a4, a5 or receipt80.",
    "unknown_printer": "The printer '{printer}' is not known to this computer.",
    "stopped": "The printer '{printer}' is stopped{says}.",
    "refused": "Printing failed: {said}",
    "not_answering": (
        "The printing system is not answering (it says: {said}); "
        "restart the computer, and tell IT if it keeps happening."
    ),
    "silent": (
        "The printing system did not answer within {seconds} seconds; "
        "restart the computer if this keeps happening."
    ),
    "not_prepared": (
        "The handout could not be prepared for the printer '{printer}'{says}; tell IT."
    ),
    "unreachable": (
        "The printer '{printer}' cannot be reached: check it is switched on and connected."
    ),
    "held": "The printer '{printer}' held the handout instead of printing it; tell IT.",
    "too_late": (
        "The printer '{printer}' did not print the handout within {seconds} seconds{says}; "
        "check it is switched on and has paper."
    ),
    "cancelled": "The handout was cancelled at the printer '{printer}' before it printed.",
    "aborted": "The printing system gave up on the handout for the printer '{printer}'{says}.",
    # Printing through Qt, where there is no CUPS (Windows)
    "fault": (
        "The printer '{printer}' reports a fault; check it is switched on, has paper and is "
        "not paused."
    ),
    "would_not_start": (
        "The printer would not start the job; check it is switched on and connected."
    ),
    "stopped_part_way": "The printer stopped part way through; check it has paper.",
    "pdf_missing": "The handout to print is missing ({file}); make it again.",
    "pdf_unreadable": "The handout {file} could not be read for printing; make it again.",
    "page_undrawable": "Page {page} of the handout could not be drawn; make it again.",
}
SAYS = " (the system says: {said})"
"""Put in for ``{says}`` when the printing system gave its own words."""


@dataclass(frozen=True)
class PrintProblem:
    code: str  # a key of ENGLISH
    printer: str = ""
    said: str = ""  # the printing system's own words, if any
    seconds: float = 0.0
    paper: str = ""
    file: str = ""  # the handout's file name
    page: int = 0

    def sentence(self) -> str:
        """The problem in English, for the command line and the log."""
        return self.fill(ENGLISH[self.code], SAYS)

    def fill(self, template: str, says: str) -> str:
        """``template`` with this problem's facts in it; ``says`` frames the system's words."""
        return template.format(
            printer=self.printer,
            said=self.said,
            seconds=f"{self.seconds:g}",
            paper=self.paper,
            file=self.file,
            page=self.page,
            says=says.format(said=self.said) if self.said else "",
        )
