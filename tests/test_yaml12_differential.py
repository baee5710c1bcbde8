"""The fast loader (libyaml + our YAML 1.2 constructor) and ruamel.yaml's
round-trip loader must read the same data at the same positions."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from coe.yaml import reader

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"
CORPUS = sorted(DATA.glob("yaml12_*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))


def ruamel_load(text: str):
    return YAML(typ="rt").load(text)


def plain(value):
    """ruamel's round-trip types, as plain Python values."""
    if isinstance(value, CommentedMap):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, CommentedSeq):
        return [plain(v) for v in value]
    if isinstance(value, TaggedScalar) and str(value.tag) == "tag:yaml.org,2002:str":
        return str(value.value)  # ruamel keeps `!!str 123` as a tagged scalar
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(*value.timetuple()[:6], value.microsecond, tzinfo=value.tzinfo)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    raise TypeError(type(value))


def assert_same(fast, slow, where="$"):
    assert type(fast) is type(slow), f"{where}: {type(fast).__name__} != {type(slow).__name__} ({fast!r} vs {slow!r})"
    if isinstance(fast, dict):
        assert list(fast) == list(slow), f"{where}: keys differ"
        for key in fast:
            assert_same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(fast, list):
        assert len(fast) == len(slow), f"{where}: lengths differ"
        for index, (a, b) in enumerate(zip(fast, slow)):
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(fast, float) and math.isnan(fast):
        assert math.isnan(slow), where
    elif isinstance(fast, dt.datetime):
        assert fast == slow and fast.utcoffset() == slow.utcoffset(), f"{where}: {fast!r} != {slow!r}"
    else:
        assert fast == slow, f"{where}: {fast!r} != {slow!r}"


def positions(value, path=()):
    """Every (path, key position) that ruamel records, 1-based."""
    if isinstance(value, CommentedMap):
        for key in value:
            try:
                line, column = value.lc.key(key)
            except KeyError:  # merged from an anchor
                continue
            yield path + (key,), (line + 1, column + 1)
            yield from positions(value[key], path + (key,))
    elif isinstance(value, CommentedSeq):
        for index, item in enumerate(value):
            line, column = value.lc.item(index)
            yield path + (index,), (line + 1, column + 1)
            yield from positions(item, path + (index,))


def test_corpus_is_not_empty():
    assert len(CORPUS) >= 2
    assert DATA / "yaml12_traps.yaml" in CORPUS


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_fast_loader_reads_the_same_data_as_ruamel(path):
    text = path.read_text(encoding="utf-8")
    fast, _ = reader.load(text)
    assert_same(fast, plain(ruamel_load(text)))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_fast_loader_reports_the_same_positions_as_ruamel(path):
    text = path.read_text(encoding="utf-8")
    _, root = reader.load(text)
    expected = dict(positions(ruamel_load(text)))
    assert expected, "no positions recorded"
    # Anchored mappings are shared, so ruamel records merged keys at their source.
    got = {where: reader.locate(root, where, key=True) for where in expected}
    assert got == expected


def test_yaml_11_traps_keep_their_yaml_12_meaning():
    data, _ = reader.load((DATA / "yaml12_traps.yaml").read_text(encoding="utf-8"))
    assert data["norway"] == "no"
    assert data["yes_word"] == "yes"
    assert data["on_word"] == "on"
    assert data["octal_looking"] == 10
    assert data["octal_12"] == 15
    assert data["sexagesimal"] == "1:30"
    assert data["date"] == dt.date(2026, 11, 20)
    assert data["timestamp_offset"].utcoffset() == dt.timedelta(hours=2)
    assert data["timestamp_naive"].tzinfo is None
    assert data["merged"] == {"a": 1, "b": "three"}


# libyaml reads NEL, LS and PS as line breaks (YAML 1.1); YAML 1.2 reads them as text. The reader swaps
# each for a private-use character the text lacks. A text that uses the private-use characters must not
# change how the rest is read: with all 6,399 of the BMP's present, `# x<LS>x_evil: injected` used to
# become a key. ruamel.yaml cannot be the reference here: its reader, like PyYAML's, still breaks lines
# at NEL, LS and PS in comments and block scalars (0.19.1), where YAML 1.2 does not.
BMP_PRIVATE_USE = "".join(chr(code) for code in range(0xE000, 0xF900))
PLANE_15_SOME = "".join(chr(code) for code in range(0xFFFFD, 0xFFFFD - 500, -1))
YAML11_BREAK_PLACES = {
    "comment": "# x{brk}x_evil: injected\n",
    "double-quoted": 'x_note: "a{brk}x_evil: injected"\n',
    "single-quoted": "x_note: 'a{brk}x_evil: injected'\n",
    "block scalar": "x_note: |\n  a{brk}x_evil: injected\n",
    "folded scalar": "x_note: >\n  a{brk}x_evil: injected\n",
}


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
@pytest.mark.parametrize("filler", [BMP_PRIVATE_USE, BMP_PRIVATE_USE + PLANE_15_SOME], ids=["bmp", "bmp+plane15"])
@pytest.mark.parametrize("where", YAML11_BREAK_PLACES)
def test_private_use_characters_in_the_text_never_change_how_a_yaml11_break_is_read(brk, filler, where):
    body = YAML11_BREAK_PLACES[where].format(brk=brk) + "title: t\n"
    alone, _ = reader.load(body)
    crowded, _ = reader.load(f'x_filler: "{filler}"\n' + body)
    assert crowded.pop("x_filler") == filler
    assert_same(crowded, alone)
    assert "x_evil" not in crowded
    if where != "comment":
        assert brk in crowded["x_note"]  # YAML 1.2: text, not a line break


def test_a_text_using_every_private_use_character_and_a_yaml11_break_is_refused():
    every = "".join(chr(code) for low, high in reader._PRIVATE_USE for code in range(low, high + 1))
    with pytest.raises(reader.YamlError, match=r"^the file uses every private-use character and NEL, LS or PS"):
        reader.load(f'x_filler: "{every}"\n# x\u2028x_evil: injected\n')
