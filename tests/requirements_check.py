"""Before the tests: say in one line which system packages are missing (the README lists them)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

NEEDED = {
    "chromium": lambda: Path("/usr/bin/chromium").exists(),
    "default-jre-headless": lambda: shutil.which("java") is not None,
    "nodejs": lambda: shutil.which("node") is not None,
    "npm": lambda: shutil.which("npm") is not None,
    "fonts-dejavu-core": lambda: Path("/usr/share/fonts/truetype/dejavu").is_dir(),
}

missing = [name for name, present in NEEDED.items() if not present()]
if missing:
    print("make test needs these Debian packages, missing here: " + " ".join(missing)
          + f" (install them with: sudo apt-get install {' '.join(missing)})", file=sys.stderr)
    sys.exit(1)
