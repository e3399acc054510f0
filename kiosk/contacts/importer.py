"""Bulk entry from a paper-log spreadsheet: every row valid, or nothing written.

A million-row sheet is read in one pass: the codes of a row (all but its time) are checked
once per distinct combination, through ``Contact`` itself, so the rules for codes live in one
place; times are parsed once per distinct text. Only the first :data:`PROBLEMS_SHOWN`
problems are kept as text, the rest are counted.

Each row gets a fingerprint of its values (time in UTC and codes, not the site, desk or
catalog version the kiosk fills in) and of how many times those values came before it in the
sheet, so importing the same rows again, from this file or any copy of it, adds nothing.
"""

import hashlib
import json
import uuid
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from kiosk.contacts.codes import COLUMNS, GENERAL
from kiosk.contacts.contact import Contact, ContactError
from kiosk.contacts.import_sheet import open_sheet
from kiosk.contacts.recorded_time import EARLIEST, to_utc
from kiosk.errors import KioskError

REQUIRED = ("recorded_at", "service_id", "mode", "outcome")
OPTIONAL = (
    "barriers", "language", "handout", "next_time_online", "referral", "staff", "duration_s",
)  # fmt: skip
PROBLEMS_SHOWN = 20
FINGERPRINT_SIZE = 16  # bytes of BLAKE2b: no two different rows alike in 2**64 imports
_YES, _NO = {"1", "true", "yes", "y"}, {"0", "false", "no", "n", ""}
_CODES = tuple(c for c in REQUIRED + OPTIONAL if c != "recorded_at")
# what makes two rows the same contact: not what the kiosk fills in (site, desk, catalog)
_IDENTITY = ("staff", "service_id", "mode", "outcome", "barriers", "language", "handout",
             "next_time_online", "referral", "duration_s")  # fmt: skip
_ID, _AT = COLUMNS.index("id"), COLUMNS.index("recorded_at")
_STAND_IN_TIME = EARLIEST.strftime("%Y-%m-%dT%H:%M:%SZ")


class ContactImportError(KioskError):
    def __init__(self, problems: list[str], total: int | None = None) -> None:
        self.problems = problems
        self.total = len(problems) if total is None else total
        more = self.total - len(problems)
        super().__init__(
            f"{self.total:,} problem(s); nothing was imported:\n"
            + "\n".join(problems)
            + (f"\n... and {more:,} more" if more else "")
        )


@dataclass
class Problems:
    """The first few problems in words, and how many there were in all."""

    shown: list[str] = field(default_factory=list)
    total: int = 0

    def add(self, where: str, problems: list[str]) -> None:
        for problem in problems:
            self.total += 1
            if len(self.shown) < PROBLEMS_SHOWN:
                self.shown.append(f"{where}: {problem}")


@dataclass(frozen=True)
class _Codes:
    """One distinct combination of a row's codes: its checked values, or what is wrong."""

    index: int | None  # in ImportRows.codes; None when the codes are not valid
    problems: list[str]
    digest: bytes


@dataclass
class ImportRows:
    """The checked rows of a sheet, compactly: a million rows is tens of megabytes."""

    codes: list[tuple[Any, ...]] = field(default_factory=list)
    code_of_row: "array[int]" = field(default_factory=lambda: array("I"))
    times: list[str] = field(default_factory=list)
    numbers: "array[int]" = field(default_factory=lambda: array("I"))  # as Excel shows them
    fingerprints: bytearray = field(default_factory=bytearray)

    def __len__(self) -> int:
        return len(self.times)

    def fingerprint(self, index: int) -> bytes:
        return bytes(self.fingerprints[index * FINGERPRINT_SIZE : (index + 1) * FINGERPRINT_SIZE])

    def values(self, indexes: Iterator[int]) -> Iterator[tuple[Any, ...]]:
        """The rows at ``indexes`` as database rows, each with an id of its own.

        The ids count up from a random UUID (its lowest 32 bits cleared): as unique as any
        other, and the id index takes them in order, which writes a million rows a third
        quicker than ids in random order.
        """
        start = uuid.uuid4().int & ~0xFFFF_FFFF
        for offset, index in enumerate(indexes):
            row = list(self.codes[self.code_of_row[index]])
            row[_ID], row[_AT] = str(uuid.UUID(int=start + offset)), self.times[index]
            yield tuple(row)


def read_contacts(
    path: Path, make: Callable[..., Contact], known_services: set[str]
) -> ImportRows:
    """Check every row; ``make`` fills in site, desk, catalog version and source.

    Raises ContactImportError (the first problems and their count) unless every row is valid.
    """
    with open_sheet(path, set(REQUIRED + OPTIONAL)) as sheet:
        header = [name.strip().lower() for name in sheet.header]
        header_problems = _header_problems(path, header)
        if header_problems:
            raise ContactImportError(header_problems)
        return _Reader(path, header, make, known_services).read(sheet.rows)


class _Reader:
    def __init__(
        self, path: Path, header: list[str], make: Callable[..., Contact], known: set[str]
    ) -> None:
        self.path, self.width, self.make, self.known = path, len(header), make, known
        self.time_column = header.index("recorded_at")
        # a column the sheet lacks reads the blank put after the last cell of every row
        self.codes_of = itemgetter(*(header.index(c) if c in header else -1 for c in _CODES))
        self.now = datetime.now(UTC)
        self.found: dict[tuple[str, ...], _Codes] = {}
        self.seen: dict[bytes, int] = {}
        self.problems = Problems()
        self.rows = ImportRows()
        self.utc = lru_cache(maxsize=65_536)(self._utc)

    def read(self, rows: Iterator[tuple[int, list[str]]]) -> ImportRows:
        for number, cells in rows:
            stripped = [cell.strip() for cell in cells]
            if any(stripped):  # Excel saves blank rows as ,,,
                self._row(number, stripped)
        if self.problems.total:
            raise ContactImportError(self.problems.shown, self.problems.total)
        return self.rows

    def _row(self, number: int, cells: list[str]) -> None:
        cells.extend([""] * (self.width + 1 - len(cells)))
        key = self.codes_of(cells)
        codes = self.found.get(key) or self._codes(key)
        at, time_problem = self.utc(cells[self.time_column])
        problems = [*codes.problems, *time_problem, *self._extra_cells(cells)]
        if problems:
            self.problems.add(f"{self.path}:row {number}", problems)
            return
        self._keep(number, codes, at)

    def _keep(self, number: int, codes: _Codes, at: str) -> None:
        """Keep a valid row, with its fingerprint (the n-th alike in the sheet: its own)."""
        rows = self.rows
        base = hashlib.blake2b(codes.digest + at.encode(), digest_size=FINGERPRINT_SIZE).digest()
        before = self.seen.get(base, 0)
        self.seen[base] = before + 1
        fingerprint = base
        if before:
            again = base + before.to_bytes(8, "big")
            fingerprint = hashlib.blake2b(again, digest_size=FINGERPRINT_SIZE).digest()
        rows.code_of_row.append(codes.index)  # type: ignore[arg-type]  # valid: it has one
        rows.times.append(at)
        rows.numbers.append(number)
        rows.fingerprints += fingerprint

    def _codes(self, key: tuple[str, ...]) -> _Codes:
        row = dict(zip(_CODES, key, strict=True))
        values, problems = _values(row, self.known)
        contact = None
        try:
            contact = self.make(recorded_at=_STAND_IN_TIME, **values)
        except ContactError as exc:
            problems.extend(str(exc).split("; "))
        index = None
        if contact is not None and not problems:
            index = len(self.rows.codes)
            self.rows.codes.append(contact.values())
        identity = json.dumps([getattr(contact, name, None) for name in _IDENTITY])
        digest = hashlib.blake2b(identity.encode(), digest_size=FINGERPRINT_SIZE).digest()
        found = _Codes(index, problems, digest)
        self.found[key] = found
        return found

    def _utc(self, text: str) -> tuple[str, list[str]]:
        try:
            return to_utc(text, self.now), []
        except ValueError as exc:
            return "", [f"recorded_at: {exc}"]

    def _extra_cells(self, cells: list[str]) -> list[str]:
        extra = [cell for cell in cells[self.width :] if cell]
        if not extra:
            return []
        return [f"'{extra[0]}': a cell beyond the header's {self.width} columns"]


def _header_problems(path: Path, header: list[str]) -> list[str]:
    if not any(header):
        return [f"{path}: empty; a header row and at least one contact are needed"]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    twice = sorted({c for c in header if c and header.count(c) > 1})
    found = [f"{path}:row 1: {c}: required column is missing" for c in missing]
    allowed = ", ".join(REQUIRED + OPTIONAL)
    found += [f"{path}:row 1: {c}: unknown column (allowed: {allowed})" for c in unknown]
    found += [f"{path}:row 1: {c}: the column is given twice" for c in twice]
    return found


def _values(row: dict[str, str], known_services: set[str]) -> tuple[dict[str, Any], list[str]]:
    """The row's codes as Contact fields (stand-ins where a value is bad), and its problems."""
    problems: list[str] = []

    def field(name: str, parse: Callable[[str], Any], fallback: Any) -> Any:
        try:
            return parse(row[name])
        except ValueError as exc:
            problems.append(str(exc))
            return fallback

    values: dict[str, Any] = {
        "service_id": field("service_id", lambda t: _service(t, known_services), GENERAL),
        "mode": row["mode"],
        "outcome": row["outcome"],
        "barriers": field("barriers", _barriers, ()),
        "handout": field("handout", _flag, False),
    }
    for name in ("language", "next_time_online", "referral", "staff"):
        if row[name]:
            values[name] = row[name]
    if row["duration_s"]:
        values["duration_s"] = field("duration_s", _whole, None)
    return values, problems


def _service(text: str, known_services: set[str]) -> str:
    if text != GENERAL and text not in known_services:
        raise ValueError(f"service_id: '{text}' is not a service in the catalog")
    return text


def _barriers(text: str) -> tuple[str, ...]:
    if text.startswith("["):
        try:
            found = json.loads(text)
        except json.JSONDecodeError:
            found = None
        if not isinstance(found, list) or not all(isinstance(b, str) for b in found):
            raise ValueError(f"barriers: '{text}' is not a list like [\"skills\"]")
        return tuple(found)
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _flag(text: str) -> bool:
    value = text.lower()
    if value in _YES | _NO:
        return value in _YES
    raise ValueError(f"handout: '{text}' is not 1 or 0 (yes or no)")


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"duration_s: '{text}' is not a whole number of seconds") from None
