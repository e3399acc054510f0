"""One assisted-digital contact, checked field by field before it can be written."""

import json
import uuid
from dataclasses import InitVar, dataclass, field
from datetime import UTC, datetime
from typing import Any

from kiosk.contacts import code_rules, codes
from kiosk.contacts.code_rules import StaffForm
from kiosk.errors import KioskError


class ContactError(KioskError):
    """A contact value is not one of the allowed codes; nothing was written."""


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Contact:
    site: str
    desk: str
    staff: str
    service_id: str
    lgsl: int | None
    mode: str
    outcome: str
    catalog_version: str
    barriers: tuple[str, ...] = ()
    language: str = "en"
    handout: bool = False
    next_time_online: str | None = None
    referral: str | None = None
    duration_s: int | None = None
    source: str = "kiosk"
    recorded_at: str = field(default_factory=utc_now)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    uploaded_at: str | None = None
    # Given where a person types a contact in (kiosk contacts add, an import): the council's
    # staff codes (Config.staff_form), and the language is looked up in the BCP 47 registry.
    # None: a row read back, or the touchscreen's, whose staff code is one of staff_codes and
    # whose language is one the catalog offers (the registry's 80 ms import stays off its GUI
    # thread); the shapes every council shares are checked all the same.
    staff_form: InitVar[StaffForm | None] = None

    def __post_init__(self, staff_form: StaffForm | None) -> None:
        problems = _problems(self, staff_form)
        if problems:
            raise ContactError("; ".join(problems))

    def values(self) -> tuple[Any, ...]:
        """The contact as a database row: values in the allow-list's column order."""
        return tuple(
            json.dumps(self.barriers)
            if column == "barriers"
            else int(self.handout)
            if column == "handout"
            else getattr(self, column)
            for column in codes.COLUMNS
        )

    def row(self) -> dict[str, Any]:
        return dict(zip(codes.COLUMNS, self.values(), strict=True))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Contact":
        values = dict(row)
        values["barriers"] = tuple(json.loads(values["barriers"]))
        values["handout"] = bool(values["handout"])
        return cls(**values)


def _problems(c: Contact, staff_form: StaffForm | None) -> list[str]:
    found = [
        *_one_of("mode", c.mode, codes.MODES),
        *_one_of("outcome", c.outcome, codes.OUTCOMES),
        *_one_of("source", c.source, codes.SOURCES),
        *_optional_one_of("next_time_online", c.next_time_online, codes.NEXT_TIME_ONLINE),
        *_optional_one_of("referral", c.referral, codes.REFERRALS),
        *_all_of("barriers", c.barriers, codes.BARRIERS),
    ]
    found.extend(_code_problems(c, staff_form))
    if not code_rules.known_language(c.language, registered=staff_form is not None):
        found.append(code_rules.language_problem(c.language))
    found.extend(_time_problems(c))
    found.extend(_number_problems(c))
    return found


def _code_problems(c: Contact, staff_form: StaffForm | None) -> list[str]:
    found = [code_rules.code_problem(name, getattr(c, name)) for name in ("site", "desk")]
    found.append(code_rules.staff_problem(c.staff, staff_form))
    for name in ("service_id", "catalog_version"):  # the catalog's own codes, not typed in
        value = getattr(c, name)
        if not isinstance(value, str) or not codes.CODE.match(value):
            found.append(f"{name}: {value!r} is not a code ({codes.CODE_RULE}, no free text)")
    return [problem for problem in found if problem]


def _one_of(name: str, value: object, allowed: tuple[str, ...]) -> list[str]:
    if value in allowed:
        return []
    return [f"{name}: {value!r} is not allowed (one of: {', '.join(allowed)})"]


def _optional_one_of(name: str, value: object, allowed: tuple[str, ...]) -> list[str]:
    return [] if value is None else _one_of(name, value, allowed)


def _all_of(name: str, values: tuple[str, ...], allowed: tuple[str, ...]) -> list[str]:
    bad = [v for v in values if v not in allowed]
    if bad:
        return [f"{name}: {bad[0]!r} is not allowed (any of: {', '.join(allowed)})"]
    if len(set(values)) != len(values):
        return [f"{name}: the same barrier is given twice"]
    return []


def _time_problems(c: Contact) -> list[str]:
    found = []
    for name in ("recorded_at", "uploaded_at"):
        value = getattr(c, name)
        if value is None and name == "uploaded_at":
            continue
        if not isinstance(value, str) or not codes.TIMESTAMP.match(value) or not _real(value):
            found.append(f"{name}: {value!r} is not a UTC time like 2026-11-27T14:05:00Z")
    return found


def _real(timestamp: str) -> bool:
    try:
        datetime.fromisoformat(timestamp[:-1])  # the pattern already matched; is it a real date?
    except ValueError:
        return False
    return True


def _number_problems(c: Contact) -> list[str]:
    found = []
    if c.lgsl is not None and (not isinstance(c.lgsl, int) or isinstance(c.lgsl, bool)):
        found.append(f"lgsl: {c.lgsl!r} is not a whole number")
    if c.service_id == codes.GENERAL and c.lgsl is not None:
        found.append("lgsl: a general contact has no LGSL code")
    if c.duration_s is not None and (
        not isinstance(c.duration_s, int) or not 0 <= c.duration_s <= 86_400
    ):
        found.append(f"duration_s: {c.duration_s!r} is not a number of seconds up to a day")
    if not isinstance(c.handout, bool):
        found.append(f"handout: {c.handout!r} is not true or false")
    try:
        uuid.UUID(c.id)
    except (ValueError, AttributeError, TypeError):
        found.append(f"id: {c.id!r} is not a UUID")
    return found
