"""`coe schema`: export the JSON Schema of the COE format."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from coe.model import COE

SCHEMA_ID = "https://coe.dev/schema/coe-1.schema.json"
EXIT_OK, EXIT_USAGE = 0, 2


def json_schema() -> dict:
    schema = COE.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "COE (Correction of Error) document, format 1",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema(output: Path | None) -> int:
    text = schema_text()
    if output is None:
        print(text, end="")
        return EXIT_OK
    from coe.fileio import write_error_message, write_text_atomic

    try:
        write_text_atomic(output, text)
    except OSError as exc:
        print(f"coe schema: error: {write_error_message(exc, output)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
