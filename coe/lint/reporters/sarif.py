"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run. `tool.driver.rules` lists every coe rule, not only those that
fired, so a viewer can show the help of any rule. File locations are
relative to the directory `coe lint` ran in (`%SRCROOT%`) whenever they can
be, so the log is the same on every machine and matches the repository
paths code scanning expects. `originalUriBaseIds` describes `%SRCROOT%`
without an absolute `uri`: the SARIF spec lets a consumer (such as the
upload action, which knows the checkout) supply it, and leaving it out
keeps machine paths out of the log.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePath
from typing import TextIO
from urllib.parse import quote

from coe import __version__
from coe.lint.engine import LintReport
from coe.lint.registry import all_rules
from coe.lint.rule import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/coe-dev/coe"
RULES_DOC_URI = "https://github.com/coe-dev/coe/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "coeFinding/v1"

# Characters left readable in a relative URI path; everything else (space,
# `%`, `#`, `?`, `:`...) is percent-encoded. `:` must be, or `a:b.yaml`
# would read as a URI with scheme `a`.
_URI_SAFE = "/-._~!$&'()*+,;=@"


class Reporter:
    def __init__(self, **_: object) -> None:
        pass

    def write(self, report: LintReport, stream: TextIO) -> None:
        json.dump(sarif_log(report), stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def sarif_log(report: LintReport, cwd: Path | None = None) -> dict:
    rules = list(all_rules().values())
    index_of = {rule.name: index for index, rule in enumerate(rules)}
    cwd = cwd or Path.cwd()
    results = []
    for finding in report.findings:
        location = artifact_location(finding.path, cwd)
        physical: dict = {"artifactLocation": location}
        if finding.line >= 1:
            region = {"startLine": finding.line}
            if finding.column >= 1:
                region["startColumn"] = finding.column
            physical["region"] = region
        result: dict = {"ruleId": finding.rule}
        if finding.rule in index_of:
            result["ruleIndex"] = index_of[finding.rule]
        result["level"] = str(finding.severity)
        result["message"] = {"text": finding.message}
        result["locations"] = [{"physicalLocation": physical}]
        result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding.rule, location["uri"], finding.message)}
        results.append(result)
    run: dict = {
        "tool": {
            "driver": {
                "name": "coe",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The directory coe lint ran in (the repository root in CI)."}}
        },
        # Columns count Unicode code points (Python string indexes), not UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def artifact_location(path: str, cwd: Path) -> dict:
    """`{"uri": ..., "uriBaseId": "%SRCROOT%"}` for a relative path or one
    under `cwd`; an absolute `file:` URI only when it cannot be made relative."""
    relative = _relative_posix(path, cwd)
    if relative is not None:
        return {"uri": quote(relative, safe=_URI_SAFE), "uriBaseId": SRCROOT}
    return {"uri": Path(path).as_uri()}


def _relative_posix(path: str, cwd: Path) -> str | None:
    pure = PurePath(path)
    if not pure.is_absolute():
        return pure.as_posix()  # as given: relative to where coe ran
    # As given first; then with symlinks resolved (/tmp -> /private/tmp on macOS).
    for target, base in ((pure, PurePath(cwd)), (Path(path).resolve(), cwd.resolve())):
        try:
            return target.relative_to(base).as_posix()
        except ValueError:  # not under cwd, or another drive on Windows
            continue
    return None


def fingerprint(rule: str, uri: str, message: str) -> str:
    """Stable across runs and line moves: the rule, the file and the message."""
    return hashlib.sha256(f"{rule}\0{uri}\0{message}".encode()).hexdigest()


def _descriptor(rule: Rule) -> dict:
    explanation = _unwrap(rule.explanation()) or rule.summary
    bad, good = rule.examples()
    text, markdown = [explanation], [explanation]
    for label, example in (("Bad", bad), ("Good", good)):
        if example:
            text += [f"{label}:", _indent(example)]
            markdown += [f"{label}:", f"```yaml\n{example}\n```"]
    return {
        "id": rule.name,
        "name": _pascal(rule.name),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": explanation},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)},
        "helpUri": f"{RULES_DOC_URI}#{rule.name}",
        "defaultConfiguration": {"level": str(rule.default_severity)},
        "properties": {"tags": [str(rule.group)]},
    }


def _unwrap(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph: viewers wrap for themselves."""
    paragraphs = [paragraph.split("\n") for paragraph in text.split("\n\n")]
    return "\n\n".join(" ".join(line.strip() for line in lines) for lines in paragraphs)


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())
