"""Problems at the field they concern: cross-field rules report them like pydantic's own
errors, and every ValidationError is told to the user the same way (`said`, `invalid_input`):
at its field in the data's own terms, in words without pydantic's type names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

Loc = tuple[str | int, ...]


class Problems:
    """Collects (location, message) pairs and raises them together as one ValidationError."""

    def __init__(self, title: str):
        self.title = title
        self._found: list[InitErrorDetails] = []

    def add(self, loc: Sequence[str | int], message: str, value: object = None) -> None:
        # The message goes in as context, so braces in user data are never format fields.
        error = PydanticCustomError("planner_rule", "{message}", {"message": message})
        self._found.append(InitErrorDetails(type=error, loc=tuple(loc), input=value))

    def __bool__(self) -> bool:
        return bool(self._found)

    def raise_if_any(self) -> None:
        if self._found:
            raise ValidationError.from_exception_data(self.title, self._found)


def format_loc(loc: Sequence[str | int]) -> str:
    """('agenda', 2, 'items', 0, 'title') -> 'agenda[2].items[0].title'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_FRIENDLY = {
    "missing": "required, but missing",
    "extra_forbidden": "not a field here (check the spelling)",
    # pydantic names its own types here ("instance of AgendaItem"): say it in file terms.
    "model_type": "should be a mapping of fields (name: value)",
    "model_attributes_type": "should be a mapping of fields (name: value)",
    "dict_type": "should be a mapping (name: value)",
}
_QUIET = ("missing", "extra_forbidden", "planner_rule", "value_error")
"""Errors whose message says enough without the value that caused them."""


def said(details: Any) -> str:
    """One error of a ValidationError, in words: "should be a valid integer (got 'ten')"."""
    kind = details["type"]
    if kind in _FRIENDLY:
        message = _FRIENDLY[kind]
    else:
        message = details["msg"].removeprefix("Value error, ")
        message = message.replace("Input should be", "should be")
    value = details.get("input")
    if kind not in _QUIET and _is_short_scalar(value):
        shown = repr(value)
        if shown not in message:
            message += f" (got {shown})"
    return message


def _is_short_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | date) and len(str(value)) <= 60


def data_loc(data: Any, loc: Sequence[str | int]) -> Loc:
    """An error's location in the data's own terms, without pydantic's union-member tags
    (`absence.to.str`): only the parts that lead into `data` are kept, and the last part."""
    kept: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        if _has(current, part):
            current = current[part]
        elif position < len(loc) - 1:
            continue
        else:
            current = None
        kept.append(part)
    return tuple(kept)


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def invalid_input(
    error: ValidationError,
    data: Any,
    source: str,
    field: Callable[[Loc], str] = format_loc,
) -> Any:
    """A ValidationError of `data` as InvalidInput: one Problem per error, each at its field
    (`field` may name it otherwise, e.g. as a command-line option)."""
    from planner.errors import InvalidInput, Problem

    return InvalidInput(
        [
            Problem(source, said(details), field=field(data_loc(data, details["loc"])))
            for details in error.errors()
        ]
    )
