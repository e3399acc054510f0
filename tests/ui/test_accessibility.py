"""Accessibility of the touchscreen (EN 301 549 closed functionality, WCAG 2.2 AA).

Contrast of every text colour pair in every theme, the style sheet kept honest about its colour
pairs, text sizes, and, on the real window walked screen by screen as staff would tap it: touch
targets of at least 48 x 48 px with 8 px between them, labels that fit their buttons, and a name
on everything a finger or a screen reader can reach. Keyboard reachability is not checked: the
kiosk is a touchscreen with no keyboard.
"""

import re
from collections.abc import Callable, Iterator
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from kiosk.resources import assets_dir
from tests.kiosk.test_printing import FakeCups
from tests.ui.geometry import describe, on_screen, scroll_area, visible
from ui import session as session_module
from ui.main_window import MainWindow
from ui.style import TEXT_PAIRS, TEXT_SIZES, THEMES, style_sheet
from ui.widgets.message_line import MessageLine
from ui.widgets.service_list import ServiceList
from ui.widgets.touch import GAP, MIN_TARGET

TEXT_CONTRAST = 4.5  # WCAG 2.2 SC 1.4.3, text at any size
NON_TEXT_CONTRAST = 3.0  # SC 1.4.11: borders and focus rings against what is around them
MIN_BODY_PX = 18
SIZE_NAMES = frozenset({"body", "heading", "title"})  # the template's sizes, not colours
ARROW_NAMES = frozenset({"down_arrow", "left_arrow", "right_arrow"})  # its pictures
TEMPLATE = (assets_dir() / "style" / "kiosk.qss").read_text(encoding="utf-8")
# What a button's edge and the focus ring are drawn in, and what they sit on.
UI_COMPONENT_PAIRS = (
    ("border", "paper"), ("accent", "paper"), ("focus", "paper"), ("focus", "button"),
)  # fmt: skip


# --- colour -------------------------------------------------------------------------------
def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_text_colour_pair_meets_aa(theme: str) -> None:
    colours = THEMES[theme]
    failing = {
        f"{text} on {background}": round(contrast(colours[text], colours[background]), 2)
        for text, background in TEXT_PAIRS
        if contrast(colours[text], colours[background]) < TEXT_CONTRAST
    }
    assert not failing, f"{theme}: below {TEXT_CONTRAST}:1: {failing}"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_button_edges_and_the_focus_ring_stand_out(theme: str) -> None:
    colours = THEMES[theme]
    failing = {
        f"{part} on {background}": round(contrast(colours[part], colours[background]), 2)
        for part, background in UI_COMPONENT_PAIRS
        if contrast(colours[part], colours[background]) < NON_TEXT_CONTRAST
    }
    assert not failing, f"{theme}: below {NON_TEXT_CONTRAST}:1: {failing}"


# --- the style sheet template ---------------------------------------------------------------
def template_rules() -> Iterator[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) for each rule of kiosk.qss, comments dropped."""
    text = re.sub(r"/\*.*?\*/", "", TEMPLATE, flags=re.DOTALL)
    text = re.sub(r"\$\{(\w+)\}", r"$\1", text)  # ${body}px: its braces are not a rule's
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = (part.split(":", 1) for part in body.split(";") if ":" in part)
        yield selector.strip(), {name.strip(): value.strip() for name, value in declarations}


def token(value: str) -> str | None:
    """The name in a value that is exactly ``$name`` or ``${name}``, else None."""
    found = re.fullmatch(r"\$(?:\{(\w+)\}|(\w+))", value)
    return (found.group(1) or found.group(2)) if found else None


def test_the_themes_name_the_same_colours_and_every_pair_names_real_ones() -> None:
    names = {theme: set(colours) for theme, colours in THEMES.items()}
    assert len({frozenset(n) for n in names.values()}) == 1, names
    used = {name for pair in TEXT_PAIRS + UI_COMPONENT_PAIRS for name in pair}
    assert used <= set(THEMES["standard"])


def test_the_style_sheet_only_uses_colours_the_themes_have() -> None:
    used = {a or b for a, b in re.findall(r"\$(?:\{(\w+)\}|(\w+))", TEMPLATE)}
    used -= SIZE_NAMES | ARROW_NAMES
    assert used, "no $colour tokens found: has the template's syntax changed?"
    for theme, colours in THEMES.items():
        assert used <= set(colours), f"{theme} lacks {sorted(used - set(colours))}"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_arrows_exist_in_each_theme_s_button_ink(theme: str) -> None:
    pictures = re.findall(r'url\("([^"]+)"\)', style_sheet(theme))
    assert len(pictures) == len(ARROW_NAMES)
    for picture in map(Path, pictures):
        assert f'stroke="{THEMES[theme]["button_ink"]}"' in picture.read_text(encoding="utf-8")


def test_every_text_colour_in_the_style_sheet_is_contrast_checked() -> None:
    """A rule giving both ``color: $x`` and ``background: $y`` draws text in a pair that
    ui/style.py's TEXT_PAIRS must list, or the contrast test above would never see it."""
    pairs = set()
    for selector, declarations in template_rules():
        text = token(declarations.get("color", ""))
        background = token(
            declarations.get("background", declarations.get("background-color", ""))
        )
        if text and background:
            pairs.add((text, background, selector))
    assert pairs, "no rule sets both a text colour and a background"
    missing = [p for p in sorted(pairs) if p[:2] not in TEXT_PAIRS]
    assert not missing, f"add these (text, background) pairs to TEXT_PAIRS: {missing}"


# --- text sizes -----------------------------------------------------------------------------
def test_three_text_sizes_each_larger_than_the_last() -> None:
    assert len(TEXT_SIZES) == 3 == len(session_module.TEXT_SIZES)
    for smaller, larger in pairwise(TEXT_SIZES):
        assert all(a < b for a, b in zip(smaller, larger, strict=True)), (smaller, larger)
    for body, heading, title in TEXT_SIZES:
        assert body < heading < title


def test_body_text_is_at_least_18_px_at_the_default_size() -> None:
    sheet = dict(template_rules())
    assert sheet["QWidget"]["font-size"] == "$bodypx"  # the body size is what TEXT_SIZES says
    assert TEXT_SIZES[0][0] >= MIN_BODY_PX
    filled = re.search(r"QWidget \{[^}]*font-size: (\d+)px", style_sheet("standard", 0))
    assert filled is not None
    assert int(filled.group(1)) >= MIN_BODY_PX


def test_no_font_size_in_the_style_sheet_is_fixed() -> None:
    """Every size follows the resident's text size choice: none is written in as a number."""
    sizes = re.findall(r"font-size:\s*(\$\{\w+\}px|[^;}]*)", TEMPLATE)
    assert sizes
    assert all(re.fullmatch(r"\$\{(body|heading|title)\}px", s.strip()) for s in sizes), sizes


# --- the real window, screen by screen --------------------------------------------------------
Look = tuple[str, int, str]  # theme, text size, language
LOOKS: list[Look] = [
    ("standard", 0, "en"), ("standard", 2, "en"), ("high-contrast", 2, "en"),
    ("standard", 2, "cy"),  # Welsh words run longer than English ones
]  # fmt: skip
CATEGORIES = ("bins-recycling", "council-tax")
QUERY = "park"
Check = Callable[[MainWindow], list[str]]


@pytest.fixture(params=LOOKS, ids=["-".join(map(str, look)) for look in LOOKS])
def look(request: pytest.FixtureRequest) -> Look:
    theme, size, language = request.param
    return theme, size, language


def walk(window: MainWindow, look: Look, qtbot: QtBot) -> Iterator[str]:
    """Tap through every screen as staff and a resident would; yields each screen's name once
    it is showing. Back to the start clears the visit, so the resident's language, text size
    and contrast are chosen again on the start screen each time, with its own buttons."""
    theme, size, language = look

    def choose_look() -> None:
        window.start.language_buttons[language].click()
        window.start.size_buttons[size].click()
        if (theme == "high-contrast") != window.start.contrast_button.isChecked():
            window.start.contrast_button.click()

    yield "staff sign-in"
    window.staff.buttons["CD"].click()
    choose_look()
    yield "start"
    for category in CATEGORIES:
        window.start.tiles[category].click()
        yield f"category {category}"
        window.category.back_button.click()
        choose_look()
    window.start.search_button.click()
    for letter in QUERY:
        window.search.keypad.keys[letter].click()
    assert window.search.results.rows(), f"no results for {QUERY!r}"
    yield f"search for {QUERY!r}"
    window.search.results.rows()[0].click()
    yield "service overview"
    window.service.start_steps.click()
    window.service.next_button.click()
    yield "step 2"
    window.service.print_button.click()
    qtbot.waitUntil(window.service.save_pdf_button.isVisible, timeout=10_000)
    yield "step 2, the handout not printed"
    window.service.save_pdf_button.click()
    qtbot.waitUntil(lambda: bool(window.save_place.place_buttons), timeout=5000)
    yield "where to save the handout"
    window.save_place.cancel_button.click()
    window.service.qr_button.click()
    yield "QR code"
    window.service.finish_button.click()
    yield "log contact"


def check_every_screen(window: MainWindow, look: Look, qtbot: QtBot, check: Check) -> list[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    found = []
    for screen in walk(window, look, qtbot):
        for _ in range(3):
            app.processEvents()
        found += [f"{screen}: {problem}" for problem in check(window)]
    return found


def gaps(one: QRect, other: QRect) -> tuple[int, int]:
    """Horizontal and vertical distance between two rectangles; negative where they overlap."""
    across = max(other.x() - (one.x() + one.width()), one.x() - (other.x() + other.width()))
    down = max(other.y() - (one.y() + one.height()), one.y() - (other.y() + other.height()))
    return across, down


def target_problems(window: MainWindow) -> list[str]:
    """Targets under 48 x 48 px, cut off at the side of the screen (nothing scrolls sideways)
    or closer than 8 px to a neighbour beside, above or below them. Two targets in the same
    scroll area are measured whole, even scrolled out of sight; targets in different ones by
    the parts that show (a tile half scrolled away is not beside the button under the list)."""
    targets = [w for w in visible(window, QAbstractButton, QLineEdit) if w.isEnabled()]
    problems = [
        f"{describe(w)} is {w.width()}x{w.height()} px"
        for w in targets
        if w.width() < MIN_TARGET or w.height() < MIN_TARGET
    ]
    whole = {id(w): QRect(w.mapTo(window, QPoint(0, 0)), w.size()) for w in targets}
    shown = {id(w): on_screen(w, window) for w in targets}
    problems += [
        f"{describe(w)} is cut off: {shown[id(w)].width()} of its {w.width()} px show"
        for w in targets
        if not shown[id(w)].isEmpty() and shown[id(w)].width() < w.width()
    ]
    for one, other in combinations(targets, 2):
        if one.isAncestorOf(other) or other.isAncestorOf(one):
            continue
        rects = whole if scroll_area(one) is scroll_area(other) else shown
        if rects[id(one)].isEmpty() or rects[id(other)].isEmpty():
            continue
        across, down = gaps(rects[id(one)], rects[id(other)])
        if (down < 0 and across < GAP) or (across < 0 and down < GAP):
            problem = f"{describe(one)} and {describe(other)} are {max(across, down)} px apart"
            problems.append(problem)
    return problems


def clipped_labels(window: MainWindow) -> list[str]:
    """Buttons whose one-line label, with its padding, is wider than the button: the words
    are cut off (WCAG 1.4.4: nothing lost at the larger text sizes)."""
    problems = []
    for button in visible(window, QPushButton):
        assert isinstance(button, QPushButton)
        if not button.text() or type(button).sizeHint is not QPushButton.sizeHint:
            continue  # tiles and service rows wrap their words, and size themselves to them
        needs, has = button.sizeHint().width(), button.width()
        if needs > has:
            problem = f"{describe(button)} needs {needs} px, has {has} px"
            problems.append(problem)
    return problems


def name_problems(window: MainWindow) -> list[str]:
    """What a screen reader would announce as just "button" (or nothing)."""
    problems = []
    for button in visible(window, QAbstractButton):
        assert isinstance(button, QAbstractButton)
        name, words = button.accessibleName().strip(), button.text().strip()
        if not (name or words):
            problems.append(f"{describe(button)} has neither words nor an accessible name")
        elif not words and not button.icon().isNull() and not name:
            problems.append(f"{describe(button)} shows only an icon and has no accessible name")
    problems += [
        f"{describe(widget)} has no accessible name"
        for widget in visible(window, QLineEdit, ServiceList)
        if not widget.accessibleName().strip()
    ]
    return problems


def news_out_of_sight(window: MainWindow) -> list[str]:
    """Messages (a handout not printed, a contact not saved) not wholly on the screen: below
    the fold, staff would never see why."""
    return [
        f"{describe(line)} shows {on_screen(line, window).height()} of its {line.height()} px"
        for line in visible(window, MessageLine)
        if isinstance(line, MessageLine)
        and line.text()
        and on_screen(line, window).height() < line.height()
    ]


def test_touch_targets_are_large_and_apart_on_every_screen(
    styled_window: MainWindow, look: Look, qtbot: QtBot
) -> None:
    problems = check_every_screen(styled_window, look, qtbot, target_problems)
    assert not problems, "\n".join(problems)


def test_button_labels_fit_on_every_screen(
    styled_window: MainWindow, look: Look, qtbot: QtBot
) -> None:
    problems = check_every_screen(styled_window, look, qtbot, clipped_labels)
    assert not problems, "\n".join(problems)


def test_everything_tappable_has_a_name_on_every_screen(
    styled_window: MainWindow, look: Look, qtbot: QtBot
) -> None:
    problems = check_every_screen(styled_window, look, qtbot, name_problems)
    assert not problems, "\n".join(problems)


def test_the_qr_code_button_shows_the_qr_code(styled_window: MainWindow) -> None:
    window = styled_window
    window.staff.buttons["CD"].click()
    window.open_service("pay-council-tax")
    window.service.qr_button.click()
    assert window.service.qr.isVisible()  # not the overview, as when QR == OVERVIEW - 1
    assert min(window.service.qr.width(), window.service.qr.height()) >= 280


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_search_boxs_example_text_meets_aa(qtbot: QtBot, theme: str) -> None:
    """Qt's own placeholder grey (#858585 here) is 3.7:1 on white."""
    box = QLineEdit(objectName="searchBox", placeholderText="Type what you need")
    qtbot.addWidget(box)
    box.setStyleSheet(style_sheet(theme))
    box.ensurePolished()
    palette = box.palette()
    example = palette.color(QPalette.ColorRole.PlaceholderText).name()
    background = palette.color(QPalette.ColorRole.Base).name()
    assert contrast(example, background) >= TEXT_CONTRAST, (example, background)


def test_every_message_is_in_sight_on_every_screen(
    styled_window: MainWindow, look: Look, qtbot: QtBot
) -> None:
    problems = check_every_screen(styled_window, look, qtbot, news_out_of_sight)
    assert not problems, "\n".join(problems)


LONG_SAYING = (
    "client-error-document-format-not-supported: the printer's driver could not convert the "
    "document for this printer's language"
)


def test_a_long_reason_for_not_printing_is_in_sight_in_welsh_at_the_largest_size(
    styled_window: MainWindow, cups: FakeCups, qtbot: QtBot
) -> None:
    cups.set(default="desk1", lp_error=LONG_SAYING)  # as a driver that cannot cope says it
    window = styled_window
    window.staff.buttons["CD"].click()
    window.start.language_buttons["cy"].click()
    window.start.size_buttons[-1].click()
    window.open_service("pay-council-tax")
    window.service.print_button.click()
    qtbot.waitUntil(window.service.save_pdf_button.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: not news_out_of_sight(window), timeout=2000)
    assert LONG_SAYING in window.service.print_message.text()
    assert window.service.print_message.text().startswith("Ni chafodd y daflen")
