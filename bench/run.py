#!/usr/bin/env python3
"""Time coe against its baselines on one generated corpus, in one run.

    python bench/run.py [--n 10000] [--corpus DIR] [--seed 1] [--repeat 3]
                        [--jobs auto] [--profile] [--out FILE]

Builds the corpus with bench/make_corpus.py (or reuses it when its manifest
matches), then runs every command as a subprocess with the corpus directory
as the working directory. Each command's wall time is the best of --repeat
runs, with the repeats interleaved so that a burst of load on the machine
hits every command alike. It prints a Markdown report: the machine, the
corpus, one table of times and ratios, and the six targets as PASS or MISS.
bench/README.md explains each measurement.

Run it with the Python of the environment where coe, check-jsonschema,
yamllint and PyYAML are installed: the tools are looked up next to
``sys.executable`` first, then on PATH.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import make_corpus  # noqa: E402

TODAY = "2026-11-23"
# force: compile_dir skips a .pyc whose recorded mtime matches, even if the source changed within that second.
COMPILE_COE = "import compileall, os, coe; compileall.compile_dir(os.path.dirname(coe.__file__), quiet=1, force=True)"
STARTUP_RUNS = 10  # startup and one-file timings: best of at least this many
MB = 1_000_000

# The floors: what it costs just to parse the same files with libyaml, in one process.
FLOOR_LOAD = """\
import sys, yaml
Loader = yaml.CSafeLoader
for name in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(name, "rb") as f:
        yaml.load(f, Loader=Loader)
"""
FLOOR_COMPOSE = FLOOR_LOAD.replace("yaml.load(f, Loader=Loader)", "yaml.compose(f, Loader=Loader)")

# --profile: one process, no pool, the same work as `coe lint . --output-format json`.
PROFILE = """\
import io, sys
from pyinstrument import Profiler
profiler = Profiler(interval=0.0005)
profiler.start()
import datetime as dt
from coe.config import load_config
from coe.document.discovery import find_coe_files
from coe.lint.engine import LintSettings, lint_paths
from coe.lint.reporters import reporter_for
settings = LintSettings.build(load_config(), today=dt.date.fromisoformat(sys.argv[2]))
files = find_coe_files(["."])
try:
    report = lint_paths(files, settings, jobs=1)
except TypeError:  # an engine without the jobs parameter is single-process anyway
    report = lint_paths(files, settings)
reporter_for("json", quiet=False).write(report, io.StringIO())
profiler.stop()
text = profiler.output_text(unicode=True, color=False, show_all=False)
header = f"coe lint of {len(files)} files in one process (pyinstrument, interval 0.5 ms)\\n"
open(sys.argv[1], "w", encoding="utf-8").write(header + text)
"""


@dataclass
class Measure:
    key: str
    label: str
    argv: list[str]  # or several batches, see `batches`
    shown: str  # the command as printed in the table
    runs: int
    ok_codes: tuple[int, ...] = (0,)
    stdout_name: str | None = None  # file in the work dir; else DEVNULL
    batches: list[list[str]] | None = None
    cwd: Path | None = None
    times: list[float] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)

    @property
    def best(self) -> float:
        return min(self.times) if self.times else float("nan")


def tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def run_once(measure: Measure, work: Path) -> None:
    stdout = open(work / measure.stdout_name, "wb") if measure.stdout_name else subprocess.DEVNULL
    stderr = open(work / f"{measure.key}.stderr", "wb")
    try:
        began = time.perf_counter()
        codes = []
        for argv in measure.batches or [measure.argv]:
            codes.append(subprocess.run(argv, cwd=measure.cwd, stdout=stdout, stderr=stderr).returncode)
        elapsed = time.perf_counter() - began
    finally:
        if stdout is not subprocess.DEVNULL:
            stdout.close()
        stderr.close()
    measure.times.append(elapsed)
    measure.codes.add(max(codes))


def arg_limit() -> int:
    """Bytes available for argv: ARG_MAX less the environment and a safety margin."""
    try:
        limit = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        limit = 128 * 1024
    environment = sum(len(k) + len(v) + 2 + 8 for k, v in os.environ.items())
    return max(16 * 1024, min(limit, 2 * 1024 * 1024) - environment - 64 * 1024)


def batched(prefix: list[str], files: list[str]) -> list[list[str]]:
    """xargs-style: as few command lines as fit, each ``prefix + some files``."""
    limit = arg_limit()
    base = sum(len(a) + 1 + 8 for a in prefix)
    batches, current, size = [], [], base
    for name in files:
        cost = len(name) + 1 + 8  # the string and its pointer
        if current and size + cost > limit:
            batches.append(prefix + current)
            current, size = [], base
        current.append(name)
        size += cost
    batches.append(prefix + current)
    return batches


# ----------------------------------------------------------------------------- memory


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo.extend(int(child) for child in f.read().split())
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_memory(argv: list[str], cwd: Path, work: Path) -> dict:
    """Peak RSS of the largest process (/usr/bin/time %M, or getrusage) and the sampled peak PSS of the whole tree."""
    result: dict = {}
    time_bin = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    if time_bin:
        out = work / "time-M.txt"
        command = [time_bin, "-f", "%M", "-o", str(out), *argv]
        result["method"] = "/usr/bin/time -f %M"
    else:
        helper = (
            "import resource, subprocess, sys\n"
            "subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
            "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
        )
        out = work / "rusage-maxrss.txt"
        command = [sys.executable, "-c", helper, str(out), *argv]
        result["method"] = "getrusage(RUSAGE_CHILDREN).ru_maxrss in a fresh helper process"
    peak, stop = [0], threading.Event()
    have_proc = Path("/proc/self/smaps_rollup").exists()

    def sample(pid: int) -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(pid)))
            stop.wait(0.02)

    with open(work / "memory.stdout", "wb") as stdout:
        process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
        sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
        if have_proc:
            sampler.start()
        process.wait()
        stop.set()
        if have_proc:
            sampler.join()
    text = out.read_text().strip().splitlines()
    result["max_rss_kb"] = int(text[-1]) if text and text[-1].isdigit() else None
    result["tree_pss_kb"] = peak[0] if have_proc else None
    result["exit"] = process.returncode
    return result


# ----------------------------------------------------------------------------- info


def capture(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


def machine_info() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    try:
        import yaml

        pyyaml = f"PyYAML {yaml.__version__}, libyaml {yaml._yaml.get_version_string() if yaml.__with_libyaml__ else 'missing'}"
    except Exception:  # noqa: BLE001
        pyyaml = "PyYAML missing"
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": usable,
        "cpu_count": os.cpu_count(),
        "cpu": cpu,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "load": load,
        "pyyaml": pyyaml,
    }


# ----------------------------------------------------------------------------- corpus


def prepare_corpus(args) -> tuple[Path, dict, str]:
    directory = (args.corpus or BENCH / ".corpus" / f"n{args.n}-seed{args.seed}").resolve()
    manifest_path = directory / ".corpus.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        fresh = (
            manifest.get("generator_sha256") == make_corpus.generator_hash()
            and manifest.get("count") == args.n
            and manifest.get("seed") == args.seed
            and len(list(directory.glob("COE-*.yaml"))) == args.n
        )
        if fresh and not args.regenerate:
            return directory, manifest, "reused"
    elif args.corpus and directory.is_dir() and any(directory.glob("*.y*ml")):
        # A corpus of your own: use it as it is.
        files = sorted(p for p in directory.glob("*.y*ml"))
        sizes = [p.stat().st_size for p in files]
        manifest = {"count": len(files), "bytes": sum(sizes), "average_bytes": round(sum(sizes) / len(files)),
                    "defects": {}, "seed": None}
        return directory, manifest, "used as given (no .corpus.json)"
    began = time.perf_counter()
    manifest = make_corpus.make_corpus(args.n, directory, args.seed)
    return directory, manifest, f"generated in {time.perf_counter() - began:.1f} s"


def pick_one_file(directory: Path, files: list[str], manifest: dict) -> str:
    """A clean file of about average size with no `related` (which would be unknown alone)."""
    target = manifest.get("average_bytes") or 4400
    defects = manifest.get("defects", {})
    ranked = sorted(files, key=lambda name: abs((directory / name).stat().st_size - target))
    for name in ranked[:200]:
        if name not in defects and "\nrelated:" not in (directory / name).read_text(encoding="utf-8"):
            return name
    return ranked[0]


# ----------------------------------------------------------------------------- main


def fmt_ratio(value: float) -> str:
    if value != value:  # nan
        return "n/a"
    return f"{value:.3f}×" if value < 0.1 else f"{value:.2f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark coe against check-jsonschema, yamllint and bare libyaml.")
    parser.add_argument("--n", type=int, default=10000, help="corpus size (default 10000)")
    parser.add_argument("--corpus", type=Path, help="corpus directory (default bench/.corpus/n<N>-seed<SEED>)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per corpus command; the best counts (default 3)")
    parser.add_argument("--jobs", default="auto", help="coe worker processes: auto (coe decides) or a number")
    parser.add_argument("--profile", action="store_true", help="also write a pyinstrument profile to bench/profile-lint.txt")
    parser.add_argument("--regenerate", action="store_true", help="write the corpus again even if it matches")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    if args.jobs != "auto" and not (args.jobs.isdigit() and int(args.jobs) > 0):
        parser.error("--jobs takes `auto` or a positive number")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    tools = {name: tool(name) for name in ("coe", "check-jsonschema", "yamllint")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        print(f"run.py: not found: {', '.join(missing)}; run with the venv's python", file=sys.stderr)
        return 2
    coe, cjs, yamllint, python = tools["coe"], tools["check-jsonschema"], tools["yamllint"], sys.executable

    info = machine_info()
    info["tools"] = "; ".join(capture([path, "--version"]) for path in (coe, cjs, yamllint))
    directory, manifest, how = prepare_corpus(args)
    files = sorted(p.name for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    work = BENCH / ".work"
    work.mkdir(exist_ok=True)
    (work / "files.txt").write_text("\n".join(files) + "\n", encoding="utf-8")
    schema = work / "coe.schema.json"
    subprocess.run([coe, "schema", "-o", str(schema)], check=True, stdout=subprocess.DEVNULL)
    one = pick_one_file(directory, files, manifest)

    # --jobs: pass it on if coe has such an option, else pin coe to N cores (coe sizes its pool by affinity).
    notes: list[str] = []
    coe_prefix: list[str] = []
    coe_lint_jobs: list[str] = []
    coe_report_jobs: list[str] = []
    if args.jobs == "auto":
        jobs_text = f"auto (coe decides; {info['nproc']} usable cores)"
    else:
        jobs = int(args.jobs)
        lint_help = capture_all([coe, "lint", "--help"])
        report_help = capture_all([coe, "report", "--help"])
        if "--jobs" in lint_help:
            coe_lint_jobs = ["--jobs", str(jobs)]
            coe_report_jobs = ["--jobs", str(jobs)] if "--jobs" in report_help else []
            jobs_text = f"{jobs} (passed as `--jobs {jobs}`)"
        elif shutil.which("taskset") and hasattr(os, "sched_getaffinity"):
            cores = sorted(os.sched_getaffinity(0))[:jobs]
            coe_prefix = ["taskset", "-c", ",".join(map(str, cores))]
            jobs_text = f"{jobs} (coe has no `--jobs`: coe commands run under `taskset -c {','.join(map(str, cores))}`)"
        else:
            jobs_text = f"auto (coe has no `--jobs` and taskset is missing; --jobs {jobs} ignored)"

    lint_argv = [*coe_prefix, coe, "lint", ".", "--output-format", "json", "--today", TODAY, "--exit-zero", *coe_lint_jobs]
    report_argv = [*coe_prefix, coe, "report", ".", "--format", "json", "--today", TODAY, "--skip-invalid", *coe_report_jobs]
    cjs_batches = batched([cjs, "--schemafile", str(schema)], files)
    if len(cjs_batches) > 1:
        notes.append(
            f"check-jsonschema: the {len(files)} file names do not fit on one command line, so they ran in "
            f"{len(cjs_batches)} sequential xargs-style batches; the time is their sum and includes "
            f"{len(cjs_batches)} interpreter start-ups instead of one."
        )
    corpus_runs = args.repeat
    small_runs = max(STARTUP_RUNS, args.repeat)
    measures = [
        Measure("lint", "coe lint", lint_argv, f"coe lint DIR --output-format json --today {TODAY} --exit-zero",
                corpus_runs, stdout_name="lint.json", cwd=directory),
        Measure("report", "coe report", report_argv, f"coe report DIR --format json --today {TODAY} --skip-invalid",
                corpus_runs, stdout_name="report.json", cwd=directory),
        Measure("cjs", "check-jsonschema", cjs_batches[0], "check-jsonschema --schemafile coe.schema.json FILES...",
                corpus_runs, ok_codes=(0, 1), stdout_name="check-jsonschema.txt", cwd=directory,
                batches=cjs_batches if len(cjs_batches) > 1 else None),
        Measure("yamllint", "yamllint", [yamllint, "-d", "relaxed", "."], "yamllint -d relaxed DIR",
                corpus_runs, ok_codes=(0, 1), stdout_name="yamllint.txt", cwd=directory),
        Measure("load", "floor: yaml.load", [python, "-c", FLOOR_LOAD, str(work / "files.txt")],
                "python -c 'for f: yaml.load(f, Loader=yaml.CSafeLoader)'", corpus_runs, cwd=directory),
        Measure("compose", "floor: yaml.compose", [python, "-c", FLOOR_COMPOSE, str(work / "files.txt")],
                "python -c 'for f: yaml.compose(f, Loader=yaml.CSafeLoader)'", corpus_runs, cwd=directory),
        Measure("version", "startup: coe --version", [coe, "--version"], "coe --version", small_runs, cwd=directory),
        Measure("typer", "startup: import typer", [python, "-c", "import typer"], 'python -c "import typer"',
                small_runs, cwd=directory),
        Measure("lint1", "one file: coe lint", [*coe_prefix, coe, "lint", one], "coe lint ONE_FILE", small_runs,
                ok_codes=(0, 1), cwd=directory),
        Measure("yamllint1", "one file: yamllint", [yamllint, "-d", "relaxed", one], "yamllint -d relaxed ONE_FILE",
                small_runs, ok_codes=(0, 1), cwd=directory),
        Measure("typer1", "one file: no-op Typer command", [python, str(BENCH / "typer_floor.py"), one],
                "python bench/typer_floor.py ONE_FILE", small_runs, cwd=directory),
    ]

    # Warm up: the page cache for the corpus, and every tool's imports and bytecode.
    # The other tools come with .pyc files from their wheels; an editable coe
    # under PYTHONDONTWRITEBYTECODE=1 would compile every module on every run.
    subprocess.run([python, "-c", COMPILE_COE], check=True, stdout=subprocess.DEVNULL)
    for name in files:
        (directory / name).read_bytes()
    for argv in ([coe, "--version"], [cjs, "--version"], [yamllint, "--version"], [python, "-c", "import yaml, typer"]):
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    total_runs = sum(m.runs for m in measures)
    print(f"benchmarking {len(files)} files, {total_runs} runs ...", file=sys.stderr)
    began = time.perf_counter()
    for round_ in range(max(m.runs for m in measures)):
        for measure in measures:
            if round_ < measure.runs:
                run_once(measure, work)
        print(f"  round {round_ + 1} done ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
    memory = peak_memory(lint_argv, directory, work)

    profile_note = None
    if args.profile:
        target = BENCH / "profile-lint.txt"
        done = subprocess.run([python, "-c", PROFILE, str(target), TODAY], cwd=directory,
                              capture_output=True, text=True)
        if done.returncode != 0:  # fall back to the CLI (which may use a process pool)
            done = subprocess.run([python, "-m", "pyinstrument", "-r", "text", "-o", str(target), "-m", "coe", "lint",
                                   ".", "--output-format", "json", "--today", TODAY, "--exit-zero"],
                                  cwd=directory, capture_output=True, text=True)
            profile_note = f"profile via `python -m pyinstrument -m coe lint` (in-process run failed: {done.stderr[-200:]!r})"
        else:
            profile_note = "profile: in-process lint_paths(jobs=1) plus the JSON reporter, imports included"
        profile_note += f"; written to {target.relative_to(BENCH.parent)}"

    text = render(args, info, directory, manifest, how, files, one, jobs_text, measures, memory, notes, profile_note)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    results = {
        "machine": info, "corpus": {k: v for k, v in manifest.items() if k != "defects"} | {"directory": str(directory)},
        "jobs": jobs_text, "memory": memory,
        "measures": {m.key: {"label": m.label, "command": m.shown, "times": m.times, "best": m.best,
                             "exit_codes": sorted(m.codes)} for m in measures},
    }
    (work / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    bad = [m for m in measures if not m.codes <= set(m.ok_codes)] + ([memory] if memory["exit"] else [])
    return 1 if bad else 0


def capture_all(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return done.stdout + done.stderr
    except (OSError, subprocess.SubprocessError):
        return ""


def render(args, info, directory, manifest, how, files, one, jobs_text, measures, memory, notes, profile_note) -> str:
    m = {measure.key: measure for measure in measures}
    cjs, load, compose = m["cjs"].best, m["load"].best, m["compose"].best
    defects = manifest.get("defects", {})
    try:
        shown_dir = directory.relative_to(Path.cwd())
    except ValueError:
        shown_dir = directory
    corpus_bytes = manifest.get("bytes") or sum((directory / f).stat().st_size for f in files)
    lines = [
        "## coe benchmark",
        "",
        f"- **Machine:** {info['cpu']}, {info['nproc']} usable cores (nproc; os.cpu_count {info['cpu_count']}), "
        f"{info['python']}, {info['platform']}",
        f"- **Date:** {info['date']}; load average at start {info['load']}",
        f"- **Tools:** {info['tools']}; {info['pyyaml']}",
        f"- **Corpus:** {len(files)} files in `{shown_dir}` ({how}; seed {manifest.get('seed')}), "
        f"{corpus_bytes / MB:.1f} MB, {corpus_bytes / max(1, len(files)) / 1000:.2f} KB per file on average, "
        f"{len(defects)} with a deliberate defect",
        f"- **coe jobs:** {jobs_text}",
        f"- **Runs:** best of {args.repeat} for the corpus commands, best of {max(STARTUP_RUNS, args.repeat)} "
        f"for start-up and one file; repeats interleaved; every command runs with the corpus as its working directory",
        "",
        "| measurement | command | best (s) | files/s | × check-jsonschema | × yaml.load floor | × yaml.compose floor | exit |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for key in ("lint", "report", "cjs", "yamllint", "load", "compose"):
        measure = m[key]
        lines.append(
            f"| {measure.label} | `{measure.shown}` | {measure.best:.3f} | {len(files) / measure.best:,.0f} | "
            f"{fmt_ratio(measure.best / cjs)} | {fmt_ratio(measure.best / load)} | {fmt_ratio(measure.best / compose)} | "
            f"{exit_text(measure)} |"
        )
    lines += [
        "",
        "| measurement | command | best (ms) | × baseline | exit |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    partners = {"version": "typer", "lint1": "yamllint1", "typer1": "yamllint1"}
    for key in ("version", "typer", "lint1", "yamllint1", "typer1"):
        measure = m[key]
        ratio = fmt_ratio(measure.best / m[partners[key]].best) if key in partners else ""
        lines.append(f"| {measure.label} | `{measure.shown}` | {measure.best * 1000:.0f} | {ratio} | {exit_text(measure)} |")
    max_rss = memory["max_rss_kb"] * 1024 / MB if memory["max_rss_kb"] else float("nan")
    tree = memory["tree_pss_kb"] * 1024 / MB if memory["tree_pss_kb"] else float("nan")
    lines += [
        "",
        f"One file: `{one}` ({(directory / one).stat().st_size} bytes). Baselines for the second table: "
        "`coe --version` against `import typer`; `coe lint` and the no-op Typer command against `yamllint`. "
        "The no-op Typer command (bench/typer_floor.py) is the least any command costs in the installed Typer.",
        "",
        f"Peak memory of `coe lint DIR` ({memory['method']}): **{max_rss:.0f} MB** max RSS of the largest process "
        f"({memory['max_rss_kb']} KiB); whole process tree, sampled every 20 ms: **{tree:.0f} MB** PSS "
        f"(exit {memory['exit']}).",
        "",
        "### Targets",
        "",
        "| # | target | measured | limit | result |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    targets = [
        ("lint ≤ 0.1 × check-jsonschema", m["lint"].best / cjs, 0.1, "×"),
        ("lint ≤ 2 × bare libyaml load (yaml.load floor)", m["lint"].best / load, 2.0, "×"),
        ("report ≤ 2.5 × bare libyaml load (yaml.load floor)", m["report"].best / load, 2.5, "×"),
        ("`coe --version` ≤ 1.2 × `import typer`", m["version"].best / m["typer"].best, 1.2, "×"),
        ("lint one file ≤ 1.0 × yamllint one file", m["lint1"].best / m["yamllint1"].best, 1.0, "×"),
        (f"peak memory of lint on {len(files)} files < 300 MB (max RSS)", max_rss, 300, " MB"),
    ]
    for number, (name, value, limit, unit) in enumerate(targets, 1):
        ok = value < limit if unit == " MB" else value <= limit
        shown = f"{value:.0f} MB" if unit == " MB" else fmt_ratio(value)
        limit_shown = f"{limit:g} MB" if unit == " MB" else f"{limit:g}×"
        lines.append(f"| {number} | {name} | {shown} | {limit_shown} | {'PASS' if ok else 'MISS'} |")
    if tree == tree and (tree < 300) != (max_rss < 300):
        notes.append(f"memory: the whole tree's PSS ({tree:.0f} MB) and the largest process ({max_rss:.0f} MB) "
                     "fall on different sides of 300 MB.")
    failed = [f"{x.label} exited {sorted(x.codes)}" for x in measures if not x.codes <= set(x.ok_codes)]
    if memory["exit"]:
        failed.append(f"memory run exited {memory['exit']}")
    if failed:
        notes.append("**unexpected exit codes:** " + "; ".join(failed) + f" (stderr in {BENCH.name}/.work/)")
    if profile_note:
        notes.append(profile_note)
    if notes:
        lines += ["", "Notes:", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def exit_text(measure: Measure) -> str:
    codes = ",".join(map(str, sorted(measure.codes)))
    return codes if measure.codes <= set(measure.ok_codes) else f"**{codes}**"


if __name__ == "__main__":
    sys.exit(main())
