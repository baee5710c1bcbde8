"""Pydantic validation errors, rewritten as messages a COE author can act on."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

EXAMPLE_TIMESTAMP = "2026-11-20T14:00:00Z"


def describe(error: ErrorDetails) -> tuple[tuple, str, bool]:
    """(path in the document, message, whether to point at the key)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return loc, _unknown_key(loc), True
    if kind == "missing":
        return loc[:-1], f"missing required key `{loc[-1]}`", True
    if kind == "timezone_aware":
        return loc, f"timestamp has no UTC offset: write {_with_offset(error.get('input'))}", False
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern")
        value = _shown(error.get("input"))
        return loc, f"{value} is not a valid `{_dotted(loc)}`: it must match {pattern}{_pattern_hint(loc)}", False
    return loc, value_message(error, f"`{_dotted(loc)}`"), False


def value_message(error: ErrorDetails, name: str) -> str:
    """coe's words for a wrong value of the setting or field ``name``, whatever Pydantic's wording."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind == "enum":
        allowed = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"{_shown(value)} is not a valid {name}; use one of: {allowed}"
    if kind == "literal_error":
        return f"{name} must be {ctx.get('expected')}, not {_shown(value)}"
    if kind.startswith(("datetime_", "date_")):
        wanted = "date like 2026-12-15" if kind.startswith("date_") else f"timestamp like {EXAMPLE_TIMESTAMP}"
        return f"{name} must be a {wanted}, not {_shown(value)}"
    if kind == "value_error":  # raised by our own validators, in our own words
        return f"{name}: {error['msg'].removeprefix('Value error, ')}"
    if kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        return f"{name} must be {word} {ctx.get(key)}, not {_shown(value)}"
    if kind == "finite_number":
        return f"{name} must be a finite number, not {_shown(value)}"
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return f"{name} is too large for a number ({len(str(abs(value)))} digits); write it with fewer digits"
    if kind in _TYPE_NAMES:
        return f"{name} must be {_TYPE_NAMES[kind]}, not {_type_of(value)}"
    return f"{name}: {error['msg']}"  # a kind coe has no words for yet


_BOUNDS = {
    "greater_than": ("greater than", "gt"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "less_than_equal": ("at most", "le"),
}

_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "string_too_short": "non-empty text",
}


def _type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.datetime):
        return "a timestamp"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return _shown(value)


def _shown(value: Any) -> str:
    text = str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


def _dotted(loc: tuple) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
        else:
            parts.append(str(step))
    return ".".join(parts)


def _with_offset(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00Z"
    return EXAMPLE_TIMESTAMP


def _pattern_hint(loc: tuple) -> str:
    if loc and loc[-1] == "id":
        return " (for example CA-1)" if "corrective_actions" in loc else " (for example COE-0042)"
    return ""


_LONGEST_SUGGESTED = 100


def _unknown_key(loc: tuple) -> str:
    key = str(loc[-1])
    known = _known_keys(loc[:-1])
    message = f"unknown key {_shown(key)}"
    # A key far longer than any known one matches none; difflib would take seconds on megabytes of it.
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if len(key) <= _LONGEST_SUGGESTED else []
    if match:
        return f"{message} (did you mean `{match[0]}`?)"
    if len(loc) == 1:
        return f"{message}; custom top-level fields must start with `x_`"
    return f"{message}; allowed here: {', '.join(known)}"


def _known_keys(loc: tuple) -> list[str]:
    """The field names of the model that the mapping at ``loc`` is validated as."""
    from coe.document.model import COESchema

    model: type[BaseModel] | None = COESchema
    for step in loc:
        if isinstance(step, int) or model is None:
            continue
        field = model.model_fields.get(str(step))
        model = _model_in(field.annotation) if field else None
    if model is None:
        return []
    return [name for name in model.model_fields if name != "x_fields"]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None
