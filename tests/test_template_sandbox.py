"""User templates run sandboxed, and only from the config's own tree unless it says so (#15, item 15).

A `.coe.toml` is found by walking up the directories, so a config higher up
could point coe at templates its user never saw; and a Jinja template can
reach Python through any object's attributes. Each payload below, in each
kind of template, must run nothing and write nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from coe.cli import app

EXAMPLE = sorted(EXAMPLES.glob("*.yaml"))[0]
TODAY = "2026-11-23"
# Ways out of a template into Python; each would create the file PWNED.
PAYLOADS = {
    "cycler globals": "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "joiner globals": "{{ joiner.__init__.__globals__.os.system('touch PWNED') }}",
    "namespace globals": "{{ namespace.__init__.__globals__.os.system('touch PWNED') }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "subclass walk": "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
                     "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'PWNED']) }}{% endif %}{% endfor %}",
    "template globals": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch PWNED') }}",
}
# The template each command reads, and the command.
KINDS = {
    "new": ("new/evil.yaml.j2", ("new", "T", "--no-input", "--template", "evil")),
    "render": ("render/coe.md.j2", ("render", "coes/c.yaml", "-o", "out.md", "--today", TODAY)),
    "report": ("report/portfolio.md.j2", ("report", "coes", "-f", "markdown", "-o", "out.md", "--today", TODAY)),
}


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def write_template(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_user_template_cannot_run_code(example_project, payload, kind):
    (example_project / ".coe.toml").write_text('directory = "coes"\ntemplates_dir = "my-templates"\n', encoding="utf-8")
    name, args = KINDS[kind]
    write_template(example_project / "my-templates", name, "title: x\n" + PAYLOADS[payload] + "\n")
    before = sorted(p.name for p in example_project.rglob("*"))
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "template" in result.stderr
    assert not (example_project / "PWNED").exists()
    assert sorted(p.name for p in example_project.rglob("*")) == before  # nothing written


def test_a_user_template_still_renders(example_project):
    (example_project / ".coe.toml").write_text('directory = "coes"\ntemplates_dir = "my-templates"\n', encoding="utf-8")
    write_template(example_project / "my-templates", "render/coe.md.j2", "# {{ view.coe.id }}: {{ view.coe.title }}\n")
    result = run("render", "coes/c.yaml", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# COE-0001: Checkout failures after a config change")


# Where a templates_dir may point, as .coe.toml says it.
OUTSIDE = {
    "a parent directory": lambda root: "../elsewhere",
    "an absolute path": lambda root: str(root.parent / "elsewhere"),
    "a symlink out of the tree": lambda root: "linked",
}


@pytest.mark.parametrize("where", OUTSIDE)
def test_templates_outside_the_configs_tree_are_refused_unless_allowed(example_project, where):
    elsewhere = example_project.parent / "elsewhere"
    write_template(elsewhere, "render/coe.md.j2", "# outside {{ view.coe.id }}\n")
    if where == "a symlink out of the tree":
        os.symlink(elsewhere, example_project / "linked")
    config = f'directory = "coes"\ntemplates_dir = "{OUTSIDE[where](example_project)}"\n'
    (example_project / ".coe.toml").write_text(config, encoding="utf-8")
    refused = run("render", "coes/c.yaml", "--today", TODAY)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"coe render: error: {example_project / '.coe.toml'}: `templates_dir` is {elsewhere}, outside ")
    assert refused.stderr.rstrip().endswith("set `allow_external_templates = true` if you trust them")
    (example_project / ".coe.toml").write_text(config + "allow_external_templates = true\n", encoding="utf-8")
    allowed = run("render", "coes/c.yaml", "--today", TODAY)
    assert (allowed.exit_code, allowed.stdout) == (0, "# outside COE-0001\n")


def test_a_config_higher_up_cannot_point_below_its_own_tree_at_someone_elses_templates(tmp_path, monkeypatch):
    """The config two levels up names templates beside it: allowed, since they are in its tree."""
    (tmp_path / ".coe.toml").write_text('directory = "team/coes"\ntemplates_dir = "shared-templates"\n', encoding="utf-8")
    write_template(tmp_path / "shared-templates", "render/coe.md.j2", "# shared {{ view.coe.id }}\n")
    (tmp_path / "team" / "coes").mkdir(parents=True)
    shutil.copy(EXAMPLE, tmp_path / "team" / "coes" / "c.yaml")
    monkeypatch.chdir(tmp_path / "team")
    result = run("render", "coes/c.yaml", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "# shared COE-0001\n")
