"""A TEI tree written as text: what `ElementTree.tostring(root, encoding="unicode")` writes, byte
for byte, for a tree whose elements are all in the TEI namespace (the root declaring it as the
default) and whose attributes are plain or `xml:`. ElementTree's own writer first walks the tree
to name its namespaces, then writes it a piece at a time through a method call; this writes the
same text with neither (a test compares the two on random trees)."""
from __future__ import annotations

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_TEI = f"{{{TEI_NS}}}"
_XML = f"{{{XML_NS}}}"


# What ElementTree escapes in character data, and what it escapes besides in an attribute's value
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_VALUE = _TEXT + (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _replaced(text: str, table: tuple) -> str:
    for char, entity in table:
        if char in text:             # (most texts hold none of them: no copy is made)
            text = text.replace(char, entity)
    return text


def _escape_text(text: str) -> str:
    return _replaced(text, _TEXT)


def _escape_value(text: str) -> str:
    return _replaced(text, _VALUE)


def _name(name: str) -> str:
    """An element's or attribute's name as written."""
    if name.startswith(_TEI):
        return name[len(_TEI):]
    if name.startswith(_XML):
        return "xml:" + name[len(_XML):]
    if name.startswith("{"):
        raise ValueError(f"a name in another namespace: {name!r}")
    return name


class _Names(dict):
    """Names as written, by name in the tree (a document uses a few dozen, thousands of times)."""

    def __missing__(self, name: str) -> str:
        self[name] = written = _name(name)
        return written


_NAMES = _Names()


def to_text(root) -> str:
    """The tree `root` (xml.etree.ElementTree elements), its tail included, as XML text."""
    if not root.tag.startswith(_TEI):
        raise ValueError(f"not a TEI element: {root.tag!r}")
    out: list[str] = []                 # the pieces since the last chunk
    chunks: list[str] = []              # (joined as they go: a document's pieces are many and
    write = out.append                  # small, and held all at once they stay in a worker's memory)
    names = _NAMES

    def element(e, opened: bool = False) -> None:
        tag = names[e.tag]
        if not opened:
            write("<" + tag)
        if e.attrib:
            for name, value in e.items():
                write(" " + names[name] + '="' + _escape_value(value) + '"')
        text = e.text
        if text or len(e):
            write(">")
            if text:
                write(_escape_text(text))
            for child in e:
                element(child)
            write("</" + tag + ">")
        else:
            write(" />")
        if e.tail:
            write(_escape_text(e.tail))
        if len(out) > 2048:
            chunks.append("".join(out))
            out.clear()

    write("<" + names[root.tag] + f' xmlns="{_escape_value(TEI_NS)}"')   # the default namespace first
    element(root, opened=True)
    chunks.append("".join(out))
    return "".join(chunks)
