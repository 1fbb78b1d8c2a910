"""What the minutes refuse to record (its own module, so every part of the minutes can raise
it without importing the others)."""

from planner.errors import BadInput


class MinutesRefused(BadInput):
    """Something the minutes cannot record: the message says what and why."""
