"""Generate the plain field tables from the Pydantic models: the schema is written once.

    python -m coe.document.generate_plain          # rewrite the generated modules
    python -m coe.document.generate_plain --check  # exit 1 if they are out of date

:mod:`coe.document.model` (the COE format) and :mod:`coe.config_schema` (the
settings) are the hand-written schema. This module reads each model's fields
and writes the plain twin that checks the same data without Pydantic:
:mod:`coe.document.plain_sections` and :mod:`coe.config_fields`. Adding a
field is one edit to a model and one run of this command; ``tests/test_plain.py``
fails while the generated modules are out of date.

A field shape it does not know is an error that names the field: teach
:func:`plain_type` how plain can check it exactly as the model does, or leave
it to the model. This module imports Pydantic; nothing imports it at run time.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import AwareDatetime, BaseModel, BeforeValidator

from coe.document import model, vocabulary
from coe.document import plain_types as p

PACKAGE = Path(__file__).resolve().parent.parent
SECTIONS_MODULE = PACKAGE / "document" / "plain_sections.py"
CONFIG_MODULE = PACKAGE / "config_fields.py"
# Field validators that plain can express as a constraint; any other validator is refused.
KNOWN_VALIDATORS = {"_non_empty": annotated_types.MinLen(1)}
# Values written by name in the generated code, so that each has one home.
NAMED_PATTERNS = {vocabulary.ID_PATTERN: "ID_PATTERN", vocabulary.ACTION_ID_PATTERN: "ACTION_ID_PATTERN"}


class UnknownShape(Exception):
    """A field whose type plain cannot check exactly as the model does."""


def plain_type(annotation: Any, metadata: list, sections: dict[str, type[p.Section]]) -> p.Type:
    """The plain type that accepts what the model's annotation accepts without converting it."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return plain_type(args[0], [*args[1:], *metadata], sections)
    flat = [inner for item in metadata for inner in (getattr(item, "metadata", None) or [item])]
    before = [item.func for item in flat if isinstance(item, BeforeValidator)]
    constraints: dict = {}
    for item in flat:
        if not isinstance(item, BeforeValidator):
            constraints.update(dataclasses.asdict(item) if dataclasses.is_dataclass(item) else vars(item))
    plain = before == [] and constraints == {}
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        (inner,) = (arg for arg in args if arg is not type(None))
        if before == [model._none_as_empty_list] and not constraints and typing.get_origin(inner) is list:
            return p.ListOf(plain_type(typing.get_args(inner)[0], [], sections))
        if plain:
            return p.Nullable(plain_type(inner, [], sections))
    elif origin is list and not before and set(constraints) <= {"min_length"}:
        return p.TypedList(plain_type(args[0], [], sections), **constraints)
    elif origin is dict and args[0] is str and plain:
        return p.StrMapping(plain_type(args[1], [], sections))
    elif origin is typing.Literal and len(args) == 1 and plain:
        return p.Exactly(args[0])
    elif annotation is typing.Any and plain:
        return p.Anything()
    elif annotation is bool and plain:
        return p.Bool()
    elif annotation is AwareDatetime and before == [model._not_a_number] and not constraints:
        return p.AwareTimestamp()
    elif annotation is dt.date and before == [model._a_date_not_a_timestamp] and not constraints:
        return p.CalendarDate()
    elif annotation is int and not before and constraints == {"strict": True, "ge": 0}:
        return p.Int(0)
    elif annotation is int and not before and constraints.keys() == {"gt", "le"} and constraints["gt"] == 0:
        return p.Int(1, constraints["le"])  # lax in the model: plain takes only an exact int, leaves "5" or 5.0
    elif annotation is float and not before and constraints == {"strict": True, "allow_inf_nan": False}:
        return p.FiniteFloat()
    elif annotation is str and not before and set(constraints) <= {"pattern", "min_length"}:
        return p.Str(**constraints)
    elif isinstance(annotation, type) and issubclass(annotation, Enum) and plain:
        return p.OneOf(annotation)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and plain:
        return p.Nested(sections[annotation.__name__])
    raise UnknownShape(f"{annotation!r} with validators {before} and constraints {constraints}")


def plain_fields(schema: type[BaseModel], sections: dict[str, type[p.Section]], skip: tuple[str, ...] = ()) -> dict:
    """Each field of ``schema`` as a plain FieldSpec, in order."""
    validators = schema.__pydantic_decorators__.field_validators
    extra: dict[str, Any] = {}
    for name, validator in validators.items():
        if name not in KNOWN_VALIDATORS:
            raise UnknownShape(f"{schema.__name__}: plain cannot check the validator {name}")
        for field in validator.info.fields:
            extra[field] = KNOWN_VALIDATORS[name]
    fields = {}
    for name, info in schema.model_fields.items():
        if name in skip:
            continue
        if info.default_factory is not None:
            raise UnknownShape(f"{schema.__name__}.{name}: plain has no default factories")
        try:
            spec_type = plain_type(_with_constraints(info.annotation, extra.get(name)), list(info.metadata), sections)
        except UnknownShape as exc:
            raise UnknownShape(f"{schema.__name__}.{name}: {exc}") from None
        fields[name] = p.FieldSpec(spec_type, p.REQUIRED if info.is_required() else info.default)
    return fields


def _with_constraints(annotation: Any, constraint: Any) -> Any:
    """``list[str] | None`` with the constraint on the list, as a known validator adds it."""
    if constraint is None:
        return annotation
    args = typing.get_args(annotation)
    (inner,) = (arg for arg in args if arg is not type(None))
    constrained = typing.Annotated[inner, constraint]
    return constrained | None if type(None) in args else constrained


def model_sections() -> list[type[model.Section]]:
    """The model's sections, each after the sections it nests, the document last."""
    found = [cls for cls in vars(model).values()
             if isinstance(cls, type) and issubclass(cls, model.Section) and cls is not model.Section]
    ordered: list[type[model.Section]] = []

    def visit(cls: type[model.Section]) -> None:
        if cls in ordered:
            return
        for info in cls.model_fields.values():
            for nested in _models_in(info.annotation):
                visit(nested)
        ordered.append(cls)

    for cls in found:
        visit(cls)
    return ordered


def _models_in(annotation: Any) -> list[type[model.Section]]:
    if isinstance(annotation, type) and issubclass(annotation, model.Section):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _models_in(arg)]


# Source code -----------------------------------------------------------------


class Source:
    """Python source for plain types, remembering which names it used, for the imports."""

    def __init__(self) -> None:
        self.types: set[str] = {"FieldSpec"}
        self.names: set[str] = set()  # from the vocabulary, or other modules' enums

    def type(self, spec: p.Type) -> str:
        kind = type(spec).__name__
        self.types.add(kind)
        if isinstance(spec, (p.Nullable, p.StrMapping)):
            return f"{kind}({self.type(spec.type)})"
        if isinstance(spec, p.TypedList):
            length = f", min_length={spec.min_length}" if spec.min_length else ""
            return f"{kind}({self.type(spec.type)}{length})"
        if isinstance(spec, p.Str):
            parts = []
            if spec.pattern is not None:
                parts.append(f"pattern={self._pattern(spec.pattern)}")
            if spec.min_length:
                parts.append(f"min_length={spec.min_length}")
            return f"Str({', '.join(parts)})"
        if isinstance(spec, p.Int):
            return f"Int({spec.minimum})" if spec.maximum is None else f"Int({spec.minimum}, {spec.maximum})"
        if isinstance(spec, p.Exactly):
            if spec.value == vocabulary.FORMAT_VERSION:
                self.names.add("FORMAT_VERSION")
                return "Exactly(FORMAT_VERSION)"
            return f"Exactly({spec.value!r})"
        if isinstance(spec, p.OneOf):
            self.names.add(spec.enum.__name__)
            return f"OneOf({spec.enum.__name__})"
        if isinstance(spec, p.Nested):
            return f"Nested({spec.section.__name__})"
        return f"{kind}()"

    def _pattern(self, pattern: str) -> str:
        if pattern in NAMED_PATTERNS:
            self.names.add(NAMED_PATTERNS[pattern])
            return NAMED_PATTERNS[pattern]
        return self.text(pattern)

    @staticmethod
    def text(value: str) -> str:
        return f'"{value}"' if repr(value) == f"'{value}'" and '"' not in value else repr(value)

    def default(self, value: Any) -> str:
        if isinstance(value, Enum):
            self.names.add(type(value).__name__)
            return f"{type(value).__name__}.{value.name}"
        return self.text(value) if isinstance(value, str) else repr(value)

    def fields(self, fields: dict[str, p.FieldSpec]) -> str:
        lines = []
        for name, spec in fields.items():
            default = "" if spec.default is p.REQUIRED else f", {self.default(spec.default)}"
            lines.append(f'    "{name}": FieldSpec({self.type(spec.type)}{default}),')
        return "\n".join(lines)

    def imports(self, module: str, names: set[str]) -> str:
        if not names:
            return ""
        # As isort orders them: constants, then classes, then functions.
        order = sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
        listed = "".join(f"    {name},\n" for name in order)
        return f"from {module} import (\n{listed})\n"


HEADER = '''"""GENERATED by `python -m coe.document.generate_plain` from {source}. Do not edit.

{what}
"""

from __future__ import annotations

'''


def sections_module() -> str:
    sections: dict[str, type[p.Section]] = {}
    source = Source()
    blocks = []
    for schema in model_sections():
        skip = ("x_fields",) if schema is model.COESchema else ()
        fields = plain_fields(schema, sections, skip)
        if schema is model.COESchema:
            blocks.append(f"COE_FIELDS = {{\n{source.fields(fields)}\n}}\n")
        else:
            sections[schema.__name__] = p.section_class(schema.__name__, fields, __name__)
            name = schema.__name__
            blocks.append(f'{name} = section_class("{name}", {{\n{source.fields(fields)}\n}}, __name__)\n')
    imports = (source.imports("coe.document.plain_types", source.types | {"section_class"})
               + source.imports("coe.document.vocabulary", source.names))
    what = ("The sections of a COE as plain objects, and the document's own fields (COE_FIELDS):\n"
            "each field's type and default, as coe/document/model.py declares them.")
    return HEADER.format(source="coe/document/model.py", what=what) + imports + "\n" + "\n\n".join(blocks)


def config_module() -> str:
    from coe import config_schema

    source = Source()
    body = f"FIELDS = {{\n{source.fields(plain_fields(config_schema.ConfigSchema, {}))}\n}}\n"
    imports = (source.imports("coe.document.findings", source.names)
               + source.imports("coe.document.plain_types", source.types))
    what = "The settings, each with its type and default, as coe/config_schema.py declares them."
    return HEADER.format(source="coe/config_schema.py", what=what) + imports + "\n" + body


def generated() -> dict[Path, str]:
    return {SECTIONS_MODULE: sections_module(), CONFIG_MODULE: config_module()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated module is out of date")
    args = parser.parse_args(argv)
    stale = [path for path, text in generated().items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path} is out of date: run `python -m coe.document.generate_plain`", file=sys.stderr)
        return 1 if stale else 0
    for path, text in generated().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
