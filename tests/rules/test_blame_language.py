"""blame-language: the root cause, whys or lessons blame a person (QUALITY, option `phrases`)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "blame-language"
SUMMARY = "  summary: A development default lowered the production cache memory limit.\n"


def message(phrase: str) -> str:
    return f"`{phrase}` blames a person; ask what in the system allowed it, and write that instead"


def test_fires_at_the_root_cause_summary_value(tmp_path):
    text = replace_once(BASE, SUMMARY, "  summary: Human error by the on-call engineer.\n")
    # `  summary: ` is 11 characters, so the value starts at column 12.
    assert lint(tmp_path, text, RULE) == [(RULE, 30, 12, "warning", message("Human error"))]


def test_fires_in_a_why_and_a_because(tmp_path):
    text = replace_once(BASE, "    - why: Why was it empty?\n", "    - why: Why was the operator careless?\n")
    text = replace_once(text, "      because: Its memory limit was lowered.\n", "      because: Negligence.\n")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 35, 12, "warning", message("careless")),
        (RULE, 36, 16, "warning", message("Negligence")),
    ]


def test_fires_in_a_lesson(tmp_path):
    text = replace_once(
        BASE,
        "  - Defaults shared with development must never reach production silently.\n",
        "  - The engineer should have known better.\n",
    )
    assert lint(tmp_path, text, RULE) == [(RULE, 45, 5, "warning", message("should have known"))]


def test_phrase_may_span_a_line_break_in_folded_text(tmp_path):
    text = replace_once(BASE, SUMMARY, "  summary: >-\n    It was operator\n    error.\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 30, 12, "warning", message("operator error"))]


@pytest.mark.parametrize(
    "summary",
    [
        "The careful rollout was skipped.",  # `careful` is not `careless`
        "The deploy was done carelessly.",  # whole words only
        "The defaults were at fault.",  # `fault` alone is not `fault of`
    ],
)
def test_quiet_on_near_misses(tmp_path, summary):
    text = replace_once(BASE, SUMMARY, f"  summary: {summary}\n")
    assert lint(tmp_path, text, RULE) == []


def test_quiet_on_the_base_document(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


def test_what_happened_is_not_checked(tmp_path):
    text = replace_once(
        BASE,
        "  summary: A config change evicted the checkout cache and checkouts failed.\n",
        "  summary: An operator error evicted the checkout cache.\n",
    )
    assert lint(tmp_path, text, RULE) == []


def test_longest_phrase_is_reported(tmp_path):
    text = replace_once(BASE, SUMMARY, "  summary: Sheer carelessness.\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 30, 12, "warning", message("carelessness"))]


def test_phrases_option_replaces_the_list(tmp_path):
    config = Config(rules={RULE: {"phrases": ["rushed", "did not follow"]}})
    text = replace_once(BASE, SUMMARY, "  summary: Human error; the engineer rushed.\n")
    assert lint(tmp_path, text, RULE, config=config) == [(RULE, 30, 12, "warning", message("rushed"))]
    multiword = replace_once(BASE, SUMMARY, "  summary: The engineer Did  Not Follow the runbook.\n")
    assert lint(tmp_path, multiword, RULE, config=config) == [(RULE, 30, 12, "warning", message("Did  Not Follow"))]
    # Without the option, `Human error` is what is found.
    assert lint(tmp_path, text, RULE) == [(RULE, 30, 12, "warning", message("Human error"))]


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    text = replace_once(base(status), SUMMARY, "  summary: Human error.\n")
    assert [f[3] for f in lint(tmp_path, text, RULE)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    text = replace_once(BASE, SUMMARY, "  summary: Human error.\n")
    assert lint(tmp_path, text, RULE, config=Config(severity={RULE: "error"})) == [
        (RULE, 30, 12, "error", message("Human error")),
    ]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 30, 12, "warning", message("Human error"))]
    assert lint(tmp_path, merge(good), RULE) == []
