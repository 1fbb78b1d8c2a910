"""Regular expressions written once, read by the model and published in the JSON Schema.

Each accepted written form is one expression in the subset Python and JSON Schema (ECMA-262)
read the same way: explicit `[0-9]` rather than `\\d` (which in Python also matches other
scripts' digits), no flags (case-insensitive words are spelt `[mM][iI][nN]`), no named groups.
The reader full-matches the expression; the schema anchors it with `anchored`, so an editor
accepts exactly what `planner check` accepts.
"""

from __future__ import annotations

import re


def any_case(word: str) -> str:
    """'min' -> '[mM][iI][nN]': a word in any case, without a flag JSON Schema lacks."""
    return "".join(
        f"[{ch.lower()}{ch.upper()}]" if ch.lower() != ch.upper() else re.escape(ch) for ch in word
    )


def one_of(*alternatives: str) -> str:
    """A non-capturing group of the alternatives, longest first."""
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


def anchored(source: str) -> str:
    """The JSON Schema pattern for a whole value matching `source`.

    `(?![\\s\\S])` ("nothing follows") rather than `$`, which in Python also matches before a
    final newline.
    """
    return f"^(?:{source})(?![\\s\\S])"


def compiled(source: str) -> re.Pattern[str]:
    """The expression the reader full-matches; built once, at import."""
    return re.compile(source)
