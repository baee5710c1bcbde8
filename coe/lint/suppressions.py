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

# Within one line: white space here never includes a line break.
DIRECTIVE = re.compile(r"#[ \t]*coe:[ \t]*(?P<scope>disable-file|disable)[ \t]*=[ \t]*(?P<rules>[A-Za-z0-9_, \t-]*)")


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


_RULE_SEPARATOR = re.compile(r"[\s,]+")


def parse(text: str) -> list[Suppression]:
    if "coe:" not in text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # YAML's line breaks, so lines count as the parser's
    found = []
    rule_lists: dict[str, tuple[str, ...]] = {}
    line, counted_to = 1, 0
    for match in DIRECTIVE.finditer(text):
        start = match.start()
        line += text.count("\n", counted_to, start)  # counted once, from the last directive on
        counted_to = start
        line_start = text.rfind("\n", 0, start) + 1
        listed = match["rules"]
        rules = rule_lists.get(listed)
        if rules is None:  # a file repeats the same few lists; split each once
            rules = rule_lists[listed] = tuple(rule for rule in _RULE_SEPARATOR.split(listed.strip()) if rule)
        if match["scope"] == "disable-file":
            target = None
        elif text[line_start:start].strip():
            target = line
        else:
            target = line + 1
        found.append(Suppression(line, start - line_start + 1, rules, target))
    return found


class Outcome(NamedTuple):
    kept: list[Finding]
    # (suppression, rule name) pairs that silenced nothing
    unused: list[tuple[Suppression, str]]


def apply(findings: list[Finding], suppressions: list[Suppression]) -> Outcome:
    outcome = Outcome(kept=[], unused=[])
    used: set[tuple[int, str]] = set()
    # By (target line, rule), None for the whole file, for the rules that found something:
    # a flood of comments costs no more per finding.
    found_rules = {finding.rule for finding in findings}
    covering_by: dict[tuple[int | None, str], list[Suppression]] = {}
    for suppression in suppressions:
        for rule in suppression.rules:
            if rule in found_rules:
                covering_by.setdefault((suppression.target_line, rule), []).append(suppression)
    for finding in findings:
        covering = covering_by.get((finding.line, finding.rule), []) + covering_by.get((None, finding.rule), [])
        if covering:
            used.update((id(s), finding.rule) for s in covering)
        else:
            outcome.kept.append(finding)
    for suppression in suppressions:
        for rule in suppression.rules:
            if (id(suppression), rule) not in used:
                outcome.unused.append((suppression, rule))
    return outcome
