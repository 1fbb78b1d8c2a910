"""A table that draws only the lines on screen (Textual's Line API), so it stays instant
however many rows it holds: no row is measured, no cell is rendered until it is seen.

Rows may span several lines (an agenda item with its people under it), and a row may have
a line above it across the whole width (where a day of the agenda begins). Columns have
widths worked out once from the text when the rows are set; one column (the titles) takes the
width left, and a column may give way on a narrow terminal (`hide_below`). A cell too long
for its column ends in "…". A list too long to make every row of (100,000 registrations) is
given as a `RowSource` instead: its rows, one line each, are made only when drawn, and its
columns take their fixed widths. The cursor moves by row (arrows, PgUp/PgDn, Home/End, or a
click); moving it posts `Highlighted`. User text is text: every cell is a `rich.text.Text`
or a plain string, never markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Tailed(Text):
    """A one-line cell whose end is always shown: when it is too long for its column, the
    text before the end is cut with "…" ('Politisk toppmøte om i… (ks-2017)')."""

    def __init__(self, text: Text | str, tail: Text | str) -> None:
        head = text if isinstance(text, Text) else Text(text)
        end = tail if isinstance(tail, Text) else Text(tail)
        super().__init__()
        self.append_text(head)
        self.append_text(end)
        self.tail_length = len(end)


Cell = str | Text

GROW_AT_LEAST = 20
"""The growing column (the titles) fills the width left; below this many cells the table
scrolls sideways rather than cut it shorter."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    justify: str = "left"
    """'left' or 'right'."""
    width: int | None = None
    """Fixed width; None: as wide as the widest cell, at most `most`."""
    grow: bool = False
    """Takes the width the others leave (the last column when none says so)."""
    hide_below: int = 0
    """Left out when the table is narrower than this many cells."""
    most: int | None = None
    """The widest the column gets when its width comes from its cells."""


@dataclass(frozen=True)
class TableRow:
    key: str
    cells: Sequence[Cell]
    """One cell per column; a cell's text may have several lines ('\\n')."""
    style: str = ""
    lines: int = field(default=0, compare=False)
    above: Text | None = None
    """A line across the whole width above the row's cells (a day's heading)."""


class RowSource(Protocol):
    """Rows made on demand: how many, the one at a place, and where a key is."""

    def __len__(self) -> int: ...

    def row(self, index: int) -> TableRow: ...

    def index_of(self, key: str) -> int | None: ...


class VirtualTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
    }
    VirtualTable > .virtual-table--header {
        text-style: bold;
        background: $panel;
    }
    VirtualTable > .virtual-table--cursor {
        background: $accent 40%;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $accent;
    }
    VirtualTable > .virtual-table--odd {
        background: $surface-lighten-1;
    }
    """
    COMPONENT_CLASSES = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--odd",
    }
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to(-1)", show=False),
    ]
    """No enter: it stays with the screen, whose action for it (edit the item) the footer
    then shows."""

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, table: VirtualTable, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.rows: list[TableRow] = []
        self._widths: list[int] = []
        self._layouts: dict[int, list[tuple[int, int]]] = {}
        self._starts: list[int] = []  # the first line of each row
        self._lines: list[list[list[Text] | Text]] = []  # per row: per line: cells, or across
        self._index: dict[str, int] = {}
        self._source: RowSource | None = None
        self._made: dict[int, tuple[list[Text], str]] = {}
        """A source's rows already made into cells, by place (those on screen)."""
        self._drawn: dict[tuple[int, str, int, int], Strip] = {}
        """Lines already drawn, by (line, style, scroll x, width): a frame that redraws an
        unchanged line takes it from here."""
        self._styles: dict[tuple[str, str], Style] = {}
        """The style of a line, by (component, row style): worked out from the CSS once,
        not for every line of every frame."""

    # -- content ---------------------------------------------------------------------------

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)

    def set_source(self, source: RowSource, *, keep: str | None = None) -> None:
        """Show the rows of `source`, made only when drawn; the cursor stays on `keep` (a row
        key) if it is there, else at its place."""
        self._source = source
        self.rows, self._lines, self._starts, self._index = [], [], [], {}
        self._made.clear()
        self._widths = [column.width or cell_len(column.label) for column in self.columns]
        self._layouts.clear()
        self._drawn.clear()
        self._resize(Size(self._least_width(), len(source) + 1))
        found = source.index_of(keep) if keep is not None else None
        target = found if found is not None else self.cursor
        self.cursor = max(0, min(target, len(source) - 1))
        self.refresh()

    def _resize(self, size: Size) -> None:
        """A new virtual size. Laying the whole screen out again (what setting it does) is
        needed only when the scrollbars come or go; a filter that shortens a long list just
        moves the scrollbar's thumb."""
        old = self.virtual_size
        if size == old:
            return
        rows_fit = self.size.height
        same_bars = size.width == old.width and (size.height > rows_fit) == (old.height > rows_fit)
        if not same_bars or not self.is_mounted:
            self.virtual_size = size
            return
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def set_rows(self, rows: Sequence[TableRow], *, keep: str | None = None) -> None:
        """Replace every row; the cursor stays on `keep` (a row key) if it is there."""
        self._source = None
        self._made.clear()
        self.rows = list(rows)
        self._index = {row.key: i for i, row in enumerate(self.rows)}
        self._lines = [self._split(row) for row in self.rows]
        self._starts, line = [], 1  # line 0 is the header
        for lines in self._lines:
            self._starts.append(line)
            line += len(lines)
        self._widths = self._measure()
        self._layouts.clear()
        self._drawn.clear()
        self.virtual_size = Size(self._least_width(), line)
        target = self._index.get(keep, self.cursor) if keep is not None else self.cursor
        self.cursor = max(0, min(target, len(self.rows) - 1))
        self.refresh()

    @staticmethod
    def _split(row: TableRow) -> list[list[Text] | Text]:
        columns = [
            [cell] if isinstance(cell, Tailed) else [_simple(t) for t in _text(cell).split("\n")]
            for cell in row.cells
        ]
        height = max(len(lines) for lines in columns) if columns else 1
        lines: list[list[Text] | Text] = [] if row.above is None else [row.above]
        lines += [
            [lines[n] if n < len(lines) else Text("") for lines in columns] for n in range(height)
        ]
        return lines

    def _measure(self) -> list[int]:
        widths = [column.width or cell_len(column.label) for column in self.columns]
        for lines in self._lines:
            for line in lines:
                if isinstance(line, Text):
                    continue
                for position, text in enumerate(line):
                    if self.columns[position].width is None:
                        widths[position] = max(widths[position], text.cell_len)
        for position, column in enumerate(self.columns):
            if column.width is None and column.most is not None:
                widths[position] = min(widths[position], max(column.most, cell_len(column.label)))
        return widths

    def _least_width(self) -> int:
        """The narrowest the table is drawn: the columns that never give way, and the
        growing one at its least (narrower, it scrolls sideways)."""
        shown = [i for i, c in enumerate(self.columns) if not c.hide_below]
        fixed = sum(self._widths[i] + 1 for i in shown if i != self._growing())
        return fixed + GROW_AT_LEAST + 1

    def _growing(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.grow), len(self.columns) - 1)

    def _layout(self, width: int) -> list[tuple[int, int]]:
        """(column, its width) of the columns shown at `width`: those that give way on a
        narrow table left out, the growing one given the width the others leave."""
        if width not in self._layouts:
            shown = [i for i, c in enumerate(self.columns) if c.hide_below <= width]
            growing = self._growing()
            fixed = sum(self._widths[i] + 1 for i in shown if i != growing)
            layout = [
                (i, max(GROW_AT_LEAST, width - fixed - 1) if i == growing else self._widths[i])
                for i in shown
            ]
            self._layouts[width] = layout
        return self._layouts[width]

    @property
    def row_count(self) -> int:
        return len(self._source) if self._source is not None else len(self.rows)

    @property
    def current_key(self) -> str | None:
        if not 0 <= self.cursor < self.row_count:  # none, or a source that just got shorter
            return None
        if self._source is not None:
            return self._source.row(self.cursor).key
        return self.rows[self.cursor].key

    def row_index(self, key: str) -> int | None:
        if self._source is not None:
            return self._source.index_of(key)
        return self._index.get(key)

    def redraw(self) -> None:
        """Draw every line again (a source's rows changed in place)."""
        self._made.clear()
        self._drawn.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """The CSS changed (the theme, or focus coming or going): styles and lines drawn in
        the old ones are worked out again."""
        super().notify_style_update()
        self._styles.clear()
        self._drawn.clear()

    def _line_style(self, component: str = "", extra: str = "") -> Style:
        key = (component, extra)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            if component:
                style += self.get_component_rich_style(component)
            if extra:
                style += Style.parse(extra)
            self._styles[key] = style
        return style

    def _first_line(self, row: int) -> int:
        return row + 1 if self._source is not None else self._starts[row]

    def _height(self, row: int) -> int:
        return 1 if self._source is not None else len(self._lines[row])

    def _row_at(self, line: int) -> int:
        if self._source is not None:
            return line - 1
        return bisect_right(self._starts, line) - 1

    def _line_cells(self, row: int, line: int) -> tuple[list[Text] | Text, str]:
        if self._source is None:
            return self._lines[row][line - self._starts[row]], self.rows[row].style
        if row not in self._made:
            if len(self._made) > 500:
                self._made.clear()
            made = self._source.row(row)
            self._made[row] = ([_simple(_text(cell)) for cell in made.cells], made.style)
        return self._made[row]

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y == 0:
            return self._strip(self._header(), "virtual-table--header", scroll_x, width)
        line = y + scroll_y
        row = self._row_at(line)
        if row < 0 or row >= self.row_count or line - self._first_line(row) >= self._height(row):
            return Strip.blank(width, self._line_style())  # below the last row
        style = (
            "virtual-table--cursor"
            if row == self.cursor
            else ("virtual-table--odd" if row % 2 else "")
        )
        key = (line, style, scroll_x, width)
        if key not in self._drawn:
            if len(self._drawn) > 5000:
                self._drawn.clear()
            cells, extra = self._line_cells(row, line)
            self._drawn[key] = self._strip(cells, style, scroll_x, width, extra)
        return self._drawn[key]

    def _header(self) -> list[Text]:
        return [Text(column.label) for column in self.columns]

    def _strip(
        self, cells: list[Text] | Text, component: str, scroll_x: int, width: int, extra: str = ""
    ) -> Strip:
        if isinstance(cells, Text):  # a line across: drawn as the header is
            base = self._line_style("virtual-table--header")
            return Strip(self._cell(cells, width, Column("", ""), base)[:-1]).crop_extend(
                scroll_x, scroll_x + width, base
            )
        base = self._line_style(component, extra)
        segments: list[Segment] = []
        length = 0
        for position, column_width in self._layout(width):
            segments.extend(self._cell(cells[position], column_width, self.columns[position], base))
            length += column_width + 1
        if scroll_x == 0 and length == width:  # the common case: the line fits as it is
            return Strip(segments, width)
        return Strip(segments, length).crop_extend(scroll_x, scroll_x + width, base)

    def _cell(self, text: Text, width: int, column: Column, base: Style) -> list[Segment]:
        """One cell, padded to `width` or cut with an ellipsis, and the space after it."""
        if not text.spans:  # the common case, drawn without rich's renderer
            plain = text.plain
            if cell_len(plain) > width > 0:
                plain = set_cell_size(plain, width - 1) + "…"
            plain = set_cell_size(plain, width)
            if column.justify == "right":
                stripped = plain.rstrip(" ")
                plain = " " * (width - cell_len(stripped)) + stripped
            return [Segment(plain, base + _style(text.style)), Segment(" ", base)]
        if isinstance(text, Tailed) and text.cell_len > width:
            tail = text[len(text) - text.tail_length :]
            text = text[: len(text) - text.tail_length]
            text.truncate(max(1, width - tail.cell_len), overflow="ellipsis")
            text.append_text(tail)
        text = text.copy()
        text.truncate(width, overflow="ellipsis")
        padding = " " * (width - text.cell_len)
        text = Text(padding) + text if column.justify == "right" else text + padding
        segments = [
            Segment(s.text, base + s.style if s.style else base)
            for s in text.render(self.app.console, end="")
            if s.text
        ]
        return [*segments, Segment(" ", base)]

    # -- moving ----------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current_key))

    def _refresh_row(self, row: int) -> None:
        """Redraw the lines of one row (the cursor moved on or off it)."""
        if not 0 <= row < self.row_count:
            return
        from textual.geometry import Region

        top = self._first_line(row) - self.scroll_offset.y
        self.refresh(Region(0, top, self.size.width, self._height(row)))

    def _scroll_to_cursor(self) -> None:
        if not self.row_count:
            return
        first = self._first_line(self.cursor)
        last = first + self._height(self.cursor) - 1
        top, visible = self.scroll_offset.y, self.size.height - 1  # the header takes a line
        if first - 1 < top:
            self.scroll_to(y=first - 1, animate=False)
        elif last > top + visible:
            self.scroll_to(y=last - visible, animate=False)

    def move_to(self, key: str) -> None:
        if (index := self.row_index(key)) is not None:
            self.cursor = index

    def action_cursor(self, step: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.size.height - 2))

    def action_to(self, where: int) -> None:
        if self.row_count:
            self.cursor = where % self.row_count

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor on it (the header is the first line)."""
        line = event.y + self.scroll_offset.y
        if event.y >= 1 and self.row_count:
            self.cursor = max(0, min(self.row_count - 1, self._row_at(line)))


@lru_cache(maxsize=256)
def _parsed(style: str) -> Style:
    return Style.parse(style)


def _style(style: str | Style) -> Style:
    if isinstance(style, Style):
        return style
    return _parsed(style) if style else Style()


def _simple(line: Text) -> Text:
    """A line styled all through by one span, as a plain text with that style: drawn fast."""
    if len(line.spans) == 1 and line.spans[0].start == 0 and line.spans[0].end >= len(line):
        return Text(line.plain, style=line.spans[0].style)
    return line


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else Text(cell)
