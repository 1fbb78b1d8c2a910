"""Registrations that travel beside their meeting file, as JSON Lines.

A meeting of 100,000 registrations makes a YAML file of tens of megabytes that takes
longer to read than to import, and gigabytes to hold while it is read. `planner export`
therefore writes a large meeting's registrations to a JSON Lines file beside the meeting
file, one registration a line as the workspace stores it, and the meeting file names it:

    registrations_file: {file: big.registrations.jsonl, count: 100000, sha256: 9f0c…}

`planner import` of the meeting file reads the registrations from there, line by line and
with the same rules as registrations in the file itself (their fields, their keys, their
times in the meeting's zone, the items they chose). A file that is not there, cut short,
changed since the export (its checksum), or with a line that is not a registration is
refused, naming the file and the line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from planner.errors import InvalidInput, NotFound, Problem
from planner.model import MeetingFile, Registration
from planner.model.meeting import localise_registration
from planner.model.problems import Loc, format_loc, said
from planner.progress import Progress, Stage, unseen
from planner.words import Words
from planner.yaml_safety import Limits, open_input

APART_ABOVE = 10_000
"""`planner export` writes the registrations of a meeting with more than this many beside
its meeting file (`--registrations auto`); a smaller meeting's stay in the file, where a
secretariat can read them."""

SUFFIX = ".registrations.jsonl"

REGISTRATIONS_FILE = Limits("registrations", bytes=2 * 1024**3, group="registrations_files")
"""At most 2 GiB: twenty times what 100,000 registrations take."""

MAX_LINE_BYTES = 16 * 1024 * 1024
"""The longest line read: a registration with every answer and note as long as allowed
takes some 12 MiB written as JSON; a longer line is refused before it is read whole."""

CHECK_EVERY = 500
"""Lines checked between two reports of progress."""


def travels_apart(count: int) -> bool:
    return count > APART_ABOVE


def beside(meeting_file: str | Path) -> Path:
    """The registrations file written beside `meeting_file`: `big.yaml` ->
    `big.registrations.jsonl`."""
    path = Path(meeting_file)
    stem = path.name.removesuffix(".yaml").removesuffix(".yml") or path.name
    return path.with_name(stem + SUFFIX)


# Writing


@dataclass(frozen=True)
class Lines:
    """A registrations file's content, and what the meeting file says of it."""

    content: bytes
    count: int
    sha256: str


def lines_of(documents: Iterable[str]) -> Lines:
    """Stored registrations (JSON documents), one a line. A document never holds a line
    break of its own (JSON escapes one inside a text), so each is written as it is."""
    encoded = [document.replace("\n", " ").replace("\r", " ").encode() for document in documents]
    content = b"".join(line + b"\n" for line in encoded)
    return Lines(content, len(encoded), hashlib.sha256(content).hexdigest())


# Reading


def read_beside(
    data: Mapping[str, Any],
    meeting: MeetingFile,
    folder: Path | None,
    source: str,
    lines: Mapping[Loc, int],
    progress: Progress = unseen,
) -> MeetingFile:
    """`meeting` (validated from `data`, read from `source` in `folder`; `lines` are the
    lines of its fields) with the registrations of the file it names, checked as if they
    were in it. Problems in the registrations file name it and the line."""
    reference = meeting.registrations_file
    assert reference is not None
    where = _Where(source, lines)
    if folder is None:
        raise InvalidInput([where.problem("file", Words("registrations_files.no_folder"))])
    path = folder / reference.file
    if not path.exists() and not path.is_symlink():
        raise NotFound(where.problem("file", Words("registrations_files.missing", file=str(path))))
    found = _whole(path, progress)
    if found.ends_cut or found.lines < reference.count:
        raise InvalidInput([_cut_short(path, found, reference.count, source)])
    if found.lines > reference.count:
        more = Words("registrations_files.too_many", count=reference.count, meeting=source)
        raise InvalidInput([Problem(str(path), more, reference.count + 1)])
    if reference.sha256 is not None and reference.sha256 != found.sha256:
        changed = Words("registrations_files.changed", file=str(path))
        raise InvalidInput([where.problem("sha256", changed)])
    registrations = _registrations(path, meeting, found.lines, progress)
    return _with(data, registrations, path, source, lines)


@dataclass(frozen=True)
class _Whole:
    lines: int
    ends_cut: bool
    sha256: str


def _whole(path: Path, progress: Progress) -> _Whole:
    """The file's lines and checksum, read through once in pieces."""
    digest, lines, size, last = hashlib.sha256(), 0, 0, b"\n"
    with open_input(path, REGISTRATIONS_FILE) as handle:
        total = _size(handle)
        while piece := handle.read(1 << 20):
            digest.update(piece)
            lines += piece.count(b"\n")
            size += len(piece)
            last = piece[-1:]
            progress(Stage.READING, size, total, str(path))
    ends_cut = last != b"\n"
    return _Whole(lines + ends_cut, ends_cut, digest.hexdigest())


def _size(handle: BinaryIO) -> int:
    return os.fstat(handle.fileno()).st_size


def _cut_short(path: Path, found: _Whole, count: int, source: str) -> Problem:
    if found.ends_cut:
        return Problem(str(path), Words("registrations_files.line_cut"), found.lines)
    cut = Words("registrations_files.cut_short", lines=found.lines, count=count, meeting=source)
    return Problem(str(path), cut, found.lines + 1)


def _registrations(
    path: Path, meeting: MeetingFile, count: int, progress: Progress
) -> list[Registration]:
    """Each line as a registration, its times read in the meeting's zone, its key used on
    no other line; every problem with its line."""
    registrations: list[Registration] = []
    problems: list[Problem] = []
    keys: dict[str, int] = {}
    source, tz = str(path), meeting.zone
    progress(Stage.CHECKING, 0, count, source)
    with open_input(path, REGISTRATIONS_FILE) as handle:
        for number in range(1, count + 1):
            line = handle.readline(MAX_LINE_BYTES + 1)
            if len(line) > MAX_LINE_BYTES:
                long = Words("registrations_files.line_too_long", most=MAX_LINE_BYTES // 1024**2)
                problems.append(Problem(source, long, number))
                break
            try:
                registration = localise_registration(
                    Registration.model_validate_json(line), tz, strict=True
                )
            except ValidationError as error:
                problems.extend(_problems(error, source, number))
                continue
            if registration.key is not None:
                first = keys.setdefault(registration.key, number)
                if first != number:
                    twice = Words("registrations_files.key_twice", key=registration.key, line=first)
                    problems.append(Problem(source, twice, number, "key"))
            registrations.append(registration)
            if number % CHECK_EVERY == 0:
                progress(Stage.CHECKING, number, count, source)
    if problems:
        raise InvalidInput(problems)
    return registrations


def _problems(error: ValidationError, source: str, number: int) -> list[Problem]:
    found = []
    for details in error.errors():
        if details["type"] == "json_invalid":
            message: str | Words = Words("registrations_files.not_json", problem=details["msg"])
        else:
            message = said(details)
        found.append(Problem(source, message, number, format_loc(details["loc"])))
    return found


def _with(
    data: Mapping[str, Any],
    registrations: list[Registration],
    path: Path,
    source: str,
    lines: Mapping[Loc, int],
) -> MeetingFile:
    """The meeting with its registrations, checked by the meeting's own rules (keys used
    once, the items chosen, times that exist): a problem with a registration names its
    line in the registrations file."""
    whole = {**data, "registrations": registrations, "registrations_file": None}
    try:
        return MeetingFile.model_validate(whole)
    except ValidationError as error:
        problems = []
        for details in error.errors():
            loc = details["loc"]
            if len(loc) > 1 and loc[0] == "registrations" and isinstance(loc[1], int):
                message = said(details)
                problems.append(Problem(str(path), message, loc[1] + 1, format_loc(loc[2:])))
            else:
                where = lines.get(tuple(loc[:1]))
                problems.append(Problem(source, said(details), where, format_loc(loc)))
        raise InvalidInput(problems) from None


@dataclass(frozen=True)
class _Where:
    """Problems at the meeting file's `registrations_file`, with their lines."""

    source: str
    lines: Mapping[Loc, int]

    def problem(self, field: str, message: Words) -> Problem:
        loc = ("registrations_file", field)
        line = self.lines.get(loc, self.lines.get(loc[:1]))
        return Problem(self.source, message, line, format_loc(loc))
