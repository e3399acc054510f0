"""Bulk entry from a paper-log spreadsheet: every row valid, or nothing written."""

import csv
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.contacts.codes import GENERAL
from kiosk.contacts.contact import Contact, ContactError
from kiosk.errors import KioskError

REQUIRED = ("recorded_at", "service_id", "mode", "outcome")
OPTIONAL = (
    "barriers", "language", "handout", "next_time_online", "referral", "staff", "duration_s",
)  # fmt: skip
_YES, _NO = {"1", "true", "yes", "y"}, {"0", "false", "no", "n", ""}


class ContactImportError(KioskError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s); nothing was imported:\n" + "\n".join(problems)
        )


def to_utc(text: str) -> str:
    """An ISO time as UTC ``YYYY-MM-DDTHH:MM:SSZ``; a time with no zone is local time."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_contacts(
    path: Path, make: Callable[..., Contact], known_services: set[str]
) -> list[Contact]:
    """Parse every row; ``make`` fills in site, desk, catalog version and source."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            header = list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KioskError(f"{path}: cannot read as a UTF-8 CSV file: {exc}") from None
    problems = _header_problems(path, header)
    if problems:
        raise ContactImportError(problems)
    contacts = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header, as in Excel
        values, found = _values(row, known_services)
        try:
            contacts.append(make(**values))
        except ContactError as exc:
            found.extend(str(exc).split("; "))
        problems.extend(f"{path}:row {number}: {p}" for p in found)
    if problems:
        raise ContactImportError(problems)
    return contacts


def _header_problems(path: Path, header: list[str]) -> list[str]:
    if not header:
        return [f"{path}: empty; a header row and at least one contact are needed"]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    found = [f"{path}:row 1: {c}: required column is missing" for c in missing]
    allowed = ", ".join(REQUIRED + OPTIONAL)
    found += [f"{path}:row 1: {c}: unknown column (allowed: {allowed})" for c in unknown]
    return found


def _values(row: dict[str, Any], known_services: set[str]) -> tuple[dict[str, Any], list[str]]:
    """The row as Contact fields (stand-ins where a value is bad), and its problems."""
    problems: list[str] = []

    def field(name: str, parse: Callable[[str], Any], fallback: Any) -> Any:
        try:
            return parse(str(row.get(name) or ""))
        except ValueError as exc:
            problems.append(str(exc))
            return fallback

    values: dict[str, Any] = {
        "service_id": field("service_id", lambda t: _service(t, known_services), GENERAL),
        "mode": str(row.get("mode") or "").strip(),
        "outcome": str(row.get("outcome") or "").strip(),
        "recorded_at": field("recorded_at", _time, "2000-01-01T00:00:00Z"),
        "barriers": field("barriers", _barriers, ()),
        "handout": field("handout", _flag, False),
    }
    for name in ("language", "next_time_online", "referral", "staff"):
        if str(row.get(name) or "").strip():
            values[name] = str(row[name]).strip()
    if str(row.get("duration_s") or "").strip():
        values["duration_s"] = field("duration_s", _whole, None)
    return values, problems


def _time(text: str) -> str:
    try:
        return to_utc(text)
    except ValueError:
        raise ValueError(
            f"recorded_at: '{text}' is not a date and time like 2026-11-20T10:15"
        ) from None


def _service(text: str, known_services: set[str]) -> str:
    service = text.strip()
    if service != GENERAL and service not in known_services:
        raise ValueError(f"service_id: '{service}' is not a service in the catalog")
    return service


def _barriers(text: str) -> tuple[str, ...]:
    text = text.strip()
    if text.startswith("["):
        try:
            return tuple(json.loads(text))
        except json.JSONDecodeError:
            raise ValueError(f"barriers: '{text}' is not a list like [\"skills\"]") from None
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in _YES | _NO:
        return value in _YES
    raise ValueError(f"handout: '{text}' is not 1 or 0 (yes or no)")


def _whole(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"duration_s: '{text}' is not a whole number of seconds") from None
