"""Project configuration: `.coe.toml`, or `[tool.coe]` in `pyproject.toml`.

Discovery walks up from the working directory; the nearest file that holds
coe settings wins (in one directory, `.coe.toml` before `pyproject.toml`).
Relative paths in the config are relative to the file that sets them.
Command-line flags override the config.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coe.findings import Level
from coe.loader import DEFAULT_MAX_FILE_SIZE

CONFIG_FILE = ".coe.toml"
DEFAULT_DIRECTORY = "coes"


class ConfigError(Exception):
    """A config that cannot be used; the message names the file and the key."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    directory: str = DEFAULT_DIRECTORY
    id_prefix: str = Field(default="COE", pattern=r"^[A-Z][A-Z0-9]*$")
    select: list[str] | None = None
    ignore: list[str] = []
    severity: dict[str, Level] = {}
    rules: dict[str, dict[str, Any]] = {}
    categories: list[str] | None = None
    max_file_size: int = Field(default=DEFAULT_MAX_FILE_SIZE, gt=0)
    templates_dir: str | None = None
    # The file these settings came from; None for the built-in defaults.
    source: Path | None = Field(default=None, exclude=True)

    @field_validator("categories")
    @classmethod
    def _non_empty(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("list at least one category, or remove the key")
        return value

    @property
    def base_dir(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def resolve(self, relative: str) -> Path:
        return self.base_dir / relative

    @property
    def coe_directory(self) -> Path:
        return self.resolve(self.directory)


def discover(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` upwards, if any."""
    directory = (start or Path.cwd()).resolve()
    for candidate in (directory, *directory.parents):
        dotfile = candidate / CONFIG_FILE
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_coe(pyproject):
            return pyproject
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Load ``path``, or the discovered config, or the defaults."""
    path = path or discover(start)
    if path is None:
        return Config()
    settings = _read_settings(path)
    try:
        config = Config.model_validate(settings)
    except ValidationError as exc:
        raise ConfigError(_describe(path, exc)) from None
    config.source = path.resolve()
    return config


def _has_tool_coe(pyproject: Path) -> bool:
    try:
        return "coe" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return False


def _read_settings(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("coe", {})
    return data


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def _describe(path: Path, exc: ValidationError) -> str:
    prefix = "tool.coe." if path.name == "pyproject.toml" else ""
    lines = []
    for error in exc.errors(include_url=False):
        key = prefix + ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            match = difflib.get_close_matches(str(error["loc"][-1]), Config.model_fields, n=1)
            hint = f" (did you mean `{match[0]}`?)" if match else ""
            lines.append(f"{path}: unknown key `{key}`{hint}")
        else:
            lines.append(f"{path}: `{key}`: {error['msg']}")
    return "\n".join(lines)
