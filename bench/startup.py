"""Start-up timing for targets 4 and 5, interleaved so that load hits all alike.

    python bench/startup.py [--runs 30] [--file FILE] [--cwd DIR]

Runs `coe --version`, `python -c "import typer"`, `coe lint FILE`,
`yamllint -d relaxed FILE` and `typer_floor.py FILE` (a no-op Typer command)
in rounds (A, B, C, D, E, A, B, ...). It prints the median, the best, the
spread and the CPU time of each, and the ratios. Without --file it lints the
one file run.py picks from the n300 corpus (generated if missing).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402
import run  # noqa: E402


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def _one_file(n: int = 300) -> tuple[Path, str]:
    directory = HERE / ".corpus" / f"n{n}-seed1"
    if not (directory / ".corpus.json").exists():
        make_corpus.make_corpus(n, directory, 1)
    manifest = json.loads((directory / ".corpus.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in directory.glob("*.yaml"))
    return directory, run.pick_one_file(directory, files, manifest)


def _time(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time, and user + system CPU time, which load from other processes disturbs less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--file", help="the one file to lint (default: picked from the n300 corpus)")
    parser.add_argument("--cwd", type=Path, help="working directory (default: the file's directory)")
    args = parser.parse_args()
    if args.file:
        cwd = args.cwd or Path(args.file).resolve().parent
        one = str(Path(args.file).resolve())
    else:
        cwd, one = _one_file()
    coe, yamllint = _tool("coe"), _tool("yamllint")
    subprocess.run([sys.executable, "-c", run.COMPILE_COE], check=True)  # as run.py does
    commands = {
        "coe --version": [coe, "--version"],
        "import typer": [sys.executable, "-c", "import typer"],
        "coe lint ONE": [coe, "lint", one],
        "yamllint ONE": [yamllint, "-d", "relaxed", one],
        "typer floor ONE": [sys.executable, str(HERE / "typer_floor.py"), one],
    }
    for argv in commands.values():  # warm the page cache and .pyc files
        _time(argv, cwd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    load = os.getloadavg()[0]
    for _ in range(args.runs):
        for name, argv in commands.items():
            wall, used = _time(argv, cwd)
            times[name].append(wall)
            cpu[name].append(used)
    print(f"# {args.runs} interleaved runs, cwd {cwd}, file {one}, load {load:.2f} at start, "
          f"{os.getloadavg()[0]:.2f} at end")
    print(f"{'command':<16} {'median ms':>10} {'best ms':>8} {'p25-p75 ms':>14} {'median CPU ms':>14}")
    for name, values in times.items():
        q = statistics.quantiles(values, n=4)
        print(f"{name:<16} {statistics.median(values) * 1000:>10.1f} {min(values) * 1000:>8.1f} "
              f"{q[0] * 1000:>6.1f}-{q[2] * 1000:<6.1f} {statistics.median(cpu[name]) * 1000:>14.1f}")
    pairs = (("coe --version", "import typer", 1.2), ("coe lint ONE", "yamllint ONE", 1.0),
             ("typer floor ONE", "yamllint ONE", None), ("coe lint ONE", "typer floor ONE", None))
    for a, b, target in pairs:
        med = statistics.median(times[a]) / statistics.median(times[b])
        best = min(times[a]) / min(times[b])
        on_cpu = statistics.median(cpu[a]) / statistics.median(cpu[b])
        goal = f" (target <= {target}x)" if target else ""
        print(f"{a} / {b}: median {med:.2f}x, best {best:.2f}x, median CPU {on_cpu:.2f}x{goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
