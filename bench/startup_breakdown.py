"""Where `coe lint ONE_FILE` spends its start-up, above what Typer already costs.

    python bench/startup_breakdown.py FILE [--runs 12]

Each run is a fresh interpreter that imports the pieces of the lint path one
step at a time and records the CPU time of each step; the medians print. The
first step is what any Typer command pays (importing Typer), so the rest is
coe's own. The last step ends with a check that Pydantic was not imported.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

STEPS = r'''
import sys, time
clock = time.process_time
t = clock()
def mark(name):
    global t
    now = clock(); print(f"{name}\t{(now - t) * 1000:.3f}"); t = now
import typer, typer.main
mark("floor: import Typer")
import yaml, yaml._yaml
mark("import yaml (the PyYAML package)")
import coe.yaml.reader
mark("import coe.yaml.reader")
import coe.document.plain
mark("import coe.document.plain (the documents, no Pydantic)")
import coe.document.loader, coe.config
mark("import coe.document.loader, coe.config")
import coe.lint.engine, coe.commands.lint
mark("import coe.lint.engine, coe.commands.lint")
from coe.lint.registry import all_rules
all_rules()
mark("all_rules(): import the rule modules")
import coe.cli
mark("import coe.cli")
import contextlib, io
sys.argv = ["coe", "lint", sys.argv[1]]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        coe.cli.main()
    except SystemExit:
        pass
mark("coe.cli.main(): build the command, parse, config, lint, report")
assert "pydantic" not in sys.modules, "the clean-file lint path imported Pydantic"
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--runs", type=int, default=12)
    args = parser.parse_args()
    steps: dict[str, list[float]] = {}
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", STEPS, args.file], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            name, ms = line.split("\t")
            steps.setdefault(name, []).append(float(ms))
    above = 0.0
    for name, values in steps.items():
        median = statistics.median(values)
        above += 0 if name.startswith("floor") else median
        print(f"{median:7.1f} ms  {name}")
    print(f"{above:7.1f} ms  total above the floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
