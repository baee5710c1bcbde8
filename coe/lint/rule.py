"""What a rule is, and what it gives back.

A rule is one module in :mod:`coe.lint.rules` with these names:

- ``ID``: the stable kebab-case name users write in configs and comments;
- ``GROUP``: ``LOADER`` (always an error), ``CONTENT`` (an error, but only a
  warning while the COE is a draft) or ``QUALITY`` (a warning by default);
- ``OPTIONS``: option names with their defaults (may be empty);
- a docstring: a one-line summary, an explanation, then ``Bad::`` and
  ``Good::`` examples;
- ``check(document, context)``, yielding :class:`Violation` objects; or, for
  rules that compare files, ``check_portfolio(summaries, context)`` yielding
  :class:`~coe.document.findings.Finding` objects; or ``REPORTED_BY``, naming
  the module that finds these problems when no rule function can (the loader
  for a file it cannot read, the engine for suppressions).

:class:`RuleModule` types that contract.

Rules stay pure: they never decide severity, read config or suppressions.
The engine stamps all of that on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from enum import StrEnum
from types import ModuleType
from typing import Any, NamedTuple, Protocol

from coe.document.findings import Level

LOADER_MODULE = "coe.document.loader"


class Group(StrEnum):
    LOADER = "loader"
    CONTENT = "content"
    QUALITY = "quality"


DEFAULT_SEVERITY = {Group.LOADER: Level.ERROR, Group.CONTENT: Level.ERROR, Group.QUALITY: Level.WARNING}


class Violation(NamedTuple):
    """A problem at ``where`` (a path of keys and indexes) in the document.

    ``key`` says whether to point at the key of ``where`` or at its value.
    """

    where: tuple
    message: str
    key: bool = True


class RuleContext(NamedTuple):
    """What a rule may know besides the document: its options and today."""

    options: dict[str, Any]
    today: dt.date


class RuleModule(Protocol):
    """One module in :mod:`coe.lint.rules`; `check`, `check_portfolio` and `REPORTED_BY` are each optional."""

    __doc__: str | None
    ID: str
    GROUP: Group
    OPTIONS: dict[str, Any]  # optional; none when absent

    def check(self, document: Any, context: RuleContext) -> Iterator[Violation]: ...


class Rule(NamedTuple):
    name: str
    group: Group
    summary: str
    doc: str
    options: dict[str, Any]
    check: Callable[..., Iterator[Violation]] | None = None
    check_portfolio: Callable[..., Iterator[Any]] | None = None
    reported_by: str | None = None  # the module that finds these problems, when no rule function can

    @property
    def default_severity(self) -> Level:
        return DEFAULT_SEVERITY[self.group]

    @property
    def always_on(self) -> bool:
        """The loader's own findings: coe cannot check a file it cannot read, so they cannot be ignored."""
        return self.group is Group.LOADER and self.reported_by == LOADER_MODULE

    @classmethod
    def from_module(cls, module: RuleModule | ModuleType) -> Rule:
        doc = (module.__doc__ or "").strip()
        return cls(
            name=module.ID,
            group=module.GROUP,
            summary=doc.splitlines()[0] if doc else module.ID,
            doc=doc,
            options=dict(getattr(module, "OPTIONS", {})),
            check=getattr(module, "check", None),
            check_portfolio=getattr(module, "check_portfolio", None),
            reported_by=getattr(module, "REPORTED_BY", None),
        )

    def examples(self) -> tuple[str, str]:
        """The ``Bad::`` and ``Good::`` examples from the docstring."""
        return _block(self.doc, "Bad"), _block(self.doc, "Good")

    def explanation(self) -> str:
        """The docstring between the summary and the examples."""
        body = self.doc.split("\n", 1)[1] if "\n" in self.doc else ""
        return body.split("Bad::", 1)[0].strip()


def _block(doc: str, label: str) -> str:
    match = re.search(rf"^{label}::\n\n((?:(?:    .*)?\n)+)", doc + "\n", re.M)
    if not match:
        return ""
    lines = match.group(1).rstrip("\n").splitlines()
    return "\n".join(line[4:] for line in lines).strip("\n")
