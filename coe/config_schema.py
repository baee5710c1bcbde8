"""The config's Pydantic model: it explains what :mod:`coe.config`'s plain check declines.

:class:`coe.config.Config` checks the usual, exact settings without importing
Pydantic. A setting that is wrong, or that needs converting (``max_file_size =
"100000"``), comes here. ``tests/test_plain.py`` holds the two to the same
fields and types.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coe.config import DEFAULT_DIRECTORY, ID_PREFIX_PATTERN
from coe.document.findings import Level
from coe.document.loader import DEFAULT_MAX_FILE_SIZE
from coe.document.schema_errors import value_message


class ConfigSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    directory: str = DEFAULT_DIRECTORY
    id_prefix: str = Field(default="COE", pattern=ID_PREFIX_PATTERN)
    select: list[str] | None = None
    ignore: list[str] = []
    severity: dict[str, Level] = {}
    rules: dict[str, dict[str, Any]] = {}
    categories: list[str] | None = None
    # At most 1 GiB: coe reads a whole file into memory, and Python cannot read more than fits an index.
    max_file_size: int = Field(default=DEFAULT_MAX_FILE_SIZE, gt=0, le=2**30)
    templates_dir: str | None = None
    # Templates run code: by default only those in the config file's own directory tree.
    allow_external_templates: bool = False

    @field_validator("categories")
    @classmethod
    def _non_empty(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("list at least one category, or remove the key")
        return value


def validated(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings as the model converts them; ValidationError if they are wrong."""
    model = ConfigSchema.model_validate(settings)
    return {name: getattr(model, name) for name in ConfigSchema.model_fields}


def describe(exc: ValidationError, where: str, key_prefix: str) -> str:
    """One line per error, naming the file (``where``) and the key."""
    lines = []
    for error in exc.errors(include_url=False):
        key = key_prefix + ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            match = difflib.get_close_matches(str(error["loc"][-1]), ConfigSchema.model_fields, n=1)
            hint = f" (did you mean `{match[0]}`?)" if match else ""
            lines.append(f"{where}: unknown key `{key}`{hint}")
        else:
            lines.append(f"{where}: {value_message(error, f'`{key}`')}")
    return "\n".join(lines)
