"""related-unknown: `related` names an id that no linted file has (QUALITY)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, lint_findings, merge, replace_once, rule_examples

RULE = "related-unknown"
OTHER = replace_once(BASE, "id: COE-0100\n", "id: COE-0200\n")


def message(coe_id: str) -> str:
    return f"`{coe_id}` is not the id of any COE linted"


def test_dangling_id_is_reported_and_known_id_is_not(tmp_path):
    files = {"a.yaml": BASE + "related: [COE-0200, COE-0007]\n", "b.yaml": OTHER}
    # Line 60 `related: [COE-0200, COE-0007]`: COE-0007 starts at column 21.
    assert lint(tmp_path, files, RULE) == [("a.yaml", RULE, 60, 21, "warning", message("COE-0007"))]


def test_block_list_points_at_the_item(tmp_path):
    files = {"a.yaml": BASE + "related:\n  - COE-0007\n  - COE-0200\n", "b.yaml": OTHER}
    assert lint(tmp_path, files, RULE) == [("a.yaml", RULE, 61, 5, "warning", message("COE-0007"))]


def test_every_file_is_checked(tmp_path):
    files = {"a.yaml": BASE + "related: [COE-0200]\n", "b.yaml": OTHER + "related: [COE-0100, COE-0300]\n"}
    assert lint(tmp_path, files, RULE) == [("b.yaml", RULE, 60, 21, "warning", message("COE-0300"))]


def test_id_is_unknown_when_its_file_is_not_linted(tmp_path):
    assert lint(tmp_path, BASE + "related: [COE-0200]\n", RULE) == [(RULE, 60, 11, "warning", message("COE-0200"))]


def test_quiet_without_related(tmp_path):
    assert lint(tmp_path, {"a.yaml": BASE, "b.yaml": OTHER}, RULE) == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    assert [f[3] for f in lint(tmp_path, base(status) + "related: [COE-0007]\n", RULE)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    config = Config(severity={RULE: "error"})
    assert lint(tmp_path, BASE + "related: [COE-0007]\n", RULE, config=config) == [
        (RULE, 60, 11, "error", message("COE-0007")),
    ]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # The examples cite COE-0001: lint them next to a file that has that id.
    known = replace_once(BASE, "id: COE-0100\n", "id: COE-0001\n")
    found = lint_findings(tmp_path / "bad", {"a.yaml": merge(bad), "b.yaml": known}, [RULE])
    assert [(f.path, f.rule, f.line, f.column, f.message) for f in found] == [
        ("a.yaml", RULE, 60, 11, message("COE-0007")),
    ]
    assert lint_findings(tmp_path / "good", {"a.yaml": merge(good), "b.yaml": known}, [RULE]) == []
