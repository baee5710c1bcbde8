"""A SEV1 or SEV2 has no action that prevents recurrence.

Detecting and mitigating faster is good; for a severe incident, at least one
action must stop the cause from happening again (`kind: prevent`).

Bad::

    severity: SEV2
    corrective_actions:
      - {id: CA-1, action: Alert on cache evictions., kind: detect}

Good::

    severity: SEV2
    corrective_actions:
      - {id: CA-1, action: Alert on cache evictions., kind: detect}
      - {id: CA-2, action: Reject default values in production config., kind: prevent}
"""

from coe.lint.rule import Group, Violation

ID = "prevention-missing"
GROUP = Group.QUALITY


def check(document, context):
    coe = document.coe
    if coe.severity not in ("SEV1", "SEV2"):
        return
    # An action that will not be done prevents nothing.
    if not any(action.kind == "prevent" and action.status != "wont-do" for action in coe.corrective_actions):
        yield Violation(
            ("corrective_actions",),
            f"a {coe.severity} needs at least one corrective action of kind `prevent`",
        )
