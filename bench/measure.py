"""Run one command and report what it cost, as JSON on the last line of stdout:

    python -m bench.measure [--cwd DIR] [--env K=V ...] -- COMMAND ...

wall: elapsed seconds; cpu: user + system seconds of the command and all its descendants;
peak_rss_mb: the largest resident set of any one process of the tree (getrusage of the
children of this small process, which runs nothing else, so it is the command's own peak);
load: the 1-minute load average before and after (other work on the machine shows there).
The command's own output goes to --log (default: discarded); a failure exits with its status.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.measure")
    ap.add_argument("--cwd", default=".")
    ap.add_argument("--env", action="append", default=[], metavar="K=V")
    ap.add_argument("--log", default=os.devnull)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    env = dict(os.environ)
    for item in args.env:
        k, _, v = item.partition("=")
        env[k] = v
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    with open(args.log, "w") as log:
        proc = subprocess.run(command, cwd=args.cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "returncode": proc.returncode,
        "wall": round(wall, 3),
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),     # Linux: kilobytes
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    print(json.dumps(result))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
