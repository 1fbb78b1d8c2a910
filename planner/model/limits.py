"""The model's limits, in one place: how long, how deep, how many, which years.

Every value a meeting file can carry is bounded, so a mistyped or hostile file is refused with
a message at the field instead of exhausting memory, recursion or the calendar. The limits
are generous for real meetings: the largest sample (a two-day conference) is far inside each.
"""

from __future__ import annotations

import math
from typing import Any

from planner.words import Number, Words

MIN_YEAR = 1900
"""The earliest year a date-time may be in: '0001-01-01 09:00' is a typing mistake."""
MAX_YEAR = 2199
"""The latest year a date-time may be in: '9999-12-31 23:00' is a placeholder, not a meeting."""

MAX_MEETING_DAYS = 31
"""A meeting lasts at most 31 calendar days; an agenda item's `day` is at most 31."""
MAX_AGENDA_DEPTH = 4
"""Agenda items nest at most four levels: item (2), sub-item (2.1) and two more (2.1.1.1)."""
MAX_AGENDA_ITEMS = 2_000
"""Items and sub-items in one agenda, all levels counted."""
MAX_DURATION_MINUTES = 24 * 60
"""An agenda item lasts at most 24 hours."""
MAX_CAPACITY = 1_000_000
"""The most participants a meeting may be planned for."""

MAX_LINE = 300
"""Characters in one line of text: a title, a room, an address (each language of a title)."""
MAX_NAME = 200
"""Characters in a person's name."""
MAX_PARAGRAPHS = 20_000
"""Characters in free text: a description, notes, an answer (each language of a text)."""
MAX_KEY = 64
"""Characters in a key such as a slug or a person's id."""
MAX_PHONE = 40
"""Characters in a phone number, spaces and punctuation included."""
MAX_OTHER_ANSWERS = 100
"""Entries in a registration's map of other answers."""


def whole_number(value: Any) -> int:
    """A count or a day number: an integer (or a float with nothing after the point).

    Booleans and text are refused rather than read as 1 or parsed: `day: true` and
    `capacity: "many"` are mistakes the secretariat should see.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(Words("model_number.whole", value=shown(value)))
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise ValueError(Words("model_number.whole", value=repr(value)))
        return int(value)
    return value


def show_number(number: int) -> str | Words:
    """The number for a message; one too long to read is described instead."""
    if abs(number) >= 10**12:
        if number > 0:
            return Words("model_value.more_than", number=Number(10**12 - 1))
        return Words("model_value.less_than", number=Number(-(10**12 - 1)))
    return str(number)


def shorten(text: str, limit: int = 40) -> str:
    """At most `limit` characters of `text` for a message, with '…' where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: Any) -> str | Words:
    """A value as a message shows it: short text and numbers as written, else what it is."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return show_number(value)
    if isinstance(value, float | str):
        return shorten(repr(value))
    if isinstance(value, list | tuple):
        return Words("model_value.list")
    if isinstance(value, dict):
        return Words("model_value.map")
    return type(value).__name__
