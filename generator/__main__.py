"""Run the generator without MkDocs (its commands are also the Makefile's).

    python -m generator check                  run every check a build runs on the sources, print counts
    python -m generator build OUT              write the generated pages (Markdown with HTML bodies) and
                                               the downloads to OUT, for any MkDocs-compatible builder
    python -m generator anchors [--add]        check the published anchors (--add: publish new ones)
    python -m generator site [SITE]            build the whole site into SITE (default site/): MkDocs,
                                               the link check, an atomic switch, one build at a time
    python -m generator linkcheck SITE         check every link and fragment of a built site
    python -m generator offline SITE ZIP       zip a built site as the edition to read offline
    python -m generator release --summary S [--version V] [--date D]
                                               release the draft as a new version, in one step

Options: --src (default site_src). Exit status: 0 success, 1 problems in the sources or the build,
2 internal error. Never a traceback.
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import pipeline
from .edition import stats
from .edition.versions import zip_prefix
from .errors import EditionError, Progress
from .site import build, linkcheck, offline, release


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--src", default="site_src", help="the sources folder (default: site_src)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="run every check of the sources and print counts")
    b = sub.add_parser("build", help="write the generated pages and downloads to a folder")
    b.add_argument("out", help="output folder")
    a = sub.add_parser("anchors", help="check the published anchors against the manifest")
    a.add_argument("--add", action="store_true", help="add new anchors to the manifest")
    s = sub.add_parser("site", help="build the site (MkDocs, link check, atomic switch)")
    s.add_argument("site", nargs="?", default="site")
    s.add_argument("--config", default="mkdocs.yml")
    lc = sub.add_parser("linkcheck", help="check the links, fragments and resources of a built site")
    lc.add_argument("site", help="the built site folder")
    lc.add_argument("--config", default="mkdocs.yml")
    of = sub.add_parser("offline", help="zip a built site as the edition to read offline")
    of.add_argument("site")
    of.add_argument("zip")
    r = sub.add_parser("release", help="release the draft as a new version")
    r.add_argument("--summary", required=True, help="what the version changes, in a sentence or two")
    r.add_argument("--version", help="the new version (default: the next minor version)")
    r.add_argument("--date", help="the release date, YYYY-MM-DD (default: today)")
    r.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except EditionError as e:
        print(e.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except pipeline.WorkerLost as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): not a bug, nothing more to say
        sys.stderr = open(os.devnull, "w")
        return 0
    except Exception as e:  # noqa: BLE001 - the promise is: no traceback, but say where
        print(f"internal error while processing {Progress.where}: {type(e).__name__}: {e}\n"
              "This is a bug in the generator, not in your sources; please report it with this message.",
              file=sys.stderr)
        return 2


def run(args) -> int:
    src = Path(args.src)
    root = src.resolve().parent
    if args.command == "site":
        return build.build_site(root, Path(args.site), Path(args.config))
    if args.command == "linkcheck":
        return linkcheck.main(args.site, linkcheck.site_url_of(Path(args.config)))
    if args.command == "offline":
        meta = pipeline.load(src).meta
        n = offline.make_zip(Path(args.site), Path(args.zip), zip_prefix(meta, meta["version"]), meta["date"],
                             meta["site_url"])
        print(f"zipped {n} files into {args.zip}")
        return 0
    if args.command == "release":
        return release.release(root, args.version, args.summary, args.date, Path(args.config))
    gc.disable()            # a tree of many small objects without cycles
    jobs = pipeline.default_jobs()
    if args.command == "build":
        g = pipeline.generate(src, Path(args.out), jobs=jobs)
        print(f"wrote {len(g.pages)} pages and {len(g.downloads)} downloads to {args.out}")
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="check-"))
    try:
        g = pipeline.generate(src, scratch / "out", jobs=jobs, add_anchors=args.command == "anchors" and args.add)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.command == "anchors":
        print(f"anchors in {src / 'anchors.tsv'}: all published, none changed")
        return 0
    print(stats.report(pipeline.load(src)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
