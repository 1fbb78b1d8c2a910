"""Importing form exports: reading, mapping and the dry run, without a workspace."""

from __future__ import annotations

import codecs
from datetime import datetime

import pytest

from planner.errors import InvalidInput, NotFound
from planner.registrations.intake.fields import Target
from planner.registrations.intake.mapping import UnknownColumns, map_columns
from planner.registrations.intake.plan import Decision, Verdict
from planner.registrations.intake.reading import detect_delimiter, read_bytes, read_table
from tests import intake_files as files
from tests.intake_files import OSLO, held_from, plan_of


def _people(plan):
    return {
        row.registration.person.name: row.registration
        for row in plan.rows
        if row.verdict == Verdict.NEW
    }


# -- each tool's export ------------------------------------------------------------------------


def test_a_nettskjema_export_in_utf8_with_a_bom_keeps_icelandic_letters_and_a_two_line_comment():
    table = read_bytes(files.nettskjema(), "nettskjema.csv")
    assert (table.encoding, table.delimiter, table.headers[0]) == (
        "utf-8-sig",
        ",",
        "$submission_id",
    )
    plan = plan_of(table)
    assert plan.mapping.preset == "nettskjema"
    people = _people(plan)
    gudrun = people["Guðrún Þórsdóttir"]
    assert gudrun.person.organisation == "Samband íslenskra sveitarfélaga"
    assert gudrun.answers.dietary == "Glútenlaust"
    assert gudrun.notes == "Kommentar: Kem með lest,\nkl. 08.12"
    assert gudrun.submitted_at == datetime(2026, 2, 3, 9, 15, 2, tzinfo=OSLO)
    assert people["Åse Kåsa Ødegård"].answers.dietary is None  # "nei" is no need


def test_a_microsoft_forms_workbook_takes_the_forms_own_name_and_email_over_anonymous():
    plan = plan_of(files.microsoft_forms(), source="forms.xlsx")
    assert plan.mapping.preset == "microsoft-forms"
    people = _people(plan)
    assert set(people) == {"Päivi Mäkelä", "Jyrki Hämäläinen"}
    paivi = people["Päivi Mäkelä"]
    assert paivi.person.email == "paivi.makela@kuntaliitto.fi"
    assert paivi.answers.accessibility == "Pyörätuoli"
    assert paivi.submitted_at == datetime(2026, 2, 4, 8, 3, 12, tzinfo=OSLO)
    assert "ID" not in paivi.answers.other and "Starttidspunkt" not in paivi.answers.other


def test_a_swedish_google_forms_export_saved_as_unicode_text_reads_as_utf16_with_tabs():
    table = read_bytes(files.google_forms_swedish(), "svar.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    plan = plan_of(table)
    assert plan.mapping.preset == "google-forms"
    people = _people(plan)
    assert people["Åsa Öberg"].answers.dietary == "Vegetarisk"
    assert people["Björn Ångström"].person.organisation == "SKR"


def test_a_norwegian_google_forms_export_saved_by_excel_reads_as_cp1252_with_semicolons():
    table = read_bytes(files.google_forms_norwegian(), "svar.csv")
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    people = _people(plan_of(table))
    assert people["Øystein Løvås"].submitted_at == datetime(2026, 2, 5, 14, 3, 22, tzinfo=OSLO)
    assert people["Bjørn Dæhlie"].person.email == "bjorn@ks.no"


def test_an_eventbrite_export_joins_first_and_last_names_and_keeps_the_ticket_type():
    plan = plan_of(files.eventbrite())
    assert plan.mapping.preset == "eventbrite"
    soren = _people(plan)["Søren Ærbø"]
    assert str(soren.person.title) == "Chefkonsulent"
    assert soren.answers.other == {"Ticket Type": "Deltager"}


def test_a_pretix_export_combines_the_order_date_and_time():
    plan = plan_of(files.pretix())
    assert plan.mapping.preset == "pretix"
    jon = _people(plan)["Jón Guðmundsson"]
    assert jon.submitted_at == datetime(2026, 2, 7, 9, 30, tzinfo=OSLO)
    assert jon.person.organisation == "Reykjavíkurborg"


def test_a_named_preset_is_used_even_when_another_knows_more_columns():
    mapping = map_columns(["Timestamp", "Name", "Email"], preset="Microsoft-Forms")
    assert mapping.preset == "microsoft-forms"


def test_an_unknown_preset_is_refused_with_the_known_ones():
    with pytest.raises(Exception, match="google-forms") as error:
        map_columns(["Navn"], preset="typeform")
    assert error.value.exit_code == 3


# -- what no preset knows ---------------------------------------------------------------------


def test_columns_without_name_or_email_are_refused_with_the_columns_found_and_the_closest_preset():
    data = files.csv_text(
        [["Order code", "Order date", "Deltakar", "Adresse"], ["A", "B", "C", "D"]]
    )
    with pytest.raises(UnknownColumns) as error:
        plan_of(data.encode())
    message = str(error.value)
    assert "Order code | Order date | Deltakar | Adresse" in message
    assert error.value.closest.name == "pretix"
    assert error.value.missing == [Target.EMAIL]


def test_a_column_set_by_hand_takes_the_field_from_the_column_that_had_it():
    mapping = map_columns(["Navn", "E-post", "Jobb-e-post"])
    assert [c.target for c in mapping.columns] == [Target.NAME, Target.EMAIL, Target.ANSWER]
    changed = mapping.with_target(2, Target.EMAIL)
    assert [c.target for c in changed.columns] == [Target.NAME, Target.ANSWER, Target.EMAIL]


def test_a_saved_mapping_wins_over_the_guesses():
    mapping = map_columns(["Navn", "E-post", "Hvem er du?"], saved={"Hvem er du?": "title"})
    assert mapping.columns[2].target == Target.TITLE
    assert mapping.columns[2].origin == "saved"


# -- reading ------------------------------------------------------------------------------------


def test_the_delimiter_is_found_past_quoted_fields_holding_the_others():
    text = 'Navn;"Organisasjon, avdeling";E-post\nKari;"KS, Oslo";k@ks.no\n"A\nB";"x;y";z@x.no\n'
    assert detect_delimiter(text) == ";"


def test_empty_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    data = b"Navn,E-post\n\n,\nKari,kari@ks.no\n"
    table = read_bytes(data, "a.csv")
    assert table.empty_rows == 2
    assert [(row.number, row.cells) for row in table.rows] == [(4, ("Kari", "kari@ks.no"))]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "no header row"),
        (b"\n\n  \n\t\n", "no header row"),
        (b"\xd0\xcf\x11\xe0rest", "old Excel file"),
        (b"PK\x03\x04broken", "Excel workbook"),
        (b"Navn;E-post\nKari\x81;k@ks.no\n", r"x.csv:2: byte 0x81 at position 5 of the line"),
    ],
)
def test_a_file_that_is_not_a_table_is_one_message(data, expected):
    with pytest.raises(InvalidInput, match=expected):
        read_bytes(data, "x.csv")


def test_a_file_named_as_a_workbook_that_is_not_one_says_so():
    with pytest.raises(InvalidInput, match=r"svar.xlsx: the name says Excel workbook"):
        read_bytes(b"Navn;E-post\nKari;k@ks.no\n", "svar.xlsx")


def test_a_cell_too_long_names_its_row():
    data = b"Navn,E-post\nKari,k@ks.no\n" + b'"' + b"x" * 200_000 + b'",y\n'
    with pytest.raises(InvalidInput, match=r"x.csv:3: .*longer than 131,072"):
        read_bytes(data, "x.csv")


def test_a_missing_file_is_not_found(tmp_path):
    with pytest.raises(NotFound):
        read_table(tmp_path / "nowhere.csv")


def test_utf16_without_a_bom_is_recognised():
    data = "Navn\tE-post\nÅse\tase@x.no\n".encode("utf-16-le")
    assert not data.startswith(codecs.BOM_UTF16_LE)
    assert read_bytes(data, "x.txt").rows[0].cells == ("Åse", "ase@x.no")


# -- the dry run ---------------------------------------------------------------------------------


def _rows(*rows: list[str], header=("Tidsmerke", "E-postadresse", "Navn", "Organisasjon",
                                     "Matallergier")) -> bytes:  # fmt: skip
    return files.csv_text([list(header), *map(list, rows)]).encode()


def test_the_same_address_twice_keeps_the_latest_answers_and_the_earliest_time():
    data = _rows(
        ["01.02.2026 10:00:00", "Kari@KS.no", "Kari Nordmann", "KS", "Vegetar"],
        ["02.02.2026 10:00:00", " kari@ks.no ", "Kari Nordmann", "KS", "Vegansk"],
    )
    plan = plan_of(data)
    assert plan.counts["new"] == 1 and plan.counts["duplicate"] == 1
    duplicate, new = plan.rows
    assert (duplicate.row, duplicate.same_as_row) == (2, 3)
    assert new.registration.answers.dietary == "Vegansk"
    assert new.registration.submitted_at == datetime(2026, 2, 1, 10, tzinfo=OSLO)


def test_addresses_equal_after_nfc_and_case_folding_are_the_same_person():
    composed, decomposed = "åse@x.no", "a\u030ase@x.no".upper()
    data = _rows(
        ["01.02.2026 10:00:00", composed, "Åse", "X", ""],
        ["02.02.2026 10:00:00", decomposed, "Åse", "X", ""],
    )
    assert plan_of(data).counts["duplicate"] == 1


def test_importing_the_same_file_again_changes_nothing():
    first = plan_of(files.google_forms_norwegian())
    again = plan_of(files.google_forms_norwegian(), held_from(first))
    assert again.counts["unchanged"] == 2
    assert not again.changes_anything


def test_a_changed_answer_updates_the_registration_and_keeps_its_place_in_the_queue():
    first = plan_of(_rows(["01.02.2026 10:00:00", "kari@ks.no", "Kari Nordmann", "KS", ""]))
    held = held_from(first)
    later = plan_of(
        _rows(["03.02.2026 10:00:00", "kari@ks.no", "Kari Nordmann", "KS", "Glutenfri"]), held
    )
    [row] = later.rows
    assert row.verdict == Verdict.UPDATED and row.changed == ["answers"]
    assert row.held.key == held[0].key
    assert row.registration.answers.dietary == "Glutenfri"
    assert row.registration.submitted_at == datetime(2026, 2, 1, 10, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        (["01.02.2026 10:00", "kari@", "Kari", "KS", ""], "E-postadresse", "not a valid email"),
        (["01.02.2026 10:00", "", "Kari", "KS", ""], "E-postadresse", "no e-mail"),
        (["i går", "kari@ks.no", "Kari", "KS", ""], "Tidsmerke", "cannot be read as a time"),
        (["29.03.2026 02:30", "kari@ks.no", "Kari", "KS", ""], "Tidsmerke", "clocks go forward"),
        (["01.02.2026 10:00", "kari@ks.no", " ", "KS", ""], "Navn", "no name"),
    ],
)
def test_a_rejected_row_says_its_row_and_column(cells, column, reason):
    plan = plan_of(_rows(["01.02.2026 09:00", "ok@ks.no", "Ok", "KS", ""], cells))
    rejected = plan.of(Verdict.REJECTED)
    assert [(r.row, r.column) for r in rejected] == [(3, column)]
    assert reason in str(rejected[0].reason)
    assert plan.counts["new"] == 1


def test_a_row_with_more_cells_than_headers_is_rejected():
    data = b"Navn,E-post\nKari,kari@ks.no,extra\nOla,ola@ks.no\n"
    plan = plan_of(data)
    assert [(r.row, r.verdict) for r in plan.rows] == [(2, "rejected"), (3, "new")]
    assert "1 cell more" in str(plan.rows[0].reason)


def test_workshop_choices_name_the_meetings_items_by_title_or_key():
    header = ("Navn", "E-post", "Velg parallellsesjon")
    tracks = {"spor a: arbeid": "spor-a", "spor-a": "spor-a", "spor-b": "spor-b"}
    data = _rows(["Kari", "kari@ks.no", "Spor A: Arbeid"], ["Ola", "ola@ks.no", "Spor C"],
                 header=header)  # fmt: skip
    plan = plan_of(data, tracks=tracks)
    assert plan.rows[0].registration.answers.workshops == ["spor-a"]
    assert plan.rows[1].verdict == Verdict.REJECTED
    assert plan.rows[1].column == "Velg parallellsesjon"
    assert "spor-a, spor-b" in str(plan.rows[1].reason)


# -- likely duplicates ----------------------------------------------------------------------------


def _two_oysteins() -> bytes:
    return _rows(
        ["01.02.2026 10:00", "oystein@fjordvik.no", "Øystein Løvås", "Fjordvik kommune", ""],
        ["02.02.2026 10:00", "o.lovas@gmail.com", "Oystein Lovas", "Fjordvik Kommune", ""],
        ["02.02.2026 11:00", "o.lovas@ks.no", "Oystein Lovas", "KS", ""],
    )  # fmt: skip


def test_similar_names_in_the_same_organisation_are_flagged_and_not_merged():
    plan = plan_of(_two_oysteins())
    assert [(likely.row, likely.other_row) for likely in plan.likely] == [(3, 2)]
    assert plan.counts["new"] == 3
    assert [likely.row for likely in plan.undecided] == [3]


def test_a_likely_duplicate_of_a_registered_person_names_their_key():
    first = plan_of(_rows(["01.02.2026 10:00", "kari@ks.no", "Kari Nordmann", "KS", ""]))
    plan = plan_of(_rows(["05.02.2026 10:00", "kari@gmail.com", "Kari Nordman", "KS", ""]),
                   held_from(first))  # fmt: skip
    [likely] = plan.likely
    assert likely.held.key == "k2" and likely.other_name == "Kari Nordmann"


@pytest.mark.parametrize(
    ("decision", "verdicts"),
    [
        (Decision.SEPARATE, ["new", "new", "new"]),
        (Decision.SKIP, ["new", "skipped", "new"]),
        (Decision.SAME, ["duplicate", "new", "new"]),
    ],
)
def test_each_decision_on_a_likely_duplicate_is_followed(decision, verdicts):
    plan = plan_of(_two_oysteins(), decisions={3: decision})
    assert [row.verdict for row in plan.rows] == verdicts
    assert plan.undecided == []


def test_deciding_same_person_as_a_registered_one_updates_them():
    first = plan_of(_rows(["01.02.2026 10:00", "kari@ks.no", "Kari Nordmann", "KS", ""]))
    data = _rows(["05.02.2026 10:00", "kari@gmail.com", "Kari Nordman", "KS", "Vegetar"])
    plan = plan_of(data, held_from(first), decisions={2: Decision.SAME})
    [row] = plan.rows
    assert row.verdict == Verdict.UPDATED and row.held.key == "k2"
    assert row.registration.person.email == "kari@gmail.com"


def test_the_plan_as_json_lists_reasons_with_row_and_column():
    plan = plan_of(_rows(["x", "kari@ks.no", "Kari", "KS", ""]))
    report = plan.as_json()
    assert report["counts"]["rejected"] == 1
    assert report["rows"][0] | {"reason": ""} == {
        "row": 2, "verdict": "rejected", "column": "Tidsmerke", "reason": "",
        "reason_code": "intake_row.bad_time",
    }  # fmt: skip


async def test_the_path_field_completes_file_and_folder_names(tmp_path):
    from planner.tui.screens.import_wizard import PathSuggester

    (tmp_path / "svar-2026.csv").write_text("x")
    (tmp_path / "svar-mappe").mkdir()
    (tmp_path / ".skjult").write_text("x")
    suggest = PathSuggester().get_suggestion
    assert await suggest(f"{tmp_path}/svar-2") == f"{tmp_path}/svar-2026.csv"
    assert await suggest(f"{tmp_path}/svar-m") == f"{tmp_path}/svar-mappe/"
    assert await suggest(f"{tmp_path}/.sk") is None
    assert await suggest(f"{tmp_path}/nothing") is None
    assert await suggest("/no/such/folder/x") is None
