"""Read a catalog folder, check all of it, and report every problem in one pass.

This is the one place that loads pydantic; the catalog it hands on is made of the plain
dataclasses in ``schema`` (``snapshot.open_catalog`` keeps the outcome in a cache, so the
touchscreen usually starts without checking again).
"""

import hashlib
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kiosk.catalog import schema
from kiosk.catalog.files import catalog_files, link_problem, outside
from kiosk.catalog.model import Catalog
from kiosk.catalog.problems import CatalogCheck, Problem
from kiosk.catalog.rules import Parts, check_council, check_parts
from kiosk.catalog.toml_models import CategoriesFile, Council, Service
from kiosk.catalog.validation_messages import field_path, problems_from_validation
from kiosk.errors import CatalogError
from kiosk.printable import hidden_characters
from kiosk.resources import icon_names
from kiosk.tomlfile import TomlFileError, parse_toml, read_bytes

__all__ = ["CatalogCheck", "check_catalog", "load_catalog"]

M = TypeVar("M", bound=BaseModel)
_RUNTIME: dict[str, type] = {kind.__name__: kind for kind in schema.RECORDS}


class _Reader:
    """Reads and parses files, collecting problems instead of stopping at the first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.digest = hashlib.sha256()

    def model(
        self, path: Path, model: type[M], adapt: Callable[[Any], Any] = lambda d: d
    ) -> M | None:
        if outside(path, self.root):
            return None  # named by _links; never read
        try:
            raw = read_bytes(path)
            self.digest.update(path.relative_to(self.root).as_posix().encode() + b"\0" + raw)
            data = parse_toml(path, raw)
        except TomlFileError as exc:
            self.problems.append(Problem(path, exc.message, line=exc.line, column=exc.col))
            return None
        hidden = list(_hidden_text(path, data))
        if hidden:
            self.problems.extend(hidden)
            return None
        try:
            return model.model_validate(adapt(data))
        except ValidationError as exc:
            self.problems.extend(problems_from_validation(path, exc, model))
            return None


def check_catalog(
    root: Path, *, today: date | None = None, icons: frozenset[str] | None = None
) -> CatalogCheck:
    """Check every file of the catalog in ``root``; never raises for a bad catalog."""
    if not root.is_dir():
        return CatalogCheck(root, None, [Problem(root, "is not a folder with a catalog in it")])
    reader = _Reader(root)
    reader.problems.extend(_links(root))
    council = reader.model(root / "council.toml", Council)
    categories_file = root / "categories.toml"
    categories = reader.model(categories_file, CategoriesFile)
    services = _read_services(reader)
    parts = Parts(
        root=root,
        council=council,
        categories=tuple(categories.category) if categories else (),
        categories_file=categories_file,
        services=services,
        complete=not reader.problems,
    )
    problems = reader.problems
    if council is not None:
        problems.extend(check_council(root / "council.toml", council))
    problems.extend(check_parts(parts, today or date.today(), icons or icon_names()))
    problems.sort(key=lambda p: str(p.file))
    if any(p.is_error for p in problems) or council is None or categories is None:
        return CatalogCheck(root, None, problems)
    catalog = Catalog(
        root=root,
        council=_runtime(council),
        categories=tuple(
            _runtime(c) for c in sorted(parts.categories, key=lambda c: (c.order, c.title))
        ),
        services={s.id: _runtime(s) for _, s in services},
        version=reader.digest.hexdigest()[:12],
    )
    return CatalogCheck(root, catalog, problems)


def _runtime(value: Any) -> Any:
    """A checked pydantic model as its ``schema`` dataclass (same name, lists as tuples)."""
    if isinstance(value, BaseModel):
        kind, names = _runtime_kind(type(value))
        return kind(**{name: _runtime(getattr(value, name)) for name in names})
    if isinstance(value, list):
        return tuple(_runtime(item) for item in value)
    if isinstance(value, dict):
        return {key: _runtime(item) for key, item in value.items()}
    return value


@cache
def _runtime_kind(model: type[BaseModel]) -> tuple[Any, tuple[str, ...]]:
    """The dataclass for ``model`` and its field names (asking pydantic each time is slow)."""
    return _RUNTIME[model.__name__], tuple(model.model_fields)


def _hidden_text(path: Path, data: Any, at: tuple[int | str, ...] = ()) -> Iterator[Problem]:
    """A problem for each text (or key) with a control, bidi or invisible character in it."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _hidden_text(path, key, (*at, key))
            yield from _hidden_text(path, value, (*at, key))
    elif isinstance(data, list):
        for n, item in enumerate(data):
            yield from _hidden_text(path, item, (*at, n))
    elif isinstance(data, str) and (found := hidden_characters(data)):
        where, what = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        yield Problem(
            path,
            f"has {what} at character {where}{more}: remove it; characters like this hide "
            "or reorder what the text says",
            field=field_path(at) or None,
        )


def _links(root: Path) -> list[Problem]:
    """Links that leave the catalog folder, point nowhere or loop: each an error."""
    found = []
    for path in catalog_files(root):
        problem = link_problem(path, root) if path.is_symlink() else None
        if problem is not None:
            found.append(Problem(path, problem))
    return found


def _read_services(reader: _Reader) -> tuple[tuple[Path, Service], ...]:
    folder = reader.root / "services"
    if outside(folder, reader.root):
        return ()  # named by _links
    readable = folder.is_dir()
    files = sorted(folder.glob("*.toml")) if readable else []
    if not files:
        reader.problems.append(Problem(folder, "no services: add services/<id>.toml files"))
    for stray in sorted(folder.glob("*")) if readable else []:
        if stray.suffix != ".toml":
            reader.problems.append(
                Problem(stray, "ignored: service files must end in .toml", severity="warning")
            )
    found = []
    for file in files:
        service = reader.model(file, Service)
        if service is not None:
            found.append((file, service))
    return tuple(found)


def load_catalog(root: Path, *, today: date | None = None) -> Catalog:
    """The catalog in ``root``, or a CatalogError listing every error in it."""
    result = check_catalog(root, today=today)
    if result.catalog is None:
        lines = "\n".join(str(p) for p in result.errors)
        raise CatalogError(f"the catalog in {root} has {len(result.errors)} error(s):\n{lines}")
    return result.catalog
