"""`make site`: build the edition into site/ so that site/ is never missing, never half-written,
and never written by two builds at once.

1. A lock (build/site.lock): a second build waits for the first, saying so.
2. Leftovers of a build that was killed (its scratch folders under build/) are removed.
3. MkDocs builds into a scratch folder of this build's own (build/site-XXXX); the link check
   reads it.
4. The scratch folder and site/ are exchanged in one system call (Linux renameat2 with
   RENAME_EXCHANGE): at every moment site/ is either the old site or the new one. The old one
   is then removed. Where the exchange is not available, the new site takes the place of an
   absent site/ by one rename, or replaces the old one by two renames, the old one kept aside.
5. Interrupted (Ctrl-C, SIGTERM, SIGHUP), the build removes its scratch folders and leaves site/
   as it was.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..sources.files import scratch_folder
from .linkcheck import check_site, site_url_of
from .timings import record

AT_FDCWD = -100
RENAME_EXCHANGE = 2 if sys.platform.startswith("linux") else 0


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False if not available."""
    if not RENAME_EXCHANGE:
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def switch(new: Path, site: Path) -> None:
    """Put the built site `new` in place of `site`, atomically where the system allows."""
    if not site.exists() and not site.is_symlink():
        os.rename(new, site)
        return
    if exchange(new, site):
        shutil.rmtree(new, ignore_errors=True)          # `new` now holds the old site
        return
    aside = new.with_name(new.name + "-old")
    os.rename(site, aside)
    os.rename(new, site)
    shutil.rmtree(aside, ignore_errors=True)


class Lock:
    """An exclusive lock on build/site.lock, held while a build writes; a second build waits."""

    def __init__(self, path: Path):
        self.path = path
        self.fd = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self.fd, 64, 0).decode(errors="replace").strip() or "?"
            print(f"another build of site/ is running (process {holder}); waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, str(os.getpid()).encode(), 0)
        return self

    def __exit__(self, *exc):
        os.ftruncate(self.fd, 0)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def _leftovers(build: Path) -> None:
    """Scratch folders of builds that were killed (the lock is ours: no build is running)."""
    for p in build.glob("site-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in build.glob("pages-*"):
        shutil.rmtree(p, ignore_errors=True)


def on_interrupt(scratch: Path, build: Path):
    """The handler of SIGINT, SIGTERM and SIGHUP while a build runs: remove its scratch folders
    and exit. The workers of the link check's pool start with the system's own handling
    (pipeline.pool_map); another process forked from this one that kept the handler only exits,
    or it would remove the very build it served."""
    owner = os.getpid()

    def interrupted(signum, frame):
        if os.getpid() != owner:
            os._exit(128 + signum)
        shutil.rmtree(scratch, ignore_errors=True)
        for p in build.glob("pages-*"):
            shutil.rmtree(p, ignore_errors=True)
        raise SystemExit(128 + signum)
    return interrupted


def build_site(root: Path, site: Path, config: Path, python: str = sys.executable) -> int:
    """The whole of `make site`. Returns the exit status."""
    root, site = Path(root), Path(site)
    build = root / "build"
    with Lock(build / "site.lock"):
        _leftovers(build)
        scratch = scratch_folder("site-", build)
        previous = {}
        interrupted = on_interrupt(scratch, build)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            previous[sig] = signal.signal(sig, interrupted)
        try:
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            env.pop("EDITION_ONLY", None)               # make site builds the whole edition
            started = time.perf_counter()
            r = subprocess.run([python, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                                str(config), "--site-dir", str(scratch)], cwd=root, env=env)
            record("mkdocs", wall=round(time.perf_counter() - started, 4))
            if r.returncode != 0:
                print("the build failed: site/ is unchanged", file=sys.stderr)
                return 1
            started = (time.perf_counter(), time.process_time())
            problems = check_site(scratch, site_url_of(config))
            record("linkcheck", wall=round(time.perf_counter() - started[0], 4),
                   cpu=round(time.process_time() - started[1], 4))
            if problems:
                for p in problems:
                    print(p, file=sys.stderr)
                print(f"{len(problems)} broken link(s) or third-party load(s): site/ is unchanged", file=sys.stderr)
                return 1
            switch(scratch, site)
            print(f"built {site}/")
            return 0
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            if scratch.exists():
                shutil.rmtree(scratch, ignore_errors=True)
