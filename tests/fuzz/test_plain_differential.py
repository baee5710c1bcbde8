"""Differential test: coe.document.plain.build against coe.document.model, on drawn and perturbed data.

The property: whatever ``plain.build`` accepts, the Pydantic model accepts,
and both give the same values of the same types. ``plain.build`` may decline
what the model accepts (the loader then asks the model), but it must not
decline the native data a YAML file of a valid COE loads to: that is the
fast path every clean file should take.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from coe.document import model, plain, plain_types
from coe.yaml import reader

try:  # tests/fuzz is a package once it has an __init__.py
    from .strategies import coe_data, fuzz_settings
except ImportError:
    from strategies import coe_data, fuzz_settings

UTC = dt.timezone.utc
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))

# Values that are right in one field and wrong, or in need of conversion, in another.
NEAR_MISSES = (
    None, True, False, 0, 1, -1, 1.0, 0.5, 2**53, 2**53 + 1, -(2**53) - 1, 10**400, float("inf"), float("nan"),
    "", " ", "x", "1", "COE-1", "COE-1\n", "CA-1", "CA-1\n", "ca-1", "draft", "closed", "open", "done",
    "SEV1", "sev1", "prevent", "high", "technical", "2026-03-17", "2026-03-17T14:02:00Z", "2026-03-17 14:02",
    dt.date(2026, 3, 17), dt.datetime(2026, 3, 17, 14, 2), dt.datetime(2026, 3, 17, 14, 2, tzinfo=UTC),
    [], [None], ["x"], [{}], {}, {"x": 1}, {"id": "CA-2"}, {"name": "n", "value": 1},
    model.Status.DRAFT, model.ActionStatus.DONE, b"x",
)
EXTRA_KEYS = ("nosuch", "x_custom", "x_", "x_fields", 1, None, True, "id", "format")


def canonical(value: Any) -> Any:
    """A comparable form that keeps types: 1 and 1.0, or two UTC offsets, differ."""
    if isinstance(value, BaseModel):
        names = [name for name in type(value).model_fields]
        name = "COE" if type(value) is model.COESchema else type(value).__name__  # the document, in either tier
        return (name, {field: canonical(getattr(value, field)) for field in names})
    if isinstance(value, plain.Section):
        return (type(value).__name__, {name: canonical(getattr(value, name)) for name in value.__slots__})
    if isinstance(value, list):
        return ["list", *map(canonical, value)]
    if isinstance(value, dict):
        return ("dict", [(canonical(k), canonical(v)) for k, v in value.items()])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, repr(value))


def model_result(data: dict) -> model.COESchema | None:
    try:
        return model.COESchema.model_validate(data)
    except ValidationError:
        return None


@st.composite
def perturbed(draw, data: Any, depth: int = 0) -> Any:
    """``data`` with one value replaced, or one key added, somewhere inside it."""
    containers = isinstance(data, (dict, list)) and data and depth < 6
    if containers and draw(st.booleans()):
        if isinstance(data, dict):
            key = draw(st.sampled_from(list(data)))
            return {**data, key: draw(perturbed(data[key], depth + 1))}
        index = draw(st.integers(0, len(data) - 1))
        return [*data[:index], draw(perturbed(data[index], depth + 1)), *data[index + 1:]]
    if isinstance(data, dict) and draw(st.booleans()):
        return {**data, draw(st.sampled_from(EXTRA_KEYS)): draw(st.sampled_from(NEAR_MISSES))}
    return draw(st.sampled_from(NEAR_MISSES))


@fuzz_settings(150)
@given(coe_data())
def test_plain_accepts_every_valid_document_as_the_model_reads_it(data):
    built = plain.build(data)
    assert built is not None, "a valid COE as YAML loads it must take the fast path"
    assert canonical(built) == canonical(model.COESchema.model_validate(data))


@fuzz_settings(300)
@given(st.data())
def test_whatever_plain_accepts_the_model_accepts_with_equal_values(draw):
    data = draw.draw(perturbed(draw.draw(coe_data())))
    built = plain.build(data)
    if built is None:
        return
    validated = model_result(data)
    assert validated is not None, f"plain accepted what the model rejects: {data!r}"
    assert canonical(built) == canonical(validated)
    assert canonical(plain.from_model(validated)) == canonical(validated)


@fuzz_settings(150)
@given(coe_data())
def test_from_model_copies_what_the_model_built(data):
    validated = model.COESchema.model_validate(data)
    assert canonical(plain.from_model(validated)) == canonical(validated)


def locations(data: Any, path: tuple = ()) -> Iterator[tuple]:
    """Every place in ``data`` a value sits, once per schema location (the first item of each list)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from locations(value, (*path, key))
    elif isinstance(data, list) and data:
        yield (*path, 0)
        yield from locations(data[0], (*path, 0))


def replaced(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = replaced(data[head], tuple(rest), value)
    return copy


def schema_location(path: tuple) -> tuple:
    return tuple(step for step in path if isinstance(step, str))


def every_field(section: type[plain.Section] = plain.COE, prefix: tuple = ()) -> Iterator[tuple]:
    for name, field in section.fields.items():
        yield (*prefix, name)
        kind = field.type.type if isinstance(field.type, (plain_types.Nullable, plain_types.TypedList)) else field.type
        if isinstance(kind, plain_types.Nested):
            yield from every_field(kind.section, (*prefix, name))


def check_agreement(data: Any, where: str) -> None:
    built = plain.build(data)
    if built is not None:
        validated = model_result(data)
        assert validated is not None, f"plain accepted what the model rejects: {where}"
        assert canonical(built) == canonical(validated), where


def test_every_near_miss_in_every_field_of_the_examples():
    """Each value of NEAR_MISSES at each field, and each extra key in each mapping, of each example."""
    touched: set[tuple] = set()
    for example in EXAMPLES:
        data, _ = reader.load(example.read_text(encoding="utf-8"))
        assert plain.build(data) is not None, example.name
        for path in locations(data):
            touched.add(schema_location(path))
            for value in NEAR_MISSES:
                check_agreement(replaced(data, path, value), f"{example.name}: {path} = {value!r}")
        mappings = [()] + [path for path in locations(data) if isinstance(_at(data, path), dict)]
        for path in mappings:
            for key in EXTRA_KEYS:
                check_agreement(replaced(data, path, {**_at(data, path), key: "x"}), f"{example.name}: {path} + {key!r}")
    assert set(every_field()) <= touched, "the examples no longer reach every field"


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data
