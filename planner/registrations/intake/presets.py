"""What the form tools secretariats use put in their exports' own columns.

Each preset names the columns its tool adds around the form's questions (submission times,
ids, order numbers), as the tool writes them in the languages it exports in: Google Forms
writes "Tidsmerke" for a Norwegian account and "Tidsstämpel" for a Swedish one. The form's
own questions are recognised by `fields.guess_target`; what neither knows is kept as an
answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from planner.registrations.intake.fields import Target, header_key

T = Target


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    columns: dict[str, Target]
    """The tool's own headers (as exported, any language) and where each goes."""
    generic: frozenset[str] = frozenset()
    """Those of `columns` any form may have ("Email", "Name"): they say nothing of the tool."""

    @cached_property
    def keys(self) -> dict[str, Target]:
        return {header_key(header): target for header, target in self.columns.items()}

    def target(self, header: str) -> Target | None:
        return self.keys.get(header_key(header))

    @cached_property
    def signature(self) -> frozenset[str]:
        generic = {header_key(header) for header in self.generic}
        return frozenset(self.keys) - generic

    def hits(self, headers: Iterable[str]) -> int:
        """How many of `headers` only this tool writes."""
        return sum(header_key(header) in self.signature for header in headers)


NETTSKJEMA = Preset(
    "nettskjema",
    "Nettskjema",
    {
        "$submission_id": T.IGNORE, "$created": T.SUBMITTED_AT, "$answer_time_ms": T.IGNORE,
        "$gender": T.IGNORE, "$ssn": T.IGNORE, "$language": T.IGNORE,
        "Svar-ID": T.IGNORE, "Innsendings-ID": T.IGNORE, "Innsendt": T.SUBMITTED_AT,
        "Innsendingstidspunkt": T.SUBMITTED_AT, "Svartid (ms)": T.IGNORE,
        "Submission ID": T.IGNORE, "Submitted": T.SUBMITTED_AT,
    },
    frozenset({"Submission ID", "Submitted"}),
)  # fmt: skip

MICROSOFT_FORMS = Preset(
    "microsoft-forms",
    "Microsoft Forms",
    {
        "ID": T.IGNORE,
        "Start time": T.IGNORE, "Starttidspunkt": T.IGNORE, "Starttid": T.IGNORE,
        "Aloitusaika": T.IGNORE, "Upphafstími": T.IGNORE, "Starttidspunkt (UTC)": T.IGNORE,
        "Completion time": T.SUBMITTED_AT, "Fullføringstidspunkt": T.SUBMITTED_AT,
        "Fullføringstid": T.SUBMITTED_AT, "Tid för slutförande": T.SUBMITTED_AT,
        "Slutförandetid": T.SUBMITTED_AT, "Fuldførelsestidspunkt": T.SUBMITTED_AT,
        "Gennemførelsestidspunkt": T.SUBMITTED_AT, "Valmistumisaika": T.SUBMITTED_AT,
        "Lokið": T.SUBMITTED_AT, "Tími lokið": T.SUBMITTED_AT,
        "Last modified time": T.IGNORE, "Sist endret": T.IGNORE, "Sist ändrad": T.IGNORE,
        "Senest ændret": T.IGNORE, "Viimeksi muokattu": T.IGNORE, "Síðast breytt": T.IGNORE,
        "Total points": T.IGNORE, "Quiz feedback": T.IGNORE,
        # the respondent as signed in ("anonymous" for a public form): the form's own
        # questions for name and e-mail come first (see mapping._one_each)
        "Email": T.EMAIL, "E-post": T.EMAIL, "E-postadress": T.EMAIL, "Mail": T.EMAIL,
        "Sähköposti": T.EMAIL, "Netfang": T.EMAIL,
        "Name": T.NAME, "Navn": T.NAME, "Namn": T.NAME, "Nimi": T.NAME, "Nafn": T.NAME,
    },
    frozenset({"ID", "Email", "E-post", "E-postadress", "Mail", "Sähköposti", "Netfang", "Name",
               "Navn", "Namn", "Nimi", "Nafn"}),
)  # fmt: skip

GOOGLE_FORMS = Preset(
    "google-forms",
    "Google Forms",
    {
        "Timestamp": T.SUBMITTED_AT, "Tidsmerke": T.SUBMITTED_AT, "Tidsstämpel": T.SUBMITTED_AT,
        "Tidsstempel": T.SUBMITTED_AT, "Aikaleima": T.SUBMITTED_AT,
        "Tímastimpill": T.SUBMITTED_AT,
        "Email Address": T.EMAIL, "E-postadresse": T.EMAIL, "E-postadress": T.EMAIL,
        "Mailadresse": T.EMAIL, "E-mailadresse": T.EMAIL, "Sähköpostiosoite": T.EMAIL,
        "Netfang": T.EMAIL,
        "Score": T.IGNORE, "Poengsum": T.IGNORE, "Poäng": T.IGNORE, "Point": T.IGNORE,
        "Pisteet": T.IGNORE, "Stig": T.IGNORE,
    },
    frozenset({"Score", "Point", "Stig"}),
)  # fmt: skip

EVENTBRITE = Preset(
    "eventbrite",
    "Eventbrite",
    {
        "Order #": T.IGNORE, "Order ID": T.IGNORE, "Order Date": T.SUBMITTED_AT,
        "First Name": T.GIVEN_NAME, "Last Name": T.FAMILY_NAME, "Email": T.EMAIL,
        "Quantity": T.IGNORE, "Price Tier": T.IGNORE, "Ticket Type": T.ANSWER,
        "Attendee #": T.IGNORE, "Barcode #": T.IGNORE, "Group": T.IGNORE,
        "Buyer First Name": T.IGNORE, "Buyer Last Name": T.IGNORE, "Buyer Email": T.IGNORE,
        "Date Attending": T.IGNORE, "Device Name": T.IGNORE, "Check-In Date": T.IGNORE,
        "Discount": T.IGNORE, "Hold": T.IGNORE, "Order Type": T.IGNORE,
        "Total Paid": T.IGNORE, "Fees Paid": T.IGNORE, "Eventbrite Fees": T.IGNORE,
        "Eventbrite Payment Processing": T.IGNORE, "Attendee Status": T.IGNORE,
        "Currency": T.IGNORE, "Company": T.ORGANISATION, "Job Title": T.TITLE,
        "Cell Phone": T.PHONE, "Work Phone": T.IGNORE, "Home Phone": T.IGNORE,
    },
    frozenset({"Email", "Company", "Job Title", "Quantity", "Currency", "Discount", "Group",
               "Hold", "First Name", "Last Name"}),
)  # fmt: skip

PRETIX = Preset(
    "pretix",
    "pretix",
    {
        "Order code": T.IGNORE, "Order total": T.IGNORE, "Status": T.IGNORE,
        "Order date": T.SUBMITTED_AT, "Order time": T.SUBMITTED_TIME, "E-mail": T.EMAIL,
        "Email": T.EMAIL, "Attendee email": T.EMAIL, "Phone number": T.PHONE,
        "Company": T.ORGANISATION, "Attendee name": T.NAME, "Name": T.NAME,
        "Attendee name: Given name": T.GIVEN_NAME, "Attendee name: Family name": T.FAMILY_NAME,
        "Name: Given name": T.GIVEN_NAME, "Name: Family name": T.FAMILY_NAME,
        "Attendee name: Title": T.IGNORE, "Product": T.ANSWER, "Variation": T.ANSWER,
        "Price": T.IGNORE, "Position ID": T.IGNORE, "Secret": T.IGNORE,
        "Checked in": T.IGNORE, "Checked out": T.IGNORE, "Automatically checked in": T.IGNORE,
        "Voucher code": T.IGNORE, "Requires special attention": T.IGNORE,
        "Comment": T.NOTES, "Invoice address name": T.IGNORE, "Payment date": T.IGNORE,
        "Payment type": T.IGNORE, "Fees": T.IGNORE, "Pseudonymization ID": T.IGNORE,
        "Sales channel": T.IGNORE, "Order locale": T.IGNORE,
    },
    frozenset({"Email", "E-mail", "Name", "Company", "Status", "Comment", "Price", "Product",
               "Phone number"}),
)  # fmt: skip

PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (NETTSKJEMA, MICROSOFT_FORMS, GOOGLE_FORMS, EVENTBRITE, PRETIX)
}


def closest_preset(headers: Iterable[str]) -> tuple[Preset | None, int]:
    """The preset with the most of `headers` among its tool's own, and how many; (None, 0)
    when no preset knows any of them."""
    headers = list(headers)
    best, best_hits = None, 0
    for preset in PRESETS.values():
        hits = preset.hits(headers)
        if hits > best_hits:
            best, best_hits = preset, hits
    return best, best_hits


def similar_preset(headers: Iterable[str]) -> Preset | None:
    """The preset whose own headers look most like `headers` (typing mistakes, another
    language's spelling), for a message when no preset knows them exactly."""
    from rapidfuzz import fuzz, process

    headers = [header_key(header) for header in headers]
    best, best_score = None, 0.0
    for preset in PRESETS.values():
        score = 0.0
        for header in headers:
            found = process.extractOne(header, list(preset.keys), scorer=fuzz.ratio)
            if found and found[1] >= 75:
                score += found[1]
        if score > best_score:
            best, best_score = preset, score
    return best
