"""Text that shows what it is: control, bidi and invisible characters written as escapes.

Catalog text, file names, a receiver's words in an error: any of them can carry ESC (which a
terminal obeys), a right-to-left override (which makes ``gpj.exe`` look like ``exe.jpg``) or
a zero-width space (which makes two different codes look the same). The catalog refuses
them (``hidden_characters``); everything the command line prints has them escaped
(``printable_output``), so what IT reads on the screen is what is there.
"""

import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# Bidi embeddings, overrides and isolates; zero-width characters; line and paragraph
# separators; the byte order mark. Control characters (Cc) are all refused but these two:
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\u00ad\u180e")
ALLOWED_CONTROLS = frozenset("\n\t")


def is_hidden(char: str) -> bool:
    """True for a character that changes or hides what text looks like."""
    if char in ALLOWED_CONTROLS:
        return False
    return char in BIDI or char in INVISIBLE or unicodedata.category(char) in ("Cc", "Cs")


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(position counted from 1, description) of each hidden character in ``text``."""
    return [(i + 1, describe(c)) for i, c in enumerate(text) if is_hidden(c)]


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "a control character")
    return f"U+{ord(char):04X} {name}"


def escaped(text: str) -> str:
    """``text`` with every hidden character written as ``\\x1b`` or ``\\u202e``."""
    if not any(is_hidden(c) for c in text):
        return text
    return "".join(_escape(c) if is_hidden(c) else c for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROL_NAMES = {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE", "\r": "CARRIAGE RETURN"}


class _Printable:
    """A text stream whose writes have hidden characters escaped; the rest is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escaped(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def printable_output() -> Iterator[None]:
    """Inside, what goes to standard output and standard error is printable."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None:  # None: a windowed program on Windows has no console
        sys.stdout = _Printable(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = _Printable(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
