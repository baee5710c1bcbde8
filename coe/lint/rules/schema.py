"""The document does not match the COE format.

An unknown key, a wrong type, a value outside its allowed set, a timestamp
without a UTC offset, or a required key (format, id, title, status,
severity) missing. See docs/format.md for every field.

Bad::

    status: done
    corective_actions: []

Good::

    status: closed
    corrective_actions: []
"""

from coe.lint.rule import LOADER_MODULE, Group

ID = "schema"
GROUP = Group.LOADER
# The loader finds these when it checks the data against the format; no rule function runs on such a file.
REPORTED_BY = LOADER_MODULE
