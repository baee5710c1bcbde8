"""`coe schema`: export the JSON Schema of the COE format."""

from __future__ import annotations

import json
from pathlib import Path

from coe.commands.outcome import ExitCode, emit
from coe.document.model import COESchema

SCHEMA_ID = "https://coe.dev/schema/coe-1.schema.json"


def json_schema() -> dict:
    schema = COESchema.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "COE (Correction of Error) document, format 1",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema(output: Path | None) -> ExitCode:
    return emit("schema", schema_text(), output)
