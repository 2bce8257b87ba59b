"""The yardstick: MkDocs with Material building plain pages, in the same virtual environment.

    python -m bench.plain PAGES DEST      write the project (then: mkdocs build -f DEST/mkdocs.yml)

A project of PAGES hand-written Markdown pages, each a title and eight paragraphs of about sixty
words drawn from the corpus's vocabulary, out of the navigation (as the edition's telegrams are),
with Material, its search plugin and no web fonts. What one such page costs to build is what
the edition's own pages are measured against: the edition's pages carry far more (a reading
text with its notes, a release page by page, a collation, indexes), but a reader's page should
not cost much more to build than a page somebody typed.
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from .corpus import VOCAB

CONFIG = """\
site_name: Plain pages
site_url: https://plain.example.org/
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
validation:
  omitted_files: ignore
"""


def write(dest: Path, pages: int, seed: int = 1991) -> Path:
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs" / "p").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (dest / "docs" / "index.md").write_text("# Plain pages\n\nThe yardstick of the benchmark.\n", encoding="utf-8")
    rng = random.Random(seed)
    for i in range(1, pages + 1):
        title = " ".join(rng.choice(VOCAB) for _ in range(4)).lower().capitalize()
        paras = [" ".join(rng.choice(VOCAB) for _ in range(60)).lower().capitalize() + "." for _ in range(8)]
        (dest / "docs" / "p" / f"{i:06d}.md").write_text(f"# {title}\n\n" + "\n\n".join(paras) + "\n",
                                                         encoding="utf-8")
    return dest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.plain", description=__doc__.splitlines()[0])
    ap.add_argument("pages", type=int)
    ap.add_argument("dest")
    args = ap.parse_args(argv)
    write(Path(args.dest), args.pages)
    print(f"wrote {args.pages} plain pages to {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
