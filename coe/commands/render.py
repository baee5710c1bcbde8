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
        reports = [(result.document.coe, renderer.render(result.document.coe, today)) for result in loaded]
    except jinja2.TemplateError as exc:
        return _fail(f"template error: {exc}", EXIT_USAGE)
    return _write(reports, request, renderer.suffix)


def _write(reports: list, request: RenderRequest, suffix: str) -> int:
    from coe.fileio import write_text_atomic

    try:
        if request.output is None:
            sys.stdout.write("\n".join(text for _, text in reports))
        elif len(reports) == 1 and not request.output.is_dir():
            write_text_atomic(request.output, reports[0][1])
        else:
            request.output.mkdir(parents=True, exist_ok=True)
            for coe, text in reports:
                write_text_atomic(request.output / f"{coe.id}{suffix}", text)
    except OSError as exc:
        return _fail(f"cannot write {request.output}: {exc.strerror or exc}", EXIT_FAILED)
    return EXIT_OK


def _fail(message: str, code: int) -> int:
    print(f"coe render: error: {message}", file=sys.stderr)
    return code
