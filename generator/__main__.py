"""Run the generator without MkDocs.

    python -m generator check [--src site_src]       validate all sources, print counts
    python -m generator build OUT [--src site_src]   write the generated Markdown to OUT
    python -m generator anchors [--add]              check the anchor manifest (--add: publish new anchors)
    python -m generator linkcheck SITE                check every link and fragment of a built site
    python -m generator snapshot                     record the reading text of the current version
    python -m generator offline SITE                 build the edition for reading offline and zip it
                                                     into SITE/downloads/ (fixed timestamps, sorted)
    python -m generator archive SITE                 keep the current version's zip in site_src/releases/

Exit status: 0 success, 1 problems in the sources, 2 internal error. Never a traceback.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .errors import EditionError, Progress


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[1])
    parser.add_argument("--src", default="site_src", help="the sources folder (default: site_src)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate all sources and print counts")
    b = sub.add_parser("build", help="write the generated Markdown pages to a folder")
    b.add_argument("out", help="output folder")
    a = sub.add_parser("anchors", help="check the published anchors against the manifest")
    a.add_argument("--add", action="store_true", help="add new anchors to the manifest")
    lc = sub.add_parser("linkcheck", help="check the links, fragments and resources of a built site")
    lc.add_argument("site", help="the built site folder")
    sub.add_parser("snapshot", help="record the reading text of the current version (site_src/releases/)")
    of = sub.add_parser("offline", help="build the offline edition and zip it into SITE/downloads/")
    of.add_argument("site", nargs="?", help="the built site folder (the zip goes into its downloads/)")
    of.add_argument("--out", help="instead: the folder whose downloads/ receives the zip, while the site itself "
                                  "is built at the same time (make site runs the two builds side by side)")
    of.add_argument("--config", default="mkdocs.offline.yml", help="the offline MkDocs configuration")
    ar = sub.add_parser("archive", help="keep the current version's offline zip in site_src/releases/")
    ar.add_argument("site", help="the built site folder")
    args = parser.parse_args(argv)
    if args.command == "offline" and (args.site is None) == (args.out is None):
        parser.error("offline: name either the built SITE or --out DIR")
    gc.disable()            # a tree of small objects without cycles (see generator/site.py)
    try:
        return run(args)
    except EditionError as e:
        print(e.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): not a bug, nothing more to say
        sys.stderr = open(os.devnull, "w")
        return 0
    except Exception as e:  # noqa: BLE001 - the promise is: no traceback, but say where
        print(f"internal error while processing {Progress.where}: {type(e).__name__}: {e}\n"
              "This is a bug in the generator, not in your sources; please report it with this message.",
              file=sys.stderr)
        return 2
    finally:
        gc.enable()


def run(args) -> int:
    if args.command == "linkcheck":
        from . import linkcheck
        return linkcheck.main(args.site, linkcheck.site_url_of(Path("mkdocs.yml")))
    from .load import load_edition
    from . import stats
    src = Path(args.src)
    if args.command == "snapshot":
        from . import versions
        return versions.snapshot_cli(load_edition(src, snapshot_needed=False), src)
    edition = load_edition(src)
    if args.command == "offline":
        from . import archive
        return archive.offline_cli(edition, Path(args.site or args.out), Path(args.config),
                                   standalone=args.out is not None)
    if args.command == "archive":
        from . import archive
        return archive.archive_cli(edition, Path(args.site), src)
    if args.command == "check":
        from . import render_tei
        for cable in edition.cables.values():
            if cable.has_transcription:
                render_tei.tei(edition, cable)      # a name the TEI cannot tag is a problem of the sources
        print(stats.report(edition))
        return 0
    from . import outputs, anchors
    files = outputs.generate(edition)
    pages = outputs.markdown_pages(files)
    if args.command == "build":
        outputs.write_folder(files, Path(args.out))
        print(f"wrote {len(pages)} pages and {len(files) - len(pages)} downloads to {args.out}")
        return 0
    if args.command == "anchors":
        return anchors.cli(edition, pages, src / "anchors.tsv", add=args.add)
    return 2


if __name__ == "__main__":
    sys.exit(main())
