"""The minutes of a meeting as a use-case: which items they record, finding an item by what a
secretary types, and the rules of recording (`recording`). The command line and the app's
minutes screen call the same functions."""

from planner.minutes.items import MinutesItem, find_item, minutes_items, placed
from planner.minutes.recording import (
    check_minutes,
    record_attendance,
    record_item,
    undecided_cases,
)
from planner.minutes.refusals import MinutesRefused

__all__ = [
    "MinutesItem",
    "MinutesRefused",
    "check_minutes",
    "find_item",
    "minutes_items",
    "placed",
    "record_attendance",
    "record_item",
    "undecided_cases",
]
