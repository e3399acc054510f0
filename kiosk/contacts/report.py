"""Figures supervisors can trust: totals, breakdowns, take-up and an estimated saving."""

from dataclasses import asdict, dataclass
from typing import Any

from kiosk.config import Config
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog

_BREAKDOWNS = {
    "day": "substr(recorded_at, 1, 10)",
    "service": "service_id",
    "mode": "mode",
    "outcome": "outcome",
    "staff": "staff",
    "language": "language",
}


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
    answered_next_time: int
    online_next_time: int  # "yes" or "with_help"
    saving: Saving | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_report(log: ContactLog, period: Period, config: Config) -> Report:
    where = "WHERE recorded_at >= ? AND recorded_at < ?"
    bounds = [period.start, period.end]
    by = {
        name: _counts(log, f"SELECT {expr}, count(*) FROM contacts {where} GROUP BY 1", bounds)
        for name, expr in _BREAKDOWNS.items()
    }
    by["barrier"] = _counts(
        log,
        f"SELECT b.value, count(*) FROM contacts, json_each(contacts.barriers) AS b {where} "
        "GROUP BY 1",
        bounds,
    )
    total, completed, answered, online = log.db.execute(
        "SELECT count(*), total(outcome = 'completed'), count(next_time_online), "
        f"total(next_time_online IN ('yes', 'with_help')) FROM contacts {where}",
        bounds,
    ).fetchone()
    return Report(
        period=str(period),
        total=total,
        by=by,
        completed_during_visit=int(completed),
        answered_next_time=answered,
        online_next_time=int(online),
        saving=_saving(int(online), config),
    )


def _counts(log: ContactLog, sql: str, bounds: list[str]) -> dict[str, int]:
    rows = log.db.execute(sql, bounds).fetchall()
    return {str(key): count for key, count in sorted(rows, key=lambda r: (-r[1], str(r[0])))}


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
