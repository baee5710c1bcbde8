"""Output formats for `coe lint`, chosen by name with `--output-format`."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from coe.lint.engine import LintReport

# name -> module that defines `Reporter`; imported only when chosen.
FORMATS = {
    "text": "coe.lint.reporters.text",
    "json": "coe.lint.reporters.json_format",
    "github": "coe.lint.reporters.github",
    "sarif": "coe.lint.reporters.sarif",
    "junit": "coe.lint.reporters.junit",
}


class Reporter(Protocol):
    def write(self, report: LintReport, stream: TextIO) -> None: ...


def reporter_for(name: str, **options) -> Reporter:
    module = importlib.import_module(FORMATS[name])
    return module.Reporter(**options)
