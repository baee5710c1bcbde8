"""Jinja environments: the user's `templates_dir` first, then the built-in templates.

Built-in templates live in `templates/` at the repository root and are
packaged into the wheel as `coe/templates`.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from coe.yaml.scalars import yaml_list, yaml_str

PACKAGED = Path(__file__).parent / "templates"
SOURCE_TREE = Path(__file__).parent.parent / "templates"


def builtin_templates_dir() -> Path:
    return PACKAGED if PACKAGED.is_dir() else SOURCE_TREE


def environment(user_dir: Path | None = None, *, autoescape: bool = False) -> jinja2.Environment:
    """The templates, the user's first; sandboxed when there are user templates, which could run code."""
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates_dir())))
    if user_dir is not None:
        from jinja2.sandbox import SandboxedEnvironment

        kind: type[jinja2.Environment] = SandboxedEnvironment
    else:
        kind = jinja2.Environment
    env = kind(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_str"] = yaml_str
    env.filters["yaml_list"] = yaml_list
    env.filters["toml_str"] = toml_str
    return env


def toml_str(value: object) -> str:
    """A TOML basic string that reads back as exactly this text."""
    # JSON's escapes are a subset of TOML's; TOML alone forbids a raw DEL.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
