"""Versions kept aside: what the user made that could not be saved, in files of its own.

When a change cannot reach the workspace (a colleague saved the record meanwhile and the
user takes theirs, the app is stopped with an edit unsaved, the terminal closes while a form
holds typed text), the user's version is written to a new file in `unsaved/` in the data
folder (`~/.local/share/planner/unsaved/` on Linux), never over an older one:

    unsaved/ks-toppmote-2016-20260302T081500Z.yaml        the user's version
    unsaved/ks-toppmote-2016-20260302T081500Z.base.yaml   what it started from (for merging)
    unsaved/new-meeting-20260302T081502Z.draft.yaml       text typed into a form
    unsaved/formannskapet-2015-11-20260302T081503Z.minutes.yaml   a meeting's minutes

The app lists them (`KeptFile`), shows them, and re-applies a version through the same save
and merge as any edit. When the folder cannot be written (it is a plain file, no permission,
the disk is full) keeping fails with `KeepAsideFailed` saying why, and nothing is half
written: the app then asks where else to keep it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from planner import config
from planner.errors import CannotWrite, PlannerError
from planner.files import os_reason, write_output
from planner.words import Words

VERSION = ".yaml"
BASE = ".base.yaml"
DRAFT = ".draft.yaml"
MINUTES = ".minutes.yaml"


class Kept(Enum):
    """What a kept file holds, told by how its name ends (the longest ending first)."""

    DRAFT = DRAFT
    MINUTES = MINUTES
    MEETING = VERSION


class KeepAsideFailed(PlannerError):
    """The user's version could not be kept where it was to go; `folder` says where."""

    exit_code = CannotWrite.exit_code

    def __init__(self, folder: Path, reason: str | Words) -> None:
        super().__init__(
            Words("editing_kept.not_kept", folder=config.shown_path(folder), reason=reason)
        )
        self.folder = folder
        self.reason = reason


def unsaved_folder() -> Path:
    return config.data_folder() / "unsaved"


def keep(
    name: str,
    text: str,
    *,
    base_text: str | None = None,
    folder: Path | None = None,
    suffix: str = VERSION,
) -> Path:
    """Write `text` to a new file named after `name` and the time in `folder` (default
    `unsaved/`), and `base_text` (what it started from) beside it. The path of the file."""
    folder = folder if folder is not None else unsaved_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise KeepAsideFailed(folder, os_reason(error)) from error
    target = _claim(folder, name, suffix)
    try:
        write_output(target, text)
        if base_text is not None:
            write_output(base_of(target), base_text)
    except CannotWrite as error:
        target.unlink(missing_ok=True)
        base_of(target).unlink(missing_ok=True)
        cause = error.__cause__
        why = os_reason(cause) if isinstance(cause, OSError) else Words("editing_kept.reason_other")
        raise KeepAsideFailed(folder, why) from error
    return target


def _claim(folder: Path, name: str, suffix: str) -> Path:
    """A new file of its own: created empty here, so two windows keeping at the same second
    never write over each other."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for copy in range(1, 1000):
        target = folder / (f"{name}-{stamp}" + (f"-{copy}" if copy > 1 else "") + suffix)
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        except OSError as error:
            raise KeepAsideFailed(folder, os_reason(error)) from error
        return target
    raise KeepAsideFailed(folder, Words("editing_kept.reason_other"))


def base_of(path: Path) -> Path:
    """Where the version a kept file started from is kept beside it."""
    return path.with_name(path.name.removesuffix(VERSION) + BASE)


@dataclass(frozen=True)
class KeptFile:
    """One kept version or draft in `unsaved/`."""

    path: Path
    name: str
    """What it is a version of: the meeting's slug, or what the draft's form was for."""
    at: datetime
    """When it was kept (UTC)."""
    kind: Kept

    @property
    def draft(self) -> bool:
        return self.kind is Kept.DRAFT

    @property
    def base(self) -> Path | None:
        base = base_of(self.path)
        return base if not self.draft and base.is_file() else None

    def discard(self) -> None:
        """Remove it (and what it started from)."""
        if not self.draft:
            base_of(self.path).unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)


def kept_files(folder: Path | None = None) -> list[KeptFile]:
    """The versions and drafts kept in `folder` (default `unsaved/`), the newest first;
    none when the folder is not there or cannot be read."""
    folder = folder if folder is not None else unsaved_folder()
    try:
        paths = [path for path in folder.iterdir() if path.is_file()]
    except OSError:
        return []
    found = []
    for path in paths:
        if path.name.startswith(".") or path.name.endswith(BASE):
            continue
        kind = next((kind for kind in Kept if path.name.endswith(kind.value)), None)
        if kind is None:
            continue
        name, at = _name_and_time(path.name.removesuffix(kind.value), path)
        found.append(KeptFile(path, name, at, kind))
    return sorted(found, key=lambda kept: (kept.at, kept.path.name), reverse=True)


def _name_and_time(stem: str, path: Path) -> tuple[str, datetime]:
    """'ks-2016-20260302T081500Z-2' -> ('ks-2016', 2026-03-02 08:15:00 UTC); a file named
    otherwise is named by its stem, at the time it was last changed."""
    parts = stem.split("-")
    for cut in (len(parts) - 1, len(parts) - 2):
        if cut < 1:
            continue
        try:
            at = datetime.strptime(parts[cut], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            continue
        return "-".join(parts[:cut]), at
    return stem, datetime.fromtimestamp(path.stat().st_mtime, UTC)
