"""The incident times are out of order.

An incident starts, is detected, is mitigated and is resolved, in that
order: started_at <= detected_at <= mitigated_at <= resolved_at.

Bad::

    incident:
      started_at: 2026-03-17T14:02:00Z
      detected_at: 2026-03-17T13:55:00Z

Good::

    incident:
      started_at: 2026-03-17T14:02:00Z
      detected_at: 2026-03-17T14:09:00Z
"""

from coe.lint.rule import Group, Violation

ID = "incident-times"
GROUP = Group.QUALITY
ORDER = ("started_at", "detected_at", "mitigated_at", "resolved_at")


def check(document, context):
    incident = document.coe.incident
    if incident is None:
        return
    previous = None
    for name in ORDER:
        value = getattr(incident, name)
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            yield Violation(("incident", name), f"`{name}` is before `{previous[0]}`", key=False)
        previous = (name, value)
