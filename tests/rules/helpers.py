"""Shared helpers for the per-rule tests.

``BASE`` is a small COE that every rule is happy with (status in-review, so
CONTENT rules are errors). Tests take it, change one part, lint it with only
the rule under test selected, and compare the findings exactly.

Line numbers of ``BASE`` (1-based), for working out expected positions::

     1 format: 1
     2 id: COE-0100
     3 title: Checkout failures after a cache config change
     4 status: in-review
     5 severity: SEV2
     6 kind: technical
     7 authors: [a.lee]
     8 reviewers: [b.khan]
     9 owner_team: payments
    10 services: [checkout]
    11 incident:
    12   started_at: 2026-03-17T14:02:00Z
    13   detected_at: 2026-03-17T14:09:00Z
    14   mitigated_at: 2026-03-17T14:40:00Z
    15   resolved_at: 2026-03-17T15:25:00Z
    16 what_happened:
    17   summary: A config change evicted the checkout cache and checkouts failed.
    18   timeline:
    19     - at: 2026-03-17T14:02:00Z
    20       event: Config change deployed.
    21     - at: 2026-03-17T14:09:00Z
    22       event: Checkout success-rate alarm fired.
    23     - at: 2026-03-17T14:40:00Z
    24       event: Config change rolled back.
    25 impact:
    26   customers: 6,240 customers could not check out for 38 minutes.
    27   business: About 58,000 USD of orders were lost.
    28   customers_affected: 6240
    29 root_cause:
    30   summary: A development default lowered the production cache memory limit.
    31   category: config-change
    32   five_whys:
    33     - why: Why did checkouts fail?
    34       because: The cache was empty.
    35     - why: Why was it empty?
    36       because: Its memory limit was lowered.
    37     - why: Why was it lowered?
    38       because: A development default reached production.
    39 supporting_data:
    40   - description: Cache evictions per second, 14:00 to 15:00
    41     link: https://grafana.example.internal/d/cache
    42 implications:
    43   security: "None: no data left the service and no access changed."
    44 lessons_learned:
    45   - Defaults shared with development must never reach production silently.
    46 corrective_actions:
    47   - id: CA-1
    48     action: Reject config that sets production values to defaults.
    49     owner: a.lee
    50     due: 2027-01-15
    51     status: open
    52     kind: prevent
    53   - id: CA-2
    54     action: Alarm on cache evictions.
    55     owner: r.santos
    56     due: 2026-04-15
    57     status: done
    58     kind: detect
    59     done_on: 2026-04-10
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coe.config import Config
from coe.document.findings import Finding
from coe.lint.engine import LintSettings, lint_paths
from coe.lint.registry import all_rules

TODAY = dt.date(2026, 11, 23)

BASE_LINES = (
    "format: 1",
    "id: COE-0100",
    "title: Checkout failures after a cache config change",
    "status: in-review",
    "severity: SEV2",
    "kind: technical",
    "authors: [a.lee]",
    "reviewers: [b.khan]",
    "owner_team: payments",
    "services: [checkout]",
    "incident:",
    "  started_at: 2026-03-17T14:02:00Z",
    "  detected_at: 2026-03-17T14:09:00Z",
    "  mitigated_at: 2026-03-17T14:40:00Z",
    "  resolved_at: 2026-03-17T15:25:00Z",
    "what_happened:",
    "  summary: A config change evicted the checkout cache and checkouts failed.",
    "  timeline:",
    "    - at: 2026-03-17T14:02:00Z",
    "      event: Config change deployed.",
    "    - at: 2026-03-17T14:09:00Z",
    "      event: Checkout success-rate alarm fired.",
    "    - at: 2026-03-17T14:40:00Z",
    "      event: Config change rolled back.",
    "impact:",
    "  customers: 6,240 customers could not check out for 38 minutes.",
    "  business: About 58,000 USD of orders were lost.",
    "  customers_affected: 6240",
    "root_cause:",
    "  summary: A development default lowered the production cache memory limit.",
    "  category: config-change",
    "  five_whys:",
    "    - why: Why did checkouts fail?",
    "      because: The cache was empty.",
    "    - why: Why was it empty?",
    "      because: Its memory limit was lowered.",
    "    - why: Why was it lowered?",
    "      because: A development default reached production.",
    "supporting_data:",
    "  - description: Cache evictions per second, 14:00 to 15:00",
    "    link: https://grafana.example.internal/d/cache",
    "implications:",
    '  security: "None: no data left the service and no access changed."',
    "lessons_learned:",
    "  - Defaults shared with development must never reach production silently.",
    "corrective_actions:",
    "  - id: CA-1",
    "    action: Reject config that sets production values to defaults.",
    "    owner: a.lee",
    "    due: 2027-01-15",
    "    status: open",
    "    kind: prevent",
    "  - id: CA-2",
    "    action: Alarm on cache evictions.",
    "    owner: r.santos",
    "    due: 2026-04-15",
    "    status: done",
    "    kind: detect",
    "    done_on: 2026-04-10",
)

BASE = "\n".join(BASE_LINES) + "\n"

ALL_STATUSES = ("draft", "in-review", "approved", "closed")


def base(status: str = "in-review") -> str:
    """The clean base document, with ``status`` set."""
    return replace_once(BASE, "status: in-review\n", f"status: {status}\n")


def replace_once(text: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    assert count == 1, f"{old!r} occurs {count} times"
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """The 1-based line on which ``fragment`` (which must be unique) starts."""
    assert text.count(fragment) == 1, f"{fragment!r} is not unique"
    return text[: text.index(fragment)].count("\n") + 1


def top_level_blocks(text: str) -> list[tuple[str | None, str]]:
    """Split YAML text into (top-level key, block text) pairs, in order.

    Comment lines at column 0 stay with the block that follows them; a
    trailing comment block gets the key None.
    """
    blocks: list[tuple[str | None, list[str]]] = []
    pending: list[str] = []
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            blocks.append((line.split(":", 1)[0].strip(), [*pending, line]))
            pending = []
        elif line.startswith("#") or not blocks:
            pending.append(line)
        else:
            blocks[-1][1].append(line)
    if pending:
        blocks.append((None, pending))
    return [(key, "\n".join(lines) + "\n") for key, lines in blocks]


def merge(fragment: str, text: str = BASE) -> str:
    """``text`` with each top-level block of ``fragment`` replacing the block of
    the same key (or appended at the end when ``text`` has no such key)."""
    replacements = dict(top_level_blocks(fragment))
    out = []
    for key, block in top_level_blocks(text):
        out.append(replacements.pop(key, block) if key is not None else block)
    out.extend(replacements.values())
    return "".join(out)


def rule_examples(name: str) -> tuple[str, str]:
    """The Bad and Good examples from the rule's docstring (both non-empty)."""
    bad, good = all_rules()[name].examples()
    assert bad and good, f"{name} has no Bad/Good examples"
    return bad, good


def lint_findings(
    tmp_path: Path,
    files: str | dict[str, str],
    select: list[str] | None,
    *,
    config: Config | None = None,
    today: dt.date = TODAY,
) -> list[Finding]:
    """Write ``files`` (one text, or {name: text}) under tmp_path and lint them.

    Paths in the findings are relative to tmp_path, so tests can compare them.
    """
    if isinstance(files, str):
        files = {"coe.yaml": files}
    paths = []
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    settings = LintSettings.build(config or Config(), today=today, select=select)
    report = lint_paths(paths, settings)
    prefix = str(tmp_path) + "/"
    return [
        Finding(f.path.removeprefix(prefix), f.line, f.column, f.rule, f.message, f.severity)
        for f in report.findings
    ]


def lint(
    tmp_path: Path,
    text: str | dict[str, str],
    rule: str | list[str] | None,
    *,
    config: Config | None = None,
    today: dt.date = TODAY,
) -> list[tuple]:
    """Findings as (rule, line, column, severity, message) tuples.

    ``rule`` is the one rule to select (or a list of them; None selects all).
    Several files give (path, rule, line, column, severity, message).
    """
    select = [rule] if isinstance(rule, str) else rule
    findings = lint_findings(tmp_path, text, select, config=config, today=today)
    if isinstance(text, dict):
        return [(f.path, f.rule, f.line, f.column, str(f.severity), f.message) for f in findings]
    return [(f.rule, f.line, f.column, str(f.severity), f.message) for f in findings]


def rules_fired(tmp_path: Path, text: str, rule: str, **kwargs) -> set[str]:
    return {finding[0] for finding in lint(tmp_path, text, rule, **kwargs)}
