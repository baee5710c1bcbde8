"""A finding: one problem at one place in one file."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: Level = Level.ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)

    def location(self) -> str:
        """``path:line:col``, the path escaped for a terminal (coe.printable)."""
        from coe.printable import printable

        path = printable(self.path)
        if path.startswith("::"):  # GitHub Actions would run a line that starts so as a workflow command
            path = "./" + path
        return f"{path}:{self.line}:{self.column}"

    def shown_message(self) -> str:
        """The message escaped for a terminal: quoted text from the COE cannot fake or hide a line."""
        from coe.printable import printable

        return printable(self.message)

    def __str__(self) -> str:
        """The text-output line."""
        return f"{self.location()}: {self.severity} {self.rule}: {self.shown_message()}"
