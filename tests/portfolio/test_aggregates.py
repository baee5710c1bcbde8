"""Portfolio aggregates of the hand-written fixtures, against values worked out by hand.

Every expected value below is a literal, computed from the table in
``fixtures.py``; none is recomputed with the code under test.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from coe.document.discovery import find_coe_files
from coe.portfolio.records import collect
from coe.portfolio.stats import FollowUp, Recurrence, TimeStats, build_portfolio, find_recurrences, percentile

from .fixtures import PORTFOLIO, TODAY, invoke

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def portfolio():
    collection = collect(find_coe_files([PORTFOLIO]))
    assert collection.broken == []
    return build_portfolio(collection.records, DAY)


@pytest.fixture(scope="module")
def report() -> dict:
    result = invoke("report", PORTFOLIO, "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# Totals ------------------------------------------------------------------------


def test_counts_every_coe(portfolio, report):
    assert portfolio.coes == 9
    assert report["coes"] == 9
    assert report["generated_on"] == "2026-10-15"
    assert report["skipped"] == []


def test_by_severity_lists_every_severity_in_order(report):
    assert list(report["totals"]["by_severity"].items()) == [
        ("SEV1", 1), ("SEV2", 3), ("SEV3", 3), ("SEV4", 1), ("SEV5", 1),
    ]


def test_by_status_in_lifecycle_order(report):
    assert list(report["totals"]["by_status"].items()) == [
        ("draft", 2), ("in-review", 1), ("approved", 3), ("closed", 3),
    ]


def test_by_kind_counts_missing_kind_as_unspecified(report):
    assert list(report["totals"]["by_kind"].items()) == [
        ("technical", 4), ("customer-service", 1), ("process", 1), ("security", 1), ("unspecified", 2),
    ]


def test_by_month_uses_start_and_skips_coes_without_one(report):
    # COE-0009 has no incident; months with no COE are not listed.
    assert list(report["totals"]["by_month"].items()) == [
        ("2026-01", 2), ("2026-02", 1), ("2026-03", 1), ("2026-04", 1), ("2026-05", 2), ("2026-07", 1),
    ]


def test_totals_of_the_python_model_match(portfolio):
    assert portfolio.by_severity == {"SEV1": 1, "SEV2": 3, "SEV3": 3, "SEV4": 1, "SEV5": 1}
    assert portfolio.by_status == {"draft": 2, "in-review": 1, "approved": 3, "closed": 3}
    assert portfolio.by_kind == {"technical": 4, "customer-service": 1, "process": 1, "security": 1, "unspecified": 2}


# Times ------------------------------------------------------------------------


def test_time_to_detect_by_quarter(report):
    # Q1: 10, 20, 30, 40 -> median 25, p90 rank ceil(3.6) = 4 -> 40.
    # Q2: 5, 15, 100 -> median 15, p90 rank ceil(2.7) = 3 -> 100.
    # Q3: 7 alone.
    assert report["times"]["time_to_detect"] == {
        "2026-Q1": {"count": 4, "median_minutes": 25.0, "p90_minutes": 40.0},
        "2026-Q2": {"count": 3, "median_minutes": 15.0, "p90_minutes": 100.0},
        "2026-Q3": {"count": 1, "median_minutes": 7.0, "p90_minutes": 7.0},
    }


def test_time_to_mitigate_leaves_out_negative_durations(report):
    # Q1: 60, 90, 120, 240 -> median 105, p90 240. Q2: 30, 45, 600 -> 45, 600.
    # COE-0008 (Q3) was "mitigated" before it started, so Q3 has no entry.
    assert report["times"]["time_to_mitigate"] == {
        "2026-Q1": {"count": 4, "median_minutes": 105.0, "p90_minutes": 240.0},
        "2026-Q2": {"count": 3, "median_minutes": 45.0, "p90_minutes": 600.0},
    }


def test_quarters_are_in_order(report):
    assert list(report["times"]["time_to_detect"]) == ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_time_stats_model(portfolio):
    assert portfolio.time_to_detect["2026-Q1"] == TimeStats(4, 25.0, 40.0)
    assert portfolio.time_to_mitigate["2026-Q2"] == TimeStats(3, 45.0, 600.0)


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([40, 10, 30, 20], 0.9, 40),
        ([40, 10, 30, 20], 0.5, 20),  # nearest rank 2, not the interpolated 25
        (list(range(1, 11)), 0.9, 9),  # rank ceil(9.0) = 9
        (list(range(1, 12)), 0.9, 10),  # rank ceil(9.9) = 10
        (list(range(1, 21)), 0.9, 18),
        (list(range(1, 101)), 0.9, 90),
        ([5], 0.9, 5),
        ([3, 1], 0.0, 1),  # rank is at least 1
        ([], 0.9, None),
    ],
)
def test_percentile_is_nearest_rank(values, fraction, expected):
    assert percentile(values, fraction) == expected


# Causes -----------------------------------------------------------------------


def test_categories_ranked_by_count_then_name(report):
    assert report["root_causes"]["categories"] == [
        {"name": "config-change", "count": 4},
        {"name": "capacity", "count": 2},
        {"name": "escalation-gap", "count": 2},
        {"name": "access-control", "count": 1},
    ]


def test_services_ranked_and_counted_once_per_coe(report):
    # COE-0005 lists `search` twice; it counts once.
    assert report["root_causes"]["services"] == [
        {"name": "checkout", "count": 3},
        {"name": "search", "count": 3},
        {"name": "payments-api", "count": 2},
        {"name": "support-portal", "count": 2},
        {"name": "admin-console", "count": 1},
        {"name": "catalog", "count": 1},
        {"name": "inventory", "count": 1},
    ]


# Recurrence -------------------------------------------------------------------

MESSAGE = "the corrective action did not prevent recurrence"


def test_recurrences(report):
    assert report["recurrences"] == [
        {"coe": "COE-0003", "earlier": "COE-0001", "category": "config-change", "services": ["checkout"], "message": MESSAGE},
        {"coe": "COE-0008", "earlier": "COE-0001", "category": "config-change", "services": ["payments-api"], "message": MESSAGE},
        {"coe": "COE-0008", "earlier": "COE-0005", "category": "config-change", "services": ["search"], "message": MESSAGE},
    ]


def test_no_recurrence_after_open_prevention_other_service_or_no_prevention(portfolio):
    recurring = {r.coe_id for r in portfolio.recurrences}
    assert "COE-0005" not in recurring  # COE-0003's prevent action is in progress
    assert "COE-0006" not in recurring  # same category as COE-0002, other service
    assert "COE-0009" not in recurring  # COE-0004 had no prevent action at all
    assert "COE-0007" not in recurring  # shares checkout, but not the category


def _coe(id_: str, *, started: str | None, category: str | None, services: list[str], prevent: list[str]) -> str:
    lines = ["format: 1", f"id: {id_}", f"title: {id_}", "status: draft", "severity: SEV3", f"services: {json.dumps(services)}"]
    if started:
        lines += ["incident:", f"  started_at: {started}"]
    if category:
        lines += ["root_cause:", f"  category: {category}"]
    if prevent:
        lines.append("corrective_actions:")
        for n, status in enumerate(prevent, 1):
            lines += [f"  - id: CA-{n}", "    kind: prevent", f"    status: {status}"]
    return "\n".join(lines) + "\n"


def _recurrences(tmp_path, documents: dict[str, str]) -> list[tuple]:
    for name, text in documents.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    collection = collect(find_coe_files([tmp_path]))
    assert collection.broken == []
    return [(r.coe_id, r.earlier_id, r.category, r.services) for r in find_recurrences(collection.records)]


def test_recurrence_follows_incident_dates_not_ids_or_file_order(tmp_path):
    found = _recurrences(tmp_path, {
        # The higher id happened first and its prevention is done.
        "a": _coe("COE-0050", started="2026-06-01T00:00:00Z", category="dns", services=["edge"], prevent=[]),
        "b": _coe("COE-0100", started="2026-01-01T00:00:00Z", category="dns", services=["edge"], prevent=["done"]),
    })
    assert found == [("COE-0050", "COE-0100", "dns", ("edge",))]


def test_a_later_prevented_coe_does_not_make_an_earlier_one_recur(tmp_path):
    found = _recurrences(tmp_path, {
        "a": _coe("COE-0001", started="2026-01-01T00:00:00Z", category="dns", services=["edge"], prevent=["open"]),
        "b": _coe("COE-0002", started="2026-06-01T00:00:00Z", category="dns", services=["edge"], prevent=["done"]),
    })
    assert found == []


def test_recurrence_needs_every_prevent_action_done(tmp_path):
    found = _recurrences(tmp_path, {
        "a": _coe("COE-0001", started="2026-01-01T00:00:00Z", category="dns", services=["edge"], prevent=["done", "wont-do"]),
        "b": _coe("COE-0002", started="2026-02-01T00:00:00Z", category="dns", services=["edge"], prevent=["done", "done"]),
        "c": _coe("COE-0003", started="2026-03-01T00:00:00Z", category="dns", services=["edge", "api", "cdn"], prevent=[]),
    })
    # COE-0001 had a wont-do prevent action: only COE-0002 counts.
    assert found == [("COE-0003", "COE-0002", "dns", ("edge",))]


def test_recurrence_lists_every_shared_service_sorted(tmp_path):
    found = _recurrences(tmp_path, {
        "a": _coe("COE-0001", started="2026-01-01T00:00:00Z", category="dns", services=["edge", "api", "cdn"], prevent=["done"]),
        "b": _coe("COE-0002", started="2026-02-01T00:00:00Z", category="dns", services=["web", "edge", "api"], prevent=[]),
    })
    assert found == [("COE-0002", "COE-0001", "dns", ("api", "edge"))]


def test_no_category_means_no_recurrence(tmp_path):
    found = _recurrences(tmp_path, {
        "a": _coe("COE-0001", started="2026-01-01T00:00:00Z", category=None, services=["edge"], prevent=["done"]),
        "b": _coe("COE-0002", started="2026-02-01T00:00:00Z", category=None, services=["edge"], prevent=[]),
    })
    assert found == []


# Corrective actions -----------------------------------------------------------


def test_action_totals(report):
    actions = report["actions"]
    assert (actions["total"], actions["open"], actions["done_on_time"], actions["done_late"]) == (18, 8, 5, 2)


def test_overdue_list_ordered_by_due_date(report):
    overdue = [(a["coe_id"], a["action_id"], a["due"], a["owner"]) for a in report["actions"]["overdue"]]
    assert overdue == [
        ("COE-0001", "CA-3", "2026-09-30", "alice"),
        ("COE-0006", "CA-1", "2026-10-01", ""),
    ]
    assert all(a["overdue"] is True for a in report["actions"]["overdue"])


def test_due_today_is_not_overdue_but_due_yesterday_is():
    def overdue_on(day: str) -> list[tuple[str, str]]:
        result = invoke("report", PORTFOLIO, "-f", "json", "--today", day)
        return [(a["coe_id"], a["action_id"]) for a in json.loads(result.stdout)["actions"]["overdue"]]

    assert overdue_on("2026-09-30") == []
    assert overdue_on("2026-10-01") == [("COE-0001", "CA-3")]
    assert overdue_on("2026-10-15") == [("COE-0001", "CA-3"), ("COE-0006", "CA-1")]
    assert overdue_on("2026-10-16") == [("COE-0001", "CA-3"), ("COE-0006", "CA-1"), ("COE-0004", "CA-1")]


def test_by_owner(report):
    # Most overdue first, then most open, then by name; "(no owner)" sorts before letters.
    assert report["actions"]["by_owner"] == [
        {"name": "(no owner)", "open": 1, "overdue": 1, "done_on_time": 0, "done_late": 0},
        {"name": "alice", "open": 1, "overdue": 1, "done_on_time": 3, "done_late": 0},
        {"name": "bob", "open": 2, "overdue": 0, "done_on_time": 0, "done_late": 1},
        {"name": "frank", "open": 2, "overdue": 0, "done_on_time": 0, "done_late": 0},
        {"name": "dave", "open": 1, "overdue": 0, "done_on_time": 1, "done_late": 0},
        {"name": "erin", "open": 1, "overdue": 0, "done_on_time": 0, "done_late": 0},
        {"name": "carol", "open": 0, "overdue": 0, "done_on_time": 1, "done_late": 1},
    ]


def test_by_team(report):
    assert report["actions"]["by_team"] == [
        {"name": "payments", "open": 3, "overdue": 1, "done_on_time": 3, "done_late": 1},
        {"name": "platform", "open": 2, "overdue": 1, "done_on_time": 1, "done_late": 1},
        {"name": "security", "open": 2, "overdue": 0, "done_on_time": 0, "done_late": 0},
        {"name": "support", "open": 1, "overdue": 0, "done_on_time": 0, "done_late": 0},
        {"name": "(no team)", "open": 0, "overdue": 0, "done_on_time": 1, "done_late": 0},
    ]


def test_follow_up_model(portfolio):
    assert portfolio.by_team[0] == FollowUp("payments", open=3, overdue=1, done_on_time=3, done_late=1)
    assert portfolio.recurrences[0] == Recurrence("COE-0003", "COE-0001", "config-change", ("checkout",))


def test_timeliness_of_each_action(report):
    # Only done actions with both a due date and done_on are on time or late.
    result = invoke("actions", PORTFOLIO, "-f", "json", "--today", TODAY)
    timeliness = {(a["coe_id"], a["action_id"]): a["timeliness"] for a in json.loads(result.stdout)["actions"]}
    assert {key for key, value in timeliness.items() if value == "on-time"} == {
        ("COE-0001", "CA-1"), ("COE-0002", "CA-1"), ("COE-0003", "CA-2"), ("COE-0008", "CA-2"), ("COE-0009", "CA-1"),
    }
    assert {key for key, value in timeliness.items() if value == "late"} == {("COE-0001", "CA-2"), ("COE-0005", "CA-1")}
    assert timeliness[("COE-0004", "CA-2")] is None  # done, but no due date
    assert timeliness[("COE-0005", "CA-2")] is None  # wont-do


# The COE list -----------------------------------------------------------------


def test_coe_list(report):
    rows = [
        (c["id"], c["severity"], c["status"], c["kind"], c["team"], c["category"], c["started_at"], c["open_actions"], c["overdue_actions"])
        for c in report["coe_list"]
    ]
    assert rows == [
        ("COE-0001", "SEV1", "closed", "technical", "payments", "config-change", "2026-01-12T10:00:00+00:00", 1, 1),
        ("COE-0002", "SEV2", "closed", "technical", "platform", "capacity", "2026-01-25T08:00:00+00:00", 0, 0),
        ("COE-0003", "SEV2", "approved", "technical", "payments", "config-change", "2026-02-09T14:00:00+00:00", 1, 0),
        ("COE-0004", "SEV3", "approved", "customer-service", "support", "escalation-gap", "2026-03-20T10:00:00+01:00", 1, 0),
        ("COE-0005", "SEV3", "closed", "technical", "platform", "config-change", "2026-04-08T09:00:00+00:00", 0, 0),
        ("COE-0006", "SEV3", "approved", "process", "platform", "capacity", "2026-05-05T00:00:00+00:00", 2, 1),
        ("COE-0007", "SEV4", "in-review", "security", "security", "access-control", "2026-05-27T16:00:00+00:00", 2, 0),
        ("COE-0008", "SEV2", "draft", "", "payments", "config-change", "2026-07-14T10:00:00+02:00", 1, 0),
        ("COE-0009", "SEV5", "draft", "", "", "escalation-gap", None, 0, 0),
    ]
    assert report["coe_list"][4]["services"] == ["search", "search"]  # as written
    assert report["coe_list"][0]["path"].endswith("COE-0001-config-push-broke-checkout.yaml")


def test_empty_directory_gives_an_empty_portfolio(tmp_path):
    result = invoke("report", tmp_path, "-f", "json", "--today", TODAY)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["coes"] == 0
    assert data["totals"]["by_severity"] == {"SEV1": 0, "SEV2": 0, "SEV3": 0, "SEV4": 0, "SEV5": 0}
    assert data["totals"]["by_month"] == {}
    assert data["times"] == {"time_to_detect": {}, "time_to_mitigate": {}}
    assert data["recurrences"] == []
    assert data["actions"] == {
        "total": 0, "open": 0, "overdue": [], "done_on_time": 0, "done_late": 0, "by_owner": [], "by_team": [],
    }


def test_fixture_table_is_what_the_files_say():
    # Guards the hand computation: the fixture files are the ones described.
    names = sorted(path.name for path in PORTFOLIO.glob("*.yaml"))
    assert len(names) == 9
    assert all(name.startswith(f"COE-000{n}-") for n, name in enumerate(names, 1))
