"""syntax: the loader's YAML problems come through the engine as errors (LOADER)."""

from __future__ import annotations

import pytest
from parser_words import parser_message

from coe.config import Config, ConfigError
from coe.lint.engine import LintSettings, lint_paths

from .helpers import BASE, TODAY, base, lint, merge, replace_once, rule_examples

RULE = "syntax"
TITLE = "title: Checkout failures after a cache config change\n"
DUPLICATE_KEY = BASE + "title: Again\n"
DUPLICATE_MESSAGE = "duplicate key `title`; each key may appear once in a mapping"


def test_loader_problem_is_an_error_finding(tmp_path):
    assert lint(tmp_path, DUPLICATE_KEY, RULE) == [(RULE, 60, 1, "error", DUPLICATE_MESSAGE)]


def test_runs_even_when_not_selected(tmp_path):
    assert lint(tmp_path, DUPLICATE_KEY, ["root-cause-missing", "lessons-missing"]) == [
        (RULE, 60, 1, "error", DUPLICATE_MESSAGE),
    ]


def test_broken_flow_sequence(tmp_path):
    text = replace_once(BASE, TITLE, "title: [Checkout failures\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 4, 7, "error", parser_message(text))]
    assert parser_message(text).endswith(" at line 3)")  # the context: the flow sequence opened on line 3


def test_not_utf8(tmp_path):
    path = tmp_path / "coe.yaml"
    path.write_bytes(BASE.encode() + b"x_note: caf\xe9\n")
    settings = LintSettings.build(Config(), today=TODAY, select=[RULE])
    report = lint_paths([path], settings)
    assert [(f.rule, f.line, f.column, str(f.severity), f.message) for f in report.findings] == [
        (
            RULE,
            60,
            12,
            "error",
            "the file is not valid UTF-8 (byte 0xe9); re-save it as UTF-8 in your editor",
        ),
    ]


def test_an_error_even_in_a_draft_and_despite_config(tmp_path):
    config = Config(severity={RULE: "warning"})
    text = base("draft") + "title: Again\n"
    assert lint(tmp_path, text, RULE, config=config) == [(RULE, 60, 1, "error", DUPLICATE_MESSAGE)]


def test_cannot_be_ignored():
    with pytest.raises(ConfigError, match=r"^`syntax` cannot be ignored"):
        LintSettings.build(Config(ignore=["syntax"]), today=TODAY)


def test_quiet_on_valid_yaml(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 4, 7, "error", parser_message(merge(bad)))]
    assert lint(tmp_path, merge(good), RULE) == []
