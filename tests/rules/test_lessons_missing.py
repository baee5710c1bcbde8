"""lessons-missing: no lessons recorded (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "lessons-missing"
MESSAGE = "record what was learned in `lessons_learned`"
LESSONS = "lessons_learned:\n  - Defaults shared with development must never reach production silently.\n"


def with_lessons(block: str, text: str = BASE) -> str:
    return replace_once(text, LESSONS, block)


@pytest.mark.parametrize(
    "block",
    [
        "lessons_learned: []\n",
        "lessons_learned:\n",
        "lessons_learned:\n  - TBD\n  - '<lesson>'\n  - ''\n",
    ],
)
def test_fires_at_the_lessons_key(tmp_path, block):
    assert lint(tmp_path, with_lessons(block), RULE) == [(RULE, 44, 1, "error", MESSAGE)]


def test_missing_section_points_at_the_top_of_the_file(tmp_path):
    assert lint(tmp_path, with_lessons(""), RULE) == [(RULE, 1, 1, "error", MESSAGE)]


def test_one_real_lesson_is_enough(tmp_path):
    text = with_lessons("lessons_learned:\n  - TBD\n  - Config is code.\n")
    assert lint(tmp_path, text, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = with_lessons("lessons_learned: []\n", base(status))
    assert lint(tmp_path, text, RULE) == [(RULE, 44, 1, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 44, 1, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
