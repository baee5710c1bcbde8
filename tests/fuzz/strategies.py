"""Hypothesis strategies for valid COEs, derived from the Pydantic model.

:func:`coe_data` walks ``COESchema.model_fields`` and the nested section models, so
a field added to ``coe/document/model.py`` is generated without touching this file (a
field of a type the walker does not know fails loudly). It draws plain Python
data, the value the YAML loader should read; :func:`dump_yaml` writes it.

The YAML writer is ruamel.yaml's safe dumper, which resolves plain scalars
with the same YAML 1.2 core rules as coe's loader, so it quotes ``010`` and
``0o10`` and leaves ``no`` plain. PyYAML's ``safe_dump`` resolves with YAML
1.1 and writes ``0o10`` unquoted, which YAML 1.2 reads as the number 8. Both
write NEL (U+0085) raw inside quotes, where libyaml and ruamel read it as a
line break and fold it to a space, so strings with a NEL, LS or PS are
written double-quoted, where the emitter escapes them (raw LS also trips two
loader bugs, recorded as xfails at the end of test_properties.py). Long lines
are not folded: ruamel folds a double-quoted line right after an escape such
as ``\x7F``, which adds a space on reading.

Run more examples with ``COE_FUZZ_EXAMPLES=N``.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import os
import types
import typing
import zlib
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import AwareDatetime, BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.representer import SafeRepresenter

from coe.document.model import CUSTOM_FIELD_PREFIX, COESchema
from coe.render.markup import safe_url

FUZZ_EXAMPLES = int(os.environ.get("COE_FUZZ_EXAMPLES") or 0)


def fuzz_settings(default_examples: int) -> settings:
    """``default_examples`` keeps CI bounded; COE_FUZZ_EXAMPLES overrides it."""
    return settings(
        max_examples=FUZZ_EXAMPLES or default_examples,
        deadline=None,
        database=None,  # no .hypothesis/ in the work tree; failures print a reproduce blob
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# Strings that a YAML 1.1 reader, a careless dumper or a line scanner misreads.
YAML_HOSTILE = (
    "no", "yes", "on", "off", "y", "n", "NO", "010", "0o10", "0x1F", "0b1", "1_000", "1e3", ".5",
    ".inf", "-.inf", ".nan", "1:30", "12:30:45", "null", "Null", "~", "", "None", "true", "False",
    "2026-03-17", "2026-03-17T14:02:00Z", "2026-3-7 1:02:03", "- x", "-", "---", "--- x", "...", ": ", "a: b",
    "a:b", "#", "a #b", "# coe: disable=blame-language", "# coe: disable-file=nope", " leading",
    "trailing ", "  ", "\n", "a\nb", "a\n\nb", "\n\n", "a\n", "\ta", "a\t", "!tag", "!!str", "&anchor",
    "*alias", "<<", "? x", "[a, b]", "{a: b}", "|", "|-", ">", "'", '"', "''", "`", "@", "%YAML 1.2",
    "\\", "\\n", "\r", "\r\n", "a\rb", "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "a\x85b", "\u2028",
    "\u2029", "\ufeff", "\ufffd", "é", "e\u0301", "日本語", "👩\u200d💻", "\u202e", "\u200b", "\U0001f600",
)

# Chars that ruamel writes raw inside quotes but a YAML 1.1 reader takes as line breaks.
_YAML11_BREAKS = ("\x85", "\u2028", "\u2029")
_STYLES = (None, "'", '"', "|", ">")


def scalars() -> st.SearchStrategy[str]:
    """Any text, biased to strings that YAML, Markdown and line scanners trip on."""
    piece = st.sampled_from(YAML_HOSTILE) | st.text(max_size=6)
    return st.one_of(
        st.sampled_from(YAML_HOSTILE),
        st.text(),
        st.lists(piece, min_size=1, max_size=5).map("".join),
    )


def utc_offsets() -> st.SearchStrategy[dt.timezone]:
    # YAML offsets are whole minutes; Python's are below 24 hours.
    return st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))


def aware_datetimes() -> st.SearchStrategy[dt.datetime]:
    return st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59), timezones=utc_offsets())


def custom_values(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """What an ``x_*`` field may hold: any YAML value (no NaN: it is never equal to itself)."""
    leaves = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text, st.dates(), aware_datetimes()
    )
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
        max_leaves=6,
    )


def coe_data(text: st.SearchStrategy[str] | None = None, *, full: bool = False) -> st.SearchStrategy[dict]:
    """A valid COE as plain data: the known keys (optional ones in any order), then ``x_*`` fields.

    ``text`` fills every free-text field. With ``full``, every optional field is
    present and not null, and every list has at least one item, so that each
    text field of the format holds drawn text.
    """
    text = text if text is not None else scalars()
    sections = _model(COESchema, text, full)
    custom_keys = (st.just("") | text).map(lambda rest: CUSTOM_FIELD_PREFIX + rest)
    custom = st.dictionaries(custom_keys, text | custom_values(text), min_size=int(full), max_size=3)
    return st.builds(lambda known, extra: {**known, **extra}, sections, custom)


def _model(model: type[BaseModel], text, full: bool) -> st.SearchStrategy[dict]:
    required, optional = {}, {}
    for name, info in model.model_fields.items():
        if model is COESchema and name == "x_fields":
            continue  # top-level `x_*` keys, drawn by coe_data
        value = _value(info.annotation, list(info.metadata), text, full)
        (required if info.is_required() or full else optional)[name] = value
    return st.fixed_dictionaries(required, optional=optional)


def _value(annotation, metadata: list, text, full: bool) -> st.SearchStrategy:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _value(args[0], metadata + _flat(args[1:]), text, full)
    if origin in (typing.Union, types.UnionType):
        choices = [_value(arg, metadata, text, full) for arg in args if arg is not type(None)]
        if type(None) in args and not full:
            choices.append(st.none())
        return st.one_of(choices)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is list:
        (item,) = args
        unique = {"unique_by": lambda value: value["id"]} if _has_id(item) else {}  # duplicate ids are a schema error
        return st.lists(_value(item, [], text, full), min_size=int(full), max_size=3, **unique)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _model(annotation, text, full)
        if issubclass(annotation, enum.Enum):
            return st.sampled_from([member.value for member in annotation])
        if annotation is AwareDatetime:
            return aware_datetimes()
        if annotation is dt.date:
            return st.dates()
        if annotation is int:
            return st.integers(min_value=_constraint(metadata, "ge"), max_value=10**20)
        if annotation is float:
            return st.floats(allow_nan=False, allow_infinity=False)
        if annotation is str:
            pattern = _constraint(metadata, "pattern")
            if pattern:
                return st.from_regex(pattern, fullmatch=True)
            min_length = _constraint(metadata, "min_length") or 0
            return text.filter(lambda value: len(value) >= min_length) if min_length else text
    raise TypeError(f"no strategy for {annotation!r}: teach tests/fuzz/strategies.py this field type")


def _has_id(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel) and "id" in annotation.model_fields


def _flat(metadata) -> list:
    # `Field(ge=0)` inside Annotated is a FieldInfo that holds the constraints.
    return [inner for item in metadata for inner in (getattr(item, "metadata", None) or [item])]


def _constraint(metadata: list, name: str):
    return next((getattr(item, name) for item in metadata if getattr(item, name, None) is not None), None)


# ------------------------------------------------------------------ free text


def map_text(data: dict, change) -> dict:
    """``data`` with ``change`` applied to every free-text value (and custom key).

    Enums, ids, dates and numbers are left alone: only what a user writes as
    prose, names or links is changed. Used to build a benign twin of a hostile COE.
    """
    result = {}
    for key, value in data.items():
        if isinstance(key, str) and key.startswith(CUSTOM_FIELD_PREFIX):
            result[CUSTOM_FIELD_PREFIX + change(key.removeprefix(CUSTOM_FIELD_PREFIX))] = _map_any(value, change)
        else:
            result[key] = _map_field(COESchema.model_fields[key], value, change)
    return result


def _map_field(info, value, change):
    return _map_typed(info.annotation, list(info.metadata), value, change)


def _map_typed(annotation, metadata: list, value, change):
    if value is None:
        return None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _map_typed(args[0], metadata + _flat(args[1:]), value, change)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _map_typed(inner, metadata, value, change)
    if origin is list:
        return [_map_typed(args[0], [], item, change) for item in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {key: _map_field(annotation.model_fields[key], item, change) for key, item in value.items()}
    if annotation is str and not _constraint(metadata, "pattern"):
        return change(value)
    return value


def _map_any(value, change):
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_any(item, change) for item in value]
    if isinstance(value, dict):
        return {_map_any(key, change): _map_any(item, change) for key, item in value.items()}
    return value


def benign_twin(data: dict, words: dict[str, str] | None = None) -> dict:
    """The same COE with each distinct free text replaced by a distinct plain word.

    Equal texts stay equal, blank texts stay as they are and a text that coe
    would make a link becomes a plain link, so every grouping, every `if text`
    in a template and every link decides the same way. ``words`` (original to
    word) may be shared across several COEs.
    """
    words = {} if words is None else words

    def word(value: str) -> str:
        if not value.strip():
            return value
        plain = f"w{len(words) + 1}"
        return words.setdefault(value, f"https://{plain}.example/" if safe_url(value) else plain)

    return map_text(data, word)


# ------------------------------------------------------------------ YAML


class _Representer(SafeRepresenter):
    """Varies the scalar style by content, so the loader sees every style."""

    def represent_str(self, data: str):
        if any(char in data for char in _YAML11_BREAKS):
            style = '"'
        elif not all(char == "\n" or char.isprintable() for char in data):
            style = None  # ruamel's emitter mis-writes control chars in a forced style
        else:
            style = _STYLES[zlib.crc32(data.encode("utf-8", "surrogatepass")) % len(_STYLES)]
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Representer.add_representer(str, _Representer.represent_str)


def dump_yaml(data: Any) -> str:
    """YAML 1.2 text that coe's loader reads back as exactly ``data``."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _Representer
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.representer.sort_base_mapping_type_on_output = False  # keep key order
    yaml.width = 1 << 16  # no folding: see the module docstring
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
