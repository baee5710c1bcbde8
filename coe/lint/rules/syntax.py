"""The file cannot be read as YAML.

Broken YAML, a duplicate key, several documents in one file, bytes that are
not UTF-8, an unsupported tag, an alias bomb or a file over the size limit.
The loader reports these; nothing else can be checked until they are fixed.

Bad::

    title: [Checkout failures
    status: draft

Good::

    title: "[Checkout] failures"
    status: draft
"""

from coe.lint.rule import LOADER_MODULE, Group

ID = "syntax"
GROUP = Group.LOADER
# The loader finds these while it reads the file; no rule function can run on a file it cannot read.
REPORTED_BY = LOADER_MODULE
