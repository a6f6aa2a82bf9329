"""How tests run the ``govkg`` command as a user does: in a child process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def govkg_command() -> list[str]:
    """The argv prefix that runs ``govkg``: the venv's script, else the one on PATH, else the module."""
    script = Path(sys.executable).with_name("govkg")
    if script.exists():
        return [str(script)]
    found = shutil.which("govkg")
    return [found] if found else [sys.executable, "-c", "from kg.cli import main; main()"]
