"""`planner registrations import/export` and `planner mappings` as a secretariat runs them."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from planner.model import MeetingFile
from planner.store import Workspace
from tests import intake_files as files
from tests.factories import conference_data
from tests.integration.command_line import planner, succeeded

SLUG = "nordisk-integrasjon-2018"


def _meeting(workspace) -> None:
    with Workspace.open(workspace, "ada") as opened:
        opened.import_meetings([MeetingFile.model_validate(conference_data())])


def test_a_dry_run_writes_nothing_and_reports_every_rejected_row(runner, workspace, tmp_path):
    _meeting(workspace)
    export = tmp_path / "svar.csv"
    export.write_bytes(files.google_forms_norwegian() + b"x;kari@;Kari;KS;\r\n")
    result = planner(runner, workspace, "registrations", "import", SLUG, str(export), "--dry-run")
    out = succeeded(result)
    assert "svar.csv: CSV Windows-1252 semicolon, 3 rows (0 empty); Google Forms" in out
    assert "2 new (2 pending), 0 updated, 0 unchanged, 0 duplicate, 0 skipped, 1 rejected" in out
    assert "row 4, column Tidsmerke: rejected: x cannot be read as a time" in out
    assert "Dry run: nothing was written." in out
    report = json.loads(succeeded(planner(runner, workspace, "registrations", "import", SLUG,
                                          str(export), "--dry-run", "--json")))  # fmt: skip
    assert report["counts"]["rejected"] == 1 and report["dry_run"] is True
    with Workspace.open(workspace, "ada") as opened:
        assert opened.list_registrations(SLUG) == []


def test_an_import_with_likely_duplicates_needs_a_decision(runner, workspace, tmp_path):
    _meeting(workspace)
    export = tmp_path / "svar.csv"
    export.write_text("Navn,E-post,Organisasjon\nØystein Løvås,o@f.no,Fjordvik\n"
                      "Oystein Lovas,o@gmail.com,Fjordvik\n")  # fmt: skip
    refused = planner(runner, workspace, "registrations", "import", SLUG, str(export))
    assert refused.exit_code == 3
    assert "1 likely duplicate waits for a decision (row 3); nothing was imported" in refused.output
    done = planner(runner, workspace, "registrations", "import", SLUG, str(export),
                   "--likely", "separate", "--save-mapping", "fjordvik")  # fmt: skip
    assert "Imported into nordisk-integrasjon-2018: 2 new, 0 updated." in succeeded(done)
    assert "fjordvik  (3; Test Sekretær" in succeeded(
        planner(runner, workspace, "mappings", "list")
    )


def test_an_unknown_file_layout_names_its_columns_and_the_closest_preset(
    runner, workspace, tmp_path
):
    _meeting(workspace)
    export = tmp_path / "ordre.csv"
    export.write_text("Order code,Order date,Product\nA1,2026-01-01,Billett\n")
    result = planner(runner, workspace, "registrations", "import", SLUG, str(export))
    assert result.exit_code == 3
    assert "Columns in the file: Order code | Order date | Product" in result.output
    assert "Closest preset: pretix" in result.output


def test_the_door_list_exports_as_csv_and_xlsx_that_reopen_safely(runner, workspace, tmp_path):
    _meeting(workspace)
    export = tmp_path / "svar.csv"
    export.write_text('Navn,E-post,Organisasjon\nKari Aas,a@x.no,"=HYPERLINK(""x"")"\n')
    succeeded(planner(runner, workspace, "registrations", "import", SLUG, str(export),
                      "--status", "confirmed"))  # fmt: skip
    door = tmp_path / "door.csv"
    succeeded(planner(runner, workspace, "registrations", "export", SLUG, "--list", "door",
                      "--delimiter", "comma", "-o", str(door)))  # fmt: skip
    rows = list(csv.reader(io.StringIO(door.read_bytes().decode("utf-8-sig"))))
    assert rows == [["Navn", "Organisasjon", "Ankommet"], ["Aas, Kari", '\'=HYPERLINK("x")', ""]]
    book = tmp_path / "door.xlsx"
    succeeded(planner(runner, workspace, "registrations", "export", SLUG, "--list", "door",
                      "--format", "xlsx", "-o", str(book)))  # fmt: skip
    cells = [c for row in load_workbook(book).worksheets[0].iter_rows() for c in row]
    assert [(c.value, c.data_type) for c in cells[3:5]] == [
        ("Aas, Kari", "s"),
        ('=HYPERLINK("x")', "s"),
    ]


def test_hostile_cells_are_kept_as_plain_text_and_printed_harmlessly(runner, workspace, tmp_path):
    _meeting(workspace)
    export = tmp_path / "svar.csv"
    export.write_text(
        "Navn,E-post,Organisasjon,Kommentar\n"
        '"{{ config }} Aas\u202e",kari@ks.no,"<script>alert(1)</script>","=cmd|\' /C calc\'!A0"\n'
        '"Ola\x1b[2J Berg\r\nNy linje",ola@ks.no,{% raw %},x\n'
    )
    out = succeeded(planner(runner, workspace, "registrations", "import", SLUG, str(export)))
    assert "\x1b" not in out and "\u202e" not in out
    with Workspace.open(workspace, "ada") as opened:
        people = {
            s.registration.person.email: s.registration for s in opened.list_registrations(SLUG)
        }
    assert people["kari@ks.no"].person.name == "{{ config }} Aas"
    assert people["kari@ks.no"].person.organisation == "<script>alert(1)</script>"
    assert people["ola@ks.no"].person.name == "Ola Berg Ny linje"
    assert people["kari@ks.no"].notes == "Kommentar: =cmd|' /C calc'!A0"
