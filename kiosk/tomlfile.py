"""Read a TOML file, turning every way it can fail into one readable line."""

import re
from pathlib import Path
from typing import Any

import rtoml

from kiosk.errors import KioskError

_POSITION = re.compile(r"^(?P<msg>.*?),? at line (?P<line>\d+),? column (?P<col>\d+)")


class TomlFileError(KioskError):
    def __init__(self, path: Path, message: str, line: int | None = None, col: int | None = None):
        self.path, self.message, self.line, self.col = path, message, line, col
        where = f"{path}:{line}:{col}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


def read_toml(path: Path) -> dict[str, Any]:
    return parse_toml(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TomlFileError(path, "file not found") from None
    except OSError as exc:
        raise TomlFileError(path, f"cannot read: {exc.strerror}") from None


def parse_toml(path: Path, data: bytes) -> dict[str, Any]:
    """``data`` (the bytes of ``path``) as TOML; ``path`` is only for messages."""
    try:
        parsed: dict[str, Any] = rtoml.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TomlFileError(path, f"not UTF-8 text (bad byte at offset {exc.start})") from None
    except rtoml.TomlParsingError as exc:
        found = _POSITION.match(str(exc).strip())
        if found is None:
            raise TomlFileError(path, f"not valid TOML: {exc}") from None
        line, col = int(found["line"]), int(found["col"])
        raise TomlFileError(path, f"not valid TOML: {found['msg']}", line, col) from None
    return parsed
