"""impact-missing: neither customer nor business impact is described (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "impact-missing"
MESSAGE = "describe the impact on customers (`impact.customers`) and on the business (`impact.business`)"
IMPACT = (
    "impact:\n"
    "  customers: 6,240 customers could not check out for 38 minutes.\n"
    "  business: About 58,000 USD of orders were lost.\n"
    "  customers_affected: 6240\n"
)


def with_impact(block: str, text: str = BASE) -> str:
    return replace_once(text, IMPACT, block)


def test_fires_at_the_impact_key(tmp_path):
    text = with_impact('impact:\n  customers: ""\n  business: TBD\n  customers_affected: 6240\n')
    assert lint(tmp_path, text, RULE) == [(RULE, 25, 1, "error", MESSAGE)]


def test_missing_section_points_at_the_top_of_the_file(tmp_path):
    assert lint(tmp_path, with_impact(""), RULE) == [(RULE, 1, 1, "error", MESSAGE)]


@pytest.mark.parametrize(
    "block",
    [
        "impact:\n  customers: 6,240 customers could not check out.\n",
        "impact:\n  business: About 58,000 USD of orders were lost.\n",
    ],
)
def test_quiet_when_either_side_is_described(tmp_path, block):
    assert lint(tmp_path, with_impact(block), RULE) == []


def test_quiet_on_the_base_document(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = with_impact("impact:\n  customers_affected: 6240\n", base(status))
    assert lint(tmp_path, text, RULE) == [(RULE, 25, 1, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 25, 1, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
