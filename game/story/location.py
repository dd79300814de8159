"""Source locations and the diagnostics (errors and warnings) that carry them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class SourceLocation(NamedTuple):
    """A place in a story file: 1-based line and column (a tuple: cheap to make by the million)."""

    path: str
    line: int = 0
    column: int = 0

    def shifted(self, columns: int) -> SourceLocation:
        """The location `columns` characters further along the same line."""
        return SourceLocation(self.path, self.line, self.column + columns)

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding about a story, in an author's words."""

    location: SourceLocation
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        # One finding is one line, whatever text of the author's a message quotes.
        message = " ".join(self.message.splitlines())
        return f"{self.location}: {self.severity}: {message}"


@dataclass
class Diagnostics:
    """Collects every error and warning of a load, so all are reported in one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(location, "error", message))

    def warning(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(location, "warning", message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=lambda d: (d.location, d.severity, d.message))


class StoryError(Exception):
    """A story could not be loaded; `diagnostics` holds every finding."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        first = str(errors[0]) if errors else "the story has errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as an author would like to read it: relative to the working directory if possible."""
    for root in (Path.cwd(), base):
        if root is None:
            continue
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)
