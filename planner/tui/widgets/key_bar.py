"""The line of keys at the foot of every screen: what the keys shown in the footer do, from the
action registry, in the app's language.

Unlike Textual's Footer it never cuts a description in the middle: when the keys do not all
fit, the line ends after the last one that does, with "…", and the help key (which lists
them all) is always there at the end. The screen's own keys come first, then the app's; a
letter key is left out while a text field has the focus (the letter is typed there).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, TextArea

Pair = tuple[str, str]
"""(the key as shown, what it does)."""

GAP = "  "
MORE = "…"


def fit_keys(pairs: Sequence[Pair], width: int, keep_last: Pair | None = None) -> list[Pair]:
    """The pairs that fit in `width` cells, in order, each whole; `(MORE, "")` where the
    rest were left out, and `keep_last` (the help key) at the end whatever else fits."""
    last = [keep_last] if keep_last is not None else []
    if _width([*pairs, *last]) <= width:
        return [*pairs, *last]
    room = width - _width([(MORE, ""), *last]) - len(GAP)
    shown: list[Pair] = []
    for pair in pairs:
        if _width([*shown, pair]) > room:
            break
        shown.append(pair)
    return [*shown, (MORE, ""), *last]


def _width(pairs: Sequence[Pair]) -> int:
    if not pairs:
        return 0
    cells = sum(cell_len(key) + (1 + cell_len(text) if text else 0) for key, text in pairs)
    return cells + len(GAP) * (len(pairs) - 1)


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.watch(self.screen, "focused", lambda _: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        self.refresh()

    def shown_pairs(self) -> tuple[list[Pair], Pair | None]:
        """What the footer shows at any width: the screen's keys, then the app's; and the
        help key apart, to be shown last whatever else fits."""
        app, pairs, help_pair = self.app, [], None
        typing = isinstance(self.screen.focused, Input | TextArea)
        for binding in [active.binding for active in self.screen.active_bindings.values()]:
            if not binding.show or not binding.description:
                continue
            if typing and len(binding.key) == 1 and not binding.priority:
                continue  # typed into the field, not a key of the app there
            pair = (app.get_key_display(binding), binding.description)
            if binding.id == "app.help":
                help_pair = pair
            elif pair not in pairs:
                pairs.append(pair)
        return pairs, help_pair

    def render(self) -> Text:
        pairs, help_pair = self.shown_pairs()
        fitted = fit_keys(pairs, self.content_size.width, help_pair)
        key_style = self.get_component_rich_style("key-bar--key")
        line = Text(no_wrap=True, overflow="ellipsis")
        for position, (key, text) in enumerate(fitted):
            if position:
                line.append(GAP)
            line.append(key, style=key_style if text else "")
            if text:
                line.append(f" {text}")
        return line
