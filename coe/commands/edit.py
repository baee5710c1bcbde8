"""`coe set-status`, `coe action add`, `coe action done`: small edits that keep comments."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from coe.commands.outcome import ExitCode, fail
from coe.config import ConfigError, load_config
from coe.document.edit_in_place import (
    EditError,
    NotFound,
    ReadOnlyFile,
    edit_file,
    find_coe,
    next_action_id,
)
from coe.document.vocabulary import ActionKind, ActionStatus, Priority, Status
from coe.yaml.text_edits import AppendItem, SetKey


def set_status(reference: str, status: str, config_path: Path | None = None, *, force: bool = False) -> int:
    if status not in [s.value for s in Status]:
        return fail("set-status", f"status `{status}` is not one of: {', '.join(s.value for s in Status)}")

    def plan(data):
        return [SetKey((), "status", status)]

    return _edit("set-status", reference, plan, config_path, f"status set to {status}", force)


def add_action(
    reference: str,
    *,
    action: str,
    owner: str,
    due: dt.date,
    kind: str | None,
    priority: str | None,
    config_path: Path | None = None,
    force: bool = False,
) -> int:
    if kind is not None and kind not in [k.value for k in ActionKind]:
        return fail("action add", f"kind `{kind}` is not one of: {', '.join(k.value for k in ActionKind)}")
    if priority is not None and priority not in [p.value for p in Priority]:
        return fail("action add", f"priority `{priority}` is not one of: {', '.join(p.value for p in Priority)}")
    added: list[str] = []

    def plan(data):
        entry = {"id": next_action_id(data.get("corrective_actions") or []), "action": action, "owner": owner, "due": due}
        if priority:
            entry["priority"] = priority
        entry["status"] = ActionStatus.OPEN.value
        if kind:
            entry["kind"] = kind
        added.append(entry["id"])
        return [AppendItem((), "corrective_actions", entry)]

    code = _edit("action add", reference, plan, config_path, "", force)
    if code == ExitCode.CLEAN:
        print(f"added {added[0]}")
    return code


def action_done(
    reference: str, action_id: str, *, today: dt.date, config_path: Path | None = None, force: bool = False
) -> int:
    def plan(data):
        for index, entry in enumerate(data.get("corrective_actions") or []):
            if str(entry.get("id")) == action_id:
                at = ("corrective_actions", index)
                return [SetKey(at, "status", ActionStatus.DONE.value), SetKey(at, "done_on", today)]
        raise NotFound(f"no corrective action {action_id} in this COE")

    return _edit("action done", reference, plan, config_path, f"{action_id} marked done on {today.isoformat()}", force)


def _edit(command: str, reference: str, plan, config_path: Path | None, done_message: str, force: bool) -> ExitCode:
    path = None
    try:
        config = load_config(config_path)
        path = find_coe(reference, config.coe_directory)
        edited = edit_file(path, plan, max_file_size=config.max_file_size, force=force)
    except (ConfigError, NotFound, ReadOnlyFile) as exc:
        return fail(command, str(exc))
    except EditError as exc:
        fail(command, str(exc), ExitCode.FINDINGS)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return ExitCode.FINDINGS
    except OSError as exc:
        from coe.fileio import write_error_message

        return fail(command, write_error_message(exc, path or reference))
    if done_message:
        print(f"{edited.path}: {done_message}")
    return ExitCode.CLEAN
