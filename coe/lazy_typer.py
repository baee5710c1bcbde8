"""Typer plumbing: a root group that builds a command's Click object only when it is looked up.

Building a command reads its signature and annotations, which costs a few
milliseconds each; `coe lint` on one file, run by pre-commit on every commit,
builds only the lint command. ``coe --help`` builds them all to list them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

from coe.commands.outcome import ExitCode


class LazyCommands(Mapping):
    """The subcommands registered on ``registry``, by name, each built on first lookup."""

    def __init__(self, registry: typer.Typer, root: typer.Typer) -> None:
        self._options = {"pretty_exceptions_short": root.pretty_exceptions_short, "rich_markup_mode": root.rich_markup_mode}
        self._suggest_commands = root.suggest_commands
        # Commands, then sub-apps: the order Typer lists them in.
        self._infos: dict[str, Any] = {
            info.name or typer.main.get_command_name(info.callback.__name__): info
            for info in registry.registered_commands
        }
        self._infos.update((info.name, info) for info in registry.registered_groups)
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            info = self._infos[name]
            if isinstance(info, typer.models.TyperInfo):
                self._built[name] = typer.main.get_group_from_info(info, suggest_commands=self._suggest_commands, **self._options)
            else:
                self._built[name] = typer.main.get_command_from_info(info, **self._options)
        return self._built[name]

    def get(self, name: str, default: Any = None) -> Any:
        # Mapping.get would turn a KeyError raised while building into "no such command".
        return self[name] if name in self._infos else default

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


class _InterruptibleGroup(TyperGroup):
    """Ctrl-C exits 130 with one line, never Click's "Aborted!" and 1."""

    def invoke(self, ctx: Any) -> Any:
        # Click reports Ctrl-C as "Aborted!" with exit 1, which here means "findings";
        # exit 130 (128 + SIGINT), as shells do, so CI can tell the two apart.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            typer.echo("coe: interrupted", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None


def lazy_group(registry: Callable[[], typer.Typer], root: Callable[[], typer.Typer]) -> type[TyperGroup]:
    """A root group class whose subcommands come from ``registry()``, each built when looked up.

    Both are given as functions because the root Typer app names this class
    before either app exists.
    """

    class LazyGroup(_InterruptibleGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            self.commands = LazyCommands(registry(), root=root())

    return LazyGroup
