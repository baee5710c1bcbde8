"""Coverage-guided fuzzing of `coe.document.loader.load_text` with atheris (libFuzzer).

The loader's contract: for any text it returns a LoadResult, either with a
document or with syntax/schema problems at real positions. It never raises.
Any exception, crash or hang here is a bug. See fuzz/README.md to run it.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["coe"]):
    from coe.document.loader import LoadResult, load_text

PATH = "fuzzed.yaml"


def check(text: str) -> None:
    result = load_text(text, PATH)
    assert isinstance(result, LoadResult), type(result)
    assert result.path == PATH
    assert (result.document is None) == bool(result.problems), result
    for problem in result.problems:
        assert problem.path == PATH and problem.rule in ("syntax", "schema"), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert isinstance(problem.message, str) and problem.message, problem


def test_one_input(data: bytes) -> None:
    # load() refuses bytes that are not UTF-8 before load_text sees them; here
    # they become U+FFFD so that every input still reaches the parser.
    check(data.decode("utf-8", errors="replace"))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
