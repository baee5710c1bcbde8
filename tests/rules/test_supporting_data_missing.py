"""supporting-data-missing: no data supports the analysis (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "supporting-data-missing"
MESSAGE = "add the data that supports this analysis to `supporting_data`"
EVIDENCE = (
    "supporting_data:\n"
    "  - description: Cache evictions per second, 14:00 to 15:00\n"
    "    link: https://grafana.example.internal/d/cache\n"
)


def with_evidence(block: str, text: str = BASE) -> str:
    return replace_once(text, EVIDENCE, block)


@pytest.mark.parametrize(
    "block",
    [
        "supporting_data: []\n",
        "supporting_data:\n",
        "supporting_data:\n  - description: TBD\n  - {description: ''}\n",
    ],
)
def test_fires_at_the_supporting_data_key(tmp_path, block):
    assert lint(tmp_path, with_evidence(block), RULE) == [(RULE, 39, 1, "error", MESSAGE)]


def test_missing_section_points_at_the_top_of_the_file(tmp_path):
    assert lint(tmp_path, with_evidence(""), RULE) == [(RULE, 1, 1, "error", MESSAGE)]


@pytest.mark.parametrize(
    "block",
    [
        "supporting_data:\n  - link: https://grafana.example.internal/d/cache\n",
        "supporting_data:\n  - description: Bridge notes in the incident ticket.\n",
    ],
)
def test_a_link_or_a_description_is_enough(tmp_path, block):
    assert lint(tmp_path, with_evidence(block), RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = with_evidence("supporting_data: []\n", base(status))
    assert lint(tmp_path, text, RULE) == [(RULE, 39, 1, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 39, 1, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
