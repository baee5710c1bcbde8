"""Every rule module keeps the contract in coe/lint/rule.py."""

from __future__ import annotations

import importlib

import pytest

from coe.lint.registry import all_rules
from coe.lint.rule import Group

RULES = all_rules()


@pytest.mark.parametrize("name", RULES)
def test_every_rule_finds_its_problems_somewhere(name):
    """A rule with no check, no portfolio check and no REPORTED_BY would be a stub."""
    rule = RULES[name]
    places = [rule.check is not None, rule.check_portfolio is not None, rule.reported_by is not None]
    assert places.count(True) == 1, (name, places)
    if rule.reported_by is not None:
        importlib.import_module(rule.reported_by)  # names a real module


def test_the_rules_that_cannot_be_ignored_are_the_loaders_own():
    assert {name for name, rule in RULES.items() if rule.always_on} == {"syntax", "schema"}
    assert all(rule.group is Group.LOADER for rule in RULES.values() if rule.always_on)
    assert not RULES["duplicate-id"].always_on  # a LOADER-group error, but found across files, and ignorable
