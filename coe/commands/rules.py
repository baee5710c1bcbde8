"""`coe rules [NAME]`: list the rules, or explain one."""

from __future__ import annotations

import sys

from coe.lint.registry import all_rules
from coe.lint.rule import Group, Rule

SEVERITY_TEXT = {
    Group.LOADER: "error",
    Group.CONTENT: "error (warning while draft)",
    Group.QUALITY: "warning",
}


def run_rules(name: str | None) -> int:
    rules = all_rules()
    if name is None:
        width = max(len(rule_name) for rule_name in rules)
        for rule in rules.values():
            print(f"{rule.name:<{width}}  {rule.default_severity:<7}  {rule.summary}")
        return 0
    rule = rules.get(name)
    if rule is None:
        print(f"coe rules: error: unknown rule `{name}`; `coe rules` lists them", file=sys.stderr)
        return 2
    print(explain(rule))
    return 0


def explain(rule: Rule) -> str:
    bad, good = rule.examples()
    parts = [f"{rule.name}: {rule.summary}", "", f"Severity: {SEVERITY_TEXT[rule.group]}"]
    if rule.options:
        options = ", ".join(f"{key} = {value!r}" for key, value in rule.options.items())
        parts.append(f"Options: {options}")
    parts += ["", rule.explanation()]
    if bad:
        parts += ["", "Bad:", "", _indent(bad)]
    if good:
        parts += ["", "Good:", "", _indent(good)]
    return "\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())
