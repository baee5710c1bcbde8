"""`path:line:col: severity rule: message`, then a one-line summary.

Colour on a terminal; plain when piped or when NO_COLOR is set.
"""

from __future__ import annotations

import os
from typing import TextIO

from coe.document.findings import Level
from coe.lint.engine import LintReport


class Reporter:
    def __init__(self, *, quiet: bool = False, color: bool | None = None) -> None:
        self.quiet = quiet
        self.color = color

    def write(self, report: LintReport, stream: TextIO) -> None:
        if self._use_color(stream):
            self._write_rich(report, stream)
            return
        for finding in report.findings:
            stream.write(f"{finding}\n")
        if not self.quiet:
            stream.write(summary_line(report) + "\n")

    def _use_color(self, stream: TextIO) -> bool:
        if self.color is not None:
            return self.color
        if os.environ.get("NO_COLOR"):
            return False
        return hasattr(stream, "isatty") and stream.isatty()

    def _write_rich(self, report: LintReport, stream: TextIO) -> None:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True)
        for finding in report.findings:
            line = Text()
            line.append(f"{finding.location()}:", style="bold")
            style = "red" if finding.severity is Level.ERROR else "yellow"
            line.append(f" {finding.severity}", style=f"bold {style}")
            line.append(f" {finding.rule}", style="cyan")
            line.append(f": {finding.shown_message()}")
            console.print(line)
        if not self.quiet:
            style = "red" if report.errors else ("yellow" if report.warnings else "green")
            console.print(Text(summary_line(report), style=f"bold {style}"))


def summary_line(report: LintReport) -> str:
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if not report.findings:
        return f"{files} checked: all clean."
    return (
        f"{files} checked: {report.errors} error{'s' if report.errors != 1 else ''}, "
        f"{report.warnings} warning{'s' if report.warnings != 1 else ''}."
    )
