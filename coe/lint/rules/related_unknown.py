"""`related` names a COE that is not among the files linted.

A dangling reference is usually a typo. Lint the whole COE directory so
every id is known.

Bad::

    related: [COE-0007]   # no file has id COE-0007

Good::

    related: [COE-0001]
"""

from coe.document.findings import Finding
from coe.lint.rule import Group

ID = "related-unknown"
GROUP = Group.QUALITY


def check_portfolio(summaries, context):
    known = {summary.id for summary in summaries}
    for summary in summaries:
        for related_id, (line, column) in summary.related:
            if related_id not in known:
                yield Finding(summary.path, line, column, ID, f"`{related_id}` is not the id of any COE linted")
