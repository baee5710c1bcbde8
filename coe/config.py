"""Project configuration: `.coe.toml`, or `[tool.coe]` in `pyproject.toml`.

Discovery walks up from the working directory; the nearest file that holds
coe settings wins (in one directory, `.coe.toml` before `pyproject.toml`).
Relative paths in the config are relative to the file that sets them.
Command-line flags override the config.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from coe import config_fields
from coe.document import plain_types

CONFIG_FILE = ".coe.toml"
DEFAULT_DIRECTORY = "coes"
ID_PREFIX_PATTERN = r"^[A-Z][A-Z0-9]*$"

# The settings, their types and defaults: generated from coe.config_schema.ConfigSchema.
FIELDS = config_fields.FIELDS


class ConfigError(Exception):
    """A config that cannot be used; the message names the file and the key."""


class Config:
    """The settings every command reads.

    ``Config(**settings)`` checks and converts them as a config file's are, and
    raises ConfigError for a wrong one. ``source`` is the file they came from:
    None for the built-in defaults.
    """

    __slots__ = (*FIELDS, "source")

    def __init__(self, **settings: Any) -> None:
        self._set(settings, source=None, where="config", key_prefix="")

    @classmethod
    def from_file(cls, path: Path, settings: dict[str, Any]) -> Config:
        config = object.__new__(cls)
        key_prefix = "tool.coe." if path.name == "pyproject.toml" else ""
        config._set(settings, source=path.resolve(), where=str(path), key_prefix=key_prefix)
        return config

    def _set(self, settings: dict[str, Any], *, source: Path | None, where: str, key_prefix: str) -> None:
        for name, value in _checked(settings, where, key_prefix).items():
            setattr(self, name, value)
        self.source = source
        self._check_templates_dir(where, key_prefix)

    def _check_templates_dir(self, where: str, key_prefix: str) -> None:
        """Templates run code: take them only from the config's own tree, unless the config says otherwise.

        The config is found by walking up the directories, so one higher up
        could otherwise make coe run templates its user never saw.
        """
        if self.templates_dir is None or self.allow_external_templates:
            return
        base = self.base_dir.resolve()
        resolved = (base / self.templates_dir).resolve()
        if not resolved.is_relative_to(base):
            raise ConfigError(
                f"{where}: `{key_prefix}templates_dir` is {resolved}, outside {base}, the config's own directory; "
                f"templates can run code, so coe takes them only from there: move them, or set "
                f"`{key_prefix}allow_external_templates = true` if you trust them"
            )

    def __repr__(self) -> str:
        return f"Config({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"

    @property
    def base_dir(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def resolve(self, relative: str) -> Path:
        return self.base_dir / relative

    @property
    def coe_directory(self) -> Path:
        return self.resolve(self.directory)

    def user_templates_dir(self) -> Path | None:
        """The user's templates directory, if the config names one (already checked to be allowed)."""
        return self.resolve(self.templates_dir) if self.templates_dir else None

    def rule_options(self, rule: str) -> dict[str, Any]:
        """The options the config sets for one rule.

        The top-level `categories` is the `category-unknown` rule's option,
        unless `[rules.category-unknown]` sets it itself.
        """
        given = self.rules.get(rule, {})
        if rule == "category-unknown" and self.categories and "categories" not in given:
            return {**given, "categories": list(self.categories)}
        return given


def _checked(settings: dict[str, Any], where: str, key_prefix: str) -> dict[str, Any]:
    """The settings with defaults filled in; the Pydantic schema explains or converts what plain declines."""
    try:
        return plain_types.checked_fields(FIELDS, settings)
    except plain_types.Decline:
        pass
    from pydantic import ValidationError

    from coe import config_schema

    try:
        return config_schema.validated(settings)
    except ValidationError as exc:
        raise ConfigError(config_schema.describe(exc, where, key_prefix)) from None


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
    return Config.from_file(path, _read_settings(path))


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
