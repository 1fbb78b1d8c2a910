"""The one way Planner writes a file: whole or not at all, and never over something else.

Every output (`-o` of every command, every document, export and calendar file) goes through
`write_output`:

- `-` means standard output;
- a symlink is written through: its target gets the new content, the link stays;
- an existing file keeps its permissions (and, where allowed, its owner);
- a folder, a device (`/dev/null`), a pipe or a socket is refused with a message, never
  replaced by a regular file;
- the content goes to a temporary file beside the target, is flushed to disk, and then
  renamed over it, and the folder is flushed too: after a failure (disk full, no
  permission, a crash) the old file is intact, and one message says what went wrong.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from planner.errors import CannotWrite
from planner.words import Words, said

STDOUT = "-"

_REASONS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "quota",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "read_only",
    errno.ENAMETOOLONG: "name_too_long",
    errno.ENOTDIR: "not_a_folder",
    errno.ELOOP: "links",
    errno.EFBIG: "too_large",
}


def os_reason(error: OSError) -> str | Words:
    """Why the operating system refused, in words: 'the disk is full', 'permission denied';
    a reason not listed here as the system says it."""
    key = _REASONS.get(error.errno or 0)
    return Words(f"files_os.{key}") if key else (error.strerror or str(error))


def write_output(target: str | Path, content: str | bytes) -> str:
    """Write `content` (text is written as UTF-8) to `target`, or to standard output for
    "-"; returns how to name where it went ("standard output" or the path)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if str(target) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return said(Words("files_write.standard_output"))
    path = Path(target)
    final = _through_links(path)
    mode, owner = _existing(final, path)
    _replace(final, data, mode, owner, named=path)
    return str(path)


def _through_links(path: Path) -> Path:
    """The file a symlink points to (following every link), or the path itself."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError as error:
        raise _cannot(path, error, existed=False) from None


def _existing(final: Path, named: Path) -> tuple[int | None, tuple[int, int] | None]:
    """The mode and owner to keep, for a regular file; refuses anything else."""
    try:
        info = os.stat(final)
    except FileNotFoundError:
        _check_folder(final, named)
        return None, None
    except OSError as error:
        raise _cannot(named, error, existed=False) from None
    if stat.S_ISDIR(info.st_mode):
        raise CannotWrite(Words("files_write.folder", path=str(named)))
    if not stat.S_ISREG(info.st_mode):
        raise CannotWrite(Words("files_write.special", path=str(named)))
    return stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)


def _check_folder(final: Path, named: Path) -> None:
    folder = final.parent
    try:
        is_folder = folder.is_dir()
    except OSError as error:
        raise _cannot(named, error, existed=False) from None
    if not is_folder:
        raise CannotWrite(Words("files_write.no_folder", path=str(named), folder=str(folder)))


def _replace(
    final: Path, data: bytes, mode: int | None, owner: tuple[int, int] | None, named: Path
) -> None:
    existed = mode is not None
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=final.parent, prefix=f".{final.name[:100]}.", suffix=".tmp"
        )
    except OSError as error:
        raise _cannot(named, error, existed) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode if existed else 0o666 & ~_umask())
            if owner is not None:
                _keep_owner(handle.fileno(), owner)
            os.fsync(handle.fileno())
        os.replace(temporary, final)
        _flush_folder(final.parent)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot(named, error, existed) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _keep_owner(descriptor: int, owner: tuple[int, int]) -> None:
    # Only root may give a file away; an ordinary user's own file is theirs anyway.
    with contextlib.suppress(PermissionError):
        os.fchown(descriptor, *owner)


def _flush_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):  # some file systems cannot
            raise
    finally:
        os.close(descriptor)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def _cannot(path: Path, error: OSError, existed: bool) -> CannotWrite:
    key = "files_write.cannot_kept" if existed else "files_write.cannot"
    return CannotWrite(Words(key, path=str(path), reason=os_reason(error)))
