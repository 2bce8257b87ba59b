"""Reading source files: UTF-8 text with its bytes intact, never through a symbolic link.

With `sources.yaml`, the only code that opens the edition's sources. A symbolic link in the
sources is refused with its position: the edition publishes what its repository holds, and a
link could make it read (and quote, and publish) any file of the machine.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import Pos, Problems


def rel(path: Path) -> str:
    """The path as it is shown in messages: relative to the working directory if possible.
    (Every node of the model keeps one: string work, not Path.absolute(), which asks the
    system for the working directory each time.)"""
    path = Path(path)
    if not path.is_absolute():
        return str(path)
    text, cwd = str(path), os.getcwd()
    if text == cwd:
        return "."
    root = cwd if cwd.endswith(os.sep) else cwd + os.sep
    return text[len(root):] if text.startswith(root) else text


SYMLINK_HINT = ("the sources hold files, not links to files elsewhere: replace the link by a copy of the "
                "file (`cp --remove-destination \"$(readlink -f PATH)\" PATH`), or remove it")


def is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def refuse_links(root: Path, problems: Problems) -> set[Path]:
    """Every symbolic link under `root` (and `root` itself), reported; returns them so that
    nothing is read through one."""
    root = Path(root)
    found: set[Path] = set()
    if is_link(root):
        problems.add(Pos(rel(root), 1, 1), "the sources folder is a symbolic link", hint=SYMLINK_HINT)
        found.add(root)
        return found
    if not root.is_dir():
        return found
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if is_link(path):
                problems.add(Pos(rel(path), 1, 1), "symbolic link in the sources: it is not read", hint=SYMLINK_HINT)
                found.add(path)
    return found


# Python-Markdown, which converts the hand-written pages, slows down more than linearly on a
# very long line (400,000 characters: 2 s; 5 MB: minutes); no paragraph needs a line this long.
PAGE_LINE_MAX = 10_000
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")    # what MkDocs converts


def check_pages(docs: Path, problems: Problems) -> None:
    """The hand-written pages (docs/): no symbolic link, no line longer than PAGE_LINE_MAX."""
    links = refuse_links(docs, problems)
    if docs in links or not docs.is_dir():
        return
    pages = [Path(folder) / name for folder, _, files in os.walk(docs, followlinks=False) for name in files
             if name.endswith(MARKDOWN_SUFFIXES)]
    for path in sorted(p for p in pages if p not in links):
        data = read_bytes(path, problems)
        # read as MkDocs reads a page (a BOM and CRLF are fine there): only the length is checked
        text = (data or b"").decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        for n, line in enumerate(text.split("\n"), 1):
            if len(line) > PAGE_LINE_MAX:
                problems.add(Pos(rel(path), n, PAGE_LINE_MAX + 1),
                             f"a line of {len(line):,} characters; a page's line may have at most {PAGE_LINE_MAX:,}",
                             hint="break the paragraph into several lines (Markdown joins the lines of a paragraph)")


def scratch_folder(prefix: str, parent: Path) -> Path:
    """A new folder in `parent` for output to be switched into place later: mkdtemp's, so that
    no two builds share one, but with the permissions of a folder made by mkdir. mkdtemp makes
    it private (0700), and the site served from it would be unreadable to a web server."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    os.chmod(folder, 0o777 & ~current_umask())
    return folder


def current_umask() -> int:
    """The process's umask, read without setting it (os.umask sets it, for a moment, for every
    thread: the preview's server runs beside the build)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)               # no /proc: the only portable way
    os.umask(mask)
    return mask


def _open_nofollow(path: Path):
    """Open a file for reading without following a symbolic link at its last component."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(fd, "rb")


def read_bytes(path: Path, problems: Problems) -> bytes | None:
    shown = rel(path)
    if is_link(path):
        problems.add(Pos(shown, 1, 1), "symbolic link in the sources: it is not read", hint=SYMLINK_HINT)
        return None
    try:
        with _open_nofollow(path) as f:
            return f.read()
    except FileNotFoundError:
        problems.add(Pos(shown, 1, 1), "file not found", hint="create it, or remove the reference to it")
        return None
    except IsADirectoryError:
        problems.add(Pos(shown, 1, 1), "a folder where a file is expected", hint="name a file")
        return None
    except OSError as e:
        problems.add(Pos(shown, 1, 1), f"cannot read the file ({e.strerror})")
        return None


def read_text(path: Path, problems: Problems, *, allow_cr: bool = False, bom_hint: str = "") -> str | None:
    """Read a UTF-8 file exactly (no newline translation), refusing what would silently change
    bytes. Positions count characters, as an editor's cursor does (刘华秋 is three columns)."""
    data = read_bytes(path, problems)
    if data is None:
        return None
    shown = rel(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = len(data[data.rfind(b"\n", 0, e.start) + 1:e.start].decode("utf-8", errors="replace")) + 1
        problems.add(Pos(shown, line, col), f"not valid UTF-8 (byte 0x{data[e.start]:02x})",
                     hint="save the file as UTF-8")
        return None
    if text.startswith("\ufeff"):
        problems.add(Pos(shown, 1, 1), "the file starts with a byte-order mark (U+FEFF)",
                     hint=bom_hint or "save the file as UTF-8 without BOM")
        return None
    if not allow_cr and "\r" in text:
        i = text.index("\r")
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        problems.add(Pos(shown, line, col), "carriage return (CR) found: the sources use LF line endings",
                     hint="convert the file to LF line endings (e.g. `dos2unix`)")
        return None
    return text


def peek_text(path: Path) -> str:
    """A file's text for a quick scan (undecodable bytes replaced; a missing file or a link
    reads as empty); never for reading sources, which `read_text` reads exactly."""
    if is_link(path):
        return ""
    try:
        with _open_nofollow(path) as f:
            return f.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def folders(path: Path) -> list[Path]:
    """The sub-folders of a folder (never through a link), by name."""
    if not Path(path).is_dir() or is_link(path):
        return []
    return sorted((p for p in Path(path).iterdir() if p.is_dir() and not is_link(p)), key=lambda p: p.name)
