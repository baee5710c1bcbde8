"""One module per rule; :mod:`coe.lint.registry` finds them all."""
