"""The COE is closed while corrective actions are still open.

Close a COE when every action is done (or explicitly won't be done).

Bad::

    status: closed
    corrective_actions:
      - {id: CA-1, action: Add a config check., status: in-progress}

Good::

    status: closed
    corrective_actions:
      - {id: CA-1, action: Add a config check., status: done, done_on: 2026-12-01}
"""

from coe.document.action_state import is_open
from coe.lint.rule import Group, Violation

ID = "closed-with-open-actions"
GROUP = Group.CONTENT


def check(document, context):
    if document.coe.status != "closed":
        return
    for index, action in enumerate(document.coe.corrective_actions):
        if is_open(action.status):
            yield Violation(
                ("corrective_actions", index, "status"),
                f"the COE is closed but corrective action {action.id} is still {action.status}",
                key=False,
            )
