"""`coe lint` and `coe rules` from the command line: exit codes, output
formats, config discovery and the shipped examples."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coe.cli import app
from coe.lint.registry import all_rules
from conftest import EXAMPLES, ROOT
from rules.helpers import BASE, replace_once

TODAY = "2026-11-23"
LESSONS = "lessons_learned:\n  - Defaults shared with development must never reach production silently.\n"
# An error (content rule, in-review): lessons-missing at 44:1.
ERROR_DOC = replace_once(BASE, LESSONS, "lessons_learned: []\n")
ERROR_LINE = "bad.yaml:44:1: error lessons-missing: record what was learned in `lessons_learned`"
# A warning only (quality rule): timeline-order at 23:11.
WARNING_DOC = replace_once(
    replace_once(BASE, "id: COE-0100\n", "id: COE-0101\n"),
    "    - at: 2026-03-17T14:40:00Z\n",
    "    - at: 2026-03-17T14:05:00Z\n",
)
WARNING_MESSAGE = "this event (2026-03-17T14:05:00+00:00) is earlier than the one before it (2026-03-17T14:09:00+00:00)"
WARNING_LINE = f"warn.yaml:23:11: warning timeline-order: {WARNING_MESSAGE}"
# Both root-cause-missing (30:3) and lessons-missing (44:1), to see which rules a config selects.
TWO_RULES_DOC = replace_once(
    ERROR_DOC,
    "  summary: A development default lowered the production cache memory limit.\n",
    "  summary:\n",
)
ANSI = "\x1b["


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty working directory with no config above it, and a way to write files in it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def write(name: str, content: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        return path

    return write


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


# Exit codes -------------------------------------------------------------------


def test_clean_examples_exit_0():
    result = invoke("lint", str(EXAMPLES), "--today", TODAY)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "4 files checked: all clean.\n", "")


def test_examples_are_clean_even_with_strict():
    result = invoke("lint", str(EXAMPLES), "--strict", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "4 files checked: all clean.\n")


def test_errors_exit_1(project):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == f"{ERROR_LINE}\n1 file checked: 1 error, 0 warnings.\n"


def test_warnings_only_exit_0(project):
    project("warn.yaml", WARNING_DOC)
    result = invoke("lint", "warn.yaml", "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == f"{WARNING_LINE}\n1 file checked: 0 errors, 1 warning.\n"


def test_warnings_exit_1_with_strict(project):
    project("warn.yaml", WARNING_DOC)
    result = invoke("lint", "warn.yaml", "--strict", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == f"{WARNING_LINE}\n1 file checked: 0 errors, 1 warning.\n"


def test_a_draft_with_content_problems_exits_0(project):
    project("bad.yaml", replace_once(ERROR_DOC, "status: in-review\n", "status: draft\n"))
    result = invoke("lint", "bad.yaml", "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ERROR_LINE.replace("error lessons-missing", "warning lessons-missing")


def test_exit_zero_reports_but_exits_0(project):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--exit-zero", "--strict", "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == f"{ERROR_LINE}\n1 file checked: 1 error, 0 warnings.\n"


def test_missing_path_exits_2(project):
    result = invoke("lint", "nowhere.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "coe lint: error: no such file or directory: nowhere.yaml\n"


def test_no_paths_and_no_coe_directory_exits_2(project):
    result = invoke("lint")
    assert (result.exit_code, result.stderr) == (2, "coe lint: error: no such file or directory: coes\n")


def test_unknown_rule_in_select_exits_2(project):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--select", "lessons-mising")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "coe lint: error: --select: unknown rule `lessons-mising` (did you mean `lessons-missing`?)\n"


def test_unknown_rule_in_ignore_exits_2(project):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--ignore", "nope")
    assert (result.exit_code, result.stderr) == (2, "coe lint: error: --ignore: unknown rule `nope`; `coe rules` lists them\n")


def test_ignoring_an_always_on_rule_exits_2(project):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--ignore", "syntax")
    assert result.exit_code == 2
    assert result.stderr == "coe lint: error: `syntax` cannot be ignored: coe cannot check a file it cannot read\n"


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [("--today", "2026-13-01", "write the date as YYYY-MM-DD"), ("--output-format", "xml", "choose one of: text, json")],
)
def test_bad_option_values_exit_2(project, option, value, words):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", option, value)
    assert result.exit_code == 2
    assert option in result.stderr and words in result.stderr  # Click frames coe's words; they name the option


# Options ----------------------------------------------------------------------


def test_quiet_prints_findings_only(project):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--quiet", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (1, f"{ERROR_LINE}\n")


def test_quiet_and_clean_prints_nothing(project):
    project("good.yaml", BASE)
    result = invoke("lint", "good.yaml", "-q", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "")


def test_output_file_gets_the_report(project, tmp_path):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "-o", "report.txt", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == f"{ERROR_LINE}\n1 file checked: 1 error, 0 warnings.\n"


def test_output_file_replaces_an_old_report(project, tmp_path):
    project("good.yaml", BASE)
    project("report.json", "old report, much longer than the new one " * 20)
    result = invoke("lint", "good.yaml", "--output", "report.json", "--output-format", "json", "--today", TODAY)
    assert result.exit_code == 0
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == {
        "findings": [],
        "summary": {"files": 1, "errors": 0, "warnings": 0},
    }


def test_today_pins_the_date_for_action_overdue(project):
    project("coe.yaml", BASE)
    assert invoke("lint", "coe.yaml", "--today", "2027-01-15").stdout == "1 file checked: all clean.\n"
    late = invoke("lint", "coe.yaml", "--today", "2027-01-20")
    assert late.exit_code == 0
    assert late.stdout == (
        "coe.yaml:50:10: warning action-overdue: corrective action CA-1 was due 2027-01-15 (5 days ago) "
        "and is still open\n1 file checked: 0 errors, 1 warning.\n"
    )


def test_select_takes_commas_and_repeats(project):
    project("bad.yaml", TWO_RULES_DOC)
    both = invoke("lint", "bad.yaml", "--select", "root-cause-missing,timeline-order", "--select", "lessons-missing", "-q")
    assert [line.split(": ")[1] for line in both.stdout.splitlines()] == [
        "error root-cause-missing",
        "error lessons-missing",
    ]
    one = invoke("lint", "bad.yaml", "--select", "lessons-missing", "-q")
    assert one.stdout == f"{ERROR_LINE}\n"


def test_ignore_drops_a_rule(project):
    project("bad.yaml", TWO_RULES_DOC)
    result = invoke("lint", "bad.yaml", "--ignore", "root-cause-missing", "-q", "--today", TODAY)
    assert result.stdout == f"{ERROR_LINE}\n"


# Output formats ---------------------------------------------------------------


def test_json_output_shape(project):
    project("bad.yaml", ERROR_DOC)
    project("warn.yaml", WARNING_DOC)
    result = invoke("lint", "bad.yaml", "warn.yaml", "--output-format", "json", "--today", TODAY)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "findings": [
            {
                "path": "bad.yaml",
                "line": 44,
                "column": 1,
                "rule": "lessons-missing",
                "severity": "error",
                "message": "record what was learned in `lessons_learned`",
            },
            {
                "path": "warn.yaml",
                "line": 23,
                "column": 11,
                "rule": "timeline-order",
                "severity": "warning",
                "message": WARNING_MESSAGE,
            },
        ],
        "summary": {"files": 2, "errors": 1, "warnings": 1},
    }


def test_json_output_when_clean(project):
    project("good.yaml", BASE)
    result = invoke("lint", "good.yaml", "--output-format", "json", "--today", TODAY)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"findings": [], "summary": {"files": 1, "errors": 0, "warnings": 0}}


def test_github_output_lines(project):
    project("bad.yaml", ERROR_DOC)
    project("warn.yaml", WARNING_DOC)
    result = invoke("lint", "bad.yaml", "warn.yaml", "--output-format", "github", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=bad.yaml,line=44,col=1,title=coe lessons-missing::record what was learned in `lessons_learned`\n"
        f"::warning file=warn.yaml,line=23,col=11,title=coe timeline-order::{WARNING_MESSAGE}\n"
    )


def test_github_output_escapes_properties(project):
    project("a,b:c.yaml", ERROR_DOC)
    result = invoke("lint", "a,b:c.yaml", "--output-format", "github", "--select", "lessons-missing")
    assert result.stdout.startswith("::error file=a%2Cb%3Ac.yaml,line=44,col=1,title=coe lessons-missing::")


def test_piped_and_captured_text_has_no_colour(project):
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--today", TODAY)
    assert ERROR_LINE in result.stdout
    assert ANSI not in result.stdout


def run_coe(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coe", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_on_a_terminal(*args: str, cwd: Path, env: dict) -> tuple[int, str]:
    """Run coe with stdout on a pseudo-terminal; (exit code, what the terminal got)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "coe", *args], cwd=cwd, env=env, stdout=slave, stderr=subprocess.DEVNULL
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return process.wait(timeout=300), b"".join(chunks).decode("utf-8", errors="replace")


def test_subprocess_python_m_coe_lint_examples():
    result = run_coe("lint", str(EXAMPLES), "--strict", "--today", TODAY, cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "4 files checked: all clean.\n", "")


def test_subprocess_piped_output_is_plain(project, tmp_path):
    project("bad.yaml", ERROR_DOC)
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    result = run_coe("lint", "bad.yaml", "--today", TODAY, cwd=tmp_path, env=env)
    assert (result.returncode, result.stdout) == (1, f"{ERROR_LINE}\n1 file checked: 1 error, 0 warnings.\n")


def test_no_color_on_a_terminal(project, tmp_path):
    project("bad.yaml", ERROR_DOC)
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    code, coloured = run_on_a_terminal("lint", "bad.yaml", "--today", TODAY, cwd=tmp_path, env=env)
    assert code == 1
    assert ANSI in coloured  # the control: a terminal gets colour...
    code, plain = run_on_a_terminal("lint", "bad.yaml", "--today", TODAY, cwd=tmp_path, env={**env, "NO_COLOR": "1"})
    assert code == 1
    assert ANSI not in plain  # ...unless NO_COLOR is set
    assert plain.replace("\r\n", "\n") == f"{ERROR_LINE}\n1 file checked: 1 error, 0 warnings.\n"


# Config discovery ---------------------------------------------------------------


def rules_reported(result) -> list[str]:
    return [line.split(": ")[1].split()[1] for line in result.stdout.splitlines()]


# Each case: the config files around it, the directory lint runs in, the rules that report.
DISCOVERY = {
    "without a config every rule runs": ({}, "sub", ["root-cause-missing", "lessons-missing"]),
    ".coe.toml in a parent directory is found": (
        {".coe.toml": 'select = ["lessons-missing"]\n'}, "a/b", ["lessons-missing"],
    ),
    "[tool.coe] in pyproject.toml is found": (
        {"pyproject.toml": '[project]\nname = "x"\n\n[tool.coe]\nselect = ["root-cause-missing"]\n'},
        "sub", ["root-cause-missing"],
    ),
    "a pyproject.toml without [tool.coe] is passed over": (
        {".coe.toml": 'select = ["lessons-missing"]\n',
         "sub/pyproject.toml": '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n'},
        "sub", ["lessons-missing"],
    ),
    "the nearest config wins": (
        {".coe.toml": 'select = ["lessons-missing"]\n', "sub/pyproject.toml": '[tool.coe]\nselect = ["root-cause-missing"]\n'},
        "sub/deeper", ["root-cause-missing"],
    ),
}


@pytest.mark.parametrize("case", DISCOVERY)
def test_config_discovery(project, monkeypatch, tmp_path, case):
    configs, cwd, reported = DISCOVERY[case]
    for name, text in configs.items():
        project(name, text)
    project(f"{cwd}/bad.yaml", TWO_RULES_DOC)
    monkeypatch.chdir(tmp_path / cwd)
    assert rules_reported(invoke("lint", "bad.yaml", "-q", "--today", TODAY)) == reported


def test_coe_toml_beats_pyproject_in_the_same_directory(project):
    project("pyproject.toml", '[tool.coe]\nselect = ["root-cause-missing"]\n')
    project(".coe.toml", 'select = ["lessons-missing"]\n')
    project("bad.yaml", TWO_RULES_DOC)
    assert rules_reported(invoke("lint", "bad.yaml", "-q", "--today", TODAY)) == ["lessons-missing"]


def test_command_line_select_overrides_config_select(project):
    project(".coe.toml", 'select = ["lessons-missing"]\n')
    project("bad.yaml", TWO_RULES_DOC)
    result = invoke("lint", "bad.yaml", "-q", "--select", "root-cause-missing", "--today", TODAY)
    assert rules_reported(result) == ["root-cause-missing"]


def test_command_line_ignore_adds_to_config_ignore(project):
    project(".coe.toml", 'ignore = ["lessons-missing"]\n')
    project("bad.yaml", TWO_RULES_DOC)
    assert rules_reported(invoke("lint", "bad.yaml", "-q", "--today", TODAY)) == ["root-cause-missing"]
    result = invoke("lint", "bad.yaml", "-q", "--ignore", "root-cause-missing", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "")


def test_config_severity_and_rule_options_apply(project):
    project(".coe.toml", '[severity]\nlessons-missing = "warning"\n\n[rules.five-whys-shallow]\nmin_whys = 4\n')
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml", "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == (
        "bad.yaml:32:3: warning five-whys-shallow: only 3 of at least 4 whys; keep asking why until you reach "
        "a process or system\n"
        "bad.yaml:44:1: warning lessons-missing: record what was learned in `lessons_learned`\n"
        "1 file checked: 0 errors, 2 warnings.\n"
    )


def test_config_directory_is_relative_to_the_config_file(project, monkeypatch, tmp_path):
    project(".coe.toml", 'directory = "coes"\n')
    project("coes/bad.yaml", ERROR_DOC)
    project("elsewhere/ignored.yaml", ERROR_DOC)
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = invoke("lint", "-q", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'coes' / ERROR_LINE}\n"


def test_explicit_config_file(project):
    project(".coe.toml", 'select = ["lessons-missing"]\n')
    project("other.toml", 'select = ["root-cause-missing"]\n')
    project("bad.yaml", TWO_RULES_DOC)
    result = invoke("lint", "bad.yaml", "-q", "--config", "other.toml", "--today", TODAY)
    assert rules_reported(result) == ["root-cause-missing"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (".coe.toml", 'selct = ["lessons-missing"]\n', "unknown key `selct` (did you mean `select`?)"),
        (".coe.toml", 'select = "lessons-missing"\n', "`select` must be a list, not `lessons-missing`"),
        (".coe.toml", "max_file_size = 0\n", "`max_file_size` must be greater than 0, not `0`"),
        (".coe.toml", '[severity]\nlessons-missing = "fatal"\n', "`fatal` is not a valid `severity.lessons-missing`; use one of: error, warning"),
        ("pyproject.toml", "[tool.coe]\nignroe = []\n", "unknown key `tool.coe.ignroe` (did you mean `ignore`?)"),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(project, tmp_path, name, content, message):
    project(name, content)
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"coe lint: error: {tmp_path / name}: {message}\n"


def test_invalid_toml_exits_2(project, tmp_path):
    project(".coe.toml", "select = [\n")
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"coe lint: error: {tmp_path / '.coe.toml'}: invalid TOML: ")


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ('[rules.five-whys-shallow]\nmin_whys = "3"\n', "`rules.five-whys-shallow.min_whys`: must be a whole number, not '3'"),
        ('select = ["lessons-mising"]\n', "unknown rule `lessons-mising` (did you mean `lessons-missing`?)"),
    ],
    ids=["bad rule option", "unknown rule"],
)
def test_a_bad_rule_setting_exits_2_naming_the_file(project, tmp_path, config, words):
    project(".coe.toml", config)
    project("bad.yaml", ERROR_DOC)
    result = invoke("lint", "bad.yaml")
    assert result.exit_code == 2
    assert str(tmp_path / ".coe.toml") in result.stderr
    assert words in result.stderr


# coe rules ----------------------------------------------------------------------


def test_rules_lists_every_rule():
    result = invoke("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    registry = all_rules()
    modules = Path(all_rules.__module__.replace(".", "/")).parent / "rules"  # coe/lint/rules, one module per rule
    assert set(registry) == {p.stem.replace("_", "-") for p in (ROOT / modules).glob("*.py") if p.stem != "__init__"}
    assert [line.split()[0] for line in lines] == list(registry)
    width = max(map(len, registry))
    for line, rule in zip(lines, registry.values(), strict=True):
        assert line == f"{rule.name:<{width}}  {rule.default_severity:<7}  {rule.summary}"
    assert "blame-language              warning  The root cause, the whys or the lessons blame people." in lines


def test_rules_explains_one_rule_with_its_examples():
    result = invoke("rules", "blame-language")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("blame-language: The root cause, the whys or the lessons blame people.\n\nSeverity: warning\n")
    assert "Options: phrases = ['human error', 'operator error'," in out
    assert (
        "Bad:\n\n"
        "    root_cause:\n"
        "      summary: Human error by the on-call engineer.\n\n"
        "Good:\n\n"
        "    root_cause:\n"
        "      summary: The deploy tool allowed a production change with no review.\n"
    ) in out


def test_rules_explains_a_content_rule_severity():
    result = invoke("rules", "lessons-missing")
    assert result.exit_code == 0
    assert "\nSeverity: error (warning while draft)\n" in result.stdout


def test_rules_unknown_name_exits_2():
    result = invoke("rules", "nope")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "coe rules: error: unknown rule `nope`; `coe rules` lists them\n"


# The shipped examples ---------------------------------------------------------


def test_example_without_root_cause_summary_fails(project, tmp_path):
    source = EXAMPLES / "COE-0001-checkout-cache-eviction.yaml"
    text = source.read_text(encoding="utf-8")
    start = text.index("root_cause:\n  summary: >-\n") + len("root_cause:\n")
    end = text.index("  category: config-change\n")
    assert text[:start].count("\n") == 109  # `root_cause:` is line 109
    project("COE-0001.yaml", text[:start] + text[end:])
    result = invoke("lint", "COE-0001.yaml", "--strict", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == (
        "COE-0001.yaml:109:1: error root-cause-missing: state the root cause in `root_cause.summary`\n"
        "1 file checked: 1 error, 0 warnings.\n"
    )


def test_example_copy_lints_clean(project, tmp_path):
    shutil.copy(EXAMPLES / "COE-0001-checkout-cache-eviction.yaml", tmp_path / "COE-0001.yaml")
    result = invoke("lint", "COE-0001.yaml", "--strict", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "1 file checked: all clean.\n")
