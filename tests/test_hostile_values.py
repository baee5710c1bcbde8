"""Values that reach Python's limits never crash an output (#15, items 1 and 2).

- Mapping keys of every scalar type YAML 1.2 has, in custom fields, at any
  depth: every command answers, and the reports show the key as YAML writes it.
- Integers in every base YAML 1.2 has, bounded by their value: one digit too
  many is one finding in every command; one digit fewer is shown in full.
"""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from coe.cli import app
from coe.yaml import reader

EXAMPLE = sorted(EXAMPLES.glob("*.yaml"))[0]
TODAY = "2026-11-23"
COMMANDS = [
    ("lint", "coes", "--today", TODAY),
    ("render", "coes/c.yaml", "-f", "markdown", "--today", TODAY),
    ("render", "coes/c.yaml", "-f", "html", "--today", TODAY),
    ("report", "coes", "-f", "json", "--today", TODAY),
    ("report", "coes", "-f", "csv", "--today", TODAY),
    ("report", "coes", "-f", "markdown", "--today", TODAY),
    ("report", "coes", "-f", "html", "--today", TODAY),
    ("list", "coes"),
    ("actions", "coes", "--today", TODAY),
]


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def markdown_of_the_coe() -> str:
    return run("render", "coes/c.yaml", "-f", "markdown", "--today", TODAY).stdout


@pytest.fixture
def coe_file(tmp_path, monkeypatch):
    """Write the first example, changed, as coes/c.yaml in a fresh working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "coes").mkdir()

    def write(extra: str = "", replace: tuple[str, str] | None = None) -> None:
        text = EXAMPLE.read_text(encoding="utf-8")
        if replace:
            assert text.count(replace[0]) == 1
            text = text.replace(*replace)
        (tmp_path / "coes" / "c.yaml").write_text(text + extra, encoding="utf-8")

    return write


# Each scalar key type: as written, and as the reports show it.
KEYS = {
    "date": ("2026-01-01", "2026-01-01"),
    "timestamp": ("2026-01-01T10:00:00Z", "2026-01-01T10:00:00+00:00"),
    "int": ("7", "7"),
    "negative int": ("-7", "-7"),
    "hex int": ("0x1F", "31"),
    "float": ("1.5", "1.5"),
    "infinity": (".inf", "inf"),
    "not a number": (".nan", "nan"),
    "true": ("true", "true"),
    "false": ("false", "false"),
    "null": ("null", "null"),
    "tilde null": ("~", "null"),
    "empty string": ("''", ""),
}


@pytest.mark.parametrize("key", KEYS)
def test_a_custom_field_key_of_any_scalar_type_is_shown_by_every_command(coe_file, key):
    written, shown = KEYS[key]
    coe_file(f"x_top: {{{written}: launch}}\nx_deep: {{a: [{{{written}: [1, {{{written}: 2026-02-02}}]}}]}}\n")
    for args in COMMANDS:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output, result.exception)
    lines = markdown_of_the_coe().splitlines()
    as_markdown = str.maketrans({"[": "\\[", "]": "\\]"})
    assert f"| x\\_top | {json.dumps({shown: 'launch'})} |".translate(as_markdown) in lines
    assert f"| x\\_deep | {json.dumps({'a': [{shown: [1, {shown: '2026-02-02'}]}]})} |".translate(as_markdown) in lines


# Each base YAML 1.2 writes integers in: its prefix, its largest digit, and the bits a digit carries.
BASES = {"decimal": ("", "9", None), "hex": ("0x", "f", 4), "octal": ("0o", "7", 3), "binary": ("0b", "1", 1)}
DECIMAL_DIGITS_OVER = 3_914  # 10**3914 > 2**13000 > 10**3913


def integer(base: str, *, over: bool) -> str:
    """The largest integer in ``base`` that coe takes, or one digit more, as written.

    Two limits meet: at most 4,000 characters, and at most 13,000 bits, so
    that every output can print it. Hex reaches the bits first; octal and
    binary the characters.
    """
    prefix, digit, bits = BASES[base]
    if bits is None:
        largest = DECIMAL_DIGITS_OVER - 1
    else:
        largest = min(reader._MAX_INT_DIGITS - len(prefix), reader._MAX_INT_BITS // bits)
    return prefix + digit * (largest + (1 if over else 0))


# Where an integer can stand: a custom field, a list item, a count the format defines.
PLACES = {
    "custom field": lambda value: {"extra": f"x_count: {value}\n"},
    "list item": lambda value: {"extra": f"x_list:\n  - {value}\n"},
    "customers_affected": lambda value: {"replace": ("  customers_affected: 6240\n", f"  customers_affected: {value}\n")},
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("base", BASES)
def test_an_integer_too_large_in_any_base_is_one_finding_in_every_command(coe_file, base, place):
    value = integer(base, over=True)
    coe_file(**PLACES[place](value))
    for args in COMMANDS:
        result = run(*args)
        assert result.exit_code == 1, (args, result.output, result.exception)
        assert "has too many digits for a number; quote it if it is text" in result.output, args


@pytest.mark.parametrize("base", BASES)
def test_the_largest_integer_in_any_base_is_shown_in_full(coe_file, base):
    value = integer(base, over=False)
    coe_file(f"x_count: {value}\n")
    for args in COMMANDS:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output, result.exception)
    assert f"| x\\_count | {reader._int(value)} |" in markdown_of_the_coe().splitlines()
