"""The rule engine: runs the rules, stamps rule and severity, applies suppressions.

Linting happens in two passes. :func:`lint_file` loads one file and runs the
per-document rules; it returns a small, picklable :class:`FileResult`, so
the first pass can stream through thousands of files (or run in worker
processes) without holding every document. :func:`finish` then runs the
rules that compare files (duplicate ids, dangling references) over the
summaries, applies inline suppressions and sorts the findings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

from coe.config import Config, ConfigError
from coe.document.findings import Finding, Level
from coe.document.loader import DEFAULT_MAX_FILE_SIZE, Document, load
from coe.lint import suppressions
from coe.lint.registry import all_rules
from coe.lint.rule import Group, Rule, RuleContext

UNUSED_SUPPRESSION = "unused-suppression"
# Unused suppressions reported one by one in a file; the rest are counted in one more finding.
MAX_UNUSED_REPORTED = 100


class LintSettings(NamedTuple):
    """Which rules run, at what severity, with which options."""

    enabled: frozenset[str]
    severity: dict[str, Level]
    options: dict[str, dict]
    today: dt.date
    max_file_size: int = DEFAULT_MAX_FILE_SIZE

    @classmethod
    def build(
        cls,
        config: Config,
        *,
        today: dt.date,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
    ) -> LintSettings:
        """Merge config and command-line choices; unknown rule names are a ConfigError."""
        rules = all_rules()
        _check_names(rules, select or (), "--select")
        _check_names(rules, ignore, "--ignore")
        origin = f"{config.source}: " if config.source else ""
        for key in ("select", "ignore", "severity", "rules"):
            _check_names(rules, getattr(config, key) or (), f"{origin}`{key}`")
        chosen = list(select) if select else (config.select or list(rules))
        dropped = set(ignore) | set(config.ignore)
        always_on = {name for name, rule in rules.items() if rule.always_on}
        for name in dropped & always_on:
            raise ConfigError(f"`{name}` cannot be ignored: coe cannot check a file it cannot read")
        enabled = (set(chosen) - dropped) | always_on
        return cls(
            enabled=frozenset(enabled),
            severity=dict(config.severity),
            options={name: _options(rule, config.rule_options(name), origin) for name, rule in rules.items()},
            today=today,
            max_file_size=config.max_file_size,
        )

    def severity_of(self, rule: Rule, status: str | None) -> Level:
        if rule.group is Group.LOADER:
            return Level.ERROR
        if rule.group is Group.CONTENT and status == "draft":
            return Level.WARNING
        return self.severity.get(rule.name, rule.default_severity)

    def context_for(self, rule: Rule) -> RuleContext:
        return RuleContext(options=self.options[rule.name], today=self.today)

    def contexts(self) -> list[tuple[Rule, RuleContext]]:
        """The active per-document rules with their contexts."""
        return [(rule, self.context_for(rule)) for rule in self.active() if rule.check is not None]

    def active(self) -> list[Rule]:
        return _active_rules(self.enabled)


@cache
def _active_rules(enabled: frozenset[str]) -> list[Rule]:
    return [rule for name, rule in all_rules().items() if name in enabled]


def _check_names(rules: dict[str, Rule], names, where: str) -> None:
    import difflib

    for name in names:
        if name not in rules:
            match = difflib.get_close_matches(name, rules, n=1)
            hint = f" (did you mean `{match[0]}`?)" if match else "; `coe rules` lists them"
            raise ConfigError(f"{where}: unknown rule `{name}`{hint}")


_TYPE_WORDS = {int: "a whole number", float: "a number", str: "text", bool: "true or false", list: "a list"}


def _options(rule: Rule, given: dict, origin: str = "") -> dict:
    merged = dict(rule.options)
    for key, value in given.items():
        if key not in rule.options:
            allowed = ", ".join(rule.options) or "none"
            raise ConfigError(f"{origin}`rules.{rule.name}`: no option `{key}` (options: {allowed})")
        where = f"{origin}`rules.{rule.name}.{key}`"
        default = rule.options[key]
        if type(value) is not type(default):
            wanted = _TYPE_WORDS.get(type(default), type(default).__name__)
            raise ConfigError(f"{where}: must be {wanted}, not {_shown(value)}")
        if isinstance(value, list):
            _check_items(value, where)
        merged[key] = value
    return merged


def _check_items(items: list, where: str) -> None:
    """A list option holds words or phrases: non-empty text, since an empty one would match everything."""
    for index, item in enumerate(items):
        if type(item) is not str or not item.strip():
            raise ConfigError(f"{where}[{index}]: must be non-empty text, not {_shown(item)}")


def _shown(value: object) -> str:
    from coe.printable import printable

    return printable(repr(value), 60)


class DocumentSummary(NamedTuple):
    """What the cross-file rules and the suppressions need from one file."""

    path: str
    id: str
    id_position: tuple[int, int]
    status: str
    related: tuple[tuple[str, tuple[int, int]], ...]
    suppressions: tuple[suppressions.Suppression, ...]


class FileResult(NamedTuple):
    path: str
    findings: list[Finding]
    summary: DocumentSummary | None = None


def lint_file(path: str | Path, settings: LintSettings) -> FileResult:
    """Load one file and run the per-document rules on it."""
    result = load(path, max_file_size=settings.max_file_size)
    if result.document is None:
        return FileResult(result.path, list(result.problems))
    document = result.document
    status = document.coe.status.value
    findings = []
    for rule, context in settings.contexts():
        severity = settings.severity_of(rule, status)
        for violation in rule.check(document, context):
            line, column = document.locate(violation.where, key=violation.key)
            findings.append(Finding(document.path, line, column, rule.name, violation.message, severity))
    return FileResult(document.path, findings, _summarize(document))


def _summarize(document: Document) -> DocumentSummary:
    related = tuple(
        (related_id, document.locate(("related", index), key=False))
        for index, related_id in enumerate(document.coe.related)
    )
    return DocumentSummary(
        path=document.path,
        id=document.coe.id,
        id_position=document.locate(("id",), key=False),
        status=document.coe.status.value,
        related=related,
        suppressions=tuple(suppressions.parse(document.text)),
    )


class LintReport:
    __slots__ = ("findings", "files", "rules", "paths")

    def __init__(self, findings: list[Finding], files: int, rules: list[Rule] | None = None,
                 paths: list[str] | None = None) -> None:
        self.findings = findings
        self.files = files
        self.rules = rules or []
        self.paths = paths or []  # every file linted, in order

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Level.WARNING)


def finish(results: list[FileResult], settings: LintSettings) -> LintReport:
    """Run the cross-file rules, apply suppressions, and sort."""
    summaries = [result.summary for result in results if result.summary is not None]
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for result in results:
        by_path[result.path].extend(result.findings)
    status_of = {summary.path: summary.status for summary in summaries}
    for rule in settings.active():
        if rule.check_portfolio is None:
            continue
        context = settings.context_for(rule)
        for finding in rule.check_portfolio(summaries, context):
            severity = settings.severity_of(rule, status_of.get(finding.path))
            by_path[finding.path].append(_with_severity(finding, severity))
    findings = []
    for summary in summaries:
        by_path[summary.path] = _suppress(by_path[summary.path], summary, settings)
    for path_findings in by_path.values():
        findings.extend(path_findings)
    findings.sort(key=Finding.sort_key)
    return LintReport(findings, files=len(results), rules=settings.active(), paths=[r.path for r in results])


def _suppress(findings: list[Finding], summary: DocumentSummary, settings: LintSettings) -> list[Finding]:
    if not summary.suppressions:
        return findings
    outcome = suppressions.apply(findings, list(summary.suppressions))
    if UNUSED_SUPPRESSION not in settings.enabled:
        return outcome.kept
    rules = all_rules()
    unused_rule = rules[UNUSED_SUPPRESSION]
    severity = settings.severity_of(unused_rule, summary.status)
    reported = ((s, name) for s, name in outcome.unused if name not in rules or name in settings.enabled)
    for count, (suppression, name) in enumerate(reported):
        if count == MAX_UNUSED_REPORTED:  # a flood of comments: one finding for the rest, not thousands
            more = 1 + sum(1 for _ in reported)
            message = f"and {more} more unused suppressions in this file, from here on; remove them"
        elif name not in rules:
            message = f"`{name[:60]}` is not a coe rule; `coe rules` lists them"
        else:
            message = f"`# coe: {suppression.directive}={name}` suppresses nothing here; remove it"
        outcome.kept.append(Finding(summary.path, suppression.line, suppression.column, UNUSED_SUPPRESSION, message, severity))
        if count == MAX_UNUSED_REPORTED:
            break
    return outcome.kept


def _with_severity(finding: Finding, severity: Level) -> Finding:
    return Finding(finding.path, finding.line, finding.column, finding.rule, finding.message, severity)


def lint_paths(paths: Iterable[Path], settings: LintSettings, *, jobs: int | None = 1) -> LintReport:
    """Lint files, across ``jobs`` processes (None: all cores) when there are many."""
    from functools import partial

    from coe.lint.parallel import map_in_order

    return finish(map_in_order(partial(lint_file, settings=settings), list(paths), jobs), settings)
