"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One `<testsuite name="coe lint">`; one `<testcase>` per file linted. Each
error finding is a `<failure>` of that test case; warnings do not fail it
and are listed in its `<system-out>`. `tests` and `failures` count test
cases (files), as JUnit does, not findings.

Every file the report lists in `paths` gets a test case, so clean files show
as passing tests. A `paths` option overrides that list; a report built
without paths lists only the files with findings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from os import PathLike
from typing import TextIO

from coe.document.findings import Finding, Level
from coe.lint.engine import LintReport

SUITE_NAME = "coe lint"
CLASSNAME = "coe"

# Characters XML 1.0 cannot carry at all, even escaped (a YAML double-quoted
# string can hold "\x07"); ElementTree would write them as they are.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Reporter:
    def __init__(self, paths: Iterable[str | PathLike[str]] | None = None, **_: object) -> None:
        self.paths = None if paths is None else [str(path) for path in paths]

    def write(self, report: LintReport, stream: TextIO) -> None:
        root = junit_tree(report, self.paths if self.paths is not None else report.paths)
        ET.indent(root)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        stream.write(ET.tostring(root, encoding="unicode"))
        stream.write("\n")


def junit_tree(report: LintReport, paths: list[str] | None = None) -> ET.Element:
    by_path: dict[str, list[Finding]] = {path: [] for path in paths or ()}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    failed = sum(1 for findings in by_path.values() if any(_is_error(f) for f in findings))
    counts = {"tests": str(len(by_path)), "failures": str(failed), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "coe", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts})
    for path, findings in by_path.items():
        case = ET.SubElement(suite, "testcase", {"classname": CLASSNAME, "name": _xml(path), "file": _xml(path)})
        for finding in findings:
            if _is_error(finding):
                failure = ET.SubElement(
                    case, "failure", {"type": finding.rule, "message": _xml(finding.message)}
                )
                failure.text = _xml(f"{finding.path}:{finding.line}:{finding.column}: {finding.rule}: {finding.message}")
        warnings = [finding for finding in findings if not _is_error(finding)]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = _xml("".join(f"{finding}\n" for finding in warnings))
    return root


def _is_error(finding: Finding) -> bool:
    return finding.severity is Level.ERROR


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
