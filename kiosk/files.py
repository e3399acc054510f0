"""Files that appear whole or not at all: written under a temporary name, then renamed."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kiosk.errors import KioskError


@contextmanager
def atomic_file(target: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """Write ``target`` through a temporary file in the same folder, fsynced, then renamed.

    A crash, a full disk or an exception leaves the old file (or none), never half of one.
    Failures to create or finish the file become a KioskError naming it.
    """
    try:
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
    except OSError as exc:
        raise KioskError(f"cannot write in {target.parent}: {exc.strerror}") from None
    partial = Path(name)
    try:
        with open(descriptor, mode, **options) as handle:  # noqa: PTH123 (a file descriptor)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KioskError(
            f"could not write {target}, nothing was written: {exc.strerror}"
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
