"""The `coe` command line: parse options, build the pieces, run, exit.

Command modules are imported inside each command so that `coe --version`
and shell completion start as fast as Typer itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coe import __version__

app = typer.Typer(
    name="coe",
    help="Correction-of-Error post-mortems as code: scaffold, lint and report COE documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"coe {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Correction-of-Error post-mortems as code."""


@app.command()
def lint(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="COE files or directories.")] = None,
) -> None:
    """Check COE files for problems; exit 1 if any are found."""
    from coe.commands.lint import run_lint

    raise typer.Exit(run_lint(paths or [Path(".")]))


@app.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of the COE format, for editors and validators."""
    from coe.commands.schema import run_schema

    raise typer.Exit(run_schema(output))


def main() -> None:
    app()
