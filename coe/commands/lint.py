"""`coe lint`: load every COE and report what is wrong."""

from __future__ import annotations

import sys
from pathlib import Path

from coe.discovery import MissingPath, find_coe_files
from coe.loader import load


def run_lint(paths: list[Path]) -> int:
    try:
        files = find_coe_files(paths)
    except MissingPath as exc:
        print(f"coe lint: error: no such file or directory: {exc}", file=sys.stderr)
        return 2
    findings = []
    for path in files:
        findings.extend(load(path).problems)
    for finding in findings:
        print(f"{finding.path}:{finding.line}:{finding.column}: {finding.rule}: {finding.message}")
    return 1 if findings else 0
