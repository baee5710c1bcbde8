"""`coe init`: what it writes, idempotence, --force, and that the result works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from coe import __version__
from coe.yaml import reader
from coe.cli import app
from coe.commands.schema import schema_text
from coe.config import Config, load_config
from coe.lint.rules.five_whys_shallow import OPTIONS as FIVE_WHYS_OPTIONS
from coe.document.loader import load


def invoke(*args: str):
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("USER", "tester")
    return tmp_path


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


SNIPPET = (
    "\n# Add to .pre-commit-config.yaml:\n"
    "repos:\n"
    "  - repo: https://github.com/coe-dev/coe\n"
    f"    rev: v{__version__}\n"
    "    hooks:\n"
    "      - id: coe-lint\n"
)


def test_init_creates_config_directory_and_schema(root):
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"created: {root / '.coe.toml'}\n"
        f"created: {root / 'coes' / 'coe.schema.json'}\n" + SNIPPET
    )
    assert result.stderr == ""
    assert sorted(snapshot(root)) == [".coe.toml", "coes/coe.schema.json"]
    assert (root / "coes").is_dir()
    schema = (root / "coes" / "coe.schema.json").read_text(encoding="utf-8")
    assert schema == schema_text()
    assert json.loads(schema)["additionalProperties"] is False
    assert not (root / ".github").exists()


def test_written_config_loads_and_holds_the_defaults(root):
    invoke("init")
    config = load_config(root / ".coe.toml")
    assert config.source == (root / ".coe.toml").resolve()
    defaults = Config()
    for key in ("directory", "id_prefix", "select", "ignore", "severity", "categories", "max_file_size", "templates_dir"):
        assert getattr(config, key) == getattr(defaults, key), key
    # The one rule option it spells out is the rule's own default.
    assert config.rules == {"five-whys-shallow": dict(FIVE_WHYS_OPTIONS)}
    # And it is the config that discovery finds.
    assert load_config().source == config.source
    assert load_config().coe_directory == root / "coes"


def test_init_with_options(root):
    result = invoke("init", "--dir", "post-mortems", "--id-prefix", "INC")
    assert result.exit_code == 0, result.output
    config = load_config(root / ".coe.toml")
    assert (config.directory, config.id_prefix) == ("post-mortems", "INC")
    assert (root / "post-mortems" / "coe.schema.json").read_text(encoding="utf-8") == schema_text()
    created = invoke("new", "First", "--no-input", "--json")
    assert json.loads(created.stdout) == {"id": "INC-0001", "path": str(root / "post-mortems" / "INC-0001-first.yaml")}


def test_ci_github_writes_a_workflow(root):
    result = invoke("init", "--ci", "github")
    assert result.exit_code == 0, result.output
    workflow = root / ".github" / "workflows" / "coe.yml"
    assert f"created: {workflow}\n" in result.stdout
    data, _ = reader.load(workflow.read_text(encoding="utf-8"))
    assert data["name"] == "coe"
    assert data["on"]["pull_request"]["paths"] == ["coes/**"]
    steps = data["jobs"]["lint"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert "coe lint --output-format github" in runs
    assert any(run.startswith("coe lint --output-format sarif") for run in runs)
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)


def test_ci_workflow_follows_the_directory(root):
    invoke("init", "--ci", "github", "--dir", "docs/coes")
    data, _ = reader.load((root / ".github" / "workflows" / "coe.yml").read_text(encoding="utf-8"))
    assert data["on"]["pull_request"]["paths"] == ["docs/coes/**"]


def test_unknown_ci_exits_2_and_writes_nothing(root):
    result = invoke("init", "--ci", "gitlab")
    assert result.exit_code == 2
    assert result.stderr == "coe init: error: --ci takes one of: github\n"
    assert snapshot(root) == {}
    assert list(root.iterdir()) == []


def test_second_run_is_idempotent(root):
    invoke("init", "--ci", "github")
    first = snapshot(root)
    result = invoke("init", "--ci", "github")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"unchanged: {root / '.coe.toml'}\n"
        f"unchanged: {root / 'coes' / 'coe.schema.json'}\n"
        f"unchanged: {root / '.github' / 'workflows' / 'coe.yml'}\n" + SNIPPET
    )
    assert snapshot(root) == first


def test_modified_config_is_kept_without_force_and_replaced_with_force(root):
    invoke("init")
    config = root / ".coe.toml"
    pristine = config.read_bytes()
    config.write_text('directory = "coes"\nid_prefix = "OPS"\n', encoding="utf-8")
    mine = config.read_bytes()

    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert f"exists, kept (use --force to replace): {config}\n" in result.stdout
    assert f"unchanged: {root / 'coes' / 'coe.schema.json'}\n" in result.stdout
    assert config.read_bytes() == mine

    result = invoke("init", "--force")
    assert result.exit_code == 0, result.output
    assert f"replaced: {config}\n" in result.stdout
    assert f"unchanged: {root / 'coes' / 'coe.schema.json'}\n" in result.stdout
    assert config.read_bytes() == pristine


def test_stale_schema_is_replaced_only_with_force(root):
    invoke("init")
    schema = root / "coes" / "coe.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    assert "exists, kept (use --force to replace): " in invoke("init").stdout
    assert schema.read_text(encoding="utf-8") == "{}\n"
    assert f"replaced: {schema}\n" in invoke("init", "--force").stdout
    assert schema.read_text(encoding="utf-8") == schema_text()


def test_init_keeps_existing_coes(root):
    (root / "coes").mkdir()
    (root / "coes" / "mine.yaml").write_text("format: 1\n", encoding="utf-8")
    assert invoke("init", "--force").exit_code == 0
    assert (root / "coes" / "mine.yaml").read_text(encoding="utf-8") == "format: 1\n"


def test_directory_that_is_a_file_exits_2(root):
    (root / "coes").write_text("not a directory\n", encoding="utf-8")
    result = invoke("init")
    assert result.exit_code == 2
    assert result.stderr.startswith("coe init: error: ")
    assert (root / "coes").read_text(encoding="utf-8") == "not a directory\n"


def test_a_new_coe_after_init_lints_without_errors(root):
    assert invoke("init").exit_code == 0
    created = invoke("new", "After init", "--no-input", "--json")
    assert created.exit_code == 0, created.output
    path = Path(json.loads(created.stdout)["path"])
    assert path.parent == root / "coes"
    assert path.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=coe.schema.json"
    assert load(path).ok
    result = invoke("lint", "--output-format", "json")  # the configured directory
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert findings
    assert {f["severity"] for f in findings} == {"warning"}
    assert not {f["rule"] for f in findings} & {"syntax", "schema"}
    assert {f["path"] for f in findings} == {str(Path("coes") / path.name)}


def test_lint_after_init_with_no_coes_is_clean(root):
    invoke("init")
    result = invoke("lint")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("prefix", ["inc", "1NC", "IN-C", ""])
def test_init_refuses_an_id_prefix_the_config_would_reject(root, prefix):
    result = invoke("init", "--id-prefix", prefix)
    assert result.exit_code == 2
    assert result.stderr == (
        f"coe init: error: --id-prefix `{prefix}` is not a valid prefix; use capital letters and digits, "
        "starting with a letter, like COE or INC\n"
    )
    assert list(root.iterdir()) == []


def test_init_accepts_a_custom_id_prefix(root):
    assert invoke("init", "--id-prefix", "INC2").exit_code == 0
    assert load_config(root / ".coe.toml").id_prefix == "INC2"


@pytest.mark.parametrize("directory", ['say "coes"', "c:\\coes", "tab\there", "ünï del\x7f"])
def test_init_writes_valid_toml_and_yaml_for_any_directory_name(root, directory):
    assert invoke("init", "--dir", directory, "--ci", "github").exit_code == 0
    assert load_config(root / ".coe.toml").directory == directory
    workflow = yaml.safe_load((root / ".github" / "workflows" / "coe.yml").read_text(encoding="utf-8"))
    assert workflow[True]["pull_request"]["paths"]  # PyYAML reads the key `on` as YAML 1.1's true == [f"{directory}/**"]
