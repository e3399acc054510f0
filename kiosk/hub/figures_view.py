"""The figures as the page shows them: each breakdown's rows in plain words, with its chart.

The numbers are the report's (:mod:`kiosk.hub.figures`, the kiosk's own definitions); this
only orders, words and draws them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from kiosk.contacts.labels import LABELS, LANGUAGES
from kiosk.contacts.report import Report, percent
from kiosk.hub.charts import bar_chart

HEADINGS = {
    "site": "Contacts by site",
    "desk": "Contacts by desk",
    "service": "Contacts by service",
    "mode": "How staff helped",
    "outcome": "Outcomes",
    "barrier": "Barriers to going online",
    "next_time_online": "Could go online next time",
    "handout": "Handouts printed",
    "referral": "Referrals",
    "language": "Languages used",
    "staff": "Contacts by staff code",
    "day": "Contacts per day",
}
NEXT_TIME = {
    "yes": "Yes, alone",
    "with_help": "Yes, with help",
    "no": "No",
    "unsure": "Unsure",
    "": "Not asked",
}
HANDOUT = {"1": "Handout printed", "0": "No handout"}
REFERRALS = {
    "digital_skills": "Digital skills help",
    "device_loan": "Device loan",
    "data_bank": "Data bank",
    "library_pcs": "Library computers",
    "other_service": "Another service",
    "": "No referral",
}


@dataclass(frozen=True)
class Row:
    label: str
    code: str  # shown beside the label when the two differ
    n: int
    share: str


@dataclass(frozen=True)
class Breakdown:
    key: str
    heading: str
    rows: list[Row]
    chart: Markup


def breakdowns(
    report: Report, extra: Mapping[str, Mapping[str, int]], titles: Mapping[str, str]
) -> list[Breakdown]:
    """Every breakdown of ``report`` and ``extra``, in the order of ``HEADINGS``."""
    counts = {**extra, **report.by}
    keys = [k for k in HEADINGS if k in counts] + [k for k in counts if k not in HEADINGS]
    return [_breakdown(key, counts[key], report.total, titles) for key in keys]


def _breakdown(
    key: str, counts: Mapping[str, int], total: int, titles: Mapping[str, str]
) -> Breakdown:
    heading = HEADINGS.get(key, f"Contacts by {key.replace('_', ' ')}")
    rows = [
        Row(label(key, code, titles), code, n, percent(n, total)) for code, n in counts.items()
    ]
    chart = bar_chart(heading, [(row.label, row.n) for row in rows], f"chart-{key}")
    return Breakdown(key, heading, rows, chart)


def label(dimension: str, code: str, titles: Mapping[str, str]) -> str:
    """``code`` of ``dimension`` in plain words, where there are some."""
    if dimension == "service":
        return titles.get(code, code)
    if dimension == "next_time_online":
        return NEXT_TIME.get(code, code)
    if dimension == "handout":
        return HANDOUT.get(code, code)
    if dimension == "referral":
        return REFERRALS.get(code, code)
    if dimension == "language":
        return LANGUAGES.get(code, code)
    if dimension == "day":
        return _day(code)
    if not code:
        return "Not recorded"
    return LABELS.get(code, code) if dimension in ("mode", "outcome", "barrier") else code


def _day(code: str) -> str:
    try:
        return date.fromisoformat(code).strftime("%a %-d %b %Y")
    except ValueError:
        return code


def totals(report: Report) -> list[tuple[str, str]]:
    """The headline figures, worded as ``kiosk report`` words them."""
    total, done = report.total, report.completed_during_visit
    online, answered = report.online_next_time, report.answered_next_time
    reset = report.saved_by_idle_reset
    return [
        ("Contacts", f"{total:,}"),
        ("Completed online during the visit", f"{done:,} ({percent(done, total)} of contacts)"),
        (
            "Could go online next time, alone or with help",
            f"{online:,} ({percent(online, answered)} of the {answered:,} who answered)",
        ),
        (
            "Saved by the idle reset, not by staff",
            f"{reset:,} ({percent(reset, total)} of contacts)",
        ),
    ]
