"""Output formats for `coe lint`, chosen by name with `--output-format`."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from coe.lint.engine import LintReport

# name -> module that defines `Reporter`; imported only when chosen.
FORMATS = {
    "text": "coe.reporters.text",
    "json": "coe.reporters.json_format",
    "github": "coe.reporters.github",
    "sarif": "coe.reporters.sarif",
    "junit": "coe.reporters.junit",
}


class Reporter(Protocol):
    def write(self, report: LintReport, stream: TextIO) -> None: ...


def reporter_for(name: str, **options) -> Reporter:
    module = importlib.import_module(FORMATS[name])
    return module.Reporter(**options)
