"""Finding text the way people type it: 'oystein' and 'øystein' both find 'Øystein'.

Text is NFC-normalised, case-folded, and the Nordic letters are folded to what people type on
a keyboard without them: æ → ae, ø → o, å → a, ä → a, ö → o, ð → d, þ → th; other accents
are dropped (é → e). A query matches when every word of it is found in the folded text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_NORDIC = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ð": "d", "þ": "th",
                         "œ": "oe", "ß": "ss"})  # fmt: skip


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """'Øystein Ås' -> 'oystein as'."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_NORDIC)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(query: str, *texts: str) -> bool:
    """Whether every word of `query` is in one of `texts` (folded)."""
    haystack = " ".join(folded(text) for text in texts)
    return all(word in haystack for word in folded(query).split())
