"""Dates, clock times and labels in the languages Planner writes: nb, nn, sv, da, en.

Weekdays are never typed, always computed (20 November 2018 was a Tuesday). Norwegian and
Danish write clock times 10.00; Swedish and English 10:00.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache

import yaml
from babel.dates import format_date

from planner.resources import data_dir

_BABEL_LOCALE = {"nb": "nb_NO", "nn": "nn_NO", "sv": "sv_SE", "da": "da_DK", "en": "en_GB"}
_CLOCK_SEPARATOR = {"nb": ".", "nn": ".", "da": ".", "sv": ":", "en": ":"}
EN_DASH = "–"


@cache
def _labels() -> dict[str, dict[str, dict[str, str]]]:
    with open(data_dir("templates") / "labels.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def label(group: str, key: str, language: str) -> str:
    """A word from templates/labels.yaml, e.g. label('item_kind', 'break', 'nb') -> 'Pause'."""
    entry = _labels()[group][key]
    return entry.get(language) or entry["en"]


def format_clock(moment: time | datetime, language: str) -> str:
    separator = _CLOCK_SEPARATOR.get(language, ":")
    return f"{moment.hour:02d}{separator}{moment.minute:02d}"


def format_span(start: time | datetime, end: time | datetime, language: str) -> str:
    """'10.00–10.15' (nb) or '10:00–10:15' (sv)."""
    return f"{format_clock(start, language)}{EN_DASH}{format_clock(end, language)}"


def format_day(day: date | datetime, language: str) -> str:
    """'tirsdag 20. november 2018' (nb), 'tisdag 20 november 2018' (sv), 'Tuesday 20 November
    2018' (en)."""
    if isinstance(day, datetime):
        day = day.date()
    text = format_date(day, format="full", locale=_BABEL_LOCALE.get(language, language))
    return text.replace(",", "") if language == "en" else text


def format_when(start: datetime, end: datetime, language: str) -> str:
    """The time line of an invitation: 'fredag 26. august 2016 kl. 12.30–16.00'."""
    at = label("word", "at_clock", language)
    at = f"{at} " if at else ""
    if start.date() == end.date():
        return f"{format_day(start, language)} {at}{format_span(start, end, language)}"
    return (
        f"{format_day(start, language)} {at}{format_clock(start, language)} {EN_DASH} "
        f"{format_day(end, language)} {at}{format_clock(end, language)}"
    )
