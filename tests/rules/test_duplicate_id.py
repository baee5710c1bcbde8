"""duplicate-id: two files with the same COE id (LOADER: always an error)."""

from __future__ import annotations

import re

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, lint_findings, replace_once, rule_examples

RULE = "duplicate-id"


def with_id(text: str, coe_id: str) -> str:
    return replace_once(text, "id: COE-0100\n", f"id: {coe_id}\n")


def test_reported_at_the_id_in_both_files(tmp_path):
    files = {"a.yaml": BASE, "b.yaml": BASE}
    # `id: COE-0100` is line 2; the value starts at column 5.
    assert lint(tmp_path, files, RULE) == [
        ("a.yaml", RULE, 2, 5, "error", f"id `COE-0100` is also used by {tmp_path / 'b.yaml'}"),
        ("b.yaml", RULE, 2, 5, "error", f"id `COE-0100` is also used by {tmp_path / 'a.yaml'}"),
    ]


def test_three_files_name_the_other_two(tmp_path):
    files = {"a.yaml": BASE, "b.yaml": BASE, "c.yaml": with_id(BASE, "COE-0101"), "d.yaml": BASE}
    findings = lint(tmp_path, files, RULE)
    a, b, d = (str(tmp_path / name) for name in ("a.yaml", "b.yaml", "d.yaml"))
    assert findings == [
        ("a.yaml", RULE, 2, 5, "error", f"id `COE-0100` is also used by {b}, {d}"),
        ("b.yaml", RULE, 2, 5, "error", f"id `COE-0100` is also used by {a}, {d}"),
        ("d.yaml", RULE, 2, 5, "error", f"id `COE-0100` is also used by {a}, {b}"),
    ]


def test_quiet_when_ids_differ(tmp_path):
    files = {"a.yaml": BASE, "b.yaml": with_id(BASE, "COE-0101")}
    assert lint(tmp_path, files, RULE) == []


def test_position_follows_the_id_value(tmp_path):
    moved = "# leading comment\n" + replace_once(BASE, "id: COE-0100\n", "id:   COE-0100\n")
    files = {"a.yaml": moved, "b.yaml": BASE}
    assert [(f[0], f[2], f[3]) for f in lint(tmp_path, files, RULE)] == [("a.yaml", 3, 7), ("b.yaml", 2, 5)]


@pytest.mark.parametrize("status", ["draft", "in-review", "approved", "closed"])
def test_always_an_error(tmp_path, status):
    files = {"a.yaml": base(status), "b.yaml": base(status)}
    assert [f[4] for f in lint(tmp_path, files, RULE)] == ["error", "error"]


def test_config_severity_cannot_lower_it(tmp_path):
    files = {"a.yaml": base("draft"), "b.yaml": BASE}
    config = Config(severity={RULE: "warning"})
    assert [f[4] for f in lint(tmp_path, files, RULE, config=config)] == ["error", "error"]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)

    def files(example: str) -> dict[str, str]:
        # `# NAME.yaml` comment, then `id: ...` for that file.
        pairs = re.findall(r"^# (\S+\.yaml)\nid: (\S+)$", example, re.M)
        assert len(pairs) == 2
        return {name: with_id(BASE, coe_id) for name, coe_id in pairs}

    found = lint_findings(tmp_path / "bad", files(bad), [RULE])
    assert [(f.path, f.rule, f.line, f.column) for f in found] == [
        ("COE-0042-cache.yaml", RULE, 2, 5),
        ("COE-0042-refunds.yaml", RULE, 2, 5),
    ]
    assert lint_findings(tmp_path / "good", files(good), [RULE]) == []
