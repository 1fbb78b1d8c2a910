"""Cross-field rules report each problem at the field it concerns, like pydantic's own errors."""

from __future__ import annotations

from collections.abc import Sequence

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
