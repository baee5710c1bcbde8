"""GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=...::message`.

Escaping follows @actions/core: in the message, `%`, CR and LF; in
properties, also `:` and `,`.
"""

from __future__ import annotations

from typing import TextIO

from coe.document.findings import Level
from coe.lint.engine import LintReport


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Reporter:
    def __init__(self, **_: object) -> None:
        pass

    def write(self, report: LintReport, stream: TextIO) -> None:
        for finding in report.findings:
            command = "error" if finding.severity is Level.ERROR else "warning"
            properties = ",".join(
                [
                    f"file={escape_property(finding.path)}",
                    f"line={finding.line}",
                    f"col={finding.column}",
                    f"title={escape_property(f'coe {finding.rule}')}",
                ]
            )
            stream.write(f"::{command} {properties}::{escape_data(finding.message)}\n")
