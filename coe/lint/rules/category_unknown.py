"""The root-cause category is not one of the configured categories.

When the config lists `categories`, every COE must use one of them, so that
the portfolio report can count causes that recur. Quiet without that list.
The top-level `categories` setting is this rule's `categories` option;
`[rules.category-unknown]` may set it instead.

Bad::

    # .coe.toml: categories = ["config-change", "capacity"]
    root_cause:
      category: config

Good::

    root_cause:
      category: config-change
"""

from coe.lint.rule import Group, Violation

ID = "category-unknown"
GROUP = Group.CONTENT
# The config's top-level `categories` sets this option (coe.config.Config.rule_options).
OPTIONS = {"categories": []}


def check(document, context):
    categories = context.options["categories"]
    section = document.coe.root_cause
    if not categories or section is None or section.category is None:
        return
    if section.category not in categories:
        allowed = ", ".join(categories)
        yield Violation(
            ("root_cause", "category"),
            f"category `{section.category}` is not configured; use one of: {allowed}",
            key=False,
        )
