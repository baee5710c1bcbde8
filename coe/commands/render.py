"""`coe render`: one report per COE; nothing is written unless every file renders."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from coe.config import ConfigError, load_config
from coe.loader import load

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
        return _fail(str(exc), EXIT_USAGE)
    if len(request.files) > 1 and request.output is not None and request.output.is_file():
        return _fail(f"-o {request.output} is a file; with several COEs, -o names a directory", EXIT_USAGE)
    loaded = [load(path, max_file_size=config.max_file_size) for path in request.files]
    problems = [problem for result in loaded for problem in result.problems]
    if problems:
        for problem in problems:
            print(problem)  # the same line `coe lint` prints
        print(f"coe render: nothing written: {len(problems)} problem(s) in the input", file=sys.stderr)
        return EXIT_FAILED
    from coe.render.renderer import Renderer

    templates_dir = config.resolve(config.templates_dir) if config.templates_dir else None
    today = request.today or dt.date.today()
    try:
        renderer = Renderer(request.fmt, templates_dir=templates_dir)
        reports = [Report(path, result.document.coe.id, renderer.render(result.document.coe, today))
                   for path, result in zip(request.files, loaded)]
    except jinja2.TemplateError as exc:
        return _fail(f"template error: {exc}", EXIT_USAGE)
    if request.output is None:
        sys.stdout.write("\n".join(report.text for report in reports))
        return EXIT_OK
    directory = request.output if len(reports) > 1 or request.output.is_dir() else None
    if directory is None:
        return _write({request.output: reports[0]}, directory)
    try:
        planned = _plan(reports, directory, renderer.suffix)
    except SameOutputError as exc:
        return _fail(str(exc), EXIT_USAGE)
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
        return _fail(write_error_message(exc, directory), EXIT_USAGE)
    return EXIT_OK


def _fail(message: str, code: int) -> int:
    print(f"coe render: error: {message}", file=sys.stderr)
    return code
