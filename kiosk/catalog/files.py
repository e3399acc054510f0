"""The files a catalog is made of, and only those: never one reached through a link outside it.

A catalog folder is ``council.toml``, ``categories.toml``, ``services/*.toml`` and
``images/*``. Anyone who can put a link there could make the kiosk read, and keep a copy of,
anything the kiosk's user can read (the system's password file, a folder of 96 MB), or loop
for ever. So a link that leaves the folder, points nowhere or loops is an error naming it,
and the last-good copy takes the catalog's own files as plain files, following nothing.
"""

import errno
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

PARTS = ("council.toml", "categories.toml")
FOLDERS = ("services", "images")


def catalog_files(root: Path) -> Iterator[Path]:
    """Every entry that is part of the catalog in ``root``, links included, in order."""
    for name in PARTS:
        path = root / name
        if path.is_symlink() or path.exists():
            yield path
    for name in FOLDERS:
        folder = root / name
        if folder.is_symlink():
            yield folder
            if outside(folder, root):
                continue  # what is in a folder outside is not the catalog's
        if folder.is_dir():
            yield from sorted(folder.iterdir())


def link_problem(path: Path, root: Path) -> str | None:
    """Why ``path``, a link, may not be part of the catalog, or None for a link inside it."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 and 3.12 say "symlink loop" this way
        return "is a link that loops back on itself; put the file itself here"
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # as Python 3.13 says it
            return "is a link that loops back on itself; put the file itself here"
        return f"is a link to {str(path.readlink())!r}, which does not exist"
    if not target.is_relative_to(root.resolve()):
        return (
            f"is a link to {target}, outside the catalog folder; the catalog may only hold "
            "its own files: copy the file in instead"
        )
    return None


def outside(path: Path, root: Path) -> bool:
    """True when ``path`` is a link the catalog may not follow."""
    return path.is_symlink() and link_problem(path, root) is not None


def copy_catalog(root: Path, target: Path) -> None:
    """The catalog's own files into ``target`` as plain files; links inside followed once."""
    for path in catalog_files(root):
        if outside(path, root) or (path.name in FOLDERS and path.parent == root):
            continue  # a refused link, or the folder itself (its files come one by one)
        relative = path.relative_to(root)
        if _plain_file(path):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative, follow_symlinks=True)


def _plain_file(path: Path) -> bool:
    """A regular file (or a link inside the catalog to one): never a device or a pipe."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
