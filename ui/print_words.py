"""Why a handout did not print, in the interface's language.

The core keeps a code and the facts (kiosk/printing/problems.py); the printer's name and what
the printing system itself said are put in as they came, untranslated.
"""

from PySide6.QtCore import QCoreApplication

from kiosk.printing.problems import PrintProblem

CONTEXT = "PrintWords"


def print_problem_words(problem: PrintProblem) -> str:
    """The problem in the interface's language (English for a code with no words here)."""
    template = _templates().get(problem.code)
    if template is None:
        return problem.sentence()
    says = QCoreApplication.translate("PrintWords", " (the system says: {said})")
    return problem.fill(template, says)


def unexpected_print_failure() -> str:
    return print_problem_words(PrintProblem("unexpected"))


def handout_not_made() -> str:
    return QCoreApplication.translate("PrintWords", "The handout could not be made; tell IT.")


def _templates() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "no_printer": translate("PrintWords", "No printer is set up on this computer."),
        "closing": translate("PrintWords", "Printing has stopped because the kiosk is closing."),
        "unexpected": translate(
            "PrintWords",
            "Printing failed for an unexpected reason; try again, and tell IT if it keeps "
            "happening.",
        ),
        "unknown_paper": translate(
            "PrintWords",
            "The paper '{paper}' is not one the kiosk knows; use a4, a5 or receipt80.",
        ),
        "unknown_printer": translate(
            "PrintWords", "The printer '{printer}' is not known to this computer."
        ),
        "stopped": translate("PrintWords", "The printer '{printer}' is stopped{says}."),
        "refused": translate("PrintWords", "Printing failed: {said}"),
        "not_answering": translate(
            "PrintWords",
            "The printing system is not answering (it says: {said}); restart the computer, "
            "and tell IT if it keeps happening.",
        ),
        "silent": translate(
            "PrintWords",
            "The printing system did not answer within {seconds} seconds; restart the "
            "computer if this keeps happening.",
        ),
        "not_prepared": translate(
            "PrintWords",
            "The handout could not be prepared for the printer '{printer}'{says}; tell IT.",
        ),
        "unreachable": translate(
            "PrintWords",
            "The printer '{printer}' cannot be reached: check it is switched on and connected.",
        ),
        "held": translate(
            "PrintWords",
            "The printer '{printer}' held the handout instead of printing it; tell IT.",
        ),
        "too_late": translate(
            "PrintWords",
            "The printer '{printer}' did not print the handout within {seconds} "
            "seconds{says}; check it is switched on and has paper.",
        ),
        "cancelled": translate(
            "PrintWords",
            "The handout was cancelled at the printer '{printer}' before it printed.",
        ),
        "aborted": translate(
            "PrintWords",
            "The printing system gave up on the handout for the printer '{printer}'{says}.",
        ),
        "fault": translate(
            "PrintWords",
            "The printer '{printer}' reports a fault; check it is switched on, has paper and "
            "is not paused.",
        ),
        "would_not_start": translate(
            "PrintWords",
            "The printer would not start the job; check it is switched on and connected.",
        ),
        "stopped_part_way": translate(
            "PrintWords", "The printer stopped part way through; check it has paper."
        ),
        "pdf_missing": translate(
            "PrintWords", "The handout to print is missing ({file}); make it again."
        ),
        "pdf_unreadable": translate(
            "PrintWords", "The handout {file} could not be read for printing; make it again."
        ),
        "page_undrawable": translate(
            "PrintWords", "Page {page} of the handout could not be drawn; make it again."
        ),
    }
