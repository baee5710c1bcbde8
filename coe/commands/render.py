"""`coe render`: one report per COE; nothing is written unless every file renders."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from coe.commands.outcome import ExitCode, emit, fail
from coe.config import ConfigError, load_config
from coe.document.loader import load


@dataclass
class RenderRequest:
    files: list[Path]
    fmt: str = "markdown"
    output: Path | None = None
    today: dt.date | None = None
    config: Path | None = None


def run_render(request: RenderRequest) -> int:
    import jinja2

    try:
        config = load_config(request.config)
    except ConfigError as exc:
        return fail("render", str(exc))
    if len(request.files) > 1 and request.output is not None and request.output.is_file():
        return fail("render", f"-o {request.output} is a file; with several COEs, -o names a directory")
    loaded = [load(path, max_file_size=config.max_file_size) for path in request.files]
    problems = [problem for result in loaded for problem in result.problems]
    if problems:
        for problem in problems:
            print(problem)  # the same line `coe lint` prints
        print(f"coe render: nothing written: {len(problems)} problem(s) in the input", file=sys.stderr)
        return ExitCode.FINDINGS
    from coe.render.renderer import Renderer

    today = request.today or dt.date.today()
    try:
        renderer = Renderer(request.fmt, templates_dir=config.user_templates_dir())
        reports = [Report(path, result.document.coe.id, renderer.render(result.document.coe, today))
                   for path, result in zip(request.files, loaded)]
    except jinja2.TemplateError as exc:
        return fail("render", f"template error: {exc}")
    if request.output is None:
        return emit("render", "\n".join(report.text for report in reports), None)
    directory = request.output if len(reports) > 1 or request.output.is_dir() else None
    if directory is None:
        return _write({request.output: reports[0]}, directory)
    try:
        planned = _plan(reports, directory, renderer.suffix)
    except SameOutputError as exc:
        return fail("render", str(exc))
    return _write(planned, directory)


@dataclass
class Report:
    source: Path
    id: str
    text: str


class SameOutputError(Exception):
    """Two different COEs would be written to the same report file."""


def _plan(reports: list[Report], directory: Path, suffix: str) -> dict[Path, Report]:
    """``ID.SUFFIX`` for each report; refuses, before writing anything, to put two COEs in one file."""
    planned: dict[Path, Report] = {}
    for report in reports:
        path = directory / f"{report.id}{suffix}"
        first = planned.setdefault(path, report)
        if first is not report and not _same_file(first.source, report.source):
            raise SameOutputError(
                f"{first.source} and {report.source} both have the id {report.id}, so both reports would be {path}; "
                f"nothing was written. Give each COE its own id (`coe lint` reports duplicate-id), "
                f"or render them one at a time with -o FILE"
            )
    return planned


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _write(planned: dict[Path, Report], directory: Path | None) -> int:
    from coe.fileio import write_error_message, write_text_atomic

    try:
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
        for path, report in planned.items():
            write_text_atomic(path, report.text)
    except OSError as exc:
        return fail("render", write_error_message(exc, directory))
    return ExitCode.CLEAN
