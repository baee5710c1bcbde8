"""Start-up stays lean: each command builds and imports only what it needs.

pre-commit runs `coe lint` on every commit, so these guard the laziness that
bench/startup.py measures: the CLI builds a command's Click object only when
that command runs (or `--help` lists it), and the one-file lint path imports
no rendering, editing or reporting code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from coe import cli
from conftest import EXAMPLES, ROOT

COMMANDS = ["lint", "rules", "init", "new", "set-status", "render", "report", "list", "actions", "schema", "action"]

# Runs the console-script entry point in a fresh interpreter, then writes the
# names in sys.modules as JSON to the file named by argv[1].
RUNNER = """
import json, sys
out, args = sys.argv[1], sys.argv[2:]
sys.argv = ["coe", *args]
from coe.cli import main
try:
    main()
except SystemExit:
    pass
with open(out, "w") as handle:
    json.dump(sorted(sys.modules), handle)
"""

# Code that only other commands need.
OTHER_COMMANDS = [
    "jinja2",
    "rich",
    "ruamel.yaml",
    "ruamel.yaml.main",
    "coe.render",
    "coe.portfolio",
    "coe.document.edit_in_place",
    "coe.templating",
    "coe.commands.new",
    "coe.commands.render",
    "coe.commands.report",
    "coe.commands.schema",
    "coe.commands.listing",
    "coe.commands.edit",
    "coe.commands.init",
    "coe.commands.rules",
]


def modules_after(tmp_path, *args: str, cwd=ROOT) -> set[str]:
    out = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", RUNNER, str(out), *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return set(json.loads(out.read_text(encoding="utf-8")))


def test_version_imports_no_command_code(tmp_path):
    loaded = modules_after(tmp_path, "--version")
    assert "coe.cli" in loaded  # the runner really ran the CLI
    # pydantic is absent too: Typer only coerces through it once a non-eager
    # parameter is processed, and `--version` exits before that.
    unwanted = [*OTHER_COMMANDS, "coe.commands.lint", "coe.lint.engine", "coe.document.model", "coe.document.loader",
                "coe.config", "yaml", "pydantic", "pydantic.main", "pydantic_core"]
    assert sorted(loaded & set(unwanted)) == []


def test_one_file_lint_imports_only_the_lint_path(tmp_path):
    example = next(EXAMPLES.glob("COE-0001*.yaml"))
    loaded = modules_after(tmp_path, "lint", str(example))
    assert {"coe.commands.lint", "coe.lint.engine", "coe.lint.reporters.text", "coe.document.plain"} <= loaded
    assert sorted(loaded & set(OTHER_COMMANDS)) == []


# Pydantic is the schema that explains errors; a clean file never needs it
# (coe/document/plain.py). Typer 0.29 imports it for any argument, hence the cap in
# pyproject.toml: with such a Typer installed this test fails.
PYDANTIC = ["pydantic", "pydantic_core", "coe.document.model", "coe.config_schema", "coe.document.schema_errors"]


def test_linting_a_clean_file_with_a_config_imports_no_pydantic(tmp_path):
    (tmp_path / ".coe.toml").write_text('categories = ["config-change"]\nignore = ["lessons-missing"]\n')
    example = next(EXAMPLES.glob("COE-0001*.yaml"))
    loaded = modules_after(tmp_path, "lint", str(example), cwd=tmp_path)
    assert {"coe.commands.lint", "coe.config", "tomllib"} <= loaded
    assert sorted(loaded & set(PYDANTIC)) == []


def test_a_file_with_a_schema_error_brings_in_the_model(tmp_path, write):
    broken = write((EXAMPLES / "COE-0001-checkout-cache-eviction.yaml").read_text().replace("SEV2", "SEV9"))
    loaded = modules_after(tmp_path, "lint", str(broken))
    assert {"coe.document.model", "coe.document.schema_errors", "pydantic"} <= loaded


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """The names of the commands the CLI builds, in order; `coe` is the root group."""
    names: list[str] = []
    command_from_info = typer.main.get_command_from_info
    group_from_info = typer.main.get_group_from_info

    def command_spy(command_info, **options):
        command = command_from_info(command_info, **options)
        names.append(command.name)
        return command

    def group_spy(group_info, **options):
        group = group_from_info(group_info, **options)
        names.append(group.name)
        return group

    monkeypatch.setattr(typer.main, "get_command_from_info", command_spy)
    monkeypatch.setattr(typer.main, "get_group_from_info", group_spy)
    return names


def test_a_command_builds_only_itself(built):
    result = CliRunner().invoke(cli.app, ["rules"])
    assert result.exit_code == 0, result.output
    assert built == ["coe", "rules"]


def test_version_builds_no_command(built):
    result = CliRunner().invoke(cli.app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("coe ")
    assert built == ["coe"]


def test_a_sub_app_builds_only_its_own_commands(built):
    result = CliRunner().invoke(cli.app, ["action", "--help"])
    assert result.exit_code == 0, result.output
    assert built[0] == "coe" and sorted(built[1:]) == ["action", "add", "done"]
    assert "add" in result.output and "done" in result.output


def test_help_lists_every_command_with_its_summary():
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli.app, ["--help"])
    assert result.exit_code == 0, result.output
    rows = re.findall(r"^│ (\S+) +(.+?) *│$", result.output.split("Commands")[1], re.M)
    assert [name for name, _ in rows] == COMMANDS
    summaries = {name: summary for name, summary in rows}
    assert summaries["lint"] == (cli.lint.__doc__ or "").splitlines()[0]
    assert summaries["action"] == "Add corrective actions, or mark them done."
    for name, summary in rows:
        assert summary.strip(), f"{name} has no help"


def test_a_mistyped_command_is_still_suggested():
    result = CliRunner().invoke(cli.app, ["lnt"])
    assert result.exit_code == 2
    assert re.search(r"\blnt\b.*\blint\b", result.output, re.S), result.output  # Typer's words, coe's suggestion


GC_PROBE = """
import gc, sys
import coe.cli
print(gc.get_freeze_count(), file=sys.stderr)
sys.argv = ["coe", "--version"]
from coe.console import main
try:
    main()
finally:
    print(gc.get_freeze_count(), file=sys.stderr)
"""


def test_the_entry_point_spares_the_exit_collection_but_importing_coe_does_not():
    result = subprocess.run([sys.executable, "-c", GC_PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("coe ")
    after_import, after_main = map(int, result.stderr.split())
    assert after_import == 0
    assert after_main > 10_000  # every object alive at exit, Typer's included


def test_python_dash_m_coe_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "coe", "--version"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.split()[0]) == (0, "coe")
