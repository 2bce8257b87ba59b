"""Positions and the one error type of the edition.

Every node of the model keeps a `Pos`; line and column are 1-based, as an editor
counts them. Errors are collected per run and reported together as
`path:line:col: message`, with the offending text quoted and a hint.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class Frozen:
    """Base of the frozen dataclasses with slots: pickled as a call of the class with the values
    of its fields. A light telegram that a pool sends back holds thousands of them, and the
    dataclass's own way (a loop over `fields()` on each side) took a third longer to send one."""
    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, order=True, slots=True)
class Pos(Frozen):
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    pos: Pos | None
    message: str
    quote: str = ""
    hint: str = ""

    def format(self) -> str:
        where = f"{self.pos}: " if self.pos else ""
        text = f"{where}{self.message}"
        if self.quote:
            text += f"\n    {self.quote}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class EditionError(Exception):
    """Raised with every problem found; the CLI and the MkDocs hook print them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(self.format())

    def __reduce__(self):          # crosses process boundaries (the render pool) intact
        return (EditionError, (self.problems,))

    def format(self) -> str:
        lines = [p.format() for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found.")
        return "\n".join(lines)


def _sort_key(p: Problem):
    return (p.pos is None, p.pos or Pos("", 0, 0), p.message)


@dataclass
class Problems:
    """Collects problems; `raise_if_any` ends a stage that found some."""

    items: list[Problem] = field(default_factory=list)

    def add(self, pos: Pos | None, message: str, quote: str = "", hint: str = "") -> None:
        self.items.append(Problem(pos, message, quote, hint))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise EditionError(list(self.items))


class Progress:
    """Where the generator is, so an unexpected failure can still say where it happened."""

    where: str = "start"

    @classmethod
    def at(cls, where) -> None:
        cls.where = str(where)
