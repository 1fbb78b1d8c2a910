"""The field a long list is filtered by as you type.

Two things keep a keystroke to one frame. Textual's `Input` gives itself a new virtual
width (its text's) on every keystroke, and a new virtual size lays the whole screen out
again; a filter field's size never depends on its text (as wide as the screen, one line
high), so here only its scrolling range is brought up to date, as a layout would do. And
the list is filtered in the same call as the keystroke (`typed`), not when the `Changed`
message has travelled up to the screen: by then the field's new text has been drawn in a
frame of its own, and the list's new lines wait for the next one.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Region
from textual.widgets import Input


class FilterField(Input):
    def __init__(
        self, typed: Callable[[str], None], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._typed = typed
        self._typing = False

    def _watch_value(self, value: str) -> None:
        self._typing = True
        try:
            super()._watch_value(value)
        finally:
            self._typing = False
        self._typed(value)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> FilterField:
        if layout and self._typing and self.is_mounted and not self.styles.auto_dimensions:
            layout = False
            self._scroll_update(self.virtual_size)
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self
