"""`coe new`: scaffold the next COE from a template, safely.

The id is the next free number among the ids written *inside* the files of
the COE directory. Two runs at once cannot take the same id: the scan and
the write happen under an exclusive lock on the directory, and the file is
created with an exclusive hard link of a fully written temporary file, so it
appears complete or not at all and never replaces anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from coe.commands.outcome import ExitCode, fail
from coe.config import Config, ConfigError, load_config
from coe.document.vocabulary import Kind, Severity
from coe.fileio import locked_directory
from coe.printable import printable

SCHEMA_FILE = "coe.schema.json"
SLUG_MAX = 60
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


class NewError(Exception):
    """Why a COE could not be created; printed as is, exit 2."""


@dataclass
class NewRequest:
    title: str | None = None
    severity: str | None = None
    kind: str | None = None
    services: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    started_at: str | None = None
    directory: Path | None = None
    template: str = "default"
    interactive: bool = True
    json_output: bool = False
    config: Path | None = None


def run_new(request: NewRequest) -> int:
    try:
        config = load_config(request.config)
        if request.interactive:
            _ask(request)
        values = _values(request)
        created = create(values, request.directory or config.coe_directory, config, request.template)
    except (NewError, ConfigError) as exc:
        return fail("new", str(exc))
    except OSError as exc:
        from coe.fileio import write_error_message

        return fail("new", write_error_message(exc, request.directory or "the COE directory"))
    if request.json_output:
        print(json.dumps({"id": created.id, "path": str(created.path)}))
    else:
        print(created.path)
    return ExitCode.CLEAN


@dataclass
class Created:
    id: str
    path: Path


def create(values: dict, directory: Path, config: Config, template: str) -> Created:
    """Render ``template`` with the next free id and write it into ``directory``."""
    env = _environment(config)
    made_directory = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        return _create_in(directory, values, config, env, template)
    except (NewError, OSError):
        if made_directory:
            with suppress(OSError):
                directory.rmdir()  # leave nothing behind, as if never run
        raise


def _create_in(directory: Path, values: dict, config: Config, env, template: str) -> Created:
    with locked_directory(directory):
        coe_id = next_id(directory, config.id_prefix)
        schema = os.path.relpath(config.coe_directory / SCHEMA_FILE, directory)
        text = _render(env, template, {**values, "id": coe_id, "schema_path": Path(schema).as_posix()})
        path = directory / f"{coe_id}-{slugify(values['title'])}.yaml"
        _write_new(path, text)
    return Created(coe_id, path)


def _environment(config: Config):
    from coe.templating import environment

    return environment(config.user_templates_dir())


def _render(env, template: str, values: dict) -> str:
    import jinja2

    from coe.document.loader import load_text

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", template):
        raise NewError(f"template name `{template}` may use only letters, digits, `-` and `_`")
    name = f"new/{template}.yaml.j2"
    try:
        text = env.get_template(name).render(**values)
    except jinja2.TemplateNotFound:
        raise NewError(f"no template `{template}`: add `{name}` to your templates_dir") from None
    except jinja2.TemplateError as exc:
        raise NewError(f"template `{template}` failed to render: {exc}") from None
    problems = load_text(text, f"<template {template}>").problems
    if problems:
        first = problems[0]
        raise NewError(
            f"template `{template}` renders an invalid COE ({len(problems)} problem(s)); "
            f"first at line {first.line}, column {first.column}: {first.message}. No file was written."
        )
    return text


# An id's number longer than this cannot be a count of COEs: it is a typo or an attack.
MAX_ID_DIGITS = 18


def next_id(directory: Path, prefix: str) -> str:
    """The next id after the highest ``PREFIX-N`` written inside the COE files."""
    from coe.document.discovery import read_id

    pattern = re.compile(rf"{re.escape(prefix)}-([0-9]+)")
    highest = 0
    for path in _yaml_files(directory):
        match = pattern.fullmatch(read_id(path) or "")
        if match and len(match.group(1).lstrip("0")) > MAX_ID_DIGITS:
            raise NewError(
                f"{path} has the id {printable(match.group(0), 40)}, whose number is too long to count on from; "
                f"give it an id of at most {MAX_ID_DIGITS} digits, or pass --dir to start elsewhere"
            )
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}-{highest + 1:04d}"


def _yaml_files(directory: Path) -> Iterator[Path]:
    from coe.document.discovery import find_coe_files

    yield from find_coe_files([directory])


def slugify(title: str) -> str:
    """An ASCII, lowercase file-name part, safe from path tricks, never empty."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    slug = slug[:SLUG_MAX].rstrip("-")
    if not slug or slug in WINDOWS_RESERVED:
        return "coe" if not slug else f"{slug}-coe"
    return slug


def _write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``, complete or not at all, never replacing a file."""
    from coe.fileio import create_text_exclusive

    try:
        create_text_exclusive(path, text)
    except FileExistsError:
        raise NewError(f"{path} already exists; coe never overwrites a COE") from None


def _values(request: NewRequest) -> dict:
    if not request.title or not request.title.strip():
        raise NewError("a title is required: `coe new \"Checkout failures after cache eviction\"`")
    _require_text("the title", [request.title])
    _require_text("--service", request.services)
    _require_text("--author", request.authors)
    severity = request.severity or Severity.SEV3.value
    if severity not in Severity.__members__.values():
        raise NewError(f"severity `{severity}` is not one of: {', '.join(s.value for s in Severity)}")
    kind = request.kind or Kind.TECHNICAL.value
    if kind not in [k.value for k in Kind]:
        raise NewError(f"kind `{kind}` is not one of: {', '.join(k.value for k in Kind)}")
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    return {
        "title": request.title.strip(),
        "severity": severity,
        "kind": kind,
        "services": request.services,
        "authors": request.authors or [_default_author()],
        "started_at": _timestamp(request.started_at) if request.started_at else now.isoformat(),
        "created_at": now.isoformat(),
    }


def _require_text(what: str, values: list[str]) -> None:
    """Refuse bytes that are not UTF-8 (a shell passes them on as lone surrogates)."""
    for value in values:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise NewError(f"{what} {value!r} is not valid UTF-8 text; retype it") from None


def _timestamp(text: str) -> str:
    """An ISO 8601 timestamp; one without an offset is taken as the author's local time."""
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        if value.tzinfo is None:
            value = value.astimezone()
        value.astimezone(dt.timezone.utc)  # the instant must exist in UTC too, as the format stores it
    except (ValueError, OverflowError):
        shown = printable(text, 60)
        raise NewError(f"--started-at `{shown}` is not a timestamp; write it like 2026-11-20T14:00:00Z") from None
    return value.isoformat().replace("+00:00", "Z")


def _default_author() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or "author"


def _ask(request: NewRequest) -> None:
    """Prompt for every value not given as a flag."""
    from rich.prompt import Prompt

    request.title = request.title or Prompt.ask("Title (one line: what went wrong)")
    request.severity = request.severity or Prompt.ask(
        "Severity", choices=[s.value for s in Severity], default=Severity.SEV3.value
    )
    request.kind = request.kind or Prompt.ask("Kind", choices=[k.value for k in Kind], default=Kind.TECHNICAL.value)
    if not request.services:
        request.services = _split(Prompt.ask("Services affected (comma-separated)", default=""))
    if not request.started_at:
        now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
        request.started_at = Prompt.ask("When did it start?", default=now)
    if not request.authors:
        request.authors = _split(Prompt.ask("Authors (comma-separated)", default=_default_author()))


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
