"""The Welsh interface (Welsh Language Standards): every string in ui/ has finished Welsh that
keeps its placeholders, the shipped .qm is the compiled .ts, and the real window turns Welsh
when the resident chooses Cymraeg, and English again after.

When a test here fails after a change to ui/: run `make translations`, translate what it marks
unfinished in assets/translations/kiosk_cy.ts, and run `make translations` again.
"""

import gc
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

import ui.widgets.touch
from kiosk.cli.context import AppContext
from ui.app import build_window
from ui.main_window import MainWindow
from ui.services import AppServices
from ui.translation import Translations

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
WELSH_TS = ROOT / "assets" / "translations" / "kiosk_cy.ts"
WELSH_QM = WELSH_TS.with_suffix(".qm")
FIX = "run `make translations`, then translate what is unfinished in " + str(WELSH_TS)

PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # what str.format fills in: {number}, {reason}, ...
QT_ARGUMENT = re.compile(r"%[1-9]")  # what .replace("%1", ...) fills in
# the same commands as `make translations`
LUPDATE_OPTIONS = ("-silent", "-extensions", "py", "-no-obsolete", "-target-language", "cy_GB")
LRELEASE_OPTIONS = ("-silent", "-nounfinished")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    finished: bool
    forms: tuple[str, ...]  # one translation, or one per plural form

    @property
    def where(self) -> str:
        return f"{self.context}: {self.source!r}"


def read_ts(path: Path) -> dict[tuple[str, str, str], Message]:
    """Each message in a Qt .ts file, by (context, source, disambiguation)."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            assert translation is not None, f"{name}: {source!r} has no <translation>"
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            finished = translation.get("type") not in {"unfinished", "vanished", "obsolete"}
            key = (name, source, message.findtext("comment", ""))
            found[key] = Message(name, source, numerus, finished, forms)
    return found


def qt_tool(name: str) -> str:
    """A Qt tool from the same environment as this Python (the project's venv)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found: it comes with PySide6 (`make setup`)")
    return found


def run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def in_code(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Message]:
    """Every string in ui/ as lupdate finds it today, in a fresh .ts."""
    fresh = tmp_path_factory.mktemp("lupdate") / "kiosk_cy.ts"
    run(qt_tool("pyside6-lupdate"), *LUPDATE_OPTIONS, str(UI), "-ts", str(fresh))
    return read_ts(fresh)


@pytest.fixture(scope="module")
def shipped() -> dict[tuple[str, str, str], Message]:
    return read_ts(WELSH_TS)


def test_lupdate_finds_the_interface_strings(in_code: dict[tuple[str, str, str], Message]) -> None:
    contexts = {message.context for message in in_code.values()}
    assert {"StartScreen", "LogContactScreen", "ServiceScreen", "StatusLine"} <= contexts
    assert ("StartScreen", "Search for a service", "") in in_code


def test_every_string_in_ui_has_finished_welsh(
    in_code: dict[tuple[str, str, str], Message], shipped: dict[tuple[str, str, str], Message]
) -> None:
    problems = []
    for key, english in in_code.items():
        welsh = shipped.get(key)
        if welsh is None:
            problems.append(f"{english.where}: not in kiosk_cy.ts")
        elif not welsh.finished:
            problems.append(f"{english.where}: unfinished")
        elif len(welsh.forms) != len(english.forms):
            problems.append(f"{english.where}: {len(welsh.forms)} plural forms, Qt has "
                            f"{len(english.forms)} for Welsh")  # fmt: skip
        elif not all(form.strip() for form in welsh.forms):
            problems.append(f"{english.where}: empty Welsh")
    assert not problems, f"{len(problems)} string(s) without Welsh ({FIX}):\n" + "\n".join(
        problems
    )


def test_the_ts_holds_no_strings_the_code_has_dropped(
    in_code: dict[tuple[str, str, str], Message], shipped: dict[tuple[str, str, str], Message]
) -> None:
    gone = [message.where for key, message in shipped.items() if key not in in_code]
    assert not gone, "no longer in ui/ (run `make translations`):\n" + "\n".join(gone)


def test_welsh_keeps_every_placeholder(shipped: dict[tuple[str, str, str], Message]) -> None:
    problems = []
    for message in shipped.values():
        wanted = sorted(PLACEHOLDER.findall(message.source))
        arguments = sorted(QT_ARGUMENT.findall(message.source))
        for form in message.forms:
            if sorted(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"{message.where}: {form!r} must have exactly {wanted}")
            elif wanted:
                try:
                    form.format(**{name[1:-1]: "x" for name in wanted})
                except (KeyError, IndexError, ValueError) as exc:
                    problems.append(f"{message.where}: {form!r} breaks .format(): {exc!r}")
            if sorted(QT_ARGUMENT.findall(form)) != arguments:
                problems.append(f"{message.where}: {form!r} must have exactly {arguments}")
        # every form but the zero one (which may say "Dim ...") shows the number
        if message.numerus and not all("%n" in form for form in message.forms[1:]):
            problems.append(f"{message.where}: a plural form after the first lacks %n")
    assert not problems, "\n".join(problems)


def test_the_shipped_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "kiosk_cy.qm"
    run(qt_tool("pyside6-lrelease"), *LRELEASE_OPTIONS, str(WELSH_TS), "-qm", str(compiled))
    assert WELSH_QM.is_file(), f"{WELSH_QM} is missing: run `make translations`"
    assert WELSH_QM.read_bytes() == compiled.read_bytes(), (
        f"{WELSH_QM.name} is older than {WELSH_TS.name}: run `make translations`"
    )


ENGLISH_TS = WELSH_TS.with_name("kiosk_en.ts")  # only the English plural forms of %n strings


def test_every_plural_string_has_its_english_forms(
    in_code: dict[tuple[str, str, str], Message], tmp_path: Path
) -> None:
    english = read_ts(ENGLISH_TS)
    plurals = {key for key, message in in_code.items() if message.numerus}
    assert plurals, "no %n strings found: has lupdate's Python parser changed?"
    problems = [
        f"{in_code[key].where}: no finished English forms in {ENGLISH_TS.name}"
        for key in sorted(plurals)
        if key not in english or not english[key].finished or not all(english[key].forms)
    ]
    assert not problems, "\n".join(problems)
    compiled = tmp_path / "kiosk_en.qm"
    run(qt_tool("pyside6-lrelease"), *LRELEASE_OPTIONS, str(ENGLISH_TS), "-qm", str(compiled))
    assert ENGLISH_TS.with_suffix(".qm").read_bytes() == compiled.read_bytes(), (
        "kiosk_en.qm is older than kiosk_en.ts: run `make translations`"
    )


def test_english_says_one_contact_and_two_contacts(qtbot: QtBot, services: AppServices) -> None:
    from ui.supervisor.upload_panel import UploadPanel

    panel = UploadPanel(services)
    qtbot.addWidget(panel)
    panel._requeued(1, 2)
    assert panel.message.text() == "Requeued 1 rejected contact. Requeued 2 held batches."


# --- the window, as a resident sees it -------------------------------------------------------


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The app's translators, as ui/app.py sets them up; back to English afterwards."""
    locale = QLocale()
    made = Translations(qapp)
    yield made
    made.use("en")  # no translator left behind for the other tests
    QLocale.setDefault(locale)


def words_on(screen: QWidget) -> set[str]:
    """Every label and button text on a screen, and what a screen reader says for each."""
    found = set()
    for widget in [*screen.findChildren(QLabel), *screen.findChildren(QAbstractButton)]:
        found |= {widget.text(), widget.accessibleName(), widget.accessibleDescription()}
    return found - {""}


def strings(messages: Iterable[Message], *, english: bool) -> set[str]:
    """The fixed (unformatted) strings whose Welsh differs from the English, in one language."""
    return {
        message.source if english else message.forms[0]
        for message in messages
        if not message.numerus
        and message.forms[0] != message.source
        and not PLACEHOLDER.search(message.source)
    }


def test_choosing_cymraeg_puts_the_window_in_welsh_and_english_brings_it_back(
    qtbot: QtBot,
    services: AppServices,
    translations: Translations,
    shipped: dict[tuple[str, str, str], Message],
) -> None:
    session = services.session
    session.language_changed.connect(translations.use)  # before the screens, as build_window
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.staff.buttons["CD"].click()
    english = strings(shipped.values(), english=True)
    welsh = strings(shipped.values(), english=False)

    session.set_language("cy")
    start = window.start
    assert start.search_button.text() == "Chwilio am wasanaeth"
    assert start.general_button.text() == "Ymholiad cyffredinol"
    assert start.contrast_button.text() == "Cyferbyniad"
    assert start.staff_button.accessibleDescription() == "Dewiswch eich cod staff"
    assert not words_on(start) & english
    qtbot.waitUntil(  # the staff bar follows Qt's LanguageChange event; a zero plural form
        lambda: window.status_line.pending.text() == "Dim cysylltiadau'n aros i'w huwchlwytho"
    )

    start.general_button.click()
    log = window.log_contact
    assert window.current_screen() is log
    assert log.title.text() == "Cofnodi'r cyswllt hwn: Ymholiad cyffredinol"
    assert log.mode.heading.text() == "Sut wnaethoch chi helpu?"
    assert log.mode.buttons["showed_how"].text() == "Dangos sut"
    assert log.outcome.buttons["could_not_complete"].text() == "Methu cwblhau"
    assert log.barriers.buttons["confidence"].text() == "Hyder"
    assert log.referral.buttons["data_bank"].text() == "Banc data"
    assert log.save_button.text() == "Cadw"
    assert not words_on(log) & english

    session.set_language("en")
    assert log.title.text() == "Log this contact: General enquiry"
    assert log.mode.buttons["showed_how"].text() == "Showed how"
    assert log.referral.buttons["data_bank"].text() == "Data bank"
    assert not words_on(log) & welsh
    window.show_screen(start)  # a screen out of sight is reworded when it is next shown
    assert start.search_button.text() == "Search for a service"
    assert not words_on(start) & welsh
    qtbot.waitUntil(lambda: window.status_line.pending.text() == "0 contacts waiting to upload")


def test_the_running_kiosk_turns_welsh_when_cymraeg_is_tapped(
    qtbot: QtBot, qapp: QApplication, kiosk_style: None, tmp_path: Path
) -> None:
    icon_colour = ui.widgets.touch._icon_colour
    window = build_window(AppContext(overrides={"data_dir": tmp_path / "data"}), qapp)
    qtbot.addWidget(window)
    session = window.services.session
    gc.collect()
    try:
        window.staff.buttons["CD"].click()
        window.start.language_buttons["cy"].click()
        assert window.start.search_button.text() == "Chwilio am wasanaeth"
    finally:
        session.set_language("en")  # removes the translator, if one was installed
        ui.widgets.touch.recolour_icons(icon_colour)
        contact_log = window.services.contact_log
        shiboken6.delete(window)  # before its log closes: a later language change reaches it
        contact_log.close()
