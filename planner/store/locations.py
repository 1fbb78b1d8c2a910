"""Where a workspace is: a SQLite file given by its path, or a database URL.

A path is a path: `a?b.sqlite` and `50%20off.sqlite` name those files, never a URL's query
or an escaped space. Only text that starts with a scheme (`postgresql://`, `sqlite://`) is
read as a URL. The checks here run before any database is touched, so a refused location is
left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import exc
from sqlalchemy.engine import URL, make_url

from planner.errors import BadInput, NotFound, WorkspaceUnavailable
from planner.words import Words

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")


@dataclass(frozen=True)
class Location:
    """A workspace location. `shown` is how messages name it (a URL without its password)."""

    shown: str
    path: Path | None = None
    """The SQLite file, for a workspace kept in a file."""
    url: URL | None = None
    """The database URL, for a workspace on a server (or SQLite given as a URL)."""

    @property
    def is_memory(self) -> bool:
        return (
            self.path is None and self.url is not None and self.url.get_backend_name() == "sqlite"
        )

    @property
    def backend(self) -> str:
        return "sqlite" if self.path is not None else self.url.get_backend_name()  # type: ignore[union-attr]


def parse_location(given: str | Path) -> Location:
    """The location the user gave: a path, or a URL when it starts with a scheme."""
    if isinstance(given, Path):
        return _file(given)
    if not given.strip():
        raise BadInput(Words("store_location.empty"))
    if _SCHEME.match(given):
        return _url(given)
    return _file(Path(given))


def _file(path: Path) -> Location:
    path = Path(os.path.abspath(path.expanduser()))
    return Location(shown=str(path), path=path)


def _url(given: str) -> Location:
    try:
        url = make_url(given)
    except (exc.ArgumentError, ValueError) as error:
        raise BadInput(
            Words("store_location.bad_url", url=_without_password(given), problem=str(error))
        ) from None
    backend = url.get_backend_name()
    shown = url.render_as_string(hide_password=True)
    if backend not in SUPPORTED_BACKENDS:
        raise BadInput(Words("store_location.backend", location=shown, backend=backend))
    if backend == "postgresql":
        # Plain postgresql:// means psycopg 3 (the `postgres` extra), not SQLAlchemy's psycopg2.
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            raise BadInput(Words("store_location.no_database", location=shown))
        return Location(shown=url.render_as_string(hide_password=True), url=url)
    if url.database in (None, "", ":memory:"):
        return Location(shown=":memory:", url=url)
    return _file(Path(url.database))


def _without_password(given: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", given)


def check_file(location: Location, *, must_exist: bool) -> None:
    """Refuse a SQLite location that cannot be a workspace file, before anything opens it:
    a folder, a device or pipe, a missing folder, a name the system cannot take, and, when
    `must_exist`, a file that is not there (a typo must not create a workspace)."""
    path = location.path
    if path is None:
        return
    try:
        info = os.stat(path)
    except FileNotFoundError:
        _check_missing(path, must_exist)
        return
    except OSError as error:
        raise _unusable(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInput(
            Words("store_location.folder", path=str(path), example=str(path / "planner.sqlite"))
        )
    if not stat.S_ISREG(info.st_mode):
        raise BadInput(Words("store_location.not_regular", path=str(path)))


def _check_missing(path: Path, must_exist: bool) -> None:
    if must_exist:
        raise NotFound(Words("store_location.missing", path=str(path)))
    try:
        parent_is_folder = path.parent.is_dir()
    except OSError as error:
        raise _unusable(path, error) from None
    if not parent_is_folder:
        raise NotFound(Words("store_location.no_folder", path=str(path), folder=str(path.parent)))
    if len(path.name.encode("utf-8", "surrogateescape")) > 255:
        raise _unusable(path, OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG)))


def _unusable(path: Path, error: OSError) -> WorkspaceUnavailable:
    reason: str | Words = error.strerror or str(error)
    if error.errno == errno.ENAMETOOLONG:
        reason = Words("store_location.name_too_long")
    return WorkspaceUnavailable(Words("store_location.unusable", path=str(path), reason=reason))


@contextmanager
def created_file(location: Location) -> Iterator[None]:
    """A workspace file that the block creates is removed again if the block fails, so a
    workspace that could not be created (the disk is full) leaves no empty file behind. A
    file that holds anything, such as a workspace another Planner created meanwhile, stays."""
    path = location.path
    if path is None or os.path.lexists(path):
        yield
        return
    try:
        yield
    except BaseException:
        if _holds_nothing(path):
            for leftover in (path, *(Path(f"{path}{end}") for end in _SIDE_FILES)):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        raise


_SIDE_FILES = ("-wal", "-shm", "-journal")


def _holds_nothing(path: Path) -> bool:
    try:
        if path.stat().st_size == 0:
            return True
        reader = sqlite3.connect(f"file:{quote(str(path), safe='/')}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        return reader.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    except sqlite3.Error:
        return False
    finally:
        reader.close()


def is_read_only_media(path: Path) -> bool:
    """True when the file's folder is on a file system mounted read-only (a CD, a read-only
    share): SQLite may then read the file as immutable, since no one can change it."""
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False
