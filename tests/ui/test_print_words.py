"""Why a handout did not print, as the touchscreen says it: the core's English word for word,
and Welsh for every reason, with the printer's name and the printing system's words kept."""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.printing.problems import ENGLISH, PrintProblem
from ui.print_words import print_problem_words
from ui.translation import Translations

FACTS = {"printer": "desk-2", "said": "Unable to locate printer", "seconds": 45.0}
PROBLEMS = [PrintProblem(code, **FACTS, paper="legal", file="tax.pdf", page=2) for code in ENGLISH]


@pytest.fixture
def in_welsh(qapp: QApplication) -> Iterator[None]:
    translations = Translations(qapp)
    translations.use("cy")
    yield
    translations.use("en")


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda problem: problem.code)
def test_in_english_the_screen_says_what_the_command_line_says(
    qapp: QApplication, problem: PrintProblem
) -> None:
    assert print_problem_words(problem) == problem.sentence()


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda problem: problem.code)
@pytest.mark.usefixtures("in_welsh")
def test_in_welsh_every_reason_is_welsh_and_keeps_the_facts(problem: PrintProblem) -> None:
    words = print_problem_words(problem)
    assert words != problem.sentence()
    english = ENGLISH[problem.code]
    for fact, shown in [
        ("{printer}", "desk-2"),
        ("{paper}", "legal"),
        ("{file}", "tax.pdf"),
        ("{page}", "2"),
        ("{seconds}", "45"),
    ]:
        if fact in english:
            assert shown in words
    if "{says}" in english:
        assert "(mae'r system yn dweud: Unable to locate printer)" in words  # quoted as it came


@pytest.mark.usefixtures("in_welsh")
def test_in_welsh_a_reason_without_the_system_s_words_has_no_empty_quote() -> None:
    words = print_problem_words(PrintProblem("stopped", printer="desk-2"))
    assert words == "Mae'r argraffydd 'desk-2' wedi'i stopio."
