"""What a check finds: each problem, worded so a content editor can fix it, and the outcome."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kiosk.catalog.model import Catalog

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: Path
    message: str
    field: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        if self.line is not None:
            where = f"{self.file}:{self.line}:{self.column}"
        else:
            where = f"{self.file}: {self.field}" if self.field else str(self.file)
        marker = "warning: " if self.severity == "warning" else ""
        return f"{where}: {marker}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass
class CatalogCheck:
    """The outcome of checking a catalog folder: the catalog when it has no errors."""

    root: Path
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
