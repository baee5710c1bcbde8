"""A short coverage-guided run of fuzz/fuzz_loader.py: the loader never raises.

atheris is a test extra, so it is imported here on purpose: without it this
module fails to collect rather than skipping. CI runs 3,000 inputs (about
5 s at about 600 per second); ``COE_FUZZ_EXAMPLES=N`` runs N with a random seed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import atheris  # noqa: F401  (a missing atheris must fail the suite)

from .mutations import ROOT

TARGET = ROOT / "fuzz" / "fuzz_loader.py"
RUNS = int(os.environ.get("COE_FUZZ_EXAMPLES", "0"))


def run_fuzzer(tmp_path, *args: str) -> subprocess.CompletedProcess:
    corpus = tmp_path / "corpus"  # libFuzzer writes new inputs to the first directory
    corpus.mkdir()
    command = [
        sys.executable, str(TARGET), *args, "-timeout=10", "-rss_limit_mb=1024",
        f"-dict={ROOT / 'fuzz' / 'yaml.dict'}", f"-artifact_prefix={tmp_path}/", str(corpus), str(ROOT / "examples"),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)


def test_loader_survives_coverage_guided_fuzzing(tmp_path):
    args = [f"-runs={RUNS}"] if RUNS else ["-runs=3000", "-seed=1"]
    result = run_fuzzer(tmp_path, *args)
    assert result.returncode == 0, result.stderr[-5000:]
    done = re.search(r"Done (\d+) runs", result.stderr)
    assert done and int(done[1]) >= (RUNS or 3000), result.stderr[-2000:]
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))


def test_the_target_reports_a_broken_contract(tmp_path):
    """The harness itself can fail: a loader that raises is a crash, exit code non-zero."""
    script = tmp_path / "broken_target.py"
    script.write_text(
        TARGET.read_text().replace("    check(data.decode", "    raise ValueError('planted')\n    check(data.decode")
    )
    result = subprocess.run(
        [sys.executable, str(script), "-runs=10", str(ROOT / "examples")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "ValueError: planted" in output, output[-2000:]
