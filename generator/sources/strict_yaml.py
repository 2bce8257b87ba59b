"""Strict YAML: a small, predictable subset. Strings, decimal integers, true/false, null,
lists and maps. `08`, `NO`, `1991-05-13` and `3.5` stay strings (the schema then decides);
duplicate keys, anchors, aliases and tags are errors. Every value keeps its position."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import Pos, Problems
from .files import read_text, rel

class YMap(dict):
    """A mapping that remembers where it and each of its keys and values stand."""
    __slots__ = ("pos", "key_pos", "val_pos")     # no __dict__: an edition holds many of these

    pos: Pos
    key_pos: dict
    val_pos: dict


class YList(list):
    __slots__ = ("pos", "item_pos")

    pos: Pos
    item_pos: list


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


def load_yaml(path: Path, problems: Problems):
    """Load one YAML file into YMap/YList/str/int/bool/None, or None after reporting problems."""
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
    event = _first_anchor_or_alias(text)
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
    pos = _pos(shown, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        if node.tag not in ("tag:yaml.org,2002:map",):
            problems.add(pos, f"YAML tag {node.tag!r} is not allowed", hint="remove the tag")
        out = YMap()
        out.pos, out.key_pos, out.val_pos = pos, {}, {}
        for knode, vnode in node.value:
            kpos = _pos(shown, knode.start_mark)
            if not isinstance(knode, yaml.ScalarNode) or knode.tag == "tag:yaml.org,2002:merge":
                problems.add(kpos, "keys must be plain words", hint="write `key: value`")
                continue
            key = knode.value
            if key in out:
                first = out.key_pos[key]
                problems.add(kpos, f"duplicate key {key!r} (first at line {first.line})",
                             hint="each key may appear once in a mapping; merge the two entries")
                continue
            out[key] = _convert(vnode, shown, problems)
            out.key_pos[key] = kpos
            out.val_pos[key] = _pos(shown, vnode.start_mark)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = YList()
        out.pos, out.item_pos = pos, []
        for item in node.value:
            out.append(_convert(item, shown, problems))
            out.item_pos.append(_pos(shown, item.start_mark))
        return out
    # scalar
    if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
                        "tag:yaml.org,2002:null", "tag:yaml.org,2002:float",
                        "tag:yaml.org,2002:timestamp"):
        problems.add(pos, f"YAML tag {node.tag!r} is not allowed", hint="remove the tag")
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
