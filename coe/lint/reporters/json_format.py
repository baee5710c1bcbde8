"""`{"findings": [...], "summary": {"files", "errors", "warnings"}}`."""

from __future__ import annotations

import json
from typing import TextIO

from coe.lint.engine import LintReport


class Reporter:
    def __init__(self, **_: object) -> None:
        pass

    def write(self, report: LintReport, stream: TextIO) -> None:
        document = {
            "findings": [
                {
                    "path": finding.path,
                    "line": finding.line,
                    "column": finding.column,
                    "rule": finding.rule,
                    "severity": str(finding.severity),
                    "message": finding.message,
                }
                for finding in report.findings
            ],
            "summary": {"files": report.files, "errors": report.errors, "warnings": report.warnings},
        }
        json.dump(document, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
