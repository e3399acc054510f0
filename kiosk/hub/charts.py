"""Bar charts drawn on the server as SVG: nothing to download, nothing to run in the browser.

A chart is one picture (``role="img"`` named by its ``<title>``); its numbers are always in a
real table beside it on the page, which is what a screen reader reads. Only presentation
attributes are used, never ``style``, so the page's Content-Security-Policy holds.
"""

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 640
LABEL_WIDTH = 280  # room for LABEL_CHARACTERS at the chart text size
COUNT_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 18
LABEL_CHARACTERS = 30
MAX_BARS = 20  # a chart of the first twenty; the table beside it holds every row
BAR_COLOUR = "#1d70b8"  # GOV.UK blue: 5.2:1 on white
TEXT_COLOUR = "#0b0c0c"


def bar_chart(title: str, rows: Sequence[tuple[str, int]], chart_id: str) -> Markup:
    """A horizontal bar per row, longest for the largest count, with the count beside it."""
    shown = list(rows[:MAX_BARS])
    height = max(len(shown), 1) * ROW_HEIGHT + 8
    largest = max((n for _, n in shown), default=0) or 1
    bar_room = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{escape(chart_id)}-title" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg" focusable="false">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}{_more(rows)}</title>',
    ]
    for place, (label, n) in enumerate(shown):
        parts.append(_bar(place, label, n, round(bar_room * max(n, 0) / largest)))
    if not shown:
        parts.append(_text(LABEL_WIDTH, ROW_HEIGHT - 8, "No contacts", "start"))
    parts.append("</svg>")
    return Markup("".join(parts))


def _more(rows: Sequence[tuple[str, int]]) -> str:
    if len(rows) <= MAX_BARS:
        return ""
    return f" (the first {MAX_BARS} of {len(rows)}; every one is in the table)"


def _bar(place: int, label: str, n: int, length: int) -> str:
    top = place * ROW_HEIGHT + 4
    baseline = top + BAR_HEIGHT - 4
    return (
        _text(LABEL_WIDTH - 8, baseline, _shortened(label), "end")
        + f'<rect x="{LABEL_WIDTH}" y="{top}" width="{max(length, 1)}" '
        f'height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
        + _text(LABEL_WIDTH + length + 6, baseline, f"{n:,}", "start")
    )


def _text(x: int, y: int, words: str, anchor: str) -> str:
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{TEXT_COLOUR}" '
        f'font-size="14" font-family="Arial, sans-serif">{escape(words)}</text>'
    )


def _shortened(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1] + "…"
