"""What makes a value a code and not personal data: staff codes, shapes to refuse, languages.

Used by the contact model (every contact, from the touchscreen, ``kiosk contacts add`` or an
import) and by the config (``site``, ``desk``, ``staff_codes``), so a code is held to the same
rules wherever it enters.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import combinations

from kiosk.contacts import codes

_PARTS = re.compile(r"[^A-Za-z0-9]+")  # a code split where its separators (- _ . space) are
_DATE_WRITTEN = re.compile(r"(?<!\d)(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?!\d)")
_WHOLE_SHAPES = (  # tried on the whole code and on each run of its parts, separators dropped
    ("a phone number", re.compile(r"\d{9,}")),
    ("a National Insurance number", re.compile(r"[A-Z]{2}\d{6}[A-D]?", re.IGNORECASE)),
    ("a postcode", re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}", re.IGNORECASE)),
)
_EIGHT_DIGITS = re.compile(r"\d{8}")
STAFF_RULE = "letters and digits, at most 8"
SHOWN_MAX = 64  # a refused value longer than this is not repeated back
_NAME_LIKE = ("Sarah", "Jones", "SarahJones", "Jane", "Sam", "Jo")  # a staff form must refuse


@lru_cache(maxsize=4096)  # an import checks the same few site, desk and staff codes per row
def personal_shape(value: str) -> str | None:
    """What personal data ``value`` is shaped like ("a phone number", ...), or None.

    Only for values up to ``SHOWN_MAX`` characters; a longer one is no code anyway.
    """
    if "@" in value:
        return "an e-mail address"
    if any(_real_date(*m.groups()) for m in _DATE_WRITTEN.finditer(value)):
        return "a date"
    for run in _runs(value):
        for shape, pattern in _WHOLE_SHAPES:
            if pattern.fullmatch(run):
                return shape
        if _EIGHT_DIGITS.fullmatch(run) and _compact_date(run):
            return "a date"
    return None


def _runs(value: str) -> set[str]:
    """The code without separators, and every run of consecutive parts of it."""
    parts = [p for p in _PARTS.split(value) if p]
    return {"".join(parts[i:j]) for i, j in combinations(range(len(parts) + 1), 2)}


def _compact_date(digits: str) -> bool:
    """``19800131`` or ``31011980``."""
    return _real_date(digits[:4], digits[4:6], digits[6:]) or _real_date(
        digits[:2], digits[2:4], digits[4:]
    )


def _real_date(first: str, middle: str, last: str) -> bool:
    """Year first or last (two-digit years too), month in the middle or first (US order)."""
    for year, month, day in ((first, middle, last), (last, middle, first), (last, first, middle)):
        if len(year) in (2, 4) and len(day) <= 2 and _is_date(int(year), int(month), int(day)):
            return True
    return False


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year if year >= 100 else 2000 + year, month, day)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class StaffForm:
    """The staff codes a council accepts: ``pattern`` (whole code; "" for none), or ``listed``."""

    pattern: str = codes.STAFF_PATTERN
    listed: tuple[str, ...] = ()

    def allows(self, code: str) -> bool:
        return code in self.listed or bool(
            self.pattern and _compiled(self.pattern).fullmatch(code)
        )

    def rule(self) -> str:
        form = codes.STAFF_PATTERN_RULE if self.pattern == codes.STAFF_PATTERN else None
        if form is None and self.pattern:
            form = f"the form set by staff_code_pattern, {self.pattern}"
        listed = f"one of staff_codes: {', '.join(self.listed)}" if self.listed else None
        return ", or ".join(part for part in (form, listed) if part) or "no staff code is set"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def staff_problem(value: object, form: StaffForm | None = None, name: str = "staff") -> str | None:
    """Why ``value`` cannot be a staff code, or None; ``form``: the council's (see config)."""
    if value in codes.NO_STAFF_CODE:
        return None
    if not isinstance(value, str) or not codes.STAFF_CODE.fullmatch(value):
        return refusal(name, value, f"{STAFF_RULE}: initials or a number, never a name")
    if shape := personal_shape(value):
        return looks_personal(name, shape)
    if form is not None and not form.allows(value):
        return f"{name}: {value!r} is not a staff code here (use {form.rule()})"
    return None


def code_problem(name: str, value: object) -> str | None:
    """Why ``value`` cannot be the ``site`` or ``desk`` code, or None."""
    if not isinstance(value, str) or not codes.CODE.match(value):
        return refusal(name, value, f"{codes.CODE_RULE}, no names or free text")
    if shape := personal_shape(value):
        return looks_personal(name, shape)
    return None


def refusal(name: str, value: object, rule: str) -> str:
    """``name``'s value is not a code: shown, unless it may be someone's personal data."""
    if isinstance(value, str) and len(value) > SHOWN_MAX:
        return f"{name}: {len(value)} characters is too long for a code ({rule})"
    if isinstance(value, str) and (shape := personal_shape(value)):
        return looks_personal(name, shape)
    return f"{name}: {value!r} is not a code ({rule})"


def looks_personal(name: str, shape: str) -> str:
    return (
        f"{name}: the value looks like {shape}, not a code (not shown: the log holds codes, "
        "never personal data)"
    )


def name_like_match(pattern: str) -> str | None:
    """A name that ``pattern`` would take as a staff code (so it cannot be the form), or None."""
    return next((n for n in _NAME_LIKE if _compiled(pattern).fullmatch(n)), None)


def known_language(tag: object, *, registered: bool = True) -> bool:
    """A BCP 47 tag as the log writes it (en, cy, pl, bfi, en-GB); ``registered``: also in
    the IANA subtag registry (langcodes), not only of that shape."""
    if not isinstance(tag, str) or len(tag) > codes.LANGUAGE_MAX or not codes.LANGUAGE.match(tag):
        return False
    return _registered(tag) if registered else True


def language_problem(tag: object) -> str:
    if isinstance(tag, str) and len(tag) > SHOWN_MAX:
        return f"language: {len(tag)} characters is too long for a language code"
    return (
        f"language: {tag!r} is not a language code in the BCP 47 registry "
        "(like en, cy, pl, en-GB or bfi for British Sign Language)"
    )


@cache
def _registered(tag: str) -> bool:
    import langcodes  # only when a contact is checked: not for every command's start

    return bool(langcodes.tag_is_valid(tag))
