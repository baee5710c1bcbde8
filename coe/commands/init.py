"""`coe init`: set up a repository for COEs. Idempotent; overwrites only with --force."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coe import __version__
from coe.commands.new import SCHEMA_FILE
from coe.commands.outcome import ExitCode, fail
from coe.config import CONFIG_FILE, DEFAULT_DIRECTORY
from coe.fileio import write_text_atomic
from coe.printable import printable

CI_CHOICES = ("github",)


@dataclass
class Planned:
    path: Path
    text: str


def run_init(root: Path, *, directory: str = DEFAULT_DIRECTORY, id_prefix: str = "COE", ci: str | None, force: bool) -> int:
    if ci is not None and ci not in CI_CHOICES:
        return fail("init", f"--ci takes one of: {', '.join(CI_CHOICES)}")
    try:
        directory.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, from the shell: a TOML file cannot name them
        return fail("init", f"--dir `{printable(directory, 60)}` is not valid UTF-8 text; use a name in UTF-8")
    if not _valid_id_prefix(id_prefix):
        return fail(
            "init",
            f"--id-prefix `{id_prefix}` is not a valid prefix; use capital letters and digits, "
            "starting with a letter, like COE or INC",
        )
    from coe.commands.schema import schema_text
    from coe.templating import environment

    env = environment()
    values = {"directory": directory, "id_prefix": id_prefix, "version": __version__}
    planned = [
        Planned(root / CONFIG_FILE, env.get_template("init/coe.toml.j2").render(values)),
        Planned(root / directory / SCHEMA_FILE, schema_text()),
    ]
    if ci == "github":
        planned.append(Planned(root / ".github" / "workflows" / "coe.yml", env.get_template("init/github-workflow.yml.j2").render(values)))
    try:
        (root / directory).mkdir(parents=True, exist_ok=True)
        for item in planned:
            print(f"{_write(item, force)}: {item.path}")
    except OSError as exc:
        from coe.fileio import write_error_message

        return fail("init", write_error_message(exc))
    print("\n" + env.get_template("init/pre-commit-snippet.yaml.j2").render(values), end="")
    return ExitCode.CLEAN


def _valid_id_prefix(id_prefix: str) -> bool:
    from coe.config import Config, ConfigError

    try:
        Config(id_prefix=id_prefix)  # the rule every other command applies to the config
    except ConfigError:
        return False
    return True


def _write(item: Planned, force: bool) -> str:
    if item.path.exists():
        current = item.path.read_text(encoding="utf-8", errors="replace")
        if current == item.text:
            return "unchanged"
        if not force:
            return "exists, kept (use --force to replace)"
        write_text_atomic(item.path, item.text)
        return "replaced"
    item.path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(item.path, item.text)
    return "created"
