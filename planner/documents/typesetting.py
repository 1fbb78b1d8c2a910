"""How text is set in the documents' formats, as the templates' filters and functions:
paragraphs of a text, wrapping for plain text, escaping for Markdown, and the font size at
which a name fits on a badge."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from planner.model.text import paragraphs

__all__ = ["escape_markdown", "fit", "paragraphs", "wrap"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MARKDOWN_LINE_START = re.compile(
    r"(?m)^(\s*)(#{1,6}(?=\s|$)|[-+=](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))"
)


def wrap(text: Any, column: int = 0, width: int = 78, hanging: int = 0) -> str:
    """`text` wrapped to lines of at most `width` characters, for a text document: the first
    line is printed where the template has got to (`column`), the others start at `column
    + hanging`; words and names are never split. `{{ title|wrap(19) }}`."""
    column, width, hanging = (max(0, min(int(n), 200)) for n in (column, width, hanging))
    lines = textwrap.wrap(
        " ".join(str(text or "").split()),
        width=max(width, column + hanging + 20),
        initial_indent=" " * column,
        subsequent_indent=" " * (column + hanging),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(lines)[column:] if lines else ""


_MM_A_POINT = 0.3528
_WIDTH_OF_A_LETTER = 0.62
"""A bold sans-serif letter's average width, in ems (capitals and wide letters included)."""
_LINE_HEIGHT = 1.2


def fit(text: Any, width: float, height: float, largest: float = 26, smallest: float = 6) -> float:
    """The largest font size (points, in half points) at which `text` fits in a box of
    `width` × `height` millimetres, wrapped at spaces: a long name is printed smaller, never
    cut off. `{{ fit(person.name, 80, 22) }}pt`."""
    words = str(text or "").split() or [""]
    one_line_down_to = max(float(smallest), largest * 0.7)
    for most_lines in (1, None):  # one line if it fits fairly large, else as many as fit
        size = float(largest)
        while size >= (one_line_down_to if most_lines else smallest):
            letters_a_line = width / (size * _MM_A_POINT * _WIDTH_OF_A_LETTER)
            lines_that_fit = int(height // (size * _MM_A_POINT * _LINE_HEIGHT))
            lines = _lines_needed(words, letters_a_line)
            if lines <= min(lines_that_fit, most_lines or lines_that_fit):
                return size
            size -= 0.5
    return float(smallest)


def _lines_needed(words: list[str], letters_a_line: float) -> int:
    lines, used = 1, 0
    for word in words:
        if len(word) > letters_a_line:
            return 999  # a word longer than the line: smaller
        if used and used + 1 + len(word) > letters_a_line:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def escape_markdown(text: str) -> str:
    """`text` with every character Markdown would read as markup escaped with a backslash:
    '*Kari* <b>' -> '\\*Kari\\* \\<b\\>'; a line starting '- ' or '1.' is not a list."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, start = match.group(1), match.group(2)
    if start[0].isdigit():  # "1." -> "1\." ("\1." would not stop the list)
        return indent + start + "\\"
    return indent + "\\" + start
