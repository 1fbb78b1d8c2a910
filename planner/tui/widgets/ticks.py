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


class TickBox(Checkbox):
    """A checkbox whose box is empty when not ticked."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return TICKED if self.value else UNTICKED


Value = TypeVar("Value")


class TickList(SelectionList[Value], Generic[Value]):
    """A selection list whose unticked boxes are empty."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) < 2 or not 0 <= index < self.option_count:
            return line
        value = self.get_option_at_index(index).value
        if value in self.selected or segments[1].text != TICKED:
            return line
        button = segments[1]
        segments[1] = Segment(UNTICKED, button.style, button.control)
        return Strip(segments, line.cell_length)
