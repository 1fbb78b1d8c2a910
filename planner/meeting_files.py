"""Meeting files: YAML in agendas/, read and written through the model.

Reading is strict in the ways that bite secretariats: `10:15` stays a clock time (YAML 1.1
would make it the number 615), `NO` stays Norway's country code (not false), `0161` stays a
postal code, and a key given twice is an error rather than silently the last one. Every
problem is reported with the file, the line and the field.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import Url

from planner.errors import InvalidInput, NotFound, Problem
from planner.model import MeetingFile, clock
from planner.model.problems import format_loc

Loc = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 rules for booleans and numbers."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    _INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_StrictLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


class _ReadableDumper(yaml.SafeDumper):
    """Writes multi-line text as literal blocks; quotes whatever a YAML 1.1 reader would misread."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ReadableDumper.add_representer(str, _represent_text)


# Reading


def read_meeting_file(path: str | Path) -> MeetingFile:
    """Read and validate one meeting file."""
    path = Path(path)
    return parse_meeting_yaml(_read_text(path), str(path))


def read_meeting_files(paths: Iterable[str | Path]) -> list[MeetingFile]:
    """Read several files, reporting every problem in all of them, and slugs used twice."""
    files: list[MeetingFile] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for path in paths:
        try:
            meeting_file = read_meeting_file(path)
        except InvalidInput as error:
            problems.extend(error.problems)
            continue
        if meeting_file.slug in first_seen:
            problems.append(
                Problem(
                    str(path),
                    f"duplicate slug {meeting_file.slug!r}: {first_seen[meeting_file.slug]} "
                    "already uses it",
                    field="slug",
                )
            )
        first_seen.setdefault(meeting_file.slug, str(path))
        files.append(meeting_file)
    if problems:
        raise InvalidInput(problems)
    return files


def parse_meeting_yaml(text: str, source: str = "<text>") -> MeetingFile:
    """Validate YAML text as a meeting; problems name `source`, the line and the field."""
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = f"not valid YAML: {error.problem or error.context}"
        if mark:
            message += f" (column {mark.column + 1})"
        raise InvalidInput([Problem(source, message, line)]) from None
    except yaml.YAMLError as error:
        raise InvalidInput([Problem(source, f"not valid YAML: {error}")]) from None
    if node is None:
        raise InvalidInput([Problem(source, "the file is empty: it should describe a meeting")])
    if not isinstance(node, yaml.MappingNode):
        raise InvalidInput(
            [Problem(source, "a meeting file holds one meeting: a mapping of fields", 1)]
        )
    lines: dict[Loc, int] = {}
    duplicates: list[Problem] = []
    _map_lines(node, (), lines, duplicates, source)
    if duplicates:
        raise InvalidInput(duplicates)
    data = _StrictLoader(text).get_single_data()
    try:
        return MeetingFile.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(
            [_problem(source, data, lines, details) for details in error.errors()]
        ) from None


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput([Problem(str(path), "is a folder, not a meeting file")]) from None
    except OSError as error:
        raise InvalidInput([Problem(str(path), f"cannot be read: {error.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput(
            [Problem(str(path), f"is not UTF-8 text (byte 0x{raw[error.start]:02x})", line)]
        ) from None


def _map_lines(
    node: yaml.Node, loc: Loc, lines: dict[Loc, int], duplicates: list[Problem], source: str
) -> None:
    """Record the line of every mapping key and sequence entry, and flag repeated keys."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                duplicates.append(
                    Problem(
                        source,
                        f"{key!r} is given twice (first on line {seen[key]})",
                        line,
                        format_loc((*loc, key)),
                    )
                )
            seen[key] = line
            lines[(*loc, key)] = line
            _map_lines(value_node, (*loc, key), lines, duplicates, source)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _map_lines(child, (*loc, index), lines, duplicates, source)


def _problem(source: str, data: Any, lines: dict[Loc, int], details: Any) -> Problem:
    loc = _data_loc(data, details["loc"])
    line = next((lines[loc[:n]] for n in range(len(loc), -1, -1) if loc[:n] in lines), None)
    return Problem(source, _message(details), line, format_loc(loc))


def _data_loc(data: Any, loc: Sequence[str | int]) -> Loc:
    """The error's location in the file's own terms, without pydantic's union-member tags."""
    kept: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and part < len(current)
        ):
            current = current[part]
        elif position < len(loc) - 1:
            continue
        else:
            current = None
        kept.append(part)
    return tuple(kept)


_FRIENDLY = {
    "missing": "required, but missing",
    "extra_forbidden": "not a field here (check the spelling)",
    "datetime_from_date_parsing": "not a date and time: write it as 2018-11-20 09:00",
    "datetime_parsing": "not a date and time: write it as 2018-11-20 09:00",
    "datetime_type": "not a date and time: write it as 2018-11-20 09:00",
}


def _message(details: Any) -> str:
    kind = details["type"]
    if kind in _FRIENDLY:
        message = _FRIENDLY[kind]
    else:
        message = details["msg"].removeprefix("Value error, ")
        message = message.replace("Input should be", "should be")
    value = details.get("input")
    quiet = ("missing", "extra_forbidden", "planner_rule", "value_error")
    if kind not in quiet and _is_short_scalar(value):
        shown = repr(value)
        if shown not in message:
            message += f" (got {shown})"
    return message


def _is_short_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | date) and len(str(value)) <= 60


# Writing


def dump_meeting_yaml(meeting_file: MeetingFile) -> str:
    """The meeting as readable YAML: defaults left out, times in the meeting's own zone."""
    data = meeting_file.model_dump(mode="python", exclude_defaults=True)
    _shorten_participations(data.get("agenda", []))
    return yaml.dump(
        _plain(data),
        Dumper=_ReadableDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def write_meeting_file(meeting_file: MeetingFile, path: str | Path) -> None:
    """Write the file whole or not at all: a temporary file renamed into place."""
    path = Path(path)
    text = dump_meeting_yaml(meeting_file)
    if not path.parent.is_dir():
        raise NotFound(f"{path.parent}: no such folder")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    if isinstance(value, Url):
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
