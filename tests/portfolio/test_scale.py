"""A portfolio of 2,000 generated COEs still reports, with every one counted."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from .fixtures import invoke

COUNT = 2000
CATEGORIES = ["config-change", "capacity", "dependency-failure", "escalation-gap", "bad-deploy", "expired-cert", "data-migration"]
SERVICES = ["checkout", "search", "payments-api", "catalog", "inventory", "support-portal", "identity", "shipping", "ads", "email"]
SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"]
STATUSES = ["draft", "in-review", "approved", "closed"]
KINDS = ["technical", "customer-service", "process", "security", None]
ACTION_STATUSES = ["open", "in-progress", "done", "wont-do"]
TODAY = "2026-06-30"


def coe_text(n: int) -> str:
    month = 1 + n % 12
    day = 1 + n % 28
    year = 2024 + n % 3
    kind = KINDS[n % len(KINDS)]
    services = sorted({SERVICES[n % len(SERVICES)], SERVICES[(n * 7) % len(SERVICES)]})
    lines = [
        "format: 1",
        f"id: COE-{n:05d}",
        f"title: Generated incident number {n}",
        f"status: {STATUSES[n % 4]}",
        f"severity: {SEVERITIES[n % 5]}",
        *([f"kind: {kind}"] if kind else []),
        f"owner_team: team-{n % 9}",
        f"services: [{', '.join(services)}]",
    ]
    if n % 10:  # every tenth COE has no incident times
        lines += [
            "incident:",
            f"  started_at: {year}-{month:02d}-{day:02d}T{n % 24:02d}:00:00Z",
            f"  detected_at: {year}-{month:02d}-{day:02d}T{n % 24:02d}:{n % 60:02d}:00Z",
            f"  mitigated_at: {year}-{month:02d}-{min(day + 1, 28):02d}T{n % 24:02d}:30:00Z",
        ]
    lines += ["root_cause:", f"  category: {CATEGORIES[n % len(CATEGORIES)]}", "corrective_actions:"]
    for a in range(1 + n % 3):
        status = ACTION_STATUSES[(n + a) % 4]
        lines += [
            f"  - id: CA-{a + 1}",
            f"    action: Action {a + 1} of COE {n}",
            f"    owner: owner-{(n + a) % 23}",
            f"    due: {year}-{month:02d}-{day:02d}",
            f"    status: {status}",
            f"    kind: {['prevent', 'detect', 'mitigate', 'process'][(n // 4 + a) % 4]}",
        ]
        if status == "done":
            lines.append(f"    done_on: {year}-{month:02d}-{min(day + a, 28):02d}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def big_portfolio(tmp_path_factory):
    directory = tmp_path_factory.mktemp("scale")
    for n in range(COUNT):
        # Spread over nested folders, as a real repository might.
        folder = directory / f"{2024 + n % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"COE-{n:05d}.yaml").write_text(coe_text(n), encoding="utf-8")
    return directory


def test_report_of_2000_coes(big_portfolio):
    result = invoke("report", big_portfolio, "-f", "json", "--today", TODAY)
    assert result.exit_code == 0, result.stderr[:2000]
    data = json.loads(result.stdout)
    assert data["coes"] == COUNT
    assert data["skipped"] == []
    assert len(data["coe_list"]) == COUNT
    assert len({c["id"] for c in data["coe_list"]}) == COUNT
    # Totals add up, and match what was generated: n % 5 and n % 4 are even spreads.
    assert data["totals"]["by_severity"] == {s: 400 for s in SEVERITIES}
    assert data["totals"]["by_status"] == {s: 500 for s in STATUSES}
    assert data["totals"]["by_kind"] == {"technical": 400, "customer-service": 400, "process": 400, "security": 400, "unspecified": 400}
    assert sum(data["totals"]["by_month"].values()) == COUNT - COUNT // 10
    # 1 + n % 3 actions per COE: 667 COEs with 1, 667 with 2, 666 with 3.
    assert data["actions"]["total"] == 667 * 1 + 667 * 2 + 666 * 3
    assert sum(row["open"] for row in data["actions"]["by_owner"]) == data["actions"]["open"]
    assert sum(row["open"] for row in data["actions"]["by_team"]) == data["actions"]["open"]
    assert sum(c["count"] for c in data["root_causes"]["categories"]) == COUNT
    assert sum(t["count"] for t in data["times"]["time_to_detect"].values()) == COUNT - COUNT // 10
    assert data["recurrences"], "this many COEs sharing categories and services recur"


def test_csv_of_2000_coes(big_portfolio):
    result = invoke("report", big_portfolio, "-f", "csv", "--today", TODAY)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1 + 667 * 1 + 667 * 2 + 666 * 3


def test_generated_files_are_varied():
    # Guards the generator: ids unique, categories and months all used.
    texts = [coe_text(n) for n in range(COUNT)]
    assert len({t.splitlines()[1] for t in texts}) == COUNT
    assert Counter(line for t in texts for line in t.splitlines() if line.startswith("  category:")).keys() == {
        f"  category: {c}" for c in CATEGORIES
    }
