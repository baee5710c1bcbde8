"""The pre-commit hook in .pre-commit-hooks.yaml: its fields, and its entry run for real."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"


@pytest.fixture(scope="module")
def hook() -> dict:
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (found,) = [hook for hook in hooks if hook.get("id") == "coe-lint"]
    return found


def test_hook_fields(hook):
    assert hook["name"]
    assert hook["entry"] == "coe lint"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert hook["pass_filenames"] is True
    # All changed COEs in one run, so duplicate-id and related-unknown see them together.
    assert hook["require_serial"] is True


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("coes/COE-0001-cache.yaml", True),
        ("coes/2026/COE-0002-refunds.yml", True),
        ("coes/notes.txt", False),
        (".github/workflows/ci.yml", False),
        ("docker-compose.yaml", False),
        ("src/coes/config.json", False),
    ],
)
def test_hook_files_pattern_matches_the_default_coe_directory(hook, path, matches):
    # pre-commit applies `files` with re.search to repository-relative POSIX paths.
    assert bool(re.search(hook["files"], path)) is matches


def entry_argv(hook) -> list[str]:
    """The hook's entry as pre-commit would run it, from this interpreter's environment."""
    argv = shlex.split(hook["entry"])
    search = os.pathsep.join([sysconfig.get_path("scripts"), str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    executable = shutil.which(argv[0], path=search)
    assert executable, f"`{argv[0]}` is not installed next to {sys.executable}"
    return [executable, *argv[1:]]


def run_hook(hook, files: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*entry_argv(hook), *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def test_hook_passes_on_the_examples(hook):
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 2
    result = run_hook(hook, [path.relative_to(ROOT) for path in examples], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(examples)} files checked" in result.stdout


def test_hook_fails_on_a_broken_copy(hook, tmp_path):
    source = EXAMPLES / "COE-0001-checkout-cache-eviction.yaml"
    text = source.read_text(encoding="utf-8")
    broken = text.replace("    owner: k.nakamura\n", "", 1)
    assert broken != text
    (tmp_path / "coes").mkdir()
    target = tmp_path / "coes" / source.name
    target.write_text(broken, encoding="utf-8")
    result = run_hook(hook, [target.relative_to(tmp_path)], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error action-owner-missing" in result.stdout
