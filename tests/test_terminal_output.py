"""Text from a COE cannot fake, erase or hide output on a terminal (#15, items 7, 8 and 14).

Each control, bidi or separator character a COE can hold (written with YAML's
double-quoted escapes), in each place that reaches human-readable output,
must come out escaped: no raw character of coe.printable's unsafe set is
printed but the newline that ends each line. Table cells are cut before rich
lays them out; CSV and JSON keep every value whole.
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from coe.cli import app
from coe.printable import _UNSAFE

EXAMPLE = sorted(EXAMPLES.glob("*.yaml"))[0]
TODAY = "2026-11-23"
# Characters that act on a terminal: as YAML's double-quoted escapes write them, as they are, as coe prints them.
PAYLOADS = {
    "erase line (CSI)": ("\\e[2K\\r", "\x1b[2K\r", "\\x1b[2K\\r"),
    "window title (OSC)": ("\\e]0;pwned\\a", "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    "carriage return": ("\\r", "\r", "\\r"),
    "backspace": ("\\b", "\x08", "\\x08"),
    "null": ("\\0", "\x00", "\\x00"),
    "next line (NEL)": ("\\N", "\x85", "\\x85"),
    "line separator": ("\\L", "\u2028", "\\u2028"),
    "right-to-left override": ("\\u202E", "\u202e", "\\u202e"),
    "newline": ("\\n", "\n", "\\n"),
}


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def raw_unsafe(output: str) -> list[str]:
    """Every unsafe character printed raw, newlines that end lines aside."""
    return [char for char in _UNSAFE.findall(output) if char != "\n"]


@pytest.fixture
def coes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "coes").mkdir()

    def write(old: str, new: str, name: str = "c.yaml") -> None:
        text = EXAMPLE.read_text(encoding="utf-8")
        assert text.count(old) == 1
        (tmp_path / "coes" / name).write_text(text.replace(old, new), encoding="utf-8")

    return write


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_value_quoted_in_a_finding_is_escaped(coes, payload):
    written, _, shown = PAYLOADS[payload]
    coes("\nstatus: closed\n", f'\nstatus: "closed{written}"\n')
    for args in [("lint", "coes", "--today", TODAY), ("render", "coes/c.yaml"), ("list", "coes")]:
        result = run(*args)
        assert result.exit_code == 1, args
        assert raw_unsafe(result.output) == [], (args, result.output)
        assert f"closed{shown}" in result.output, (args, result.output)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_in_a_table_is_escaped(coes, payload):
    written, _, shown = PAYLOADS[payload]
    coes("\ntitle: ", f'\ntitle: "T{written}" # ')
    listed = run("list", "coes")
    assert listed.exit_code == 0
    assert raw_unsafe(listed.stdout) == []
    assert f"T{shown}" in re.sub(r"\s*│\s*", "", listed.stdout)  # the cell may fold across lines


@pytest.mark.parametrize("payload", [name for name, (_, raw, _) in PAYLOADS.items() if "\x00" not in raw])  # no NUL in names
def test_a_file_name_is_escaped(coes, payload):
    _, raw, shown = PAYLOADS[payload]
    coes("\nstatus: closed\n", "\nstatus: nonsense\n", name=f"c{raw}.yaml")
    result = run("lint", "coes", "--today", TODAY)
    assert result.exit_code == 1
    assert raw_unsafe(result.output) == []
    assert f"coes/c{shown}.yaml:" in result.output


def test_a_file_name_that_reads_as_a_workflow_command_is_not_one(coes, tmp_path):
    coes("\nstatus: closed\n", "\nstatus: nonsense\n", name="x.yaml")
    os.chdir(tmp_path / "coes")
    os.rename("x.yaml", "::error::x.yaml")
    result = run("lint", ".", "--today", TODAY)
    assert not any(line.startswith("::") for line in result.output.splitlines())
    assert "./::error::x.yaml:" in result.output


@pytest.mark.parametrize(("field", "command"), [("title", "list"), ("owner", "actions")])
def test_a_huge_cell_is_cut_in_tables_and_kept_whole_in_json(coes, field, command):
    huge = "w" * 1_000_000
    if field == "title":
        coes("\ntitle: ", f"\ntitle: {huge} # ")
    else:
        coes("    owner: k.nakamura\n    due: 2026-09-30\n", f"    owner: {huge}\n    due: 2026-09-30\n")
    table = run(command, "coes", *(["--today", TODAY] if command == "actions" else []))
    assert table.exit_code == 0
    assert huge not in table.stdout and "w…" in re.sub(r"\s*│\s*", "", table.stdout)
    assert len(table.stdout) < 10_000
    whole = run("report", "coes", "-f", "json", "--today", TODAY)
    assert huge in whole.stdout


def test_a_huge_unknown_key_is_quoted_short(coes):
    coes("\nstatus: closed\n", "\nstatus: closed\n? " + "k" * 1_000_000 + "\n: 1\n")
    result = run("lint", "coes", "--today", TODAY)
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "unknown key" in line]
    assert len(line) < 300 and "unknown key `" + "k" * 60 + "…`" in line
