"""The generator's shape: stages in folders, imports only downwards, no circle, no import hidden
inside a function, MkDocs imported by the hook alone."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from conftest import ROOT

PACKAGE = ROOT / "generator"
# lower layers first; a module may import its own layer and those below
LAYERS = [("errors", "model"), ("sources",), ("parse",), ("edition",), ("render",), ("pipeline",), ("site",),
          ("__main__",)]


def layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else ""
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"{module} is in no layer")


def modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def imports(name: str, tree: ast.Module, package: bool) -> list[tuple[str, ast.AST]]:
    out = []
    base = name.split(".") if package else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base[: len(base) - node.level + 1] + (node.module.split(".") if node.module else [])
                target = ".".join(parts)
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    out.append((sub if sub in ALL else target, node))
            elif node.module and node.module.startswith("generator"):
                out.append((node.module, node))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("generator"):
                    out.append((alias.name, node))
    return out


ALL = modules()


def graph() -> dict[str, set[str]]:
    g = {}
    for name, tree in ALL.items():
        package = (PACKAGE / Path(*name.split(".")[1:]) / "__init__.py").exists() if name != "generator" else True
        g[name] = {t for t, _ in imports(name, tree, package) if t in ALL and t != name}
    return g


def test_imports_only_run_downwards():
    wrong = []
    for name, targets in graph().items():
        if name == "generator":
            continue
        for t in targets:
            if t != "generator" and layer(t) > layer(name):
                wrong.append(f"{name} imports {t}")
    assert wrong == []


def test_no_import_circle():
    g = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(n, stack):
        state[n] = 1
        for m in g.get(n, ()):
            if state.get(m) == 1:
                cycles.append(" -> ".join(stack[stack.index(m):] + [m]) if m in stack else f"{n} -> {m}")
            elif m not in state:
                visit(m, stack + [m])
        state[n] = 2
    for n in g:
        if n not in state:
            visit(n, [n])
    assert cycles == []


def test_no_import_inside_a_function():
    found = []
    for name, tree in ALL.items():
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        found.append(f"{name}.{fn.name}")
    assert found == []


def test_only_the_hook_imports_mkdocs_and_nothing_imports_markdown():
    users = {}
    for name, tree in ALL.items():
        for node in ast.walk(tree):
            mods = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            for m in mods:
                top = m.split(".")[0]
                if top in ("mkdocs", "material", "markdown"):
                    users.setdefault(top, set()).add(name)
    assert users == {"mkdocs": {"generator.site.mkdocs_hook"}}


def test_the_parse_and_edition_stages_know_no_output_format():
    """Parsing and the edition know nothing of HTML, XML or Jinja: only the renderers do."""
    for name, tree in ALL.items():
        if name == "generator" or layer(name) > layer("generator.edition"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(m.split(".")[0] in ("jinja2", "markupsafe", "lxml", "xml") for m in mods), name


def test_the_generator_names_no_telegram_post_or_person_of_the_shipped_edition():
    """The generator serves any telegram: its code and templates name none of the real
    edition's telegrams, posts or persons (examples come from the fixture edition). The words
    are read from the sources, so a telegram added to the edition is covered too."""
    words = set()
    for folder in (ROOT / "site_src" / "cables").iterdir():
        meta = yaml.safe_load((folder / "cable.yaml").read_text(encoding="utf-8"))
        words |= {folder.name.lower(), meta["post"].lower()}
    persons = yaml.safe_load((ROOT / "site_src" / "registers" / "persons.yaml").read_text(encoding="utf-8"))
    words |= {w.lower() for eid in persons["entries"] for w in re.findall(r"[A-Za-z]{4,}", eid)}
    found = []
    files = sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.rglob("*.j2")) + sorted(PACKAGE.rglob("*.json"))
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, sorted(words))) + r")(?![a-z0-9])")
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").lower().splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{n}: {m.group(1)}" for m in pattern.finditer(line)]
    assert len(words) > 3 and not found, found
