"""Every output format, byte for byte against golden files, plus format checks.

The goldens come from linting the two files in tests/golden/input/ from a
temporary working directory, so every path is relative and the output is
the same on every machine. After an intended change of output, rewrite
them with:

    COE_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py

and review the diff.

tests/sarif-2.1.0.json is the SARIF 2.1.0 JSON schema as shipped in the npm
package @microsoft/sarif-multitool-linux, version 5.7.0 (file
package/sarif-2.1.0.json; sha256 1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c),
fetched with `npm pack @microsoft/sarif-multitool-linux@5.7.0`. The package is
built from https://github.com/microsoft/sarif-sdk (MIT). It declares JSON
Schema draft 2020-12, so the validator is chosen from its `$schema`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from coe.config import Config
from coe.document.discovery import find_coe_files
from coe.document.findings import Finding, Level
from coe.lint.engine import LintReport, LintSettings, lint_paths
from coe.lint.registry import all_rules
from coe.lint.reporters import FORMATS, reporter_for
from coe.lint.reporters.sarif import artifact_location

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"
INPUT = GOLDEN / "input"
SARIF_SCHEMA = TESTS / "sarif-2.1.0.json"
TODAY = dt.date(2026, 7, 1)
UPDATE = os.environ.get("COE_UPDATE_GOLDEN") == "1"

GOLDEN_FILES = {
    "text": "report.txt",
    "json": "report.json",
    "github": "report.github.txt",
    "sarif": "report.sarif",
    "junit": "report.junit.xml",
}

CLEAN = "COE-0101-clean.yaml"
FINDINGS = "COE-0102-findings.yaml"
PLACEHOLDER_MESSAGE = 'replace the placeholder `<see ticket & "notes", 100%: ok>` with real text'
BLAME_MESSAGE = "`human\nerror` blames a person; ask what in the system allowed it, and write that instead"


@pytest.fixture
def linted(tmp_path, monkeypatch) -> tuple[LintReport, list[str]]:
    """The golden input linted from a scratch directory, and the paths linted."""
    for source in sorted(INPUT.glob("*.yaml")):
        shutil.copyfile(source, tmp_path / source.name)
    monkeypatch.chdir(tmp_path)
    files = find_coe_files(["."])
    report = lint_paths(files, LintSettings.build(Config(), today=TODAY))
    return report, [str(path) for path in files]


def render(output_format: str, report: LintReport, paths: list[str] | None = None) -> str:
    options = {"text": {"color": False}, "junit": {"paths": paths}}.get(output_format, {})
    buffer = io.StringIO()
    reporter_for(output_format, **options).write(report, buffer)
    return buffer.getvalue()


def test_every_format_has_a_golden_file():
    assert set(GOLDEN_FILES) == set(FORMATS)


def test_the_golden_input_exercises_what_the_goldens_are_for(linted):
    report, paths = linted
    assert paths == [CLEAN, FINDINGS]
    assert report.files == 2
    assert (report.errors, report.warnings) == (2, 3)
    assert {finding.path for finding in report.findings} == {FINDINGS}
    by_rule = {finding.rule: finding for finding in report.findings}
    assert by_rule["placeholder-text"].message == PLACEHOLDER_MESSAGE
    assert by_rule["placeholder-text"].severity is Level.ERROR
    assert by_rule["blame-language"].message == BLAME_MESSAGE
    assert by_rule["blame-language"].severity is Level.WARNING
    assert set(by_rule) == {
        "related-unknown",
        "placeholder-text",
        "blame-language",
        "unused-suppression",
        "action-due-missing",
    }


@pytest.mark.parametrize("output_format", sorted(GOLDEN_FILES))
def test_output_matches_golden_file(output_format, linted):
    report, paths = linted
    output = render(output_format, report, paths).encode("utf-8")
    golden = GOLDEN / GOLDEN_FILES[output_format]
    if UPDATE:
        golden.write_bytes(output)
    assert golden.exists(), f"{golden} is missing; run with COE_UPDATE_GOLDEN=1 to write it"
    assert output == golden.read_bytes(), f"{output_format} output differs from {golden.name}"


def test_output_does_not_depend_on_the_working_directory_name(linted, tmp_path, monkeypatch):
    report, paths = linted
    first = {name: render(name, report, paths) for name in GOLDEN_FILES}
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(tmp_path, elsewhere, ignore=shutil.ignore_patterns("elsewhere"))
    monkeypatch.chdir(elsewhere)
    files = find_coe_files(["."])
    again = lint_paths(files, LintSettings.build(Config(), today=TODAY))
    assert {name: render(name, again, [str(path) for path in files]) for name in GOLDEN_FILES} == first


# --- text and json ---------------------------------------------------------


def test_text_plain_has_one_line_per_finding_and_a_summary(linted):
    report, _ = linted
    lines = render("text", report).splitlines()
    assert "\x1b" not in "".join(lines)
    assert lines[-1] == "2 files checked: 2 errors, 3 warnings."
    assert f"{FINDINGS}:16:12: error placeholder-text: {PLACEHOLDER_MESSAGE}" in lines


def test_json_round_trips_the_messages(linted):
    report, _ = linted
    document = json.loads(render("json", report))
    assert document["summary"] == {"files": 2, "errors": 2, "warnings": 3}
    assert [item["message"] for item in document["findings"]] == [f.message for f in report.findings]


# --- github ----------------------------------------------------------------


def test_github_escapes_the_message(linted):
    report, _ = linted
    lines = render("github", report).splitlines()
    assert len(lines) == len(report.findings)  # the newline in a message did not split a command
    assert (
        f"::error file={FINDINGS},line=16,col=12,title=coe placeholder-text::"
        'replace the placeholder `<see ticket & "notes", 100%25: ok>` with real text'
    ) in lines
    assert any("::`human%0Aerror` blames a person" in line for line in lines)


def test_github_escapes_properties():
    report = LintReport(
        [Finding("dir,1/a:b%c.yaml", 3, 4, "blame-language", "50%, then: x\r\ny", Level.WARNING)],
        files=1,
    )
    assert render("github", report) == (
        "::warning file=dir%2C1/a%3Ab%25c.yaml,line=3,col=4,title=coe blame-language::50%25, then: x%0D%0Ay\n"
    )


# --- sarif -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def assert_valid_sarif(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_the_vendored_schema_is_the_sarif_2_1_0_schema():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"run", "result", "reportingDescriptor", "artifactLocation"} <= set(schema["definitions"])


def test_the_schema_catches_a_broken_log(sarif_validator, linted):
    report, _ = linted
    log = json.loads(render("sarif", report))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(log))) == 2


def test_sarif_is_valid(sarif_validator, linted):
    report, _ = linted
    log = json.loads(render("sarif", report))
    assert_valid_sarif(sarif_validator, log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].startswith("https://")
    assert len(log["runs"]) == 1


def test_sarif_with_no_findings_is_valid(sarif_validator):
    log = json.loads(render("sarif", LintReport([], files=3)))
    assert_valid_sarif(sarif_validator, log)
    assert log["runs"][0]["results"] == []


def test_sarif_lists_every_rule_with_its_help(linted):
    report, _ = linted
    driver = json.loads(render("sarif", report))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "coe"
    from coe import __version__

    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/coe-dev/coe"
    rules = all_rules()
    assert [descriptor["id"] for descriptor in driver["rules"]] == list(rules)
    for descriptor in driver["rules"]:
        rule = rules[descriptor["id"]]
        assert descriptor["helpUri"] == f"https://github.com/coe-dev/coe/blob/main/docs/rules.md#{rule.name}"
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == str(rule.default_severity)
        bad, good = rule.examples()
        assert bad.splitlines()[0] in descriptor["help"]["text"]
        assert f"```yaml\n{good}\n```" in descriptor["help"]["markdown"]


def test_sarif_results_point_at_their_rule_and_place(linted):
    report, _ = linted
    run = json.loads(render("sarif", report))["runs"][0]
    results = run["results"]
    assert len(results) == len(report.findings)
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(results, report.findings):
        assert result["ruleId"] == finding.rule
        assert rules[result["ruleIndex"]]["id"] == finding.rule
        assert result["level"] == str(finding.severity)
        assert result["message"]["text"] == finding.message
        location = result["locations"][0]["physicalLocation"]
        assert location["region"] == {"startLine": finding.line, "startColumn": finding.column}


def test_sarif_uris_are_relative_to_srcroot(linted):
    report, _ = linted
    run = json.loads(render("sarif", report))["runs"][0]
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": FINDINGS, "uriBaseId": "%SRCROOT%"}


def test_sarif_paths_under_the_working_directory_become_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "coes" / "COE-0001 a:b#c%.yaml"
    assert artifact_location(str(inside), Path.cwd()) == {
        "uri": "coes/COE-0001%20a%3Ab%23c%25.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert artifact_location("coes/sub/x.yaml", Path.cwd()) == {"uri": "coes/sub/x.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("../other/x.yaml", Path.cwd()) == {"uri": "../other/x.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_paths_outside_the_working_directory_stay_absolute(tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outside = tmp_path / "elsewhere" / "x.yaml"
    location = artifact_location(str(outside), Path.cwd())
    assert location == {"uri": outside.as_uri()}
    assert location["uri"].startswith("file:///")


def test_sarif_fingerprints_are_stable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def fingerprint(path: str, line: int, message: str) -> str:
        report = LintReport([Finding(path, line, 1, "syntax", message)], files=1)
        return json.loads(render("sarif", report))["runs"][0]["results"][0]["partialFingerprints"]["coeFinding/v1"]

    first = fingerprint("a.yaml", 3, "broken")
    assert first == hashlib.sha256(b"syntax\0a.yaml\0broken").hexdigest()
    assert fingerprint("a.yaml", 30, "broken") == first  # a finding that moved is the same finding
    assert fingerprint(str(tmp_path / "a.yaml"), 3, "broken") == first
    assert fingerprint("b.yaml", 3, "broken") != first
    assert fingerprint("a.yaml", 3, "broken too") != first


# --- junit -----------------------------------------------------------------


def test_junit_has_one_test_case_per_file_and_one_failure_per_error(linted):
    report, paths = linted
    root = ET.fromstring(render("junit", report, paths))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "coe lint"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == [CLEAN, FINDINGS]
    assert all(case.get("classname") == "coe" for case in cases.values())
    assert list(cases[CLEAN]) == []
    failures = cases[FINDINGS].findall("failure")
    errors = [finding for finding in report.findings if finding.severity is Level.ERROR]
    assert [(f.get("type"), f.get("message")) for f in failures] == [(e.rule, e.message) for e in errors]
    assert failures[0].text == f"{FINDINGS}:16:12: placeholder-text: {PLACEHOLDER_MESSAGE}"
    out = cases[FINDINGS].find("system-out").text
    warnings = [finding for finding in report.findings if finding.severity is Level.WARNING]
    assert out == "".join(f"{finding}\n" for finding in warnings)
    assert BLAME_MESSAGE.replace("\n", "\\n") in out  # escaped: a line of text output is one finding


def test_junit_lists_every_linted_file_from_the_report(linted):
    report, paths = linted
    suite = ET.fromstring(render("junit", report)).find("testsuite")
    assert [case.get("name") for case in suite.findall("testcase")] == paths
    assert suite.get("tests") == str(len(paths))


def test_junit_of_a_report_without_paths_lists_the_files_with_findings(linted):
    report, _ = linted
    bare = LintReport(report.findings, files=report.files)
    suite = ET.fromstring(render("junit", bare)).find("testsuite")
    assert [case.get("name") for case in suite.findall("testcase")] == [FINDINGS]
    assert suite.get("tests") == "1"


def test_junit_warnings_alone_do_not_fail():
    report = LintReport([Finding("a.yaml", 1, 1, "blame-language", "careless", Level.WARNING)], files=1)
    suite = ET.fromstring(render("junit", report, ["a.yaml"])).find("testsuite")
    assert suite.get("failures") == "0"
    assert suite.find("testcase/failure") is None
    assert suite.find("testcase/system-out").text == "a.yaml:1:1: warning blame-language: careless\n"


def test_junit_keeps_newlines_and_drops_what_xml_cannot_hold():
    message = 'line one\nline <two> & "three"\x07'
    report = LintReport([Finding("a&b.yaml", 2, 5, "placeholder-text", message)], files=1)
    output = render("junit", report, ["a&b.yaml"])
    case = ET.fromstring(output).find("testsuite/testcase")
    assert case.get("name") == "a&b.yaml"
    failure = case.find("failure")
    assert failure.get("message") == 'line one\nline <two> & "three"\ufffd'
    assert failure.text == 'a&b.yaml:2:5: placeholder-text: line one\nline <two> & "three"\ufffd'
