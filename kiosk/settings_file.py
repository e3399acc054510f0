"""Change a few settings in the config file from the supervisor's touchscreen.

Only the keys named in ``SCREEN_SETTINGS`` may change here; every other key in the file is
kept as it is. The new file is checked exactly as a restart would load it (a copy goes
through ``load_config``) before the real file is replaced, atomically. Comments in the
file are not kept: it is rewritten from its values.
"""

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import rtoml

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.files import atomic_file
from kiosk.tomlfile import TomlFileError, read_toml

SCREEN_SETTINGS = ("idle_timeout_s", "printer", "paper")


def save_settings(path: Path, changes: Mapping[str, object]) -> None:
    """Set the ``changes`` in the TOML file at ``path`` (None removes a key); all or nothing.

    Raises ConfigError, leaving the file untouched, for a key outside SCREEN_SETTINGS or a
    value loading would refuse (with loading's own message, naming ``path``).
    """
    refused = [key for key in changes if key not in SCREEN_SETTINGS]
    if refused:
        raise ConfigError(
            f"{path}: {', '.join(refused)}: cannot be changed from the screen "
            f"(only {', '.join(SCREEN_SETTINGS)})"
        )
    values = _current(path)
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    try:
        text = rtoml.dumps(values, pretty=True)
    except (TypeError, ValueError, rtoml.TomlSerializationError) as exc:
        raise ConfigError(f"{path}: the settings cannot be written as TOML: {exc}") from None
    _check(path, text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}") from None
    with atomic_file(path, encoding="utf-8", newline="\n") as handle:
        if mode is not None:  # keep the old file's permissions (mkstemp makes it 0600)
            os.fchmod(handle.fileno(), mode)
        handle.write(text)


def _current(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return read_toml(path)
    except TomlFileError as exc:
        raise ConfigError(str(exc)) from None


def _check(path: Path, text: str) -> None:
    """Load ``text`` as a restart would; a refusal names ``path``, not the copy checked."""
    with tempfile.TemporaryDirectory(prefix="kiosk-settings-") as folder:
        copy = Path(folder) / path.name
        copy.write_text(text, encoding="utf-8")
        try:
            load_config(copy, environ={})
        except ConfigError as exc:
            raise ConfigError(str(exc).replace(str(copy), str(path))) from None
