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

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity} {self.rule}: {self.message}"
