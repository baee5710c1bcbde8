"""The `coe` console script (and `python -m coe`): run the CLI, then exit briskly.

When Python exits, it runs the cyclic garbage collector over every object
still alive: the whole of Typer, PyYAML and coe as imported. For a short
command that walk is a large share of the run: about 15 ms of
`coe lint ONE_FILE`, which pre-commit runs on every commit
(bench/RESULTS.md). ``gc.freeze()`` moves every object to the permanent
generation, which collections skip. coe holds no file or other resource
that relies on a collection to be released: its writes close their files
and replace the target before returning (docs/data-safety.md). Only the
entry points do this; ``import coe`` does not.
"""

import gc


def main() -> None:
    from coe.cli import main as run

    try:
        run()
    finally:
        gc.freeze()
