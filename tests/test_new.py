"""`coe new`: the file it writes, ids, slugs, templates, prompts, concurrency and safety."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coe.yaml import reader
from coe.cli import app
from coe.commands.new import NewRequest, next_id, run_new, slugify
from coe.document.loader import load
from coe.document.model import QUESTIONS

ROOT = Path(__file__).parent.parent
UTC = dt.timezone.utc
PLACEHOLDER = "<placeholder>"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<schema>\S+)$")
QUESTION_PREFIXES = (
    "# 1. What happened?",
    "# 2. What was the impact",
    "# 3. What was the root cause?",
    "# 4. What data supports this?",
    "# 5. What were the critical implications",
    "# 6. What lessons did we learn?",
    "# 7. What corrective actions",
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project: a default `.coe.toml` (so no config above tmp_path is found), cwd inside it."""
    (tmp_path / ".coe.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("USER", "tester")
    monkeypatch.delenv("USERNAME", raising=False)
    return tmp_path


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, [str(arg) for arg in args], input=input)


def new_file(result) -> Path:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    path = Path(result.stdout.strip())
    assert path.is_file()
    return path


def listing(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


def normalise(value):
    """The parsed document with every `<placeholder>` string replaced by one marker."""
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
        return PLACEHOLDER
    return value


def parse(path: Path) -> dict:
    data, _ = reader.load(path.read_text(encoding="utf-8"))
    return data


# --------------------------------------------------------------------------------------------
# The file `coe new --no-input` writes
# --------------------------------------------------------------------------------------------

FULL_ARGS = (
    "new", "Checkout failures after cache eviction", "--no-input",
    "--severity", "SEV2", "--kind", "process",
    "--service", "checkout", "--service", "pricing-quote",
    "--author", "a.lee", "--author", "m.okafor",
    "--started-at", "2026-11-20T14:00:00Z",
)


def test_no_input_with_every_flag_writes_exactly_this_document(project):
    target = project / "incidents"
    before = dt.datetime.now(UTC).replace(microsecond=0)
    path = new_file(invoke(*FULL_ARGS, "--dir", target))
    after = dt.datetime.now(UTC)

    assert path == target / "COE-0001-checkout-failures-after-cache-eviction.yaml"
    started = dt.datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
    data = parse(path)
    assert list(data) == [
        "format", "id", "title", "status", "severity", "kind", "authors", "reviewers", "owner_team",
        "services", "tags", "incident", "what_happened", "impact", "response", "root_cause",
        "supporting_data", "implications", "lessons_learned", "corrective_actions", "related",
    ]
    assert normalise(data) == {
        "format": 1,
        "id": "COE-0001",
        "title": "Checkout failures after cache eviction",
        "status": "draft",
        "severity": "SEV2",
        "kind": "process",
        "authors": ["a.lee", "m.okafor"],
        "reviewers": [],
        "owner_team": None,
        "services": ["checkout", "pricing-quote"],
        "tags": [],
        "incident": {"started_at": started, "detected_at": None, "mitigated_at": None, "resolved_at": None},
        "what_happened": {"summary": PLACEHOLDER, "timeline": [{"at": started, "event": PLACEHOLDER}]},
        "impact": {
            "customers": PLACEHOLDER, "business": PLACEHOLDER, "customers_affected": None,
            "metrics": [], "customer_communication": PLACEHOLDER,
        },
        "response": {"detection": PLACEHOLDER, "diagnosis": PLACEHOLDER, "mitigation": PLACEHOLDER},
        "root_cause": {
            "summary": PLACEHOLDER, "category": None,
            "five_whys": [{"why": PLACEHOLDER, "because": PLACEHOLDER}],
        },
        "supporting_data": [{"description": PLACEHOLDER, "link": None}],
        "implications": {"security": PLACEHOLDER, "privacy": None, "compliance": None},
        "lessons_learned": [PLACEHOLDER],
        "corrective_actions": [{
            "id": "CA-1", "action": PLACEHOLDER, "owner": "a.lee", "due": None,
            "priority": "high", "status": "open", "kind": "prevent",
        }],
        "related": [],
    }

    lines = path.read_text(encoding="utf-8").splitlines()
    assert MODELINE.match(lines[0]), lines[0]
    created = re.fullmatch(r"# Created (\S+) with `coe new`\. .*", lines[1])
    assert created, lines[1]
    created_at = dt.datetime.fromisoformat(created.group(1))
    assert created_at.tzinfo is not None
    assert before <= created_at <= after
    assert lines[2:5] == ["format: 1", "id: COE-0001", "title: Checkout failures after cache eviction"]
    assert lines.count("status: draft") == 1
    assert "  started_at: 2026-11-20T14:00:00Z" in lines
    assert "authors: [a.lee, m.okafor]" in lines
    assert "services: [checkout, pricing-quote]" in lines


def test_the_seven_questions_are_asked_in_order_each_above_its_section(project):
    path = new_file(invoke(*FULL_ARGS))
    lines = path.read_text(encoding="utf-8").splitlines()
    positions = []
    for prefix, (section, question) in zip(QUESTION_PREFIXES, QUESTIONS, strict=True):
        found = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        assert len(found) == 1, (prefix, found)
        assert question in lines[found[0]]
        assert lines[found[0] + 1] == f"{section}:"
        positions.append(found[0])
    assert positions == sorted(positions)


def test_schema_modeline_points_at_the_configured_schema_file(project):
    path = new_file(invoke(*FULL_ARGS, "--dir", project / "elsewhere" / "deep"))
    schema = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])["schema"]
    assert schema == "../../coes/coe.schema.json"
    assert (path.parent / schema).resolve() == (project / "coes" / "coe.schema.json").resolve()

    in_place = new_file(invoke(*FULL_ARGS))
    assert in_place.parent == project / "coes"
    assert in_place.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=coe.schema.json"


def test_defaults_without_flags(project, monkeypatch):
    before = dt.datetime.now(UTC).replace(microsecond=0)
    path = new_file(invoke("new", "Search suggest outage", "--no-input"))
    after = dt.datetime.now(UTC)
    assert path == project / "coes" / "COE-0001-search-suggest-outage.yaml"
    data = parse(path)
    assert (data["severity"], data["kind"], data["authors"], data["services"]) == ("SEV3", "technical", ["tester"], [])
    assert data["corrective_actions"][0]["owner"] == "tester"
    assert before <= data["incident"]["started_at"] <= after
    assert data["what_happened"]["timeline"][0]["at"] == data["incident"]["started_at"]


def test_default_author_falls_back_to_username_then_author(project, monkeypatch):
    monkeypatch.delenv("USER")
    monkeypatch.setenv("USERNAME", "win.user")
    assert parse(new_file(invoke("new", "One", "--no-input")))["authors"] == ["win.user"]
    monkeypatch.delenv("USERNAME")
    assert parse(new_file(invoke("new", "Two", "--no-input")))["authors"] == ["author"]


def test_new_file_lints_without_errors_but_with_placeholder_warnings(project):
    path = new_file(invoke(*FULL_ARGS))
    result = invoke("lint", path, "--output-format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    rules = {finding["rule"] for finding in findings}
    assert not rules & {"syntax", "schema"}
    assert "placeholder-text" in rules
    assert {finding["severity"] for finding in findings} == {"warning"}
    assert load(path).ok


def test_json_output_is_exactly_id_and_path(project):
    target = project / "d"
    result = invoke(*FULL_ARGS, "--dir", target, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout) == {
        "id": "COE-0001",
        "path": str(target / "COE-0001-checkout-failures-after-cache-eviction.yaml"),
    }
    second = json.loads(invoke("new", "Again", "--no-input", "--json", "--dir", target).stdout)
    assert second == {"id": "COE-0002", "path": str(target / "COE-0002-again.yaml")}


@pytest.mark.parametrize("title", [None, "", "   "])
def test_missing_title_without_input_exits_2(project, title):
    args = ["new", "--no-input"] + ([] if title is None else [title])
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == 'coe new: error: a title is required: `coe new "Checkout failures after cache eviction"`\n'
    assert result.stdout == ""
    assert listing(project) == [".coe.toml"]


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--severity", "sev1", "coe new: error: severity `sev1` is not one of: SEV1, SEV2, SEV3, SEV4, SEV5\n"),
        ("--severity", "SEV0", "coe new: error: severity `SEV0` is not one of: SEV1, SEV2, SEV3, SEV4, SEV5\n"),
        ("--kind", "Technical", "coe new: error: kind `Technical` is not one of: technical, customer-service, process, security\n"),
        ("--kind", "outage", "coe new: error: kind `outage` is not one of: technical, customer-service, process, security\n"),
        ("--started-at", "yesterday", "coe new: error: --started-at `yesterday` is not a timestamp; write it like 2026-11-20T14:00:00Z\n"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(project, flag, value, message):
    result = invoke("new", "Title", "--no-input", flag, value)
    assert result.exit_code == 2
    assert result.stderr == message
    assert listing(project) == [".coe.toml"]


def test_started_at_with_an_offset_is_kept(project):
    path = new_file(invoke("new", "T", "--no-input", "--started-at", "2026-11-20T14:00:00+02:00"))
    assert "  started_at: 2026-11-20T14:00:00+02:00" in path.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def tokyo_time():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_started_at_without_an_offset_is_local_time(project, tokyo_time):
    path = new_file(invoke("new", "T", "--no-input", "--started-at", "2026-11-20T14:00:00"))
    assert "  started_at: 2026-11-20T14:00:00+09:00" in path.read_text(encoding="utf-8").splitlines()
    assert parse(path)["incident"]["started_at"] == dt.datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "title",
    [
        'Cache: it\'s "broken" #1',
        "yes",
        "null",
        "2026-11-20",
        "0x1F",
        "- starts like a list",
        "[not a list]",
        "  padded  ",
        "Ünïcödé Café 東京",
        "ends with a colon:",
        "tab\there",
    ],
)
def test_any_title_reads_back_exactly(project, title):
    path = new_file(invoke("new", "--no-input", "--", title))
    assert parse(path)["title"] == title.strip()
    assert load(path).ok


def test_services_and_authors_read_back_exactly(project):
    odd = ["yes", "null", "1.5", "a b", "o'brien", "x: y", "#tag", "[x]"]
    args = ["new", "T", "--no-input"]
    for value in odd:
        args += ["--service", value, "--author", value]
    data = parse(new_file(invoke(*args)))
    assert data["services"] == odd
    assert data["authors"] == odd
    assert data["corrective_actions"][0]["owner"] == "yes"


def test_a_service_or_author_with_a_comma_stays_one_item(project):
    data = parse(new_file(invoke("new", "T", "--no-input", "--service", "checkout, eu", "--author", "Lee, A.")))
    assert data["services"] == ["checkout, eu"]
    assert data["authors"] == ["Lee, A."]


def test_stdin_not_a_tty_behaves_as_no_input(project):
    # CliRunner's stdin is not a terminal: nothing is asked, even with answers waiting.
    result = invoke("new", "Quiet one", "--severity", "SEV4", input="SHOULD NOT BE READ\n" * 10)
    path = new_file(result)
    assert result.stdout == f"{path}\n"
    assert parse(path)["severity"] == "SEV4"
    assert parse(path)["kind"] == "technical"
    assert "SHOULD NOT BE READ" not in path.read_text(encoding="utf-8")

    result = invoke("new", input="A title on stdin\n")
    assert result.exit_code == 2
    assert "a title is required" in result.stderr


def test_bad_config_exits_2(project):
    (project / ".coe.toml").write_text('id_prefix = "inc"\n', encoding="utf-8")
    result = invoke("new", "T", "--no-input")
    assert result.exit_code == 2
    assert result.stderr.startswith("coe new: error: ")
    assert "id_prefix" in result.stderr


# --------------------------------------------------------------------------------------------
# Interactive prompts
# --------------------------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def tty_stdin(monkeypatch):
    """Make CliRunner's stdin (and stdout) claim to be a terminal.

    The runner wraps its streams in a private `_NamedTextIOWrapper` class of the
    module that defines its `isolation` (newer Typers vendor click's runner, older
    ones inherit it); patch that class.
    """
    defining = next(cls for cls in CliRunner.__mro__ if "isolation" in vars(cls))
    wrapper = getattr(sys.modules[defining.__module__], "_NamedTextIOWrapper", None)
    if wrapper is None:  # pragma: no cover - a runner without the private class
        pytest.fail(f"cannot make {defining.__module__}.CliRunner's stdin look like a terminal: teach tty_stdin")
    monkeypatch.setattr(wrapper, "isatty", lambda self: True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")


def test_prompts_through_the_cli_put_answers_in_the_file(project, tty_stdin):
    answers = "Pager storm at night\nSEV1\nsecurity\nauth, sso\n2026-11-20T14:00:00Z\nj.doe, k.roe\n"
    result = invoke("new", "--dir", project / "d", input=answers)
    assert result.exit_code == 0, result.output
    output = ANSI.sub("", result.stdout)
    for prompt in (
        "Title (one line: what went wrong)",
        "Severity [SEV1/SEV2/SEV3/SEV4/SEV5] (SEV3)",
        "Kind [technical/customer-service/process/security] (technical)",
        "Services affected (comma-separated)",
        "When did it start?",
        "Authors (comma-separated) (tester)",
    ):
        assert prompt in output
    path = project / "d" / "COE-0001-pager-storm-at-night.yaml"
    assert output.rstrip().endswith(str(path))
    data = parse(path)
    assert data["title"] == "Pager storm at night"
    assert (data["severity"], data["kind"]) == ("SEV1", "security")
    assert data["services"] == ["auth", "sso"]
    assert data["authors"] == ["j.doe", "k.roe"]
    assert data["incident"]["started_at"] == dt.datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def test_prompts_use_defaults_on_empty_answers(project, tty_stdin):
    before = dt.datetime.now(UTC).replace(microsecond=0)
    result = invoke("new", "--dir", project / "d", input="Only a title\n\n\n\n\n\n")
    after = dt.datetime.now(UTC)
    assert result.exit_code == 0, result.output
    data = parse(project / "d" / "COE-0001-only-a-title.yaml")
    assert (data["severity"], data["kind"], data["services"], data["authors"]) == ("SEV3", "technical", [], ["tester"])
    assert before <= data["incident"]["started_at"] <= after


def test_prompts_only_for_what_flags_do_not_give(project, tty_stdin):
    result = invoke(
        "new", "Given title", "--severity", "SEV2", "--kind", "process", "--service", "api",
        "--started-at", "2026-01-02T03:04:05Z", "--dir", project / "d", input="z.zed\n",
    )
    assert result.exit_code == 0, result.output
    output = ANSI.sub("", result.stdout)
    assert "Title" not in output and "Severity" not in output and "Kind" not in output
    assert "Services" not in output and "When did it start" not in output
    assert "Authors (comma-separated) (tester)" in output
    data = parse(project / "d" / "COE-0001-given-title.yaml")
    assert (data["severity"], data["kind"], data["services"], data["authors"]) == ("SEV2", "process", ["api"], ["z.zed"])


def test_prompt_repeats_on_an_invalid_choice(project, tty_stdin):
    result = invoke("new", "T", "--dir", project / "d", input="SEV9\nSEV5\nnope\nprocess\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert ANSI.sub("", result.stdout).count("Please select one of the available options") == 2
    data = parse(project / "d" / "COE-0001-t.yaml")
    assert (data["severity"], data["kind"]) == ("SEV5", "process")


def test_no_input_flag_wins_over_a_terminal(project, tty_stdin):
    result = invoke("new", "--no-input", input="Would be a title\n")
    assert result.exit_code == 2
    assert "a title is required" in result.stderr


def test_empty_title_answer_exits_2(project, tty_stdin):
    result = invoke("new", "--dir", project / "d", input="\n\n\n\n\n\n")
    assert result.exit_code == 2
    assert "a title is required" in result.stderr
    assert not (project / "d").exists() or listing(project / "d") == []


def test_run_new_interactive_reads_answers_from_stdin(project, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Direct call\nSEV2\n\nweb\n2026-05-06T07:08:09+01:00\n\n"))
    code = run_new(NewRequest(directory=project / "d", interactive=True, json_output=True))
    assert code == 0
    out = capsys.readouterr().out
    assert "Title (one line: what went wrong)" in out
    payload = json.loads(re.search(r'\{"id": .*\}', out).group(0))
    assert payload == {"id": "COE-0001", "path": str(project / "d" / "COE-0001-direct-call.yaml")}
    data = parse(Path(payload["path"]))
    assert (data["title"], data["severity"], data["kind"]) == ("Direct call", "SEV2", "technical")
    assert data["services"] == ["web"]
    assert data["authors"] == ["tester"]
    assert data["incident"]["started_at"] == dt.datetime(2026, 5, 6, 6, 8, 9, tzinfo=UTC)


# --------------------------------------------------------------------------------------------
# Ids
# --------------------------------------------------------------------------------------------

def coe_text(coe_id: str, title: str = "Existing") -> str:
    return f"format: 1\nid: {coe_id}\ntitle: {title}\nstatus: draft\nseverity: SEV3\n"


def test_next_id_reads_ids_inside_files_not_file_names(project):
    directory = project / "coes"
    directory.mkdir()
    (directory / "COE-0100-misleading-name.yaml").write_text(coe_text("COE-0007"), encoding="utf-8")
    (directory / "COE-0200.yaml").write_text("# no id here\n", encoding="utf-8")
    assert next_id(directory, "COE") == "COE-0008"
    result = invoke("new", "Next", "--no-input", "--json")
    assert json.loads(result.stdout) == {"id": "COE-0008", "path": str(directory / "COE-0008-next.yaml")}


def test_next_id_takes_the_highest_and_reads_quoted_ids_subdirectories_and_yml(project):
    directory = project / "coes"
    (directory / "2025").mkdir(parents=True)
    (directory / "a.yaml").write_text(coe_text('"COE-0003"'), encoding="utf-8")
    (directory / "2025" / "b.yml").write_text(coe_text("'COE-0041'"), encoding="utf-8")
    (directory / "c.yaml").write_text(coe_text("COE-0012"), encoding="utf-8")
    (directory / "notes.txt").write_text("id: COE-0900\n", encoding="utf-8")
    (directory / ".hidden").mkdir()
    (directory / ".hidden" / "d.yaml").write_text(coe_text("COE-0800"), encoding="utf-8")
    (directory / "e.yaml").write_text(
        coe_text("COE-0013") + "corrective_actions:\n  - id: COE-0700\n# id: COE-0600\n", encoding="utf-8"
    )
    assert next_id(directory, "COE") == "COE-0042"


def test_first_id_is_padded_to_four_digits(tmp_path):
    assert next_id(tmp_path, "COE") == "COE-0001"
    (tmp_path / "x.yaml").write_text(coe_text("COE-0099"), encoding="utf-8")
    assert next_id(tmp_path, "COE") == "COE-0100"


@pytest.mark.parametrize(("highest", "expected"), [("COE-9998", "COE-9999"), ("COE-9999", "COE-10000"), ("COE-123456", "COE-123457")])
def test_ids_above_9999_keep_growing(tmp_path, highest, expected):
    (tmp_path / "x.yaml").write_text(coe_text(highest), encoding="utf-8")
    assert next_id(tmp_path, "COE") == expected


def test_id_prefix_comes_from_the_config(project):
    (project / ".coe.toml").write_text('id_prefix = "INC"\ndirectory = "incidents"\n', encoding="utf-8")
    (project / "incidents").mkdir()
    (project / "incidents" / "old.yaml").write_text(coe_text("COE-0007"), encoding="utf-8")
    result = invoke("new", "First incident", "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    path = project / "incidents" / "INC-0001-first-incident.yaml"
    assert json.loads(result.stdout) == {"id": "INC-0001", "path": str(path)}
    assert parse(path)["id"] == "INC-0001"
    second = json.loads(invoke("new", "Second", "--no-input", "--json").stdout)
    assert second["id"] == "INC-0002"


def test_explicit_config_option(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("cfg")
    (elsewhere / "my.toml").write_text('id_prefix = "OPS"\ndirectory = "out"\n', encoding="utf-8")
    result = invoke("new", "Via config", "--no-input", "--json", "--config", elsewhere / "my.toml")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"id": "OPS-0001", "path": str(elsewhere / "out" / "OPS-0001-via-config.yaml")}


# --------------------------------------------------------------------------------------------
# Slugs and paths
# --------------------------------------------------------------------------------------------

SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
        ("NUL\x00byte", "nul-byte"),
        ("CON", "con-coe"),
        ("nul", "nul-coe"),
        ("com1", "com1-coe"),
        ("LPT9", "lpt9-coe"),
        ("", "coe"),
        ("   ", "coe"),
        ("東京の障害", "coe"),
        ("Ünïcödé Café", "unicode-cafe"),
        ("!!! ??? ...", "coe"),
        ("-- Checkout: down! --", "checkout-down"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("tab\tnew\nline", "tab-new-line"),
        ("ﬁnancial report", "financial-report"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug
    assert SAFE_SLUG.match(slugify(title))


def test_slug_of_a_long_title_is_at_most_60_chars_without_a_trailing_dash():
    title = ("word " * 40)[:200]
    assert len(title) == 200
    slug = slugify(title)
    assert len(slug) <= 60
    assert not slug.endswith("-")
    assert SAFE_SLUG.match(slug)
    assert slug == ("word-" * 12).rstrip("-")
    assert len(slugify("x" * 200)) == 60


@pytest.mark.parametrize("title", ["../../escape attempt", "/etc/passwd", "..", "a/../../b", "~/home"])
def test_path_tricks_in_the_title_stay_inside_the_directory(project, title):
    target = project / "d"
    path = new_file(invoke("new", title, "--no-input", "--dir", target))
    assert path.resolve().parent == target.resolve()
    assert listing(project) == [".coe.toml", "d", f"d/{path.name}"]


# --------------------------------------------------------------------------------------------
# Safety: concurrency, never overwrite, failures leave nothing behind
# --------------------------------------------------------------------------------------------

def test_concurrent_runs_take_distinct_ids(project):
    target = project / "coes"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    count = 6
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "coe", "new", f"Race {n}", "--no-input", "--json", "--dir", str(target)],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for n in range(count)
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in processes]
    assert [code for code, _, _ in results] == [0] * count, results
    payloads = [json.loads(out) for _, out, _ in results]
    ids = sorted(payload["id"] for payload in payloads)
    assert ids == [f"COE-{n:04d}" for n in range(1, count + 1)]
    files = sorted(p.name for p in target.iterdir())
    assert len(files) == count
    for payload in payloads:
        data = parse(Path(payload["path"]))
        assert data["id"] == payload["id"]
        assert Path(payload["path"]).name.startswith(payload["id"] + "-race-")
    assert sorted(parse(target / name)["title"] for name in files) == sorted(f"Race {n}" for n in range(count))


def test_never_overwrites_an_existing_file(project):
    target = project / "coes"
    target.mkdir()
    squatter = target / "COE-0001-checkout-down.yaml"
    squatter.write_text("# not a COE id inside\nid: OTHER-0001\n", encoding="utf-8")
    before = listing(project)
    result = invoke("new", "Checkout down", "--no-input", "--dir", target)
    assert result.exit_code == 2
    assert result.stderr == f"coe new: error: {squatter} already exists; coe never overwrites a COE\n"
    assert squatter.read_text(encoding="utf-8") == "# not a COE id inside\nid: OTHER-0001\n"
    assert listing(project) == before


def test_never_writes_through_a_dangling_symlink(project):
    target = project / "coes"
    target.mkdir()
    outside = project / "outside.yaml"
    (target / "COE-0001-x.yaml").symlink_to(outside)
    result = invoke("new", "X", "--no-input", "--dir", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert not outside.exists()
    assert (target / "COE-0001-x.yaml").is_symlink()


def test_new_file_permissions_are_readable(project):
    path = new_file(invoke("new", "Perms", "--no-input"))
    assert path.stat().st_mode & 0o777 == 0o644


def test_dir_that_is_a_file_exits_2_with_a_message(project):
    (project / "afile").write_text("", encoding="utf-8")
    result = invoke("new", "T", "--no-input", "--dir", project / "afile")
    assert result.exit_code == 2
    assert result.stderr.startswith("coe new: error: ")
    assert "Traceback" not in result.output


def test_failed_new_creates_no_directory(project):
    result = invoke("new", "T", "--no-input", "--template", "no-such-template")
    assert result.exit_code == 2
    assert listing(project) == [".coe.toml"]


# --------------------------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------------------------

LITE = """\
# yaml-language-server: $schema={{ schema_path }}
# postmortem-lite
format: 1
id: {{ id }}
title: {{ title | yaml_str }}
status: draft
severity: {{ severity }}
kind: {{ kind }}
authors: {{ authors | yaml_list }}
services: {{ services | yaml_list }}
incident:
  started_at: {{ started_at }}
"""


def user_templates(project: Path, files: dict[str, str]) -> Path:
    (project / ".coe.toml").write_text('templates_dir = "my-templates"\n', encoding="utf-8")
    for name, text in files.items():
        path = project / "my-templates" / "new" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project / "my-templates"


def test_user_template_overrides_the_builtin_default(project):
    user_templates(project, {"default.yaml.j2": LITE.replace("postmortem-lite", "our own default")})
    path = new_file(invoke("new", "Overridden", "--no-input", "--author", "me", "--started-at", "2026-01-01T00:00:00Z"))
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[1] == "# our own default"
    assert "# 1. What happened?" not in text
    assert parse(path) == {
        "format": 1, "id": "COE-0001", "title": "Overridden", "status": "draft", "severity": "SEV3",
        "kind": "technical", "authors": ["me"], "services": [],
        "incident": {"started_at": dt.datetime(2026, 1, 1, tzinfo=UTC)},
    }


def test_user_template_with_a_new_name(project):
    user_templates(project, {"postmortem-lite.yaml.j2": LITE})
    path = new_file(invoke("new", "Lite", "--no-input", "--template", "postmortem-lite"))
    assert path.read_text(encoding="utf-8").splitlines()[1] == "# postmortem-lite"
    assert load(path).ok
    # the built-in default is still there
    assert "# 1. What happened?" in new_file(invoke("new", "Full", "--no-input")).read_text(encoding="utf-8")


def test_user_template_can_extend_the_builtin_base(project):
    user_templates(project, {"extended.yaml.j2": (
        '{% extends "new/_base.yaml.j2" %}\n'
        "{% block lessons %}\n\n# 6. What lessons did we learn? (our wording)\nlessons_learned: []\n{% endblock %}\n"
    )})
    path = new_file(invoke("new", "Ext", "--no-input", "--template", "extended"))
    text = path.read_text(encoding="utf-8")
    assert "# 6. What lessons did we learn? (our wording)" in text
    assert "# 7. What corrective actions" in text
    assert parse(path)["lessons_learned"] == []
    assert load(path).ok


@pytest.mark.parametrize(
    ("template", "specific"),
    [
        ("security", ["  other: <credentials rotated, access revoked, forensic evidence kept>",
                      "  # What was exposed or could have been: data, credentials, systems? Was it exploited,"]),
        ("customer-service", ["  customers_affected: 1",
                              "# 2. What was the impact on the customer and on the business? Start with the customer: were they made safe and whole?"]),
    ],
)
def test_builtin_templates(project, template, specific):
    path = new_file(invoke("new", "Builtin", "--no-input", "--template", template))
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in specific:
        assert line in lines
    result = load(path)
    assert result.ok, result.problems
    assert [p for p in QUESTION_PREFIXES if any(line.startswith(p) for line in lines)] == list(QUESTION_PREFIXES)
    lint = invoke("lint", path)
    assert lint.exit_code == 0, lint.output


def new_with_broken_template(project, text: str):
    """`coe new` with a user template `broken` holding ``text``: (the files before, the result)."""
    user_templates(project, {"broken.yaml.j2": text})
    (project / "coes").mkdir()
    return listing(project), invoke("new", "T", "--no-input", "--template", "broken")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (LITE + "unknown_key: 1\n", "template `broken` renders an invalid COE (1 problem(s)); first at line 13, column 1: "),
        (LITE + "title: [unclosed\n", "template `broken` renders an invalid COE (1 problem(s)); first at line 14, column 1: "),
        (LITE.replace("severity: {{ severity }}", "severity: SEV9"), "template `broken` renders an invalid COE (1 problem(s)); first at line 7, column 11: "),
    ],
)
def test_user_template_rendering_an_invalid_coe_writes_nothing(project, text, message):
    before, result = new_with_broken_template(project, text)
    assert result.exit_code == 2
    assert result.stderr.startswith("coe new: error: " + message), result.stderr
    assert result.stderr.endswith(". No file was written.\n")
    assert result.stdout == ""
    assert listing(project) == before


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (LITE + "x_extra: {{ no_such_variable }}\n", "no_such_variable"),  # in Jinja's words, passed through
        (LITE + "{% if %}\n", ""),
    ],
)
def test_user_template_that_fails_to_render_writes_nothing(project, text, named):
    before, result = new_with_broken_template(project, text)
    assert result.exit_code == 2
    assert result.stderr.startswith("coe new: error: template `broken` failed to render: "), result.stderr
    assert named in result.stderr
    assert listing(project) == before


def test_unknown_template_exits_2(project):
    (project / "coes").mkdir()
    result = invoke("new", "T", "--no-input", "--template", "nope")
    assert result.exit_code == 2
    assert result.stderr == "coe new: error: no template `nope`: add `new/nope.yaml.j2` to your templates_dir\n"
    assert listing(project) == [".coe.toml", "coes"]


@pytest.mark.parametrize("name", ["../x", "../../templates/new/default", "new/default", "/etc/passwd", "default.yaml", "_base/../default", ".hidden", "", "a b"])
def test_template_names_with_path_tricks_are_refused(project, name):
    (project / "coes").mkdir()
    result = invoke("new", "T", "--no-input", "--template", name)
    assert result.exit_code == 2
    assert result.stderr == f"coe new: error: template name `{name}` may use only letters, digits, `-` and `_`\n"
    assert listing(project) == [".coe.toml", "coes"]
