"""Properties every valid COE must have, on COEs drawn from the model.

Each property reads YAML text written by :func:`strategies.dump_yaml`, so the
text itself varies: every scalar style, YAML 1.1 traps, control characters
and unicode in every free-text field and in ``x_*`` fields.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from ruamel.yaml import YAML

from coe.document import plain as coe_plain
from coe.yaml import reader
from coe.config import Config
from coe.lint.engine import LintSettings, finish, lint_file
from coe.document.loader import load_text
from coe.document.model import COESchema
from coe.render.renderer import Renderer

try:  # tests/fuzz is a package once it has an __init__.py
    from .strategies import coe_data, dump_yaml, fuzz_settings
except ImportError:
    from strategies import coe_data, dump_yaml, fuzz_settings
from test_yaml12_differential import assert_same, plain, positions  # tests/ is on sys.path via its conftest

TODAY = dt.date(2026, 7, 1)
LINT_SETTINGS = LintSettings.build(Config(), today=TODAY)
MARKDOWN, HTML = Renderer("markdown"), Renderer("html")


def loaded(text: str) -> coe_plain.COE:
    result = load_text(text)
    assert result.problems == [], f"{result.problems}\n{text}"
    return result.document.coe


def as_yaml_data(coe: coe_plain.COE) -> dict:
    """A loaded COE written back out: the model's JSON form, custom fields on top."""
    validated = COESchema.model_validate(coe, from_attributes=True)
    return {**validated.model_dump(mode="json", exclude={"x_fields"}), **validated.x_fields}


@fuzz_settings(150)
@given(coe_data())
def test_the_yaml_reads_back_as_the_drawn_coe(data):
    text = dump_yaml(data)
    read, _ = reader.load(text)
    assert_same(read, data)
    assert loaded(text) == coe_plain.from_model(COESchema.model_validate(data))


@fuzz_settings(100)
@given(coe_data())
def test_load_dump_load_gives_the_same_data(data):
    first, _ = reader.load(dump_yaml(data))
    second, _ = reader.load(dump_yaml(first))
    assert_same(second, first)
    # The same through the model: a loaded COE, dumped, loads as the same COE.
    coe = loaded(dump_yaml(data))
    assert loaded(dump_yaml(as_yaml_data(coe))) == coe


@fuzz_settings(100)
@given(coe_data())
def test_fast_loader_and_ruamel_read_the_same_data_at_the_same_positions(data):
    text = dump_yaml(data)
    fast, root = reader.load(text)
    slow = YAML(typ="rt").load(text)
    assert_same(fast, plain(slow))
    expected = dict(positions(slow))
    assert {where: reader.locate(root, where, key=True) for where in expected} == expected


@fuzz_settings(100)
@given(coe_data())
def test_rendering_never_raises(data):
    coe = loaded(dump_yaml(data))
    markdown, html = MARKDOWN.render(coe, TODAY), HTML.render(coe, TODAY)
    assert markdown.startswith(f"# {coe.id}: ")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


@fuzz_settings(100)
@given(coe_data())
def test_lint_never_raises_and_points_inside_the_file(data):
    text = dump_yaml(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "coe.yaml")
        path.write_text(text, encoding="utf-8")
        report = finish([lint_file(path, LINT_SETTINGS)], LINT_SETTINGS)
    lines = text.split("\n")
    for finding in report.findings:
        assert finding.path == str(path)
        assert finding.rule not in ("syntax", "schema"), f"{finding}\n{text}"  # the COE is valid
        assert 1 <= finding.line <= len(lines), f"{finding}\n{text}"
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, f"{finding}\n{text}"


# ------------------------------------------------------------------ NEL, LS and PS
# libyaml reads YAML 1.1, where these are line breaks; coe.yaml.reader hides them from it
# so that, as in YAML 1.2 and ruamel, they are text and do not count as lines.


def test_a_raw_line_separator_in_a_string_does_not_shift_later_positions():
    text = 'format: 1\nid: COE-1\ntitle: "x\u2028y"\nstatus: draft\nseverity: SEV9\n'
    assert [(p.line, p.column) for p in load_text(text).problems] == [(5, 11)]  # ruamel: line 5 too


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_plain_scalar_may_hold_a_raw_line_separator(char):
    text = f"title: a{char}b\nlist: ['{char}', \"{char}\"]\n"
    expected = {"title": f"a{char}b", "list": [char, char]}
    if char != "\x85":  # ruamel still folds a raw NEL to a space, as YAML 1.1 did; 1.2 says it is text
        assert plain(YAML(typ="rt").load(text)) == expected
    assert reader.load(text)[0] == expected


def test_a_private_use_character_in_the_text_is_not_taken_for_a_separator():
    text = "a: \uf8ff\u2028\uf8fe\nb: \u2029\n"
    assert reader.load(text)[0] == {"a": "\uf8ff\u2028\uf8fe", "b": "\u2029"}
