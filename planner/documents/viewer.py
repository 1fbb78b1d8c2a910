"""Opening a document with the system's own viewer (a PDF reader, a browser, an editor).

    open_with_viewer(path)   -> True when a viewer was started, False when there is none

On Linux the desktop's `xdg-open`, on macOS `open`, on Windows the file's association. The
viewer runs apart from Planner (its own session, its output discarded), so it neither writes
into the terminal nor closes when Planner does. Without a desktop (a server over ssh) there is
none, and the caller says where the file is instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def viewer_command() -> list[str] | None:
    """The command that opens a file with the system's viewer, or None when there is none."""
    if sys.platform == "darwin":
        return ["open"] if shutil.which("open") else None
    opener = shutil.which("xdg-open")
    if opener is None:
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None  # xdg-open without a desktop opens nothing, or a text browser in our terminal
    return [opener]


def open_with_viewer(path: str | Path) -> bool:
    if sys.platform == "win32":  # pragma: no cover - not where the tests run
        os.startfile(str(path))  # type: ignore[attr-defined]
        return True
    command = viewer_command()
    if command is None:
        return False
    subprocess.Popen(
        [*command, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return True
