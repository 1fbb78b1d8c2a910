"""Sorting names the way each language does: Æ Ø Å after Z in Norwegian and Danish, Å Ä Ö
in Swedish, Þ Æ Ö in Icelandic, where Python's `sorted()` puts them by code point.

`sort_key(language)` gives a key function for `sorted()`, built on ICU's collator for the
language (PyICU, loaded when first asked for: starting the app does not pay for it):

    sorted(["Øystein", "Zara", "Åse"], key=sort_key("nb"))  -> ['Zara', 'Øystein', 'Åse']
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from planner.i18n import babel_locale


@cache
def sort_key(language: str) -> Callable[[str], bytes]:
    """The collation key of `language` ('nb', 'sv', 'is'…) for sorting text."""
    import icu

    collator = icu.Collator.createInstance(icu.Locale(babel_locale(language)))
    return collator.getSortKey
