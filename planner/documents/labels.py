"""The fixed words of documents, in the document's language, as templates see them (`words`).

    words = document_words("nb", ("nb", "en"))
    words["programme"]  -> 'Program'

They are the `documents_word` group of the label catalogue (templates/labels/documents.yaml,
and a secretariat's own labels.yaml laid over it), so a template is written once for every
language. A language the catalogue lacks (Northern Sámi, Faroese, Greenlandic) falls back to
the languages given (the meeting's own first), then English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from planner.i18n import catalogue
from planner.words import say

GROUP = "documents_word"


def document_words(language: str, fallbacks: Iterable[str] = ()) -> Mapping[str, str]:
    """Every word of the group in `language`: a read-only mapping, name -> text."""
    return _words(language, (*tuple(fallbacks), "en"), id(catalogue()))


@cache
def _words(language: str, fallbacks: tuple[str, ...], _catalogue_id: int) -> Mapping[str, str]:
    names = catalogue().get(GROUP, {})
    return MappingProxyType(
        {name: say(f"{GROUP}.{name}", language, fallbacks=fallbacks) for name in names}
    )
