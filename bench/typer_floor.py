"""The floor for target 5: a Typer command that takes files and does nothing.

    python bench/typer_floor.py FILE...

Typer 0.29 coerces every parameter value, `--help`'s default included,
through a Pydantic TypeAdapter, so any Typer command that parses arguments
imports Pydantic and builds adapters. No Typer CLI can start faster than this.
"""

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def lint(paths: Annotated[list[Path], typer.Argument()]) -> None:
    """Do nothing with PATHS."""


if __name__ == "__main__":
    app()
