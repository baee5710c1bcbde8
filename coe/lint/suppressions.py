"""Inline suppressions: `# coe: disable=rule-a,rule-b` and `# coe: disable-file=...`.

At the end of a line, `disable` silences those rules on that line; alone on
a line, on the next line. `disable-file` silences them in the whole file.
Comments are found with a line scan, so a `#` inside a quoted string that
happens to read `coe: disable=` would count too; that is rare enough to accept.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from coe.document.findings import Finding

DIRECTIVE = re.compile(r"#\s*coe:\s*(?P<scope>disable-file|disable)\s*=\s*(?P<rules>[A-Za-z0-9_,\s-]*)")


class Suppression(NamedTuple):
    line: int  # where the comment is, 1-based
    column: int
    rules: tuple[str, ...]
    target_line: int | None  # None for the whole file

    @property
    def directive(self) -> str:
        return "disable-file" if self.target_line is None else "disable"

    def covers(self, finding: Finding) -> bool:
        return finding.rule in self.rules and self.target_line in (None, finding.line)


def parse(text: str) -> list[Suppression]:
    if "coe:" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = DIRECTIVE.search(line)
        if not match:
            continue
        rules = tuple(rule for rule in re.split(r"[\s,]+", match["rules"].strip()) if rule)
        if match["scope"] == "disable-file":
            target = None
        elif line[: match.start()].strip():
            target = number
        else:
            target = number + 1
        found.append(Suppression(number, match.start() + 1, rules, target))
    return found


class Outcome(NamedTuple):
    kept: list[Finding]
    # (suppression, rule name) pairs that silenced nothing
    unused: list[tuple[Suppression, str]]


def apply(findings: list[Finding], suppressions: list[Suppression]) -> Outcome:
    outcome = Outcome(kept=[], unused=[])
    used: set[tuple[int, str]] = set()
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        if covering:
            used.update((id(s), finding.rule) for s in covering)
        else:
            outcome.kept.append(finding)
    for suppression in suppressions:
        for rule in suppression.rules:
            if (id(suppression), rule) not in used:
                outcome.unused.append((suppression, rule))
    return outcome
