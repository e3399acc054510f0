"""Figures supervisors can trust: totals, breakdowns, take-up and an estimated saving."""

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from kiosk.catalog.model import Catalog
from kiosk.config import Config
from kiosk.contacts.codes import GENERAL, IDLE_RESET
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog

BREAKDOWNS = ("service", "mode", "outcome", "barrier", "staff", "language")


@dataclass(frozen=True)
class Saving:
    contacts_shifted: int
    cost_face_to_face: float
    cost_web: float
    cost_phone: float | None
    estimate: float


@dataclass(frozen=True)
class Report:
    period: str
    total: int
    by: dict[str, dict[str, int]]
    completed_during_visit: int
    saved_by_idle_reset: int  # begun by staff, saved by the reset: its untouched answers too
    answered_next_time: int
    online_next_time: int  # "yes" or "with_help"
    saving: Saving | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Counted = Iterable[tuple[str, str, int]]  # (dimension, value, n), n summed over the period
PerDay = Iterable[tuple[str, int]]  # (day, contacts that day)


def build_report(log: ContactLog, period: Period, config: Config) -> Report:
    """The report for ``period``, from the per-day counts the log keeps as it is written."""
    days = [period.first.isoformat(), period.last.isoformat()]
    counted = log.conn.execute(
        "SELECT dimension, value, sum(n) FROM daily_counts WHERE day >= ? AND day <= ? "
        "GROUP BY 1, 2 HAVING sum(n) != 0",
        days,
    ).fetchall()
    per_day = log.conn.execute(
        "SELECT day, sum(n) FROM daily_counts WHERE dimension = 'mode' AND day >= ? AND day <= ? "
        "GROUP BY day HAVING sum(n) != 0 ORDER BY day",
        days,
    ).fetchall()
    return report_from_counts(period, config, counted, per_day)


def report_from_counts(
    period: Period, config: Config, counted: Counted, per_day: PerDay
) -> Report:
    """The report from summed per-day counts: the one definition of every figure, shared by
    the kiosk's log and the hub's council-wide counts. ``per_day`` comes oldest first."""
    counts: dict[str, dict[str, int]] = {}
    for dimension, value, n in counted:
        counts.setdefault(dimension, {})[value] = int(n)  # PostgreSQL's sum() is a Decimal
    total = sum(counts.get("mode", {}).values())
    next_time = counts.get("next_time_online", {})
    by = {"day": {day: int(n) for day, n in per_day}}
    by |= {name: _ranked(counts.get(name, {})) for name in BREAKDOWNS}
    online = next_time.get("yes", 0) + next_time.get("with_help", 0)
    return Report(
        period=str(period),
        total=total,
        by=by,
        completed_during_visit=counts.get("outcome", {}).get("completed", 0),
        saved_by_idle_reset=counts.get("source", {}).get(IDLE_RESET, 0),
        answered_next_time=total - next_time.get("", 0),
        online_next_time=online,
        saving=_saving(online, config),
    )


def _ranked(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _saving(shifted: int, config: Config) -> Saving | None:
    if config.cost_face_to_face is None or config.cost_web is None:
        return None
    per_contact = config.cost_face_to_face - config.cost_web
    return Saving(
        contacts_shifted=shifted,
        cost_face_to_face=config.cost_face_to_face,
        cost_web=config.cost_web,
        cost_phone=config.cost_phone,
        estimate=round(shifted * per_contact, 2),
    )


def report_json(report: Report) -> str:
    """The report as ``--format json`` prints it (the kiosk's and the hub's alike)."""
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report_text(report: Report, titles: dict[str, str]) -> str:
    lines = [f"Assisted-digital contacts, {report.period}: {report.total}", ""]
    lines += [
        "Digital take-up",
        f"  completed online during the visit: {report.completed_during_visit} "
        f"({percent(report.completed_during_visit, report.total)} of contacts)",
        f"  could go online next time, alone or with help: {report.online_next_time} "
        f"({percent(report.online_next_time, report.answered_next_time)} of the "
        f"{report.answered_next_time} who answered)",
        f"  saved by the idle reset, not by staff: {report.saved_by_idle_reset} "
        f"({percent(report.saved_by_idle_reset, report.total)} of contacts; what they were not "
        "asked is counted as not recorded)",
        "",
    ]
    lines += _saving_lines(report.saving)
    for name, counts in report.by.items():
        lines.append(f"By {name}")
        for key, count in counts.items():
            label = f"{key} ({titles[key]})" if name == "service" and key in titles else key
            lines.append(f"  {label:<60} {count:>8}  {percent(count, report.total):>6}")
        lines.append("")
    return "\n".join(lines)


def _saving_lines(saving: Saving | None) -> list[str]:
    if saving is None:
        return [
            "Estimated saving: not estimated. Set cost_face_to_face and cost_web (the",
            "council's own unit costs) in the config file to estimate one.",
            "",
        ]
    phone = f", phone £{saving.cost_phone:.2f}" if saving.cost_phone is not None else ""
    return [
        f"Estimated saving: £{saving.estimate:,.2f} (an estimate, not a measured figure)",
        f"  {saving.contacts_shifted} residents who could go online next time x "
        f"(face-to-face £{saving.cost_face_to_face:.2f} - web £{saving.cost_web:.2f})",
        f"  unit costs used, from the config: face-to-face £{saving.cost_face_to_face:.2f}, "
        f"web £{saving.cost_web:.2f}{phone}",
        "",
    ]


def service_titles(
    catalog: Catalog, general: str = "General enquiry", language: str = "en"
) -> dict[str, str]:
    """Service id -> title in ``language`` (English where it is not translated), ``general``
    included, for exports and reports."""
    titles = {key: catalog.text(s, language).title for key, s in catalog.services.items()}
    return {GENERAL: general} | titles
