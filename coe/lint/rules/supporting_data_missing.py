"""No data supports the analysis.

Question 4. Link the graphs, logs, tickets or transcripts that show the
impact and the root cause are what the COE says they are.

Bad::

    supporting_data: []

Good::

    supporting_data:
      - description: Cache evictions per second, 14:00 to 15:00
        link: https://grafana.example.internal/d/cache
"""

from coe.lint.answers import is_unanswered
from coe.lint.rule import Group, Violation

ID = "supporting-data-missing"
GROUP = Group.CONTENT


def check(document, context):
    evidence = document.coe.supporting_data
    if not any(not is_unanswered(item.description) or item.link for item in evidence):
        yield Violation(("supporting_data",), "add the data that supports this analysis to `supporting_data`")
