"""coe.document.plain, the Pydantic-free documents, held to coe.document.model, the schema.

The first tests hold the generated sections (coe/document/plain_sections.py and
coe/config_fields.py) to the Pydantic models they are generated from, and show
the generator turning a new field into a plain one. The rest pin what
``plain.build`` accepts and declines, and that a declined document still
loads through the model into the same plain objects.
``tests/fuzz/test_plain_differential.py`` checks the values with Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from coe import config
from coe.document import generate_plain, model, plain, plain_types
from coe.document.findings import Level
from coe.document.loader import load_text

MODEL_SECTIONS = {
    cls.__name__: cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, model.Section) and cls is not model.Section
}


def test_every_model_section_has_a_plain_twin():
    assert set(plain.SECTIONS) == set(MODEL_SECTIONS) - {"COESchema"} | {"COE"}  # the document has a name in each tier


def test_the_generated_plain_modules_are_current():
    """Adding a field is one model edit and `python -m coe.document.generate_plain`."""
    for path, text in generate_plain.generated().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date with the Pydantic models: run `python -m coe.document.generate_plain`"
        )


def test_the_generator_check_mode_exits_1_when_a_module_is_stale(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "plain_sections.py"
    stale.write_text("# edited by hand\n", encoding="utf-8")
    monkeypatch.setattr(generate_plain, "SECTIONS_MODULE", stale)
    assert generate_plain.main(["--check"]) == 1
    assert capsys.readouterr().err == f"{stale} is out of date: run `python -m coe.document.generate_plain`\n"
    assert stale.read_text(encoding="utf-8") == "# edited by hand\n"  # --check writes nothing


def test_a_new_model_field_becomes_a_plain_field():
    class Extended(model.Section):
        trigger: str | None = None
        responders: model.ListOf[str] = []
        reviewed_on: model.Date | None = None
        approvals: model.Count | None = None

    fields = generate_plain.plain_fields(Extended, {})
    assert fields == {
        "trigger": plain_types.FieldSpec(plain_types.Nullable(plain_types.Str()), None),
        "responders": plain_types.FieldSpec(plain_types.ListOf(plain_types.Str()), []),
        "reviewed_on": plain_types.FieldSpec(plain_types.Nullable(plain_types.CalendarDate()), None),
        "approvals": plain_types.FieldSpec(plain_types.Nullable(plain_types.Int(0)), None),
    }


def test_a_field_plain_cannot_check_exactly_is_refused_by_name():
    class Unusual(model.Section):
        labels: set[str] = set()

    with pytest.raises(generate_plain.UnknownShape, match=r"^Unusual\.labels: "):
        generate_plain.plain_fields(Unusual, {})


@pytest.mark.parametrize("name", sorted(MODEL_SECTIONS))
def test_model_sections_forbid_unknown_keys_and_have_no_other_validators(name):
    section = MODEL_SECTIONS[name]
    assert section.model_config.get("extra") == "forbid"
    assert not section.model_config.get("strict")
    decorators = section.__pydantic_decorators__
    assert not decorators.field_validators and not decorators.validators
    expected = {"_collect_custom_fields"} if section is model.COESchema else set()
    assert set(decorators.model_validators) == expected


def test_custom_fields_are_collected_the_same_way():
    info = model.COESchema.model_fields["x_fields"]
    assert info.annotation == dict[str, typing.Any] and info.default_factory is dict
    assert plain.COE.__slots__[-1] == "x_fields"


def test_the_generator_refuses_a_lax_int_it_cannot_check_exactly():
    with pytest.raises(generate_plain.UnknownShape):
        generate_plain.plain_type(int, [], {})  # an int with no constraints is not a field of the format


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
    copied = plain.from_model(model.COESchema.model_validate(data))
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
