"""Strict YAML: a small, predictable subset. Strings, decimal integers, true/false, null,
lists and maps. `08`, `NO`, `1991-05-13` and `3.5` stay strings (the schema then decides);
duplicate keys, anchors, aliases and tags are errors. Every value keeps its position."""
from __future__ import annotations

import re
from array import array
from pathlib import Path

import yaml

from ..errors import Pos, Problems
from .files import read_text, rel

# Where a node stands, packed into one integer (line, column), and a map's or a list's positions in
# one array: an edition keeps the YAML of every telegram's head and notes, and a Pos object (with
# a dict of them per map) for each key and value was a fifth of what it held. Pos objects are
# made when asked for.
_SHIFT = 32


def _packed(mark) -> int:
    return ((mark.line + 1) << _SHIFT) | (mark.column + 1)


def _unpack(path: str, at: int) -> Pos:
    return Pos(path, at >> _SHIFT, at & ((1 << _SHIFT) - 1))


class YMap(dict):
    """A mapping that remembers where it and each of its keys and values stand: `pos`, and
    `key_pos[key]` and `val_pos[key]` (Pos)."""
    __slots__ = ("_path", "_at", "_index")     # no __dict__: an edition holds many of these

    def _start(self, path: str, at: int) -> None:
        self._path, self._at, self._index = path, array("q", (at,)), None

    def _add(self, key, value, key_at: int, value_at: int) -> None:
        self[key] = value
        self._at.append(key_at)
        self._at.append(value_at)

    @property
    def pos(self) -> Pos:
        try:
            return _unpack(self._path, self._at[0])
        except AttributeError:             # a map made empty by the schema, read from no file
            raise AttributeError("pos") from None

    @property
    def key_pos(self) -> "_Where":
        return _Where(self, 1)

    @property
    def val_pos(self) -> "_Where":
        return _Where(self, 2)

    def _slot(self, key) -> int:
        if len(self) <= 16:                # most maps: a look along the keys, no index kept
            for i, k in enumerate(self):
                if k == key:
                    return i
            raise KeyError(key)
        index = self._index
        if index is None or len(index) != len(self):
            index = self._index = {k: i for i, k in enumerate(self)}
        return index[key]


class _Where:
    """`key_pos` or `val_pos` of a YMap: key -> Pos."""
    __slots__ = ("_map", "_off")

    def __init__(self, m: YMap, off: int):
        self._map, self._off = m, off

    def __getitem__(self, key) -> Pos:
        m = self._map
        i = 2 * m._slot(key) + self._off
        if i >= len(m._at):               # a key the schema added (an absent optional key): not in the file
            raise KeyError(key)
        return _unpack(m._path, m._at[i])

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key) -> bool:
        return self.get(key) is not None


class YList(list):
    """A list that remembers where it and each of its items stand: `pos`, `item_pos[i]`."""
    __slots__ = ("_path", "_at")

    @property
    def pos(self) -> Pos:
        return _unpack(self._path, self._at[0])

    @property
    def item_pos(self) -> "_Items":
        return _Items(self)


class _Items:
    """`item_pos` of a YList: index -> Pos, as a sequence."""
    __slots__ = ("_list",)

    def __init__(self, items: YList):
        self._list = items

    def __getitem__(self, i: int) -> Pos:
        if i < 0:
            i += len(self._list)
        if not 0 <= i < len(self._list):
            raise IndexError(i)
        return _unpack(self._list._path, self._list._at[i + 1])

    def __len__(self) -> int:
        return len(self._list)

    def __iter__(self):
        path = self._list._path
        return (_unpack(path, a) for a in self._list._at[1:])


_INT = re.compile(r"-?(0|[1-9][0-9]*)\Z")

# libyaml (PyYAML's C extension) reads the same documents with the same positions, about
# ten times faster. Its error messages are terser ("found character that cannot start any
# token", without the character), so a document it refuses is read again by the pure-Python
# loader, whose message an editor sees. A plain scalar's style is '' there, None here.
# Implicit tags are not resolved (every plain scalar is tagged a string): `_convert` decides
# what a plain scalar is, and only explicit tags (`!!python/...`) need refusing.
if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        def resolve(self, kind, value, implicit):
            if kind is yaml.ScalarNode:
                return "tag:yaml.org,2002:merge" if value == "<<" and implicit[0] else "tag:yaml.org,2002:str"
            return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"
else:  # pragma: no cover - PyYAML without libyaml
    _FastLoader = None

# An anchor (&a) or an alias (*a) begins a node: after a line start, space, '[', '{' or ','.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\{,])[&*][^\s\]\},]", re.M)


def _compose(text: str):
    if _FastLoader is not None:
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _first_anchor_or_alias(text: str):
    """The first parse event that is an anchor or an alias, or None (most texts have neither
    character, and are not parsed again)."""
    if not _MAYBE_ANCHOR.search(text):
        return None
    for event in yaml.parse(text, Loader=_FastLoader or yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return event
    return None


def _pos(shown: str, mark) -> Pos:
    return Pos(shown, mark.line + 1, mark.column + 1)


def load_yaml(path: Path, problems: Problems, checked: bool = False):
    """Load one YAML file into YMap/YList/str/int/bool/None, or None after reporting problems.
    `checked`: the same bytes were loaded before without problems (no anchors to look for)."""
    text = read_text(path, problems)
    if text is None:
        return None
    shown = rel(path)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        pos = _pos(shown, mark) if mark else Pos(shown, 1, 1)
        problems.add(pos, f"YAML syntax error: {e.problem or e.context}",
                     hint="check indentation (spaces, not tabs) and quoting")
        return None
    except yaml.reader.ReaderError as e:    # a control character: say where it is
        i = e.position
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        problems.add(Pos(shown, line, col), f"control character U+{e.character:04X} is not allowed in YAML",
                     hint="delete it (it is invisible in most editors), or write it as an escape in a "
                          "double-quoted string, e.g. \"\\x01\"")
        return None
    except yaml.YAMLError as e:  # pragma: no cover - defensive
        problems.add(Pos(shown, 1, 1), f"YAML error: {e}")
        return None
    if node is None:
        problems.add(Pos(shown, 1, 1), "the file is empty", hint="see the editing guide for what this file holds")
        return None
    event = None if checked else _first_anchor_or_alias(text)
    if event is not None:
        problems.add(_pos(shown, event.start_mark), "YAML anchors and aliases are not allowed",
                     hint="write the value out in full")
        return None
    before = len(problems.items)
    data = _convert(node, shown, problems)
    if data is None and len(problems.items) == before:   # `---`, `~` or `null` alone: no data either
        problems.add(_pos(shown, node.start_mark), "the file holds no data (only null)",
                     hint="see the editing guide for what this file holds")
    return data


def _convert(node, shown: str, problems: Problems):
    at = _packed(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        if node.tag not in ("tag:yaml.org,2002:map",):
            problems.add(_unpack(shown, at), f"YAML tag {node.tag!r} is not allowed", hint="remove the tag")
        out = YMap()
        out._start(shown, at)
        for knode, vnode in node.value:
            kat = _packed(knode.start_mark)
            if not isinstance(knode, yaml.ScalarNode) or knode.tag == "tag:yaml.org,2002:merge":
                problems.add(_unpack(shown, kat), "keys must be plain words", hint="write `key: value`")
                continue
            key = knode.value
            if key in out:
                first = out.key_pos[key]
                problems.add(_unpack(shown, kat), f"duplicate key {key!r} (first at line {first.line})",
                             hint="each key may appear once in a mapping; merge the two entries")
                continue
            out._add(key, _convert(vnode, shown, problems), kat, _packed(vnode.start_mark))
        return out
    if isinstance(node, yaml.SequenceNode):
        out = YList(_convert(item, shown, problems) for item in node.value)
        out._path, out._at = shown, array("q", [at] + [_packed(item.start_mark) for item in node.value])
        return out
    # scalar
    if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
                        "tag:yaml.org,2002:null", "tag:yaml.org,2002:float",
                        "tag:yaml.org,2002:timestamp"):
        problems.add(_unpack(shown, at), f"YAML tag {node.tag!r} is not allowed", hint="remove the tag")
    value = node.value
    if node.style:  # quoted or block scalar: always a string (plain is None, or '' from libyaml)
        return value
    if value in ("", "~", "null"):
        return None
    if value in ("true", "false"):
        return value == "true"
    if _INT.match(value):
        return int(value)
    return value
