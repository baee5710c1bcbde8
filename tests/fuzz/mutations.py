"""Named mutations of the shipped examples, for fuzzing every command that reads COEs.

A mutation takes an example's text and a seeded ``random.Random`` and returns
the bytes of a mutant file. Mutations that need no randomness ignore the
generator, so a (mutation, example, seed) triple always names one file.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
UTF8_BOM = b"\xef\xbb\xbf"
DEEP = 10_000  # nesting levels of the deep-nesting mutants
LONG_LINE = 1_048_576  # characters in the long-line mutant
# A command the YAML tags would run if a loader executed them: the tests check
# that this file never appears.
PWNED = Path("/tmp/coe-fuzz-pwned")

Mutation = Callable[[str, random.Random], bytes]
MUTATIONS: dict[str, Mutation] = {}


def mutation(fn: Callable[[str, random.Random], bytes | str]) -> Mutation:
    """Register ``fn`` under its name with dashes; str results are encoded as UTF-8."""

    def mutate(text: str, rng: random.Random) -> bytes:
        out = fn(text, rng)
        return out.encode("utf-8") if isinstance(out, str) else out

    mutate.__name__ = fn.__name__
    MUTATIONS[fn.__name__.replace("_", "-")] = mutate
    return mutate


def example_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# Lines of the form `  key: value` or `  - key: value` with an inline value.
_SCALAR_LINE = re.compile(r"^(?P<lead>(?: *- )?) *(?P<key>[a-z_]+): (?P<value>[^\n]+)$", re.M)
_TOP_KEY_LINE = re.compile(r"^(?P<key>[a-z_]+):(?P<rest>[^\n]*)$", re.M)


def _pick(rng: random.Random, pattern: re.Pattern[str], text: str) -> re.Match[str]:
    return rng.choice(list(pattern.finditer(text)))


def replace_value(text: str, key: str, new: str) -> str:
    """Replace the inline value of the first `key:` line (at any depth) with ``new``."""
    match = re.search(rf"^( *(?:- )?{re.escape(key)}:)[^\n]*$", text, re.M)
    assert match, f"no `{key}:` line"
    return text[: match.start()] + f"{match.group(1)} {new}" + text[match.end() :]


def replace_block(text: str, key: str, new: str) -> str:
    """Replace a top-level key and its whole (block) value with ``key: new``."""
    match = re.search(rf"^{re.escape(key)}:.*?(?=^[a-z_#]|\Z)", text, re.M | re.S)
    assert match, f"no top-level `{key}:`"
    return text[: match.start()] + f"{key}: {new}\n" + text[match.end() :]


def append_top(text: str, lines: str) -> str:
    """Add top-level lines at the end of the document."""
    return text.rstrip("\n") + "\n" + lines


# Bytes --------------------------------------------------------------------------


# Characters that change what YAML means, for the byte mutations.
YAML_BYTES = b"-:?,[]{}#&*!|>'\"%@`\t\n\r \\"


def _random_bytes(rng: random.Random, n: int) -> bytes:
    """Mostly YAML indicators, sometimes any byte at all."""
    return bytes(rng.choice(YAML_BYTES) if rng.random() < 0.8 else rng.randrange(256) for _ in range(n))


@mutation
def flip_bytes(text: str, rng: random.Random) -> bytes:
    """Overwrite up to 8 bytes; a flipped low bit keeps ASCII text ASCII."""
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data))
        data[at] = data[at] ^ (1 << rng.randrange(7)) if rng.random() < 0.5 else _random_bytes(rng, 1)[0]
    return bytes(data)


@mutation
def insert_bytes(text: str, rng: random.Random) -> bytes:
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data) + 1)
        data[at:at] = _random_bytes(rng, rng.randint(1, 4))
    return bytes(data)


def cut_points(text: str) -> list[int]:
    """Where to truncate: after each line, and in the middle of each line."""
    points, start = [], 0
    for line in text.splitlines(keepends=True):
        points += [start + len(line) // 2, start + len(line)]
        start += len(line)
    return points


@mutation
def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.choice(cut_points(text))]


@mutation
def utf8_bom(text: str, rng: random.Random) -> bytes:
    return UTF8_BOM + text.encode("utf-8")


@mutation
def invalid_utf8(text: str, rng: random.Random) -> bytes:
    data = bytearray(text.encode("utf-8"))
    bad = rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80", b"\xf8\x88\x80\x80\x80"])
    at = rng.randrange(len(data) + 1)
    while 0 < at < len(data) and data[at] & 0xC0 == 0x80:  # not inside a character: keep the rest valid
        at -= 1
    data[at:at] = bad
    return bytes(data)


@mutation
def crlf(text: str, rng: random.Random) -> str:
    return text.replace("\n", "\r\n")


@mutation
def tab_indent(text: str, rng: random.Random) -> str:
    """Replace the leading spaces of one indented line with a tab."""
    indented = [m for m in re.finditer(r"^( +)(?=\S)", text, re.M)]
    match = rng.choice(indented)
    return text[: match.start()] + "\t" + text[match.end() :]


@mutation
def long_line(text: str, rng: random.Random) -> str:
    return append_top(text, f"x_long: {'a' * LONG_LINE}\n")


# Types ---------------------------------------------------------------------------

# A value of every YAML kind, as it would be written inline.
OTHER_TYPES = {
    "number": "42",
    "float": "-1.5e3",
    "list": "[one, 2]",
    "mapping": "{a: 1}",
    "null": "null",
    "bool": "true",
    "date": "2026-01-01",
    "timestamp": "2026-01-01T00:00:00Z",
    "empty-string": "''",
}


@mutation
def other_type(text: str, rng: random.Random) -> str:
    """Replace one inline scalar (at any depth) with a value of another type."""
    match = _pick(rng, _SCALAR_LINE, text)
    new = rng.choice(list(OTHER_TYPES.values()))
    return text[: match.start("value")] + new + text[match.end("value") :]


# Values at the edges of their types: each still loads in some field.
EXTREME_VALUES = {
    "first-timestamp": "0001-01-01T00:00:00+23:59",
    "last-timestamp": "9999-12-31T23:59:59-23:59",
    "first-date": "0001-01-01",
    "last-date": "9999-12-31",
    "infinity": ".inf",
    "not-a-number": ".nan",
    "largest-float": "1.7976931348623157e308",
    "huge-integer": "9" * 400,
    "negative": "-99999999999999999999",
    "long-text": "'" + "long " * 20_000 + "'",
    "unicode": '"\\u202eevil\\u200b 🔥 \\0 \\e[31m"',  # YAML escapes: RTL override, NUL, ESC
}


RANDOM_EXTREMES = list(EXTREME_VALUES)


@mutation
def extreme_value(text: str, rng: random.Random) -> str:
    """Replace one inline scalar (at any depth) with a value at the edge of its type."""
    match = _pick(rng, _SCALAR_LINE, text)
    new = EXTREME_VALUES[rng.choice(RANDOM_EXTREMES)]
    return text[: match.start("value")] + new + text[match.end("value") :]


@mutation
def collection_to_scalar(text: str, rng: random.Random) -> str:
    """Replace a whole top-level section (a mapping or a list) with a scalar or the other collection."""
    keys = [m["key"] for m in _TOP_KEY_LINE.finditer(text) if not m["rest"].strip()]
    return replace_block(text, rng.choice(keys), rng.choice(list(OTHER_TYPES.values())))


# Keys ----------------------------------------------------------------------------


@mutation
def unknown_top_key(text: str, rng: random.Random) -> str:
    return append_top(text, f"surprise_{rng.randrange(1000)}: 1\n")


@mutation
def unknown_action_key(text: str, rng: random.Random) -> str:
    ids = list(re.finditer(r"^  - id: CA-\d+\n", text, re.M))
    match = rng.choice(ids)
    return text[: match.end()] + "    surprise: 1\n" + text[match.end() :]


@mutation
def duplicate_key(text: str, rng: random.Random) -> str:
    """Repeat one `key: value` line right after itself (so in the same mapping)."""
    match = _pick(rng, _SCALAR_LINE, text)
    line = match.group(0)
    if match["lead"]:  # `- key: v` starts an item: repeat the key at the item's indent
        line = " " * len(match["lead"]) + line[len(match["lead"]) :].lstrip()
    return text[: match.end()] + "\n" + line + text[match.end() :]


# Hostile YAML ---------------------------------------------------------------------


@mutation
def deep_flow(text: str, rng: random.Random) -> str:
    return append_top(text, f"x_deep: {'[' * DEEP}{']' * DEEP}\n")


@mutation
def deep_block(text: str, rng: random.Random) -> str:
    """Block sequences nested DEEP levels, in the compact one-line form `- - - x`."""
    return append_top(text, f"x_deep:\n  {'- ' * DEEP}x\n")


def billion_laughs(levels: int = 9) -> str:
    lines = ["x_lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels + 1):
        lines.append(f"x_lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@mutation
def alias_bomb(text: str, rng: random.Random) -> str:
    return append_top(text, billion_laughs())


@mutation
def tag_python_apply(text: str, rng: random.Random) -> str:
    return append_top(text, f'x_payload: !!python/object/apply:os.system ["touch {PWNED}"]\n')


@mutation
def tag_python_name(text: str, rng: random.Random) -> str:
    return append_top(text, "x_payload: !!python/name:os.system\n")


@mutation
def tag_custom(text: str, rng: random.Random) -> str:
    return replace_value(text, "title", "!tag Checkout failures")


@mutation
def merge_key(text: str, rng: random.Random) -> str:
    """Give the first action its owner through a merge key from an anchored custom field."""
    match = re.search(r"^  - id: (CA-\d+)\n((?:    .*\n)*)", text, re.M)
    body = re.sub(r"^    owner: (.*)\n", "", match[2], count=1, flags=re.M)
    owner = re.search(r"^    owner: (.*)$", match[2], re.M)[1]
    merged = f"  - id: {match[1]}\n    <<: *defaults\n{body}"
    text = text[: match.start()] + merged + text[match.end() :]
    return f"x_defaults: &defaults {{owner: {owner}}}\n" + text


# Hypothesis ------------------------------------------------------------------------


def mutate(name: str, example: Path, seed: int) -> bytes:
    return MUTATIONS[name](example_text(example), random.Random(seed))


@st.composite
def mutants(draw, names: list[str] | None = None, max_stack: int = 2) -> tuple[str, bytes]:
    """(description, bytes): an example with one to ``max_stack`` mutations applied in turn.

    Later mutations work on the text of earlier ones; a mutant that is no
    longer UTF-8 stops the stack there.
    """
    example = draw(st.sampled_from(EXAMPLES))
    chosen = draw(st.lists(st.sampled_from(names or sorted(MUTATIONS)), min_size=1, max_size=max_stack))
    seed = draw(st.integers(0, 2**32 - 1))
    data = example_text(example).encode("utf-8")
    applied = []
    for name in chosen:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            break
        try:
            data = MUTATIONS[name](text, random.Random(seed))
        except (IndexError, TypeError, ValueError, AssertionError):  # nothing left for it to change
            continue
        applied.append(name)
    return f"{example.name} + {' + '.join(applied) or 'nothing'} (seed {seed})", data
