"""Timeline events are not in time order.

Readers follow the timeline top to bottom; an event out of order usually
means a wrong date or time zone. Reported at the first event out of order.

Bad::

    what_happened:
      timeline:
        - {at: 2026-03-17T14:30:00Z, event: Rolled back.}
        - {at: 2026-03-17T14:02:00Z, event: Config deployed.}

Good::

    what_happened:
      timeline:
        - {at: 2026-03-17T14:02:00Z, event: Config deployed.}
        - {at: 2026-03-17T14:30:00Z, event: Rolled back.}
"""

from coe.lint.rule import Group, Violation

ID = "timeline-order"
GROUP = Group.QUALITY


def check(document, context):
    section = document.coe.what_happened
    if section is None:
        return
    latest = None
    for index, event in enumerate(section.timeline):
        if event.at is None:
            continue
        if latest is not None and event.at < latest:
            yield Violation(
                ("what_happened", "timeline", index, "at"),
                f"this event ({event.at.isoformat()}) is earlier than the one before it ({latest.isoformat()})",
                key=False,
            )
            return
        latest = event.at
