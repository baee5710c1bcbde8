"""The built wheel installs into a fresh virtual environment and runs there.

One wheel build and one venv are shared by every test in this module. The
commands run from a temporary directory outside the repository with
PYTHONPATH cleared, so they can only import the installed copy of coe.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import coe
from coe.commands.schema import schema_text
from conftest import ROOT


@dataclass
class Installed:
    wheel: Path
    venv: Path
    workdir: Path

    @property
    def bin(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin")

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
        return subprocess.run(
            [str(self.bin / program), *args], cwd=self.workdir, env=env, capture_output=True, text=True, timeout=120
        )


def _run(*command: str | Path, cwd: Path | None = None) -> None:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("packaging")
    dist = base / "dist"
    build = [sys.executable, "-m", "build", "--wheel", "--outdir", dist]
    if importlib.util.find_spec("hatchling") is not None:
        build.append("--no-isolation")  # the backend is already here: no download
    _run(*build, ROOT, cwd=base)
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1, wheels

    venv = base / "venv"
    _run(sys.executable, "-m", "venv", venv)
    installed = Installed(wheels[0], venv, base / "elsewhere")
    installed.workdir.mkdir()
    _run(installed.bin / "python", "-m", "pip", "install", "--quiet", wheels[0], cwd=installed.workdir)
    return installed


def test_wheel_is_named_for_the_version(installed):
    assert installed.wheel.name == f"coe-{coe.__version__}-py3-none-any.whl"


def test_installed_copy_is_the_one_imported(installed):
    result = installed.run("python", "-c", "import coe; print(coe.__file__)")
    assert result.returncode == 0, result.stderr
    imported = Path(result.stdout.strip()).resolve()
    assert imported.is_relative_to(installed.venv.resolve()), imported
    assert not imported.is_relative_to(ROOT.resolve()), imported


def test_coe_version(installed):
    result = installed.run("coe", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"coe {coe.__version__}\n"
    assert coe.__version__ == "0.1.0"


def test_python_dash_m_coe_version(installed):
    result = installed.run("python", "-m", "coe", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"coe {coe.__version__}\n"


def test_coe_schema(installed):
    result = installed.run("coe", "schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.stdout == schema_text()


def test_wheel_ships_the_templates(installed):
    """Every file under templates/ is in the wheel as coe/templates/...

    Checks nothing while templates/ is empty, and starts checking as soon as
    a template is added.
    """
    templates = ROOT / "templates"
    expected = {
        "coe/templates/" + path.relative_to(templates).as_posix()
        for path in templates.rglob("*")
        if path.is_file()
    } if templates.is_dir() else set()
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    assert expected <= names, sorted(expected - names)


def test_wheel_holds_no_bytecode_or_tests(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = wheel.namelist()
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert not [name for name in names if name.startswith(("tests/", "examples/", "docs/"))]
    assert "coe/__main__.py" in names
