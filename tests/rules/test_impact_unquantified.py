"""impact-unquantified: the impact has no numbers (QUALITY)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "impact-unquantified"
MESSAGE = "quantify the impact: set `customers_affected`, add `metrics`, or give numbers"
IMPACT = (
    "impact:\n"
    "  customers: 6,240 customers could not check out for 38 minutes.\n"
    "  business: About 58,000 USD of orders were lost.\n"
    "  customers_affected: 6240\n"
)
VAGUE = "impact:\n  customers: Some customers could not check out.\n  business: Orders were lost.\n"


def with_impact(block: str, text: str = BASE) -> str:
    return replace_once(text, IMPACT, block)


def test_fires_at_the_impact_key(tmp_path):
    assert lint(tmp_path, with_impact(VAGUE), RULE) == [(RULE, 25, 1, "warning", MESSAGE)]


@pytest.mark.parametrize(
    "extra",
    [
        "  customers_affected: 0\n",
        "  metrics:\n    - {name: failed checkouts, value: 9870}\n",
        "  customer_communication: A status page went up after 10 minutes.\n",
    ],
)
def test_quiet_with_a_count_a_metric_or_a_number(tmp_path, extra):
    assert lint(tmp_path, with_impact(VAGUE + extra), RULE) == []


def test_a_number_in_the_business_text_is_enough(tmp_path):
    block = "impact:\n  customers: Some customers could not check out.\n  business: About 58,000 USD lost.\n"
    assert lint(tmp_path, with_impact(block), RULE) == []


def test_quiet_without_an_impact_section(tmp_path):
    assert lint(tmp_path, with_impact(""), RULE) == []  # impact-missing reports that


def test_quiet_on_the_base_document(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    assert [f[3] for f in lint(tmp_path, with_impact(VAGUE, base(status)), RULE)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    config = Config(severity={RULE: "error"})
    assert lint(tmp_path, with_impact(VAGUE), RULE, config=config) == [(RULE, 25, 1, "error", MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 25, 1, "warning", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
