"""Checkboxes that read ticked or not without colour: `[X]` when ticked, `[ ]` when not.

Textual draws both states with the same X and tells them apart by colour alone, which a
colour-blind user, a monochrome terminal or a screen reader cannot. These draw the box the way
a printed form does.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

TICKED = "X"
UNTICKED = " "
LEFT, RIGHT = "[", "]"


class TickBox(Checkbox):
    """A checkbox drawn `[X]` when ticked and `[ ]` when not."""

    BUTTON_LEFT = LEFT
    BUTTON_RIGHT = RIGHT

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return TICKED if self.value else UNTICKED


Value = TypeVar("Value")


class TickList(SelectionList[Value], Generic[Value]):
    """A selection list whose boxes are drawn `[X]` when ticked and `[ ]` when not."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) < 3 or not 0 <= index < self.option_count:
            return line
        ticked = self.get_option_at_index(index).value in self.selected
        around, inside = segments[3].style, segments[1].style
        segments[0] = Segment(LEFT, around)
        segments[1] = Segment(TICKED if ticked else UNTICKED, inside)
        segments[2] = Segment(RIGHT, around)
        return Strip(segments, line.cell_length)
