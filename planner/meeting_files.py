"""Meeting files: YAML in agendas/, read and written through the model.

Reading is strict in the ways that bite secretariats: `10:15` stays a clock time (YAML 1.1
would make it the number 615), `NO` stays Norway's country code (not false), `0161` stays a
postal code, `2018-11-20 09:00:00` stays text for the model to read, and a key given twice
is an error rather than silently the last one. Every problem is reported with the file, the
line and the field; a title cut short by ` #` (read as a comment) is a warning. What is
refused before it is read, and the limits, are in planner.yaml_safety.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import AnyUrl, ValidationError
from pydantic_core import Url

from planner.errors import InvalidInput, Problem
from planner.files import write_output
from planner.model import MeetingFile, clock
from planner.model.problems import data_loc, format_loc, said
from planner.progress import Progress, Stage, unseen
from planner.words import Words
from planner.yaml_safety import collector_paused, load_yaml, read_text_file

Loc = tuple[str | int, ...]


_STR = "tag:yaml.org,2002:str"


_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML has it (a large meeting file writes several times faster);
the same YAML either way."""


class _ReadableDumper(_SafeDumper):  # type: ignore[misc,valid-type]
    """Writes multi-line text as literal blocks; quotes whatever a YAML 1.1 reader would misread."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ReadableDumper.add_representer(str, _represent_text)


# Reading


@dataclass(frozen=True)
class LoadedMeetingFile:
    """A valid meeting file, and what in it may not say what its author meant."""

    source: str
    meeting: MeetingFile
    warnings: list[Problem]


def load_meeting_files(
    paths: Iterable[str | Path], progress: Progress = unseen
) -> list[LoadedMeetingFile]:
    """Read several files, reporting every problem in all of them, and slugs used twice."""
    loaded: list[LoadedMeetingFile] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for path in paths:
        try:
            meeting_file = load_meeting_file(path, progress)
        except InvalidInput as error:
            problems.extend(error.problems)
            continue
        slug = meeting_file.meeting.slug
        if slug in first_seen:
            message = Words("files_meeting.slug_twice", slug=repr(slug), first=first_seen[slug])
            problems.append(Problem(str(path), message, field="slug"))
        first_seen.setdefault(slug, str(path))
        loaded.append(meeting_file)
    if problems:
        raise InvalidInput(problems)
    return loaded


def load_meeting_file(path: str | Path, progress: Progress = unseen) -> LoadedMeetingFile:
    """Read and validate one meeting file; see read_text_file for what is refused unread."""
    path = Path(path)
    text = read_text_file(path)
    progress(Stage.READING, 0, len(text), str(path))
    return parse_meeting_yaml_with_warnings(text, str(path), progress, folder=path.parent)


def read_meeting_files(paths: Iterable[str | Path]) -> list[MeetingFile]:
    """load_meeting_files, without the warnings."""
    return [loaded.meeting for loaded in load_meeting_files(paths)]


def read_meeting_file(path: str | Path) -> MeetingFile:
    """Read and validate one meeting file."""
    return load_meeting_file(path).meeting


def parse_meeting_yaml(text: str, source: str = "<text>") -> MeetingFile:
    """Validate YAML text as a meeting; problems name `source`, the line and the field."""
    return parse_meeting_yaml_with_warnings(text, source).meeting


def parse_meeting_yaml_with_warnings(
    text: str, source: str = "<text>", progress: Progress = unseen, folder: Path | None = None
) -> LoadedMeetingFile:
    """Validate YAML text as a meeting, with warnings about values a ` #` cut short. A
    meeting whose registrations are in a file beside it (`registrations_file`) has them read
    from `folder`, where the text was read from."""
    with collector_paused():
        return _parse_meeting_yaml(text, source, progress, folder)


def _parse_meeting_yaml(
    text: str, source: str, progress: Progress, folder: Path | None
) -> LoadedMeetingFile:
    node, data = load_yaml(text, source)
    if node is None:
        raise InvalidInput([Problem(source, Words("files_meeting.empty"))])
    if not isinstance(node, yaml.MappingNode):
        raise InvalidInput([Problem(source, Words("files_meeting.not_a_mapping"), 1)])
    outline = _Outline(source, text)
    outline.walk(node, ())
    if outline.errors:
        raise InvalidInput(outline.errors)
    registrations = data.get("registrations") if isinstance(data, dict) else None
    progress(
        Stage.CHECKING, 0, len(registrations) if isinstance(registrations, list) else 0, source
    )
    try:
        meeting = MeetingFile.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(
            [_problem(source, data, outline.lines, details) for details in error.errors()]
        ) from None
    if meeting.registrations_file is not None:
        from planner.registration_files import read_beside

        meeting = read_beside(data, meeting, folder, source, outline.lines, progress)
    return LoadedMeetingFile(source, meeting, outline.warnings)


# A comment must follow a value after whitespace; one space is easy to type by accident
# inside a title, while a comment meant as one is written after two (yamllint's rule).
_ONE_SPACE_COMMENT = re.compile("[ \t](#[^\r\n\x85\u2028\u2029]*)")


class _Outline:
    """What the YAML nodes tell beyond the data: the line of every field, keys given twice
    (errors), and text cut short by a comment (warnings)."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.text = text
        self.lines: dict[Loc, int] = {}
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._walked: set[int] = set()

    def walk(self, node: yaml.Node, loc: Loc) -> None:
        """Record the line of every mapping key and list entry, once per node: what an alias
        stands for was walked at its anchor, and errors inside it point at the alias."""
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if id(node) in self._walked:
            return
        self._walked.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            self._check_comment_after(node, loc)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key, line = key_node.value, key_node.start_mark.line + 1
                if key in seen:
                    message = Words("files_meeting.key_twice", key=repr(key), first=seen[key])
                    self.errors.append(Problem(self.source, message, line, format_loc((*loc, key))))
                seen[key] = line
                self.lines[(*loc, key)] = line
                self.walk(value_node, (*loc, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self.walk(child, (*loc, index))

    def _check_comment_after(self, node: yaml.ScalarNode, loc: Loc) -> None:
        """Warn when unquoted text is followed by ` #` on its line: in
        `title: Integrering #1 i Norge` the title is just 'Integrering'."""
        if node.style or node.tag != _STR:
            return
        comment = _ONE_SPACE_COMMENT.match(self.text, node.end_mark.index)
        if comment:
            cut = comment.group(1).rstrip()
            message = Words("files_meeting.cut_by_comment", cut=repr(cut))
            line = node.end_mark.line + 1
            self.warnings.append(Problem(self.source, message, line, format_loc(loc)))


def _problem(source: str, data: Any, lines: dict[Loc, int], details: Any) -> Problem:
    loc = data_loc(data, details["loc"])
    line = next((lines[loc[:n]] for n in range(len(loc), -1, -1) if loc[:n] in lines), None)
    return Problem(source, said(details), line, format_loc(loc))


# Writing


def dump_meeting_yaml(meeting_file: MeetingFile) -> str:
    """The meeting as readable YAML: defaults left out, times in the meeting's own zone."""
    data = meeting_file.model_dump(mode="python", exclude_defaults=True)
    _shorten_participations(data.get("agenda", []))
    return yaml_text(data)


def yaml_text(data: Any) -> str:
    """Part of a meeting (an item, a person, a field's value) as a meeting file writes it."""
    return yaml.dump(
        _plain(data),
        Dumper=_ReadableDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


@dataclass(frozen=True)
class ExportedFiles:
    """A meeting file's text and, when its registrations travel beside it, the registrations
    file's content (`planner.registration_files`)."""

    meeting: str
    registrations: bytes | None = None


def dump_stored_meeting(
    meeting_file: MeetingFile,
    registrations: Iterable[tuple[str, dict[str, Any]]],
    *,
    apart: str | None = None,
) -> ExportedFiles:
    """A meeting file of `meeting_file` (without registrations) with the registrations as
    stored: (document, its fields as `planner.store.rows.stored_registration` reads them).
    Each was validated when it was stored, so it is written without being read into the
    model again (what makes exporting 100,000 take seconds, not minutes): in the file, the
    same YAML as `dump_meeting_yaml` of the whole meeting; or, given `apart` (a file name),
    in a JSON Lines file of that name that the meeting file names."""
    data = meeting_file.model_dump(mode="python", exclude_defaults=True)
    _shorten_participations(data.get("agenda", []))
    minutes, stamp = data.pop("minutes", None), data.pop("exported", None)
    plain = _plain(data)
    beside = None
    if apart is None:
        tz = meeting_file.zone
        listed = [_as_in_a_file(fields, tz) for _, fields in registrations]
        if listed:
            plain["registrations"] = listed
    else:
        from planner.registration_files import lines_of

        beside = lines_of(document for document, _ in registrations)
        plain["registrations_file"] = {
            "file": apart,
            "count": beside.count,
            "sha256": beside.sha256,
        }
    for name, value in (("minutes", minutes), ("exported", stamp)):
        if value is not None:
            plain[name] = _plain(value)
    text = yaml.dump(
        plain,
        Dumper=_ReadableDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return ExportedFiles(text, beside.content if beside is not None else None)


_TIMES = ("submitted_at", "checked_in_at", "offer_expires_at")


@cache
def _registration_defaults() -> dict[str, Any]:
    from planner.model import Registration

    blank = Registration.model_validate(
        {"person": {"name": "-"}, "submitted_at": "2000-01-01 00:00"}
    )
    defaults = blank.model_dump(mode="json")
    del defaults["submitted_at"]
    del defaults["person"]["name"]
    return defaults


def _as_in_a_file(fields: dict[str, Any], tz: ZoneInfo) -> dict[str, Any]:
    """A stored registration as a meeting file writes it: defaults left out, times as the
    meeting's wall-clock time (with the UTC offset when the clocks make it ambiguous)."""
    for name in _TIMES:
        if fields.get(name) is not None:
            fields[name] = _local_time_text(fields[name].astimezone(tz))
    return _without_defaults(fields, _registration_defaults())


def _without_defaults(value: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    kept = {}
    for name, item in value.items():
        default = defaults.get(name, _NO_DEFAULT)
        if isinstance(item, dict) and isinstance(default, dict):
            item = _without_defaults(item, default)
            if not item:
                continue
        elif item == default:
            continue
        kept[name] = item
    return kept


_NO_DEFAULT = object()


def write_meeting_file(meeting_file: MeetingFile, path: str | Path) -> str:
    """Write the meeting file whole or not at all (see `planner.files.write_output`); "-"
    is standard output. Returns where it went."""
    return write_output(path, dump_meeting_yaml(meeting_file))


def meeting_json_schema() -> dict[str, Any]:
    """JSON Schema for meeting files, for editors that check YAML against a schema."""
    schema = MeetingFile.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Planner meeting file",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text() -> str:
    return json.dumps(meeting_json_schema(), indent=2, ensure_ascii=False)


def _shorten_participations(items: list[dict[str, Any]]) -> None:
    """Write `speakers: [sanner]` rather than `speakers: [{person: sanner}]`."""
    for item in items:
        if "speakers" in item:
            item["speakers"] = [_short(entry) for entry in item["speakers"]]
        if "moderator" in item:
            item["moderator"] = _short(item["moderator"])
        _shorten_participations(item.get("items", []))


def _short(participation: dict[str, Any]) -> Any:
    return participation["person"] if participation.keys() == {"person"} else participation


def _plain(value: Any) -> Any:
    """Python values the YAML dumper writes plainly and our reader reads back the same."""
    if isinstance(value, dict):
        return {str(_plain(key)): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, AnyUrl | Url):  # pydantic 2.10+ URL types are not Url subclasses
        return str(value)
    if isinstance(value, datetime):
        return _local_time_text(value)
    if isinstance(value, time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    return value


def _local_time_text(moment: datetime) -> str:
    """'2018-11-20 09:00' in the meeting's zone; with the UTC offset only when the wall-clock
    time happens twice (the night the clocks go back)."""
    if clock.is_ambiguous(moment):
        return moment.isoformat(sep=" ")
    layout = "%Y-%m-%d %H:%M" if not moment.second else "%Y-%m-%d %H:%M:%S"
    return moment.strftime(layout)
