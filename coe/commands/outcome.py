"""The contract every command keeps: one set of exit codes, one error line, one way to write output."""

from __future__ import annotations

import sys
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """As ruff has them; CI tells each apart."""

    CLEAN = 0  # done, and nothing stops it
    FINDINGS = 1  # the content stops it: findings, broken or skipped files, overdue actions, a refused edit
    USAGE = 2  # a usage, config or write error: the command could not do its job
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


def fail(command: str, message: str, code: ExitCode = ExitCode.USAGE) -> ExitCode:
    """Print ``coe COMMAND: error: MESSAGE`` to stderr, and give the exit code."""
    print(f"coe {command}: error: {message}", file=sys.stderr)
    return code


def emit(command: str, text: str, output: Path | None) -> ExitCode:
    """Write ``text`` to stdout, or atomically to ``output``; a failed write names the file and exits 2."""
    if output is None:
        sys.stdout.write(text)
        return ExitCode.CLEAN
    from coe.fileio import write_error_message, write_text_atomic

    try:
        write_text_atomic(output, text)
    except OSError as exc:
        return fail(command, write_error_message(exc, output))
    return ExitCode.CLEAN
