"""What a column of a form export can be: the registration's field it fills.

A form's own questions ("Navn", "Matallergier", "Har du behov for tilrettelegging?") are
named by whoever made the form, in their language; `guess_target` recognises the usual words
in the seven languages Planner speaks. A column nothing recognises is kept as an answer to
the question its header asks (`Target.ANSWER`), so no answer is lost; the form tool's own
bookkeeping (ids, start times, totals) is known by the presets and ignored.
"""

from __future__ import annotations

import re
from enum import StrEnum

from planner.search import folded

_NUMBERED = re.compile(r" \(#\d+\)$")


class Target(StrEnum):
    """Where a column's cells go in a registration."""

    NAME = "name"
    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    EMAIL = "email"
    ORGANISATION = "organisation"
    TITLE = "title"
    PHONE = "phone"
    DELEGATION = "delegation"
    SUBMITTED_AT = "submitted_at"
    SUBMITTED_TIME = "submitted_time"
    """The time of day of the submission, when the tool gives it apart from the date."""
    DIETARY = "dietary"
    ACCESSIBILITY = "accessibility"
    WORKSHOPS = "workshops"
    PARTICIPANT_LIST = "participant_list"
    PHOTO = "photo"
    FOLLOW_UP = "follow_up"
    NOTES = "notes"
    ANSWER = "answer"
    IGNORE = "ignore"


SINGLE = frozenset(Target) - {Target.ANSWER, Target.IGNORE, Target.WORKSHOPS, Target.NOTES}
"""Targets at most one column may fill (notes and workshops gather from several)."""

# Whole headers, folded (planner.search.folded), in nb, nn, sv, da, fi, is and en.
_EXACT: dict[Target, tuple[str, ...]] = {
    Target.NAME: (
        "navn", "namn", "nimi", "nafn", "name", "full name", "fullt navn", "fullt namn",
        "fullstendig navn", "fullt nafn", "koko nimi", "deltakar", "deltaker", "deltagare",
        "deltager", "participant", "attendee name",
    ),
    Target.GIVEN_NAME: (
        "fornavn", "fornamn", "förnamn", "etunimi", "fornafn", "first name", "given name",
        "first_name",
    ),
    Target.FAMILY_NAME: (
        "etternavn", "etternamn", "efternamn", "efternavn", "sukunimi", "eftirnafn",
        "last name", "surname", "family name", "last_name",
    ),
    Target.EMAIL: (
        "e-post", "epost", "e-postadresse", "e-postadress", "e-mail", "email", "e-mail address",
        "email address", "mail", "mailadresse", "sahkoposti", "sahkopostiosoite", "netfang",
        "e-mailadresse",
    ),
    Target.ORGANISATION: (
        "organisasjon", "organisasjon/virksomhet", "virksomhet", "verksemd", "arbeidsgiver",
        "arbeidsgjevar", "kommune", "organisation", "organisationen", "myndighet", "kommun",
        "arbetsgivare", "arbejdsgiver", "virksomhed", "organisaatio", "tyonantaja", "kunta",
        "stofnun", "vinnustadur", "sveitarfelag", "company", "employer", "organization",
    ),
    Target.TITLE: (
        "tittel", "stilling", "stillingstittel", "titel", "befattning", "roll", "stilling/rolle",
        "nimike", "tehtavanimike", "titill", "starfsheiti", "title", "job title", "position",
        "role",
    ),
    Target.PHONE: (
        "telefon", "mobil", "telefonnummer", "mobilnummer", "mobiltelefon", "puhelin",
        "puhelinnumero", "simi", "simanumer", "farsimi", "phone", "phone number", "mobile",
    ),
    Target.DELEGATION: ("delegasjon", "delegation", "valtuuskunta", "sendinefnd"),
    Target.SUBMITTED_AT: (
        "tidsmerke", "tidsstempel", "tidsstampel", "tidsstämpel", "aikaleima", "timastimpill",
        "timestamp", "submitted", "submitted at", "submission time", "innsendt", "levert",
        "innsendingstidspunkt", "inskickad", "indsendt", "lahetetty", "sent inn",
        "completion time", "fullforingstidspunkt", "tid for slutforande", "order date",
    ),
}  # fmt: skip

# Words a form's own question contains, folded, for the guesses after the exact headers.
_CONTAINS: dict[Target, tuple[str, ...]] = {
    Target.EMAIL: ("e-post", "epost", "e-mail", "email", "sahkoposti", "netfang"),
    Target.DIETARY: (
        "allergi", "kosthold", "diet", "matpreferans", " mat ", "matbehov",
        "specialkost", "ruokavalio", "erityisruoka", "ruoka-aineallergi", "matarofnaemi",
        "mataraedi", "serfaedi", "food", "dietary", "vegetar", "vegan", "gluten",
    ),
    Target.ACCESSIBILITY: (
        "tilrettelegg", "tilgjengelig", "universell utforming", "rullestol", "funksjonsneds",
        "tillganglighet", "anpassning", "tilgaengelighed", "saavutettav", "esteettom",
        "erityisjarjestely", "adgengi", "accessib", "wheelchair", "assistance", "special needs",
        "tolk", "hjelpemiddel", "hjalpmedel",
    ),
    Target.WORKSHOPS: (
        "verksted", "workshop", "parallell", "sesjon", "seminar", " spor ", "track", "session",
        "tyopaja", "malstofa", "vinnustofa", "arbeidsgruppe", "gruppearbeid",
    ),
    Target.PARTICIPANT_LIST: (
        "deltakarliste", "deltakerliste", "deltagarlista", "deltagerliste", "osallistujalista",
        "thatttakendalist", "participant list", "list of participants",
    ),
    Target.PHOTO: ("foto", " bilde", " bilete", " bild ", " bilder", "valokuva", " kuva",
                   "ljosmynd", "photo"),
    Target.FOLLOW_UP: ("oppfolging", "uppfoljning", "opfolgning", "seuranta", "follow-up",
                       "follow up", "eftirfylgni"),
    Target.NOTES: ("kommentar", "merknad", "merknader", "ovrig", "ovrigt", "andet", "annet",
                   "kommentaar", "huomautu", "lisatiedot", "athugasemd", "comment", "notes",
                   "anything else"),
    Target.ORGANISATION: ("organisasjon", "organisation", "organisaatio", "virksomhet",
                          "arbeidsgiver", "stofnun"),
    Target.PHONE: ("telefon", "mobil", "puhelin", "simi", "phone"),
}  # fmt: skip

_EXACT_FOLDED = {folded(alias): target for target, aliases in _EXACT.items() for alias in aliases}


def header_key(header: str) -> str:
    """A header as it is compared: folded, spaces single, a trailing ':' or '*' gone, and
    the column number a repeated header was given ("Navn (#7)") too."""
    return " ".join(folded(_NUMBERED.sub("", header)).split()).rstrip(":*? ").strip()


def guess_target(header: str) -> Target | None:
    """The field a form's own question fills, when its header says so; None otherwise.

    >>> guess_target("E-postadresse"), guess_target("Har du matallergier?")
    (<Target.EMAIL: 'email'>, <Target.DIETARY: 'dietary'>)
    """
    key = header_key(header)
    if key in _EXACT_FOLDED:
        return _EXACT_FOLDED[key]
    padded = f" {key} "
    for target, words in _CONTAINS.items():
        if any(word in padded for word in words):
            return target
    return None
