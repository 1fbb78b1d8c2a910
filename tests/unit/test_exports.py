"""Lists out of Planner: safe in Excel, in the meeting's language and order."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from planner.model import Meeting, Registration
from planner.registrations.exports.catering import catering, needs_of
from planner.registrations.exports.lists import (
    Listed,
    access_list,
    all_registrations,
    door_list,
    listed_name,
    participant_list,
    surname_first,
)
from planner.registrations.exports.sheets import Sheet, neutralised, to_csv, to_xlsx
from planner.search import folded
from tests.factories import conference_data
from tests.intake_files import OSLO

HOSTILE = [
    '=HYPERLINK("http://evil.example","klikk")',
    "+47 22 00 00 00",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    "#N/A",
    'Kåre; "Bråten"\nlinje 2',
]


def _csv_cells(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_cells_that_excel_would_run_start_with_an_apostrophe(delimiter):
    data = to_csv(Sheet("x", ["=Navn"], [[value] for value in HOSTILE]), delimiter)
    header, *rows = _csv_cells(data, delimiter)
    assert header == ["'=Navn"]
    for (written,), value in zip(rows, HOSTILE, strict=True):
        if value[0] in "=+-@\t\r":
            assert written == "'" + value
        else:
            assert written == value


def test_xlsx_writes_every_text_as_text_never_a_formula():
    data = to_xlsx([Sheet("Dørliste: [alle]", ["=Navn", "Antall"], [[v, 3] for v in HOSTILE])])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "Dørliste alle"
    rows = list(sheet.iter_rows())
    assert (rows[0][0].value, rows[0][0].data_type) == ("=Navn", "s")
    for row, value in zip(rows[1:], HOSTILE, strict=True):
        assert row[0].data_type == "s"
        assert row[0].value == value  # openpyxl writes through lxml, which keeps a lone CR
        assert (row[1].value, row[1].data_type) == (3, "n")


def test_neutralised_leaves_ordinary_text_alone():
    assert neutralised("Øystein Løvås") == "Øystein Løvås"
    assert neutralised(None) == ""


# -- the lists -----------------------------------------------------------------------------


def _registration(name, organisation="KS", status="confirmed", **answers) -> Registration:
    email = folded(name).replace(" ", ".") + "@example.no"
    return Registration.model_validate(
        {
            "person": {"name": name, "organisation": organisation, "email": email},
            "status": status,
            "submitted_at": datetime(2026, 2, 1, 10, tzinfo=OSLO),
            "answers": answers,
        }
    )


def _entries(*registrations):
    return [Listed(f"k{i}", r) for i, r in enumerate(registrations)]


def _meeting(**changes) -> Meeting:
    return Meeting.model_validate(conference_data(**changes))


def _nordic(text: str) -> tuple:
    """Norwegian order for the tests: Æ Ø Å after Z (the app uses the meeting's collation)."""
    return tuple("abcdefghijklmnopqrstuvwxyzæøå".find(ch) if ch in "æøå" else ord(ch) - 1000
                 for ch in text.casefold())  # fmt: skip


def test_surnames_are_found_with_their_particles_and_commas():
    assert surname_first("Øystein Løvås") == ("Løvås", "Øystein")
    assert surname_first("Løvås, Øystein") == ("Løvås", "Øystein")
    assert surname_first("Ursula von der Leyen") == ("von der Leyen", "Ursula")
    assert surname_first("Cher") == ("Cher", "")
    assert listed_name("Jón Guðmundsson", "is") == "Jón Guðmundsson"


def test_the_door_list_is_by_surname_with_organisation_and_only_those_expected():
    entries = _entries(
        _registration("Åse Ødegård", "Fjordvik kommune"),
        _registration("Kari Aas"),
        _registration("Per Zahl", status="waitlisted"),
        _registration("Ola Zeiner"),
    )
    sheet = door_list(_meeting(language="nb"), entries, _nordic, OSLO)
    assert sheet.title == "Dørliste"
    assert sheet.headers == ["Navn", "Organisasjon", "Ankommet"]
    assert [row[:2] for row in sheet.rows] == [
        ["Aas, Kari", "KS"], ["Zeiner, Ola", "KS"], ["Ødegård, Åse", "Fjordvik kommune"],
    ]  # fmt: skip


def test_the_door_list_sorts_in_the_meetings_collation():
    from planner.collation import sort_key

    names = ["Åse Ås", "Ola Zahl", "Kari Ødegård", "Per Berg", "Eva Ærø"]
    entries = _entries(*(_registration(name) for name in names))
    sheet = door_list(_meeting(language="nb"), entries, sort_key("nb"), OSLO)
    assert [row[0] for row in sheet.rows] == [
        "Berg, Per", "Zahl, Ola", "Ærø, Eva", "Ødegård, Kari", "Ås, Åse",
    ]  # fmt: skip


def test_an_icelandic_door_list_goes_by_given_name():
    entries = _entries(_registration("Þóra Sigurðardóttir"), _registration("Anna Jónsdóttir"))
    sheet = door_list(_meeting(language="is"), entries, str, OSLO)
    assert [row[0] for row in sheet.rows] == ["Anna Jónsdóttir", "Þóra Sigurðardóttir"]


def test_the_participant_list_holds_only_those_who_agreed():
    entries = _entries(
        _registration("Kari Aas", consent={"participant_list": True}),
        _registration("Ola Berg"),
    )
    sheet = participant_list(_meeting(language="sv"), entries, str)
    assert sheet.headers == ["Namn", "Titel", "Organisation"]
    assert [row[0] for row in sheet.rows] == ["Aas, Kari"]


def test_the_accessibility_list_holds_those_who_asked_with_what_they_asked():
    entries = _entries(_registration("Kari Aas", accessibility="Rullestol"), _registration("Ola"))
    sheet = access_list(_meeting(language="nb"), entries, str)
    assert [(row[0], row[3]) for row in sheet.rows] == [("Aas, Kari", "Rullestol")]


def test_all_registrations_put_each_other_question_in_its_own_column():
    entries = _entries(
        _registration("Kari Aas", other={"Hvor reiser du fra?": "Bergen"}),
        _registration("Ola Berg", status="waitlisted", other={"Overnatting?": "Ja"}),
    )
    sheet = all_registrations(_meeting(language="nb"), entries, OSLO)
    assert sheet.headers[-2:] == ["Hvor reiser du fra?", "Overnatting?"]
    assert sheet.rows[1][sheet.headers.index("Status")] == "på venteliste"
    assert sheet.rows[1][-1] == "Ja" and sheet.rows[0][-1] == ""


# -- catering ------------------------------------------------------------------------------


def test_needs_written_in_many_ways_are_counted_as_one():
    assert needs_of("Vegetar, nøtteallergi") == ["vegetarian", "nuts"]
    assert needs_of("vegetarianer og glutenfri") == ["vegetarian", "gluten"]
    assert needs_of("Kasvisruoka; laktoositon") == ["vegetarian", "lactose"]
    assert needs_of("Ingen sennep, ingen SENNEP") == ["=Ingen sennep"]


def test_the_catering_roll_up_counts_needs_per_meal_for_those_who_eat_there():
    meeting = _meeting(
        language="nb",
        end="2026-03-11 16:00",
        agenda=[
            {"title": "Velkommen", "duration": 60},
            {"kind": "lunch", "duration": 45},
            {"day": 2, "start": "09:00", "title": "Dag to", "duration": 60},
            {"kind": "break", "title": "Kaffe", "duration": 15},
        ],
        events=[{"id": "middag", "kind": "dinner", "title": "Konferansemiddag",
                 "start": "2026-03-10 19:00"}],
    )  # fmt: skip
    entries = _entries(
        _registration("Kari Aas", dietary="Vegetar", workshops=["middag"]),
        _registration("Ola Berg", dietary="vegetarisk, glutenfri"),
        _registration("Per Dal", dietary="Nei"),
        _registration("Pia Ek", dietary="Vegansk", status="cancelled"),
        _registration("Siv Ås", dietary="Ingen rødløk"),
        _registration("Tor Li", dietary="ingen rodlok"),
    )
    rows = catering(meeting, entries).rows
    lunch = [row[3:] for row in rows if row[1] == "Lunsj"]
    assert lunch == [["Alle", 5], ["Ingen rødløk", 2], ["Vegetar", 2], ["Glutenfri", 1]]
    dinner = [row[3:] for row in rows if row[1] == "Konferansemiddag"]
    assert dinner == [["Alle", 1], ["Vegetar", 1]]
    assert [row[1] for row in rows if row[3] == "Alle"] == ["Lunsj", "Konferansemiddag", "Kaffe"]
    assert rows[0][2] == "10.00"
