"""`coe render` on the command line: where reports go, and what happens when
an input or a template is broken (nothing is written)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from parser_words import parser_message
from typer.testing import CliRunner

from coe.cli import app
from coe.document.loader import load
from coe.render.renderer import Renderer

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("COE-*.yaml"))
FIRST = EXAMPLES[0]
TODAY = "2026-07-01"

BROKEN_SYNTAX = "format: 1\nid: COE-0009\ntitle: [unclosed\nstatus: draft\n"
BROKEN_SCHEMA = "format: 1\nid: bad id\ntitle: x\nstatus: open\nseverity: SEV9\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Run in an empty directory, so no project config is discovered."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


def coe(*args: str):
    return CliRunner().invoke(app, list(args))


def expected(path: Path, fmt: str = "markdown", today: str = TODAY) -> str:
    return Renderer(fmt).render(load(path).document.coe, dt.date.fromisoformat(today))


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- where reports go


def test_markdown_to_stdout_by_default():
    result = coe("render", str(FIRST), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected(FIRST)
    assert result.stdout.startswith("# COE-0001: Checkout failures")
    assert result.stderr == ""


def test_html_to_stdout():
    result = coe("render", str(FIRST), "-f", "html", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected(FIRST, "html")
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_today_changes_the_overdue_marks():
    path = ROOT / "examples" / "COE-0002-threatening-book-recommendations.yaml"
    early = coe("render", str(path), "--today", "2026-01-01").stdout
    late = coe("render", str(path), "--today", "2027-12-31").stdout
    assert "(overdue)" not in early
    assert late.count("**(overdue)**") == sum(
        1 for action in load(path).document.coe.corrective_actions if action.status.value in ("open", "in-progress")
    )


def test_output_file(tmp_path):
    target = tmp_path / "report.md"
    result = coe("render", str(FIRST), "-o", str(target), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == expected(FIRST)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]  # no temporary file left


def test_output_file_is_replaced_atomically(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    target.chmod(0o640)
    replaced = []
    real_replace = os.replace

    def spy(src, dst, *args, **kwargs):
        # When the report is moved into place it is already complete.
        replaced.append((Path(src), Path(dst), Path(src).read_text(encoding="utf-8")))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spy)
    result = coe("render", str(FIRST), "-f", "html", "-o", str(target), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert len(replaced) == 1
    src, dst, content = replaced[0]
    assert dst == target and src.parent == target.parent and src != target
    assert content == expected(FIRST, "html")
    assert target.read_text(encoding="utf-8") == content
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old report", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = coe("render", str(FIRST), "-o", str(target), "--today", TODAY)
    assert result.exit_code == 2  # an IO error, like a usage error: nothing was rendered to the file
    assert result.stderr == (
        f"coe render: error: cannot write {target}: No space left on device. "
        "Free some disk space and run the command again.\n"
    )
    assert target.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", ".md"), ("html", ".html")])
def test_several_files_to_a_directory(tmp_path, fmt, suffix):
    out = tmp_path / "reports" / "nested"
    result = coe("render", *map(str, EXAMPLES), "-f", fmt, "-o", str(out), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    ids = [load(path).document.coe.id for path in EXAMPLES]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{ident}{suffix}" for ident in ids)
    for path, ident in zip(EXAMPLES, ids):
        assert (out / f"{ident}{suffix}").read_text(encoding="utf-8") == expected(path, fmt)


def test_one_file_into_an_existing_directory(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = coe("render", str(FIRST), "-o", str(out), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["COE-0001.md"]


def test_several_files_to_stdout_are_concatenated():
    result = coe("render", *map(str, EXAMPLES[:2]), "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == expected(EXAMPLES[0]) + "\n" + expected(EXAMPLES[1])


def test_several_files_to_an_existing_file_is_a_usage_error(tmp_path):
    target = tmp_path / "one.md"
    target.write_text("keep", encoding="utf-8")
    result = coe("render", *map(str, EXAMPLES[:2]), "-o", str(target))
    assert result.exit_code == 2
    assert "names a directory" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


# ---------------------------------------------------------------- broken input: nothing written


def lint_lines(*paths: Path) -> list[str]:
    result = coe("lint", "-q", *map(str, paths))
    assert result.exit_code == 1
    return result.stdout.splitlines()


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_broken_input_prints_problems_like_lint_and_writes_nothing(tmp_path, write, fmt):
    syntax = write(BROKEN_SYNTAX, "syntax.yaml")
    schema = write(BROKEN_SCHEMA, "schema.yaml")
    out = tmp_path / "out"
    result = coe("render", str(FIRST), str(syntax), str(schema), "-f", fmt, "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    lines = result.stdout.splitlines()
    assert lines == [str(p) for path in (syntax, schema) for p in load(path).problems]
    assert sorted(lines) == sorted(lint_lines(syntax, schema))  # lint sorts by path; render keeps argument order
    assert lines[0] == f"{syntax}:4:7: error syntax: {parser_message(BROKEN_SYNTAX)}"
    assert len(lines) == 4 and all(line.startswith(f"{schema}:") and " error schema: " in line for line in lines[1:])
    assert "nothing written: 4 problem(s)" in result.stderr


def test_broken_input_leaves_an_existing_directory_unchanged(tmp_path, write):
    out = tmp_path / "out"
    out.mkdir()
    (out / "COE-0001.md").write_text("previous report", encoding="utf-8")
    before = snapshot(out)
    broken = write(BROKEN_SCHEMA, "schema.yaml")
    result = coe("render", *map(str, EXAMPLES), str(broken), "-o", str(out))
    assert result.exit_code == 1
    assert snapshot(out) == before


def test_broken_input_leaves_an_existing_file_unchanged(tmp_path, write):
    target = tmp_path / "report.md"
    target.write_text("previous report", encoding="utf-8")
    broken = write(BROKEN_SYNTAX, "syntax.yaml")
    result = coe("render", str(broken), "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "previous report"
    assert result.stdout.startswith(f"{broken}:4:7: error syntax: ")


def test_broken_input_to_stdout_prints_no_report(write):
    broken = write(BROKEN_SCHEMA, "schema.yaml")
    result = coe("render", str(FIRST), str(broken))
    assert result.exit_code == 1
    assert "# COE-0001" not in result.stdout
    assert result.stdout.splitlines() == lint_lines(broken)


def test_missing_input_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    out = tmp_path / "out.md"
    result = coe("render", str(missing), "-o", str(out))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{missing}:1:1: error syntax: ")
    assert not out.exists()


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize("fmt", ["pdf", "HTML", "md", ""])
def test_bad_format_is_a_usage_error(tmp_path, fmt):
    out = tmp_path / "out"
    result = coe("render", str(FIRST), "-f", fmt, "-o", str(out))
    assert result.exit_code == 2
    assert "choose one of: markdown, html" in result.stderr
    assert not out.exists()


def test_bad_today_is_a_usage_error():
    result = coe("render", str(FIRST), "--today", "01/07/2026")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_no_files_is_a_usage_error():
    assert coe("render").exit_code == 2


# ---------------------------------------------------------------- user templates


def project(root: Path, templates: dict[str, str]) -> Path:
    """A .coe.toml with templates_dir = "tpl", and the given templates in it."""
    for name, text in templates.items():
        path = root / "tpl" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = root / ".coe.toml"
    config.write_text('templates_dir = "tpl"\n', encoding="utf-8")
    return config


def test_user_markdown_template_is_used(tmp_path):
    project(tmp_path, {"render/coe.md.j2": "CUSTOM {{ view.coe.id }} | {{ view.time_to_detect | duration }}\n"})
    result = coe("render", str(FIRST))  # the config is discovered in the working directory
    assert result.exit_code == 0, result.output
    assert result.stdout == "CUSTOM COE-0001 | 7m\n"


def test_templates_dir_is_relative_to_the_config_file(tmp_path, monkeypatch):
    config = project(tmp_path / "proj", {"render/coe.md.j2": "FROM CONFIG {{ view.coe.id }}\n"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = coe("render", str(FIRST), "--config", str(config))
    assert result.exit_code == 0, result.output
    assert result.stdout == "FROM CONFIG COE-0001\n"
    # The HTML template is not overridden, so the built-in one is used.
    html = coe("render", str(FIRST), "--config", str(config), "-f", "html", "--today", TODAY)
    assert html.stdout == expected(FIRST, "html")


def test_user_html_template_is_autoescaped(tmp_path, write):
    project(tmp_path, {"render/coe.html.j2": "<h1>{{ view.coe.title }}</h1>\n"})
    path = write("format: 1\nid: COE-0007\ntitle: '<script>alert(1)</script>'\nstatus: draft\nseverity: SEV3\n")
    result = coe("render", str(path), "-f", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>\n"


@pytest.mark.parametrize(
    ("template", "name"),
    [
        ("{{ view.coe.id }} {{ no_such_variable }}\n", "no_such_variable"),
        ("{{ view.coe.no_such_field }}\n", "no_such_field"),
        ("{% if view.no_such_flag %}x{% endif %}\n", "no_such_flag"),
        ("{{ view.coe.title | no_such_filter }}\n", "no_such_filter"),
    ],
)
def test_undefined_names_in_a_user_template_fail_loudly(tmp_path, template, name):
    project(tmp_path, {"render/coe.md.j2": template})
    out = tmp_path / "out"
    result = coe("render", *map(str, EXAMPLES), "-o", str(out))
    assert result.exit_code == 2
    assert "template error" in result.stderr and name in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_python_m_coe_render_end_to_end(tmp_path):
    out = tmp_path / "html"
    process = subprocess.run(
        [sys.executable, "-m", "coe", "render", *map(str, EXAMPLES), "-f", "html", "-o", str(out), "--today", TODAY],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert process.returncode == 0, process.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"COE-000{n}.html" for n in range(1, 5)]
