"""A form's data, without widgets: values nested by their key paths, laid over the data they
came from, the model's problems placed at the fields they concern, and values written as an
input shows them (a date-time as the model reads it back, a text per language)."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from pydantic import ValidationError

from planner.model.problems import format_loc
from planner.model.problems import said as described
from planner.words import said


def nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    """{'venue.name': 'KS', 'venue.city': None} -> {'venue': {'name': 'KS'}}.

    Empty values (None) are left out. A value given at a path wins over values under it: a
    person's key at `absence.to` rather than the contact at `absence.to.name` and beside it.
    """
    tree: dict[str, Any] = {}
    for path, value in flat.items():
        if value is None:
            continue
        *parents, last = path.split(".")
        node: Any = tree
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[last] = value
    return tree


def lay_over(data: Mapping[str, Any], paths: Sequence[str], values: Mapping[str, Any]) -> dict:
    """A copy of `data` with what is at `paths` replaced by `values` (nested).

    A field left empty is taken out, so the model's default applies (or it says the field is
    required); a group the form emptied (every venue field) goes with it.
    """
    result = copy.deepcopy(dict(data))
    for path in paths:
        _remove(result, path.split("."))
    groups = {
        ".".join(path.split(".")[:n]) for path in paths for n in range(1, path.count(".") + 1)
    }
    for group in sorted(groups, key=lambda g: -g.count(".")):
        _remove_if_empty(result, group.split("."))
    _merge(result, values)
    return result


def _remove(data: dict[str, Any], parts: list[str]) -> None:
    node: Any = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(parts[-1], None)


def _remove_if_empty(data: dict[str, Any], parts: list[str]) -> None:
    node: Any = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) and node.get(parts[-1]) == {}:
        del node[parts[-1]]


def _merge(target: dict[str, Any], values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


@dataclass
class Placed:
    at_fields: dict[str, list[str]] = field(default_factory=dict)
    """Messages by the path of the field they concern."""
    elsewhere: list[str] = field(default_factory=list)
    """Messages of no field, each with its location: 'agenda[2].speakers[0]: …'."""


def place_problems(
    error: ValidationError, data: Any, paths: Sequence[str], required: str
) -> Placed:
    """Each message at the field whose path is the longest that begins its location.

    Where the model allows one of two shapes (a person's key or a contact), pydantic names
    the shape in the location and reports a problem for each: the one that leads into the
    data as given is kept, the other left out.
    """
    found: list[tuple[str | None, tuple, str, bool]] = []
    for details in error.errors():
        loc, tagged = _data_loc(data, details["loc"])
        message = required if details["type"] == "missing" else said(described(details))
        found.append((_field_of(loc, paths), loc, message, tagged))
    placed = Placed()
    deeper = {path for path, *_ in found if path is not None}
    for path, loc, message, tagged in found:
        if tagged and any(other.startswith(f"{path}.") for other in deeper):
            continue
        if path is None:
            placed.elsewhere.append(f"{format_loc(loc)}: {message}" if loc else message)
        else:
            messages = placed.at_fields.setdefault(path, [])
            if message not in messages:
                messages.append(message)
    return placed


def _field_of(loc: tuple, paths: Sequence[str]) -> str | None:
    """The field with the longest path that begins `loc`; for a missing group of fields (no
    organiser at all), the first field of that group."""
    best: str | None = None
    for path in paths:
        parts = tuple(path.split("."))
        if loc[: len(parts)] == parts and (best is None or len(parts) > best.count(".") + 1):
            best = path
    if best is None and loc:
        within = ".".join(str(part) for part in loc) + "."
        best = next((path for path in paths if path.startswith(within)), None)
    return best


def _data_loc(data: Any, loc: Sequence[Any]) -> tuple[tuple, bool]:
    """The location without the parts that name a shape rather than lead into `data`, and
    whether it had such a part. Without `data` the location is taken as it is."""
    if data is None:
        return tuple(loc), False
    kept: list[Any] = []
    current, tagged = data, False
    for part in loc:
        if (isinstance(current, Mapping) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
        elif _tag(part):
            tagged = True
            continue
        else:
            current = None  # beyond what was given: a required field left out
        kept.append(part)
    return tuple(kept), tagged


_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_TYPE_NAMES = frozenset({"str", "int", "float", "bool", "dict", "list", "none"})


def _tag(part: Any) -> bool:
    """pydantic's name for one shape of a union: 'function-after[…]', 'Contact', 'str'."""
    return isinstance(part, str) and (not _FIELD_NAME.fullmatch(part) or part in _TYPE_NAMES)


# -- values as the inputs show them, and back ---------------------------------------------


def value_at(data: Mapping[str, Any] | None, path: str) -> Any:
    current: Any = data
    for part in path.split("."):
        if not isinstance(current, Mapping):
            return None
        current = current.get(part)
    return current


def written(value: Any) -> str:
    """A value as text in an input: dates and times the way the model reads them back."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}" if value.second else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def texts_of(value: Any, meeting_language: str) -> dict[str, str]:
    """A multilingual text as {language: text}; a plain string is in the meeting's language."""
    root = getattr(value, "root", value)
    if isinstance(root, str):
        return {meeting_language: root}
    if isinstance(root, Mapping):
        return {str(lang): str(text) for lang, text in root.items()}
    return {}


def text_value(texts: Mapping[str, str], meeting_language: str) -> str | dict[str, str] | None:
    given = {lang: text for lang, text in texts.items() if text.strip()}
    if not given:
        return None
    if list(given) == [meeting_language]:
        return given[meeting_language]
    return given
