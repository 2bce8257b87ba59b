"""EDITION_TIMINGS: when set, the file to which each stage of a build appends what it cost, as
one JSON line (`make bench` reads them to tell the generator's and the link check's shares)."""
from __future__ import annotations

import json
import os


def record(stage: str, **fields) -> None:
    path = os.environ.get("EDITION_TIMINGS")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps({"stage": stage, **fields}) + "\n")
