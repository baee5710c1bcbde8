"""Every rule, found by importing the modules of :mod:`coe.lint.rules`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from coe.lint import rules as rules_package
from coe.lint.rule import Rule


@cache
def all_rules() -> dict[str, Rule]:
    """Rules by name, in a stable order: loader rules, content, quality."""
    found = []
    for info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        if hasattr(module, "ID"):
            found.append(Rule.from_module(module))
    order = {"loader": 0, "content": 1, "quality": 2}
    found.sort(key=lambda rule: (order[rule.group], rule.name))
    return {rule.name: rule for rule in found}
