"""The `coe` command line: parse options, build the pieces, run, exit.

Start-up is kept to what the chosen command needs, because pre-commit runs
`coe lint` on every commit:

- command modules are imported inside each command;
- the commands are registered on ``subcommands``, not on ``app``, and
  :mod:`coe.lazy_typer` builds a command's Click object (which reads its
  signature and annotations) only when that command is looked up. A run
  builds one command; ``coe --help`` builds them all to list their help.
- no ``from __future__ import annotations``: Typer would evaluate the
  annotation strings of a command and its callbacks on every run (about
  6 ms for `lint`); evaluated once at import they cost about 4 ms for all.
"""

import datetime as dt
import importlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from coe import __version__
from coe.commands.outcome import ExitCode
from coe.lazy_typer import lazy_group

app = typer.Typer(
    name="coe",
    help="Correction-of-Error post-mortems as code: scaffold, lint and report COE documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=lazy_group(lambda: subcommands, lambda: app),
)
# Every subcommand is registered here; the root group builds one when it is looked up.
subcommands = typer.Typer()



def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"coe {__version__}")
        raise typer.Exit(ExitCode.CLEAN)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Correction-of-Error post-mortems as code."""


def _choice(*choices: str):
    def check(value: Optional[str]) -> Optional[str]:
        if value is not None and value not in choices:
            raise typer.BadParameter(f"choose one of: {', '.join(choices)}")
        return value

    return check


def _choice_from(module: str, name: str):
    """Accept the names in ``module.name``, the table of what that module implements.

    The module is imported when the command runs, not when the CLI starts.
    """

    def check(value: Optional[str]) -> Optional[str]:
        return _choice(*getattr(importlib.import_module(module), name))(value)

    return check


def _date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("write the date as YYYY-MM-DD") from None


# Options that several commands share, declared once.
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Use this config file instead of discovering one.")]
TodayOption = Annotated[
    Optional[str], typer.Option("--today", help="Pin today's date (YYYY-MM-DD), for reproducible output.", callback=_date)
]


@subcommands.command()
def lint(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="COE files or directories (default: the configured directory).", show_default=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Run only these rules (comma-separated or repeated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (comma-separated or repeated).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    today: TodayOption = None,
    output_format: Annotated[str, typer.Option("--output-format", help="text, json, github, sarif or junit.", callback=_choice_from("coe.lint.reporters", "FORMATS"))] = "text",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the report to this file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only, no summary.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    config: ConfigOption = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores, for 400+ files).")] = None,
) -> None:
    """Check COE files; exit 1 on errors (or warnings, with --strict), 2 on usage errors."""
    from coe.commands.lint import LintRequest, run_lint

    request = LintRequest(
        paths=list(paths or []), select=select, ignore=ignore, strict=strict, today=today,
        output_format=output_format, output=output, quiet=quiet, exit_zero=exit_zero, config=config,
        jobs=jobs,
    )
    raise typer.Exit(run_lint(request))


@subcommands.command()
def rules(
    name: Annotated[Optional[str], typer.Argument(help="Explain this rule.", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="text, or markdown for the whole reference.")] = "text",
) -> None:
    """List every lint rule, or explain one with its bad and good examples."""
    from coe.commands.rules import run_rules

    if fmt not in ("text", "markdown"):
        raise typer.BadParameter("choose text or markdown", param_hint="--format")
    raise typer.Exit(run_rules(name, fmt))


@subcommands.command()
def init(
    directory: Annotated[str, typer.Option("--dir", help="The COE directory to create.")] = "coes",
    id_prefix: Annotated[str, typer.Option("--id-prefix", help="Prefix of COE ids.")] = "COE",
    ci: Annotated[Optional[str], typer.Option("--ci", help="Also write a CI workflow: github.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist and differ.")] = False,
) -> None:
    """Set up this repository: .coe.toml, the COE directory and its JSON Schema."""
    from coe.commands.init import run_init

    raise typer.Exit(run_init(Path.cwd(), directory=directory, id_prefix=id_prefix, ci=ci, force=force))


@subcommands.command()
def new(
    title: Annotated[Optional[str], typer.Argument(help="One line: what went wrong.", show_default=False)] = None,
    severity: Annotated[Optional[str], typer.Option("--severity", help="SEV1 (worst) .. SEV5; default SEV3.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="technical, customer-service, process or security.")] = None,
    service: Annotated[Optional[list[str]], typer.Option("--service", help="A service affected (repeatable).")] = None,
    author: Annotated[Optional[list[str]], typer.Option("--author", help="An author (repeatable).")] = None,
    started_at: Annotated[Optional[str], typer.Option("--started-at", help="When it started, e.g. 2026-11-20T14:00:00Z.")] = None,
    directory: Annotated[Optional[Path], typer.Option("--dir", help="Write here instead of the configured directory.")] = None,
    template: Annotated[str, typer.Option("--template", help="default, security, customer-service, or one of yours.")] = "default",
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt (also when stdin is not a terminal).")] = False,
    json_output: Annotated[bool, typer.Option("--json", help='Print {"id", "path"} as JSON, for bots.')] = False,
    config: ConfigOption = None,
) -> None:
    """Scaffold the next COE: a valid draft that asks the seven questions."""
    import sys

    from coe.commands.new import NewRequest, run_new

    request = NewRequest(
        title=title, severity=severity, kind=kind, services=list(service or []), authors=list(author or []),
        started_at=started_at, directory=directory, template=template,
        interactive=not no_input and sys.stdin.isatty(), json_output=json_output, config=config,
    )
    raise typer.Exit(run_new(request))


@subcommands.command("set-status")
def set_status(
    coe: Annotated[str, typer.Argument(help="A COE id (COE-0042) or a file path.", show_default=False)],
    status: Annotated[str, typer.Argument(help="draft, in-review, approved or closed.", show_default=False)],
    config: ConfigOption = None,
    force: Annotated[bool, typer.Option("--force", help="Edit a read-only file all the same (it stays read-only).")] = False,
) -> None:
    """Set a COE's status, keeping its comments and formatting."""
    from coe.commands.edit import set_status as run

    raise typer.Exit(run(coe, status, config, force=force))


action_app = typer.Typer(help="Add corrective actions, or mark them done.", no_args_is_help=True)
subcommands.add_typer(action_app, name="action")


@action_app.command("add")
def action_add(
    coe: Annotated[str, typer.Argument(help="A COE id (COE-0042) or a file path.", show_default=False)],
    action: Annotated[str, typer.Option("--action", help="What will change.")],
    owner: Annotated[str, typer.Option("--owner", help="Who is accountable.")],
    due: Annotated[str, typer.Option("--due", help="Due date, YYYY-MM-DD.", callback=_date)],
    kind: Annotated[Optional[str], typer.Option("--kind", help="prevent, detect, mitigate or process.")] = None,
    priority: Annotated[Optional[str], typer.Option("--priority", help="high, medium or low.")] = None,
    config: ConfigOption = None,
    force: Annotated[bool, typer.Option("--force", help="Edit a read-only file all the same (it stays read-only).")] = False,
) -> None:
    """Append a corrective action with the next CA-N id."""
    from coe.commands.edit import add_action

    raise typer.Exit(add_action(
        coe, action=action, owner=owner, due=due, kind=kind, priority=priority, config_path=config, force=force
    ))


@action_app.command("done")
def action_done(
    coe: Annotated[str, typer.Argument(help="A COE id (COE-0042) or a file path.", show_default=False)],
    action_id: Annotated[str, typer.Argument(help="The action's id, e.g. CA-2.", show_default=False)],
    today: Annotated[Optional[str], typer.Option("--today", help="The date to record (YYYY-MM-DD); default today.", callback=_date)] = None,
    config: ConfigOption = None,
    force: Annotated[bool, typer.Option("--force", help="Edit a read-only file all the same (it stays read-only).")] = False,
) -> None:
    """Mark a corrective action done, with done_on set to today."""
    from coe.commands.edit import action_done as run

    raise typer.Exit(run(coe, action_id, today=today or dt.date.today(), config_path=config, force=force))


@subcommands.command()
def render(
    files: Annotated[list[Path], typer.Argument(help="COE files to render.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or html.", callback=_choice_from("coe.render.renderer", "FORMATS"))] = "markdown",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="A file; with several COEs, a directory.")] = None,
    today: TodayOption = None,
    config: ConfigOption = None,
) -> None:
    """Render COEs as Markdown or self-contained HTML reports."""
    from coe.commands.render import RenderRequest, run_render

    raise typer.Exit(run_render(RenderRequest(files=files, fmt=fmt, output=output, today=today, config=config)))


@subcommands.command()
def report(
    directory: Annotated[Optional[Path], typer.Argument(help="The COE directory (default: the configured one).", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, markdown, json or csv (actions).", callback=_choice_from("coe.commands.report", "FORMATS"))] = "html",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
    today: TodayOption = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Exit 0 even if some files could not be read.")] = False,
    config: ConfigOption = None,
) -> None:
    """The portfolio across all COEs: totals, trends, recurrence and follow-up."""
    from coe.commands.report import ReportRequest, run_report

    raise typer.Exit(run_report(ReportRequest(directory, fmt, output, today, skip_invalid, config)))


@subcommands.command("list")
def list_coes(
    directory: Annotated[Optional[Path], typer.Argument(help="The COE directory (default: the configured one).", show_default=False)] = None,
    status: Annotated[Optional[list[str]], typer.Option("--status", help="Only these statuses (repeatable).")] = None,
    severity: Annotated[Optional[list[str]], typer.Option("--severity", help="Only these severities (repeatable).")] = None,
    service: Annotated[Optional[list[str]], typer.Option("--service", help="Only COEs touching this service (repeatable).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Only incidents started on or after YYYY-MM-DD.", callback=_date)] = None,
    today: TodayOption = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Exit 0 even if some files could not be read.")] = False,
    config: ConfigOption = None,
) -> None:
    """A table of COEs: id, title, severity, status, age, open and overdue actions."""
    from coe.commands.listing import ListFilters, Scope, run_list

    filters = ListFilters(list(status or []), list(severity or []), list(service or []), since)
    raise typer.Exit(run_list(Scope(directory, today, skip_invalid, config), filters))


@subcommands.command()
def actions(
    directory: Annotated[Optional[Path], typer.Argument(help="The COE directory (default: the configured one).", show_default=False)] = None,
    owner: Annotated[Optional[list[str]], typer.Option("--owner", help="Only this owner's actions (repeatable).")] = None,
    status: Annotated[Optional[list[str]], typer.Option("--status", help="Only these statuses (repeatable).")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    due_within: Annotated[Optional[str], typer.Option("--due-within", help="Only open actions due within, e.g. 14d or 2w (overdue included).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.", callback=_choice("table", "csv", "json"))] = "table",
    fail_on_overdue: Annotated[bool, typer.Option("--fail-on-overdue", help="Exit 1 if any listed action is overdue.")] = False,
    today: TodayOption = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Exit 0 even if some files could not be read.")] = False,
    config: ConfigOption = None,
) -> None:
    """Corrective actions across all COEs; a scheduled CI nag with --fail-on-overdue."""
    from coe.commands.listing import ActionFilters, Scope, run_actions

    filters = ActionFilters(list(owner or []), list(status or []), overdue, due_within)
    raise typer.Exit(run_actions(Scope(directory, today, skip_invalid, config), filters, fmt=fmt, fail_on_overdue=fail_on_overdue))


@subcommands.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of the COE format, for editors and validators."""
    from coe.commands.schema import run_schema

    raise typer.Exit(run_schema(output))


def main() -> None:
    app()
