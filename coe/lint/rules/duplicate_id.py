"""Two files carry the same COE id.

Ids are how COEs cite each other and how actions are tracked, so each must be
unique across the repository. Reported at the id in every file that has it.

Bad::

    # COE-0042-cache.yaml
    id: COE-0042
    # COE-0042-refunds.yaml
    id: COE-0042

Good::

    # COE-0042-cache.yaml
    id: COE-0042
    # COE-0043-refunds.yaml
    id: COE-0043
"""

from collections import defaultdict

from coe.document.findings import Finding
from coe.lint.rule import Group

ID = "duplicate-id"
GROUP = Group.LOADER


def check_portfolio(summaries, context):
    by_id = defaultdict(list)
    for summary in summaries:
        by_id[summary.id].append(summary)
    for coe_id, holders in by_id.items():
        if len(holders) < 2:
            continue
        for summary in holders:
            others = ", ".join(other.path for other in holders if other is not summary)
            line, column = summary.id_position
            yield Finding(summary.path, line, column, ID, f"id `{coe_id}` is also used by {others}")
