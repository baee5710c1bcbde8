"""Every read command on mutants of the shipped examples: an exit code of 0, 1
or 2, never a traceback, and a message that names the file.

Named cases pin exactly what each kind of damage gives; a Hypothesis test
stacks random mutations. CI runs a bounded number of random examples; set
``COE_FUZZ_EXAMPLES=N`` for N per Hypothesis test.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from parser_words import parser_message
from typer.testing import CliRunner

from coe.cli import app
from coe.document.loader import load

from .mutations import (
    EXAMPLES,
    EXTREME_VALUES,
    MUTATIONS,
    OTHER_TYPES,
    PWNED,
    cut_points,
    example_text,
    mutants,
    mutate,
    replace_block,
    replace_value,
)

TODAY = "2026-11-23"  # the examples lint clean on this day
FUZZ_EXAMPLES = int(os.environ.get("COE_FUZZ_EXAMPLES", "0"))
settings.register_profile(
    "coe-mutants",
    max_examples=FUZZ_EXAMPLES or 12,
    deadline=None,  # hostile mutants are slow by design; time is checked below
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
# One command on one mutant: far above the ~0.3 s the slowest take, far below a hang.
COMMAND_SECONDS = 20


@dataclass
class Workspace:
    """A directory that holds just the mutant, an empty config and an output directory."""

    root: Path

    @property
    def coes(self) -> Path:
        return self.root / "coes"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def config(self) -> Path:
        return self.root / ".coe.toml"

    def put(self, data: bytes, name: str = "mutant.yaml") -> Path:
        for old in [*self.coes.iterdir(), *self.out.iterdir()]:
            old.unlink()
        path = self.coes / name
        path.write_bytes(data)
        return path


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    ws = Workspace(tmp_path)
    ws.coes.mkdir()
    ws.out.mkdir()
    ws.config.write_text("")  # so no config above the temporary directory is used
    return ws


def commands(ws: Workspace, path: Path) -> dict[str, list[str]]:
    """Every command that reads COEs, as arguments for `coe`."""
    common = ["--today", TODAY, "--config", str(ws.config)]
    return {
        # related-unknown: the other examples' ids are not in the directory.
        "lint": ["lint", str(path), "--jobs", "1", "--ignore", "related-unknown", *common],
        "render-markdown": ["render", str(path), "-o", str(ws.out / "report.md"), *common],
        "render-html": ["render", str(path), "--format", "html", "-o", str(ws.out / "report.html"), *common],
        "report-json": ["report", str(ws.coes), "--format", "json", *common],
        "report-html": ["report", str(ws.coes), "--format", "html", "-o", str(ws.out / "portfolio.html"), *common],
        "list": ["list", str(ws.coes), *common],
        "actions": ["actions", str(ws.coes), *common],
    }


def run(args: list[str]):
    started = time.monotonic()
    result = CliRunner().invoke(app, args)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.output, result.output[-3000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert elapsed < COMMAND_SECONDS, f"coe {args[0]} took {elapsed:.1f} s"
    return result


def check_every_command(ws: Workspace, path: Path) -> dict[str, object]:
    """The invariants every mutant must keep, for every command; returns the results by command.

    Stricter than "0, 1 or 2": a file the loader refuses makes every command
    exit 1, and a file it loads makes every command but lint exit 0 (lint
    may still have findings). A non-zero exit names the file.
    """
    loaded = load(path).ok
    results = {}
    for name, args in commands(ws, path).items():
        result = run(args)
        expected = ({0, 1} if name == "lint" else {0}) if loaded else {1}
        assert result.exit_code in expected, (name, loaded, result.exit_code, result.output[-2000:])
        if result.exit_code != 0:
            assert str(path) in result.output, (name, result.exit_code, result.output[-2000:])
        results[name] = result
    return results


def first_changed_line(before: bytes, after: bytes) -> int:
    for number, (old, new) in enumerate(zip(before.splitlines(), after.splitlines()), start=1):
        if old != new:
            return number
    return min(len(before.splitlines()), len(after.splitlines())) + 1


def expect_clean(ws: Workspace, results: dict) -> None:
    """A mutant that is still a valid, complete COE: every command succeeds."""
    assert {name: r.exit_code for name, r in results.items()} == dict.fromkeys(results, 0), {
        name: r.output[-500:] for name, r in results.items() if r.exit_code
    }
    assert results["lint"].stdout == "1 file checked: all clean.\n"
    assert (ws.out / "report.md").stat().st_size > 0 and (ws.out / "report.html").stat().st_size > 0
    assert json.loads(results["report-json"].stdout)["skipped"] == []


def expect_refused(ws: Workspace, path: Path, results: dict, rule: str, message: str, line: int | None) -> None:
    """A broken mutant: one finding, the same from every command, and nothing rendered."""
    (problem,) = load(path).problems
    assert (problem.rule, problem.message[: len(message)]) == (rule, message), problem
    if line is not None:
        assert problem.line == line, problem
    where = f"{path}:{problem.line}:{problem.column}"
    assert {name: r.exit_code for name, r in results.items()} == dict.fromkeys(results, 1)
    assert results["lint"].stdout.startswith(f"{where}: error {rule}: {message}")
    for name in ("render-markdown", "render-html"):
        assert results[name].stdout.startswith(f"{where}: error {rule}: {message}"), name
    assert list(ws.out.iterdir()) == [ws.out / "portfolio.html"]  # the report, but no rendered COE
    skipped = json.loads(results["report-json"].stdout)["skipped"]
    assert [(s["path"], s["line"], s["rule"]) for s in skipped] == [(str(path), problem.line, rule)]
    for name in ("list", "actions"):
        assert f"skipped {where}: {rule}: {message}" in results[name].stderr, name


# Named cases ----------------------------------------------------------------------

# Mutations that leave a clean COE: every command exits 0.
STILL_CLEAN = ["utf8-bom", "crlf", "long-line", "merge-key"]
# Mutations with exactly one problem: (rule, start of the message, whether it is on the first changed line).
PARSER_WORDS = None  # the message is the installed parser's description of the error (tests/parser_words.py)
REFUSED = {
    "invalid-utf8": ("syntax", "the file is not valid UTF-8", True),
    "tab-indent": ("syntax", PARSER_WORDS, False),  # libyaml reports the tab, or a later line it confuses
    "duplicate-key": ("syntax", "duplicate key `", True),
    "unknown-top-key": ("schema", "unknown key `surprise_", True),
    "unknown-action-key": ("schema", "unknown key `surprise`; allowed here: id, action", True),
    "deep-flow": ("syntax", "the document nests deeper than 100 levels", True),
    "deep-block": ("syntax", "the document nests deeper than 100 levels", False),  # the line after `x_deep:`
    "alias-bomb": ("syntax", "aliases expand to more than 100,000 nodes", False),
    "tag-python-apply": ("syntax", "unsupported YAML tag `tag:yaml.org,2002:python/object/apply:os.system`", True),
    "tag-python-name": ("syntax", "unsupported YAML tag `tag:yaml.org,2002:python/name:os.system`", True),
    "tag-custom": ("syntax", "unsupported YAML tag `!tag`", True),
}
# Mutations whose result depends on the seed: only the invariants hold.
RANDOM = ["flip-bytes", "insert-bytes", "truncate", "other-type", "extreme-value", "collection-to-scalar"]


def test_every_mutation_has_a_named_case():
    assert sorted(STILL_CLEAN + list(REFUSED) + RANDOM) == sorted(MUTATIONS)


@pytest.mark.parametrize("name", STILL_CLEAN)
def test_harmless_mutations_keep_a_clean_coe(workspace, name):
    example = EXAMPLES[STILL_CLEAN.index(name) % len(EXAMPLES)]  # one each: rendering a valid COE is slow
    path = workspace.put(mutate(name, example, seed=0))
    expect_clean(workspace, check_every_command(workspace, path))


def test_merge_key_supplies_the_owner(workspace):
    path = workspace.put(mutate("merge-key", EXAMPLES[0], seed=0))
    assert "<<: *defaults" in path.read_text()
    assert load(path).document.coe.corrective_actions[0].owner == load(EXAMPLES[0]).document.coe.corrective_actions[0].owner


# Each kind on one example, in turn, to keep the suite fast; the random tests mix them all.
REFUSED_CASES = [(name, EXAMPLES[n % len(EXAMPLES)]) for n, name in enumerate(REFUSED)]


@pytest.mark.parametrize(("name", "example"), REFUSED_CASES, ids=[f"{n}-{e.name[:8]}" for n, e in REFUSED_CASES])
def test_broken_mutations_are_refused_with_one_finding(workspace, name, example):
    data = mutate(name, example, seed=0)
    rule, message, on_changed_line = REFUSED[name]
    if message is PARSER_WORDS:
        message = parser_message(data.decode("utf-8"))
    path = workspace.put(data)
    line = first_changed_line(example.read_bytes(), data) if on_changed_line else None
    expect_refused(workspace, path, check_every_command(workspace, path), rule, message, line)


@pytest.mark.parametrize("payload", ["tag-python-apply", "tag-python-name"])
def test_python_tags_never_run(workspace, payload):
    PWNED.unlink(missing_ok=True)
    path = workspace.put(mutate(payload, EXAMPLES[0], seed=0))
    assert "os.system" in path.read_text()
    results = check_every_command(workspace, path)
    assert {r.exit_code for r in results.values()} == {1}
    assert not PWNED.exists()


@pytest.mark.parametrize("new", list(OTHER_TYPES), ids=list(OTHER_TYPES))
def test_title_of_another_type_is_a_schema_error(workspace, new):
    """`title` is required text: every other type, null included, is refused."""
    data = replace_value(example_text(EXAMPLES[0]), "title", OTHER_TYPES[new])
    path = workspace.put(data.encode())
    results = check_every_command(workspace, path)
    expect_refused(workspace, path, results, "schema", "`title`", first_changed_line(EXAMPLES[0].read_bytes(), data.encode()))


@pytest.mark.parametrize(
    ("section", "new"), [("incident", "[a, b]"), ("incident", "text"), ("corrective_actions", "{a: 1}"), ("corrective_actions", "42")]
)
def test_section_of_another_type_is_a_schema_error(workspace, section, new):
    data = replace_block(example_text(EXAMPLES[0]), section, new).encode()
    path = workspace.put(data)
    results = check_every_command(workspace, path)
    expect_refused(workspace, path, results, "schema", f"`{section}`", first_changed_line(EXAMPLES[0].read_bytes(), data))


# (key, extreme value). Most load; a negative count and a metric of inf or nan are schema errors.
EXTREMES = [
    ("started_at", "first-timestamp"), ("mitigated_at", "last-timestamp"), ("due", "first-date"),
    ("done_on", "last-date"), ("customers_affected", "negative"), ("value", "infinity"),
    ("value", "largest-float"), ("title", "unicode"), ("action", "long-text"),
]


@pytest.mark.parametrize(("key", "value"), EXTREMES, ids=[f"{k}={v}" for k, v in EXTREMES])
def test_extreme_values_keep_the_invariants(workspace, key, value):
    data = replace_value(example_text(EXAMPLES[0]), key, EXTREME_VALUES[value]).encode()
    path = workspace.put(data)
    assert load(path).ok == (value not in ("negative", "infinity", "not-a-number"))
    check_every_command(workspace, path)


def test_huge_integer_renders(workspace):
    # customers_affected is a whole number: any size loads, and renders with thousands separators.
    data = replace_value(example_text(EXAMPLES[0]), "customers_affected", EXTREME_VALUES["huge-integer"]).encode()
    path = workspace.put(data)
    assert load(path).ok
    check_every_command(workspace, path)


def test_a_metric_too_large_for_a_float_is_a_clear_schema_problem(workspace):
    data = replace_value(example_text(EXAMPLES[0]), "value", EXTREME_VALUES["huge-integer"]).encode()
    [problem] = load(workspace.put(data)).problems
    assert problem.rule == "schema"
    assert problem.message == (
        "`impact.metrics[0].value` is too large for a number (400 digits); write it with fewer digits"
    )
    check_every_command(workspace, workspace.put(data))


@pytest.mark.parametrize("name", RANDOM)
def test_random_mutations_keep_the_invariants(workspace, name):
    seed = RANDOM.index(name)
    example = EXAMPLES[seed % len(EXAMPLES)]
    check_every_command(workspace, workspace.put(mutate(name, example, seed)))


@pytest.mark.parametrize("example", EXAMPLES[:2], ids=lambda p: p.name[:8])
def test_every_truncation(workspace, example):
    """Cut after every line (the first example) or in the middle of every line (the second).

    All cuts go in one directory, so each command reads them all in one run.
    """
    text = example_text(example)
    cuts = cut_points(text)[EXAMPLES.index(example) == 0 :: 2]
    paths = []
    for n, cut in enumerate(cuts):
        paths.append(workspace.coes / f"cut-{n:04}.yaml")
        paths[-1].write_text(text[:cut], encoding="utf-8")
    common = ["--today", TODAY, "--config", str(workspace.config)]
    lint = run(["lint", str(workspace.coes), "--output-format", "json", "--jobs", "1", *common])
    assert lint.exit_code == 1
    findings = json.loads(lint.stdout)["findings"]
    broken = sorted({f["path"] for f in findings if f["rule"] in ("syntax", "schema")})
    assert 0 < len(broken) < len(paths)
    report = run(["report", str(workspace.coes), "--format", "json", *common])
    assert report.exit_code == 1
    assert sorted(s["path"] for s in json.loads(report.stdout)["skipped"]) == broken
    actions = run(["actions", str(workspace.coes), "--format", "json", *common])
    assert (actions.exit_code, actions.stderr.count("skipped ")) == (1, len(broken))
    # render: the loadable cuts render; one broken file stops the whole run.
    valid = [str(p) for p in paths if str(p) not in broken]
    result = run(["render", *valid, "-o", str(workspace.out), *common])
    assert result.exit_code in (0, 2), result.output[-2000:]  # 2: two cuts share an id, so a report file
    result = run(["render", broken[0], *valid[:3], "-o", str(workspace.out / "x"), *common])
    assert (result.exit_code, result.stdout.startswith(f"{broken[0]}:")) == (1, True), result.output[-2000:]


# Random stacks ----------------------------------------------------------------------


@settings(settings.get_profile("coe-mutants"))
@given(mutant=mutants())
def test_stacked_mutations_keep_the_invariants(workspace, mutant):
    description, data = mutant
    check_every_command(workspace, workspace.put(data))


@settings(settings.get_profile("coe-mutants"), max_examples=FUZZ_EXAMPLES or 150)
@given(mutant=mutants(max_stack=3))
def test_loader_on_stacked_mutations(tmp_path, mutant):
    """The loader alone, many more times: a document or problems, each inside the file."""
    description, data = mutant
    path = tmp_path / "mutant.yaml"
    path.write_bytes(data)
    result = load(path)
    assert (result.document is None) == bool(result.problems), description
    lines = len(data.decode("utf-8", errors="replace").splitlines()) + 1  # every break YAML knows, and more
    for problem in result.problems:
        assert problem.path == str(path)
        assert problem.rule in ("syntax", "schema"), problem
        assert 1 <= problem.line <= lines and problem.column >= 1, (description, problem)
        assert problem.message and len(problem.message) < 1000, (description, problem.message[:200])


def test_seeded_mutants_are_reproducible():
    for name in MUTATIONS:
        assert mutate(name, EXAMPLES[1], 7) == mutate(name, EXAMPLES[1], 7), name
    assert mutate("flip-bytes", EXAMPLES[1], 7) != mutate("flip-bytes", EXAMPLES[1], 8)
