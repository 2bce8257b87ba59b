"""A small declarative schema for the YAML sources, reporting with positions.

Schemas are data: `Map({...})`, `List(item)`, `Str(pattern=...)`, `Int()`,
`Enum(...)`, `Bool()`, `Opt(schema)` for optional keys. Unknown keys are errors
(with a "did you mean" hint); a value of the wrong type names the expected type.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..errors import Pos, Problems, Progress
from .files import rel
from .strict_yaml import YList, YMap, load_yaml


class Schema:
    name = "value"

    def check(self, value, pos: Pos, problems: Problems, where: str) -> bool:  # pragma: no cover
        raise NotImplementedError

    def fill(self, value) -> None:
        """What `check` does to data it finds sound (absent optional keys read as null), without
        checking: for the same bytes read again (load_sound)."""


def _at(where: str) -> str:
    return f"{where}: " if where else ""


def _show(value) -> str:
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


@dataclass
class Str(Schema):
    pattern: str | None = None
    describe: str = ""
    name = "text"

    def check(self, value, pos, problems, where):
        if not isinstance(value, str) or value == "":
            hint = "put the value in quotes" if isinstance(value, (int, bool)) or value is None else ""
            problems.add(pos, f"{_at(where)}expected {self.describe or 'text'}, found {_show(value)}", hint=hint)
            return False
        if self.pattern and not re.fullmatch(self.pattern, value):
            problems.add(pos, f"{_at(where)}{value!r} is not {self.describe or 'in the expected form'}",
                         hint=f"it must match {self.pattern}")
            return False
        return True


@dataclass
class Int(Schema):
    min: int | None = None
    max: int | None = None
    name = "integer"

    def check(self, value, pos, problems, where):
        if isinstance(value, bool) or not isinstance(value, int):
            hint = ""
            if isinstance(value, str) and value.isdigit():
                hint = f"write {int(value)} without leading zeros or quotes"
            problems.add(pos, f"{_at(where)}expected an integer, found {_show(value)}", hint=hint)
            return False
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            problems.add(pos, f"{_at(where)}{value} is out of range {self.min}..{self.max}")
            return False
        return True


@dataclass
class Bool(Schema):
    name = "true or false"

    def check(self, value, pos, problems, where):
        if not isinstance(value, bool):
            problems.add(pos, f"{_at(where)}expected true or false, found {_show(value)}",
                         hint="write true or false (yes/no/on/off are not booleans here)")
            return False
        return True


@dataclass
class Enum(Schema):
    values: tuple

    def check(self, value, pos, problems, where):
        if value not in self.values:
            near = difflib.get_close_matches(str(value), [str(v) for v in self.values], n=1)
            hint = f"did you mean {near[0]!r}?" if near else "one of: " + ", ".join(map(str, self.values))
            problems.add(pos, f"{_at(where)}{_show(value)} is not one of the allowed values", hint=hint)
            return False
        return True


@dataclass
class List(Schema):
    item: Schema
    min_items: int = 0

    def check(self, value, pos, problems, where):
        if not isinstance(value, YList):
            problems.add(pos, f"{_at(where)}expected a list, found {_show(value)}",
                         hint="write items on lines starting with '- ', or [a, b]")
            return False
        ok = True
        if len(value) < self.min_items:
            problems.add(pos, f"{_at(where)}expected at least {self.min_items} item(s)")
            ok = False
        for i, item in enumerate(value):
            ok &= self.item.check(item, value.item_pos[i], problems, f"{where}[{i + 1}]")
        return ok

    def fill(self, value) -> None:
        for item in value:
            self.item.fill(item)


@dataclass
class Opt:
    schema: Schema


@dataclass
class Map(Schema):
    keys: dict = field(default_factory=dict)
    values: Schema | None = None  # for maps keyed by ids: every value has this schema
    key_pattern: str | None = None

    def check(self, value, pos, problems, where):
        if not isinstance(value, YMap):
            problems.add(pos, f"{_at(where)}expected a mapping (key: value lines), found {_show(value)}")
            return False
        ok = True
        if self.values is not None:
            for key, v in value.items():
                if self.key_pattern and not re.fullmatch(self.key_pattern, key):
                    problems.add(value.key_pos[key], f"{_at(where)}{key!r} is not a valid id",
                                 hint=f"ids match {self.key_pattern}")
                    ok = False
                ok &= self.values.check(v, value.val_pos[key], problems, f"{where}.{key}")
            return ok
        for key in value:
            if key not in self.keys:
                near = difflib.get_close_matches(key, list(self.keys), n=1)
                hint = f"did you mean {near[0]!r}?" if near else "allowed keys: " + ", ".join(self.keys)
                problems.add(value.key_pos[key], f"{_at(where)}unknown key {key!r}", hint=hint)
                ok = False
        for key, sub in self.keys.items():
            optional = isinstance(sub, Opt)
            schema = sub.schema if optional else sub
            if key not in value:
                if not optional:
                    problems.add(value.pos, f"{_at(where)}missing key {key!r}", hint=f"add `{key}: ...`")
                    ok = False
                else:
                    value[key] = None   # an absent optional key reads as null downstream
                continue
            if optional and value[key] is None:
                continue
            ok &= schema.check(value[key], value.val_pos[key], problems, f"{where}.{key}" if where else key)
        return ok

    def fill(self, value) -> None:
        if self.values is not None:
            for v in value.values():
                self.values.fill(v)
            return
        for key, sub in self.keys.items():
            if key not in value:
                value[key] = None       # (only an optional key can be absent from sound data)
            elif value[key] is not None:
                (sub.schema if isinstance(sub, Opt) else sub).fill(value[key])


def validate(data, schema: Schema, pos: Pos, problems: Problems, where: str = "") -> bool:
    return schema.check(data, pos, problems, where)


def load_sound(path, schema: Schema, problems: Problems):
    """An optional YAML file whose bytes load_checked has found sound before, read again as it
    read them, without checking them again."""
    if not path.exists():
        return YMap()
    data = load_yaml(path, problems, checked=True)
    if data is not None:
        schema.fill(data)
    return data


def load_checked(path, schema: Schema, problems: Problems, required: bool = True):
    """Read a YAML file and check it against `schema`: the data, or None after reporting.
    An absent optional file reads as an empty mapping."""
    if not path.exists() and not required:
        return YMap()
    Progress.at(rel(path))
    data = load_yaml(path, problems)
    if data is None:
        return None
    local = Problems()
    validate(data, schema, data.pos if hasattr(data, "pos") else Pos(rel(path), 1, 1), local, "")
    problems.extend(local)
    return None if local else data
