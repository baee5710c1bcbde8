"""`coe report`: the portfolio across every COE in a directory."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from coe.commands.outcome import ExitCode, emit, fail
from coe.config import ConfigError, load_config
from coe.document.discovery import MissingPath, find_coe_files

FORMATS = ("html", "markdown", "json", "csv")


@dataclass
class ReportRequest:
    directory: Path | None = None
    fmt: str = "html"
    output: Path | None = None
    today: dt.date | None = None
    skip_invalid: bool = False
    config: Path | None = None


def run_report(request: ReportRequest) -> int:
    from coe.portfolio.records import collect
    from coe.portfolio.stats import build_portfolio

    try:
        config = load_config(request.config)
        files = find_coe_files([request.directory or config.coe_directory])
    except ConfigError as exc:
        return fail("report", str(exc))
    except MissingPath as exc:
        return fail("report", f"no such directory: {exc}")
    collection = collect(files, max_file_size=config.max_file_size)
    portfolio = build_portfolio(collection.records, request.today or dt.date.today())
    import jinja2

    try:
        text = _format(portfolio, collection.broken, request.fmt, config)
    except jinja2.TemplateError as exc:  # the user's dashboard template is broken or did something refused
        return fail("report", f"template error: {exc}")
    if emit("report", text, request.output) != ExitCode.CLEAN:
        return ExitCode.USAGE
    for line in collection.skipped_lines():
        print(line, file=sys.stderr)
    return ExitCode.FINDINGS if collection.broken and not request.skip_invalid else ExitCode.CLEAN


def _format(portfolio, broken, fmt: str, config) -> str:
    from coe.portfolio import export

    if fmt == "json":
        return export.to_json(export.portfolio_dict(portfolio, broken))
    if fmt == "csv":
        actions = [action for record in portfolio.records for action in record.actions]
        return export.actions_csv(actions, portfolio.today)
    from coe.portfolio.dashboard import render_dashboard

    return render_dashboard(portfolio, broken, fmt, templates_dir=config.user_templates_dir())
