"""`coe lint ONE_FILE` against yamllint, under each Typer version asked for.

    python bench/typer_versions.py [--versions 0.20.0 0.28.0 0.29.3] [--runs 20]

For each version it makes a fresh venv, installs coe from a wheel built from
this checkout (as users and pre-commit get it), that Typer, and yamllint, then
runs `bench/startup.py` there, which interleaves its runs. A version outside
pyproject.toml's range is installed over the wheel's own choice, to measure
what lifting the cap would cost. It prints one Markdown table; the baseline
of each row is yamllint, run in the same rounds.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RATIO = re.compile(r"^(?P<a>.+?) / (?P<b>.+?): median (?P<median>[\d.]+)x, best (?P<best>[\d.]+)x")


def _run(*argv: str | Path, cwd: Path | None = None) -> str:
    return subprocess.run([str(a) for a in argv], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _venv_with(wheel: Path, typer_version: str, where: Path) -> Path:
    venv = where / f"typer-{typer_version}"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(python, "-m", "pip", "install", "--quiet", wheel, "yamllint")
    # Replaces the Typer the wheel chose, even outside coe's range (pip warns, and measures it anyway).
    _run(python, "-m", "pip", "install", "--quiet", f"typer=={typer_version}")
    return python


def _pydantic_on_the_lint_path(python: Path, one_file: Path) -> bool:
    probe = (
        "import sys; from coe.console import main; sys.argv = ['coe', 'lint', %r]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import os; os.write(2, b'PYDANTIC' if 'pydantic' in sys.modules else b'NONE')"
    ) % str(one_file)
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=False)
    return result.stderr.endswith("PYDANTIC")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", nargs="+", default=["0.20.0", "0.28.0", "0.29.3"])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        where = Path(scratch)
        _run(sys.executable, "-m", "build", "--wheel", "--outdir", where / "dist", ROOT)
        (wheel,) = (where / "dist").glob("coe-*.whl")
        rows = []
        for version in args.versions:
            print(f"Typer {version}: installing", file=sys.stderr)
            python = _venv_with(wheel, version, where)
            print(f"Typer {version}: timing {args.runs} interleaved rounds", file=sys.stderr)
            report = _run(python, HERE / "startup.py", "--runs", str(args.runs))
            ratios = {(m["a"], m["b"]): m for m in map(RATIO.match, report.splitlines()) if m}
            lint = ratios[("coe lint ONE", "yamllint ONE")]
            floor = ratios[("typer floor ONE", "yamllint ONE")]
            one_file = Path(report.split(", file ", 1)[1].split(", load", 1)[0])
            pydantic = "yes" if _pydantic_on_the_lint_path(python, one_file) else "no"
            rows.append(f"| {version} | {lint['median']}x | {lint['best']}x | {floor['median']}x | {pydantic} |")
            print(report, file=sys.stderr)
    print("| Typer | `coe lint ONE` / yamllint, median | best | no-op Typer command / yamllint, median "
          "| Pydantic imported by a clean lint |")
    print("| --- | ---: | ---: | ---: | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
