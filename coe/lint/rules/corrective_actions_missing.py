"""No corrective actions are listed.

Question 7. A COE without actions changes nothing: list what will stop this
from happening again, each with an owner and a due date.

Bad::

    corrective_actions: []

Good::

    corrective_actions:
      - id: CA-1
        action: Reject config that sets production values to defaults.
        owner: a.lee
        due: 2027-01-15
        kind: prevent
"""

from coe.lint.rule import Group, Violation

ID = "corrective-actions-missing"
GROUP = Group.CONTENT


def check(document, context):
    if not document.coe.corrective_actions:
        yield Violation(("corrective_actions",), "list the corrective actions in `corrective_actions`")
