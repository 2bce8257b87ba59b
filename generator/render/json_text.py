"""JSON text for the downloads, as `json.dumps(value, ensure_ascii=False, indent=2)` writes it,
byte for byte (a test compares the two on random values). With an indent the standard library
leaves its C encoder aside for a generator that yields every token through several layers; this
writes each container in one call and its strings with the C escaper."""
from __future__ import annotations

from json.encoder import encode_basestring      # the C function where the interpreter has it


def dumps(value) -> str:
    out: list[str] = []
    _value(value, "\n", out.append)
    return "".join(out)


def _scalar(v) -> str | None:
    """A value that is not a container, written as json writes it (None for a container)."""
    if isinstance(v, str):
        return encode_basestring(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return "NaN" if v != v else ("Infinity" if v > 0 else "-Infinity")
        return float.__repr__(v)
    if isinstance(v, (list, tuple, dict)):
        return None
    raise TypeError(f"Object of type {type(v).__name__} is not JSON serializable")


def _key(k) -> str:
    if isinstance(k, str):
        return encode_basestring(k)
    if k is None or isinstance(k, (bool, int, float)):
        return encode_basestring(_scalar(k))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _value(v, newline: str, write) -> None:
    text = encode_basestring(v) if type(v) is str else _scalar(v)
    if text is not None:
        write(text)
    elif isinstance(v, dict):
        if not v:
            write("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for k, x in v.items():
            write(sep + _key(k) + ": ")
            sep = "," + inner
            _value(x, inner, write)
        write(newline + "}")
    else:
        if not v:
            write("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for x in v:
            write(sep)
            sep = "," + inner
            _value(x, inner, write)
        write(newline + "]")
