"""The process-pool path gives byte-identical reports to the serial path."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from coe.config import Config
from coe.document.discovery import find_coe_files
from coe.lint.engine import LintSettings, lint_paths
from coe.lint.parallel import MIN_FILES_PER_WORKER
from coe.lint.reporters import reporter_for

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


def corpus(directory: Path, count: int) -> list[Path]:
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLES]
    for index in range(count):
        text = re.sub(r"^id: COE-\d+", f"id: COE-{index % (count - 3):05d}", texts[index % len(texts)], flags=re.M)
        if index % 50 == 0:
            text = text.replace("root_cause:\n  summary:", "root_cause:\n  summary: TODO\n  x_old:")
        (directory / f"c{index:05d}.yaml").write_text(text, encoding="utf-8")
    return find_coe_files([directory])


def as_json(report) -> str:
    buffer = io.StringIO()
    reporter_for("json").write(report, buffer)
    return buffer.getvalue()


def test_parallel_lint_matches_serial(tmp_path):
    files = corpus(tmp_path, 2 * MIN_FILES_PER_WORKER + 10)
    settings = LintSettings.build(Config(), today=dt.date(2026, 11, 23))
    serial = lint_paths(files, settings, jobs=1)
    parallel = lint_paths(files, settings, jobs=2)
    assert serial.findings, "the corpus must have findings to compare"
    assert {f.rule for f in serial.findings} >= {"duplicate-id", "schema", "related-unknown"}
    assert as_json(parallel) == as_json(serial)
    assert parallel.paths == serial.paths
