"""YAML for COEs: the YAML 1.2 reader with positions, scalar writing, and edits made in place in the text."""
