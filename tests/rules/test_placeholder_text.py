"""placeholder-text: TODO, TBD, FIXME, XXX or `<...>` left in a value (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "placeholder-text"
SUMMARY = "  summary: A config change evicted the checkout cache and checkouts failed.\n"


def message(placeholder: str) -> str:
    return f"replace the placeholder `{placeholder}` with real text"


def test_fires_at_the_value(tmp_path):
    text = replace_once(BASE, SUMMARY, "  summary: <what happened, in two or three sentences>\n")
    # `  summary: ` is 11 characters: the value starts at column 12 of line 17.
    assert lint(tmp_path, text, RULE) == [
        (RULE, 17, 12, "error", message("<what happened, in two or three sentences>")),
    ]


@pytest.mark.parametrize("word", ["TODO", "TBD", "FIXME", "XXX"])
def test_marker_words_in_a_list_item(tmp_path, word):
    text = replace_once(
        BASE,
        "  - Defaults shared with development must never reach production silently.\n",
        f"  - Lesson {word}, to be written.\n",
    )
    assert lint(tmp_path, text, RULE) == [(RULE, 45, 5, "error", message(word))]


def test_quoted_value_points_at_the_quote(tmp_path):
    text = replace_once(BASE, "title: Checkout failures after a cache config change\n", 'title: "Checkout failures (TBD)"\n')
    assert lint(tmp_path, text, RULE) == [(RULE, 3, 8, "error", message("TBD"))]


def test_every_placeholder_is_reported_in_document_order(tmp_path):
    text = replace_once(BASE, "owner_team: payments\n", "owner_team: <team>\n")
    text = replace_once(text, "    owner: r.santos\n", "    owner: TODO\n")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 9, 13, "error", message("<team>")),
        (RULE, 55, 12, "error", message("TODO")),
    ]


@pytest.mark.parametrize(
    "summary",
    [
        "Todo lists and tbd notes were fine.",  # the markers are upper case
        "TODOS and XXXL are other words.",  # whole words only
        "Latency went from < 5 ms to > 900 ms.",  # `<` needs a letter after it
    ],
)
def test_quiet_on_near_misses(tmp_path, summary):
    text = replace_once(BASE, SUMMARY, f"  summary: {summary}\n")
    assert lint(tmp_path, text, RULE) == []


def test_keys_are_not_checked(tmp_path):
    text = BASE + "x_TODO: done\n"
    assert lint(tmp_path, text, RULE) == []


def test_quiet_on_the_base_document(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = replace_once(base(status), SUMMARY, "  summary: TBD\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 17, 12, severity, message("TBD"))]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [
        (RULE, 17, 12, "error", message("<what happened, in two or three sentences>")),
    ]
    assert lint(tmp_path, merge(good), RULE) == []
