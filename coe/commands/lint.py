"""`coe lint`: build the settings, lint, report, pick the exit code."""

from __future__ import annotations

import datetime as dt
import sys
from io import StringIO
from pathlib import Path
from typing import NamedTuple

from coe.commands.outcome import ExitCode, emit, fail
from coe.config import ConfigError, load_config
from coe.document.discovery import MissingPath, find_coe_files
from coe.lint.engine import LintSettings, lint_paths
from coe.lint.reporters import reporter_for


class LintRequest(NamedTuple):
    paths: list[Path]
    select: list[str] | None = None
    ignore: list[str] | None = None
    strict: bool = False
    today: dt.date | None = None
    output_format: str = "text"
    output: Path | None = None
    quiet: bool = False
    exit_zero: bool = False
    config: Path | None = None
    jobs: int | None = None  # None: all cores, when there are enough files


def run_lint(request: LintRequest) -> int:
    try:
        config = load_config(request.config)
        settings = LintSettings.build(
            config,
            today=request.today or dt.date.today(),
            select=_split(request.select),
            ignore=_split(request.ignore) or (),
        )
        paths = request.paths or [_relative(config.coe_directory)]
        files = find_coe_files(paths)
    except ConfigError as exc:
        return fail("lint", str(exc))
    except MissingPath as exc:
        return fail("lint", f"no such file or directory: {exc}")
    report = lint_paths(files, settings, jobs=request.jobs)
    reporter = reporter_for(request.output_format, quiet=request.quiet)
    if request.output is None:
        reporter.write(report, sys.stdout)  # the reporter colours a terminal
    else:
        buffer = StringIO()
        reporter.write(report, buffer)
        if emit("lint", buffer.getvalue(), request.output) != ExitCode.CLEAN:
            return ExitCode.USAGE
    failed = report.errors or (request.strict and report.warnings)
    return ExitCode.FINDINGS if failed and not request.exit_zero else ExitCode.CLEAN


def _relative(path: Path) -> Path:
    """The path as the user would type it: relative to the working directory if under it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _split(names: list[str] | None) -> list[str] | None:
    """`--select a,b --select c` gives a, b and c."""
    if not names:
        return None
    return [name.strip() for value in names for name in value.split(",") if name.strip()]
