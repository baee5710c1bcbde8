"""An open corrective action is past its due date.

Reset the date with a reason, or finish the action. `coe lint --today
YYYY-MM-DD` pins today, so CI runs are reproducible.

Bad::

    corrective_actions:
      - {id: CA-1, action: Add a config check., owner: a.lee, due: 2026-01-15, status: open}

Good::

    corrective_actions:
      - {id: CA-1, action: Add a config check., owner: a.lee, due: 2026-01-15, status: done, done_on: 2026-01-12}
"""

from coe.document.action_state import is_overdue
from coe.lint.rule import Group, Violation

ID = "action-overdue"
GROUP = Group.QUALITY


def check(document, context):
    for index, action in enumerate(document.coe.corrective_actions):
        if is_overdue(action.status, action.due, context.today):
            days = (context.today - action.due).days
            ago = "1 day" if days == 1 else f"{days} days"
            yield Violation(
                ("corrective_actions", index, "due"),
                f"corrective action {action.id} was due {action.due.isoformat()} ({ago} ago) and is still {action.status}",
                key=False,
            )
