"""coe.document.plain, the Pydantic-free documents, held to coe.document.model, the schema.

The first tests derive each section's fields from the Pydantic model and
compare them with ``coe.document.plain``: a field added to or changed in the model
and not in plain.py fails here, naming the field. The rest pin what
``plain.build`` accepts and declines, and that a declined document still
loads through the model into the same plain objects.
``tests/fuzz/test_plain_differential.py`` checks the values with Hypothesis.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import Enum

import pytest
from pydantic import AwareDatetime, BaseModel, BeforeValidator

from coe import config, config_schema
from coe.document import model, plain
from coe.document.findings import Level
from coe.document.loader import load_text

MODEL_SECTIONS = {
    cls.__name__: cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, model.Section) and cls is not model.Section
}


def derived_type(annotation, metadata: list) -> plain.Type:
    """The plain type that behaves as the model's annotation does, or AssertionError."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return derived_type(args[0], [*args[1:], *metadata])
    flat = [inner for item in metadata for inner in (getattr(item, "metadata", None) or [item])]
    before = [item.func for item in flat if isinstance(item, BeforeValidator)]
    constraints: dict = {}
    for item in flat:
        if not isinstance(item, BeforeValidator):
            constraints.update(dataclasses.asdict(item) if dataclasses.is_dataclass(item) else vars(item))
    shape = (annotation, tuple(before), constraints)
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        (inner,) = (arg for arg in args if arg is not type(None))
        if before == [model._none_as_empty_list] and not constraints and typing.get_origin(inner) is list:
            return plain.ListOf(derived_type(typing.get_args(inner)[0], []))
        assert not before and not constraints, f"plain.py does not know {shape}"
        return plain.Optional(derived_type(inner, []))
    if origin is list and not before and not constraints:
        return plain.List(derived_type(args[0], []))
    if origin is dict and args[0] is str and not before and not constraints:
        return plain.Dict(derived_type(args[1], []))
    if origin is typing.Literal and len(args) == 1 and not before and not constraints:
        return plain.Exactly(args[0])
    if annotation is typing.Any and not before and not constraints:
        return plain.Anything()
    if annotation is AwareDatetime and before == [model._not_a_number] and not constraints:
        return plain.AwareTimestamp()
    if annotation is dt.date and before == [model._a_date_not_a_timestamp] and not constraints:
        return plain.Date()
    if annotation is int and not before and constraints == {"strict": True, "ge": 0}:
        return plain.Int(0)
    if annotation is int and not before and constraints == {"gt": 0}:
        return plain.Int(1)  # lax: plain takes only an exact int and leaves "5" or 5.0 to the model
    if annotation is float and not before and constraints == {"strict": True, "allow_inf_nan": False}:
        return plain.FiniteFloat()
    if annotation is str and not before and set(constraints) <= {"pattern", "min_length"}:
        return plain.Str(**constraints)
    if isinstance(annotation, type) and issubclass(annotation, Enum) and not before and not constraints:
        return plain.OneOf(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not before and not constraints:
        return plain.Nested(plain.SECTIONS[annotation.__name__])
    raise AssertionError(f"plain.py does not know {shape}: teach coe/document/plain.py and this test")


def derived_fields(section: type[BaseModel]) -> dict[str, plain.Field]:
    fields = {}
    for name, info in section.model_fields.items():
        if section is model.COE and name == "x_fields":
            continue  # the `x_*` keys; checked in test_custom_fields_are_collected_the_same_way
        default = plain.REQUIRED if info.is_required() else info.default
        assert info.default_factory is None, f"{section.__name__}.{name}: plain.py has no default factories"
        fields[name] = plain.Field(derived_type(info.annotation, list(info.metadata)), default)
    return fields


def test_every_model_section_has_a_plain_twin():
    assert set(plain.SECTIONS) == set(MODEL_SECTIONS)


@pytest.mark.parametrize("name", sorted(MODEL_SECTIONS))
def test_plain_fields_match_the_model(name):
    derived = derived_fields(MODEL_SECTIONS[name])
    fields = plain.SECTIONS[name].fields
    assert list(fields) == list(derived), "same fields, in the same order"
    for field, expected in derived.items():
        assert fields[field] == expected, f"{name}.{field}"


@pytest.mark.parametrize("name", sorted(MODEL_SECTIONS))
def test_model_sections_forbid_unknown_keys_and_have_no_other_validators(name):
    section = MODEL_SECTIONS[name]
    assert section.model_config.get("extra") == "forbid"
    assert not section.model_config.get("strict")
    decorators = section.__pydantic_decorators__
    assert not decorators.field_validators and not decorators.validators
    expected = {"_collect_custom_fields"} if section is model.COE else set()
    assert set(decorators.model_validators) == expected


def test_custom_fields_are_collected_the_same_way():
    info = model.COE.model_fields["x_fields"]
    assert info.annotation == dict[str, typing.Any] and info.default_factory is dict
    assert plain.COE.__slots__[-1] == "x_fields"


def test_config_fields_match_the_config_schema():
    derived = derived_fields(config_schema.ConfigSchema)
    validators = config_schema.ConfigSchema.__pydantic_decorators__.field_validators
    assert {name: v.info.fields for name, v in validators.items()} == {"_non_empty": ("categories",)}
    derived["categories"] = plain.Field(plain.Optional(plain.List(plain.Str(), min_length=1)), None)
    assert config_schema.ConfigSchema.model_config.get("extra") == "forbid"
    assert list(config.FIELDS) == list(derived)
    for name, expected in derived.items():
        assert config.FIELDS[name] == expected, name


def test_the_derivation_notices_a_type_plain_does_not_know():
    with pytest.raises(AssertionError, match="plain.py does not know"):
        derived_type(int, [])  # an int with no constraints is not a field of the format


MINIMAL = {"format": 1, "id": "COE-1", "title": "t", "status": "draft", "severity": "SEV3"}
UTC = dt.timezone.utc


def test_build_accepts_native_data_and_fills_the_defaults():
    document = plain.build({**MINIMAL, "corrective_actions": [{"id": "CA-1"}], "x_team": {"a": 1}, "tags": None})
    assert document.status is model.Status.DRAFT
    assert document.kind is None and document.incident is None
    assert document.tags == [] and document.authors == []
    (action,) = document.corrective_actions
    assert type(action) is plain.CorrectiveAction
    assert action.status is model.ActionStatus.OPEN and action.due is None
    assert document.x_fields == {"x_team": {"a": 1}}


def test_defaults_are_not_shared_between_documents():
    first, second = plain.build(MINIMAL), plain.build(MINIMAL)
    first.tags.append("x")
    assert second.tags == []


def test_metric_ints_become_floats_as_in_the_model():
    document = plain.build({**MINIMAL, "impact": {"metrics": [{"name": "orders", "value": 3}]}})
    value = document.impact.metrics[0].value
    assert type(value) is float and value == 3.0


@pytest.mark.parametrize(
    "change",
    [
        {"format": 1.0},  # the model converts these three; plain leaves them to it
        {"format": True},
        {"incident": {"started_at": "2026-03-17T14:02:00Z"}},
        {"corrective_actions": [{"id": "CA-1", "due": "2026-12-15"}]},
        {"impact": {"metrics": [{"name": "n", "value": 2**53 + 1}]}},
        {"id": "COE-1\n"},  # the model rejects these
        {"title": ""},
        {"title": 5},
        {"status": "open"},
        {"nosuch": 1},
        {1: "x"},
        {"incident": {"started_at": dt.datetime(2026, 3, 17)}},  # no offset
        {"corrective_actions": [{"id": "CA-1", "due": dt.datetime(2026, 3, 17, tzinfo=UTC)}]},
        {"impact": {"customers_affected": True}},
        {"impact": {"customers_affected": -1}},
        {"impact": {"metrics": [{"name": "n", "value": float("inf")}]}},
        {"tags": "one"},
        {"incident": []},
    ],
    ids=repr,
)
def test_build_declines_what_needs_the_model(change):
    assert plain.build({**MINIMAL, **change}) is None


def test_build_declines_a_missing_required_field():
    data = dict(MINIMAL)
    del data["severity"]
    assert plain.build(data) is None


QUOTED = """\
format: 1
id: COE-7
title: Quoted timestamps
status: approved
severity: SEV2
incident:
  started_at: "2026-03-17T14:02:00Z"
corrective_actions:
  - id: CA-1
    due: "2026-12-15"
"""


def test_a_document_the_model_converts_loads_as_plain_objects():
    result = load_text(QUOTED)
    assert result.problems == []
    document = result.document.coe
    assert type(document) is plain.COE and type(document.incident) is plain.Incident
    assert document.status is model.Status.APPROVED
    assert document.incident.started_at == dt.datetime(2026, 3, 17, 14, 2, tzinfo=UTC)
    assert document.corrective_actions[0].due == dt.date(2026, 12, 15)
    assert type(document.corrective_actions[0]) is plain.CorrectiveAction


def test_from_model_copies_every_field():
    data = {**MINIMAL, "what_happened": {"timeline": [{"event": "e"}]}, "x_a": [1]}
    copied = plain.from_model(model.COE.model_validate(data))
    assert copied == plain.build(data)
    assert copied.what_happened.timeline[0].event == "e"


def test_a_document_the_model_rejects_gets_its_findings():
    result = load_text(MINIMAL_TEXT.replace("severity: SEV3", "severity: SEV9"))
    assert [(p.line, p.column, p.rule) for p in result.problems] == [(5, 11, "schema")]
    assert "SEV1" in result.problems[0].message


MINIMAL_TEXT = "format: 1\nid: COE-1\ntitle: t\nstatus: draft\nseverity: SEV3\n"


def test_config_converts_what_plain_declines_and_explains_what_is_wrong():
    assert config.Config(max_file_size="2048").max_file_size == 2048  # the schema converts
    assert config.Config(severity={"schema": "warning"}).severity == {"schema": Level.WARNING}
    with pytest.raises(config.ConfigError) as caught:
        config.Config(categories=[], max_fil_size=1)
    assert str(caught.value).splitlines() == [
        "config: `categories`: list at least one category, or remove the key",
        "config: unknown key `max_fil_size` (did you mean `max_file_size`?)",
    ]


def test_config_defaults_are_not_shared():
    first, second = config.Config(), config.Config()
    first.ignore.append("x")
    first.severity["schema"] = Level.WARNING
    assert second.ignore == [] and second.severity == {} and first.source is None


def test_source_is_where_the_settings_came_from_not_a_setting(tmp_path):
    (tmp_path / ".coe.toml").write_text('source = "elsewhere"\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"\.coe\.toml: unknown key `source`"):
        config.load_config(start=tmp_path)
