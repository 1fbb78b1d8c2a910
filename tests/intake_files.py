"""Form exports as each tool writes them, with Nordic names: for the intake tests."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from planner.registrations.intake.mapping import check_mapping, map_columns
from planner.registrations.intake.plan import Held, ImportPlan, plan_import
from planner.registrations.intake.reading import Table, read_bytes
from planner.registrations.intake.registrants import reading_for

OSLO = ZoneInfo("Europe/Oslo")
RECEIVED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    import csv

    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def nettskjema() -> bytes:
    """UTF-8 with a BOM, commas, a comment over two lines; Icelandic and Norwegian names."""
    rows = [
        ["$submission_id", "$created", "Navn", "E-post", "Organisasjon", "Matallergier",
         "Kommentar"],
        ["2841", "2026-02-03 09:15:02", "Guðrún Þórsdóttir", "gudrun@samband.is",
         "Samband íslenskra sveitarfélaga", "Glútenlaust", "Kem með lest,\nkl. 08.12"],
        ["2842", "2026-02-03 10:01:44", "Åse Kåsa Ødegård", "ase.odegard@fjordvik.kommune.no",
         "Fjordvik kommune", "nei", ""],
    ]  # fmt: skip
    return ("\ufeff" + csv_text(rows)).encode("utf-8")


def microsoft_forms() -> bytes:
    """XLSX; a public form, so the tool's own Name and Email say 'anonymous' and the form
    asks for them itself; Finnish names."""
    return xlsx_bytes(
        [
            ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-post", "Navn",
             "Fullt navn", "E-postadresse", "Organisasjon", "Behov for tilrettelegging"],
            [1, datetime(2026, 2, 4, 8, 0), datetime(2026, 2, 4, 8, 3, 12), "anonymous",
             "anonymous", "Päivi Mäkelä", "paivi.makela@kuntaliitto.fi", "Kuntaliitto",
             "Pyörätuoli"],
            [2, datetime(2026, 2, 4, 9, 0), datetime(2026, 2, 4, 9, 1, 5), "anonymous",
             "anonymous", "Jyrki Hämäläinen", "jyrki@kuntaliitto.fi", "Kuntaliitto", None],
        ]
    )  # fmt: skip


def google_forms_swedish() -> bytes:
    """Excel's "Unicode text": UTF-16 with a BOM and tabs; Swedish headers and names."""
    rows = [
        ["Tidsstämpel", "E-postadress", "Namn", "Organisation", "Specialkost"],
        ["2026-02-05 14:03:22", "asa.oberg@skr.se", "Åsa Öberg", "SKR", "Vegetarisk"],
        ["2026-02-05 15:10:00", "bjorn.angstrom@skr.se", "Björn Ångström", "SKR", ""],
    ]
    return csv_text(rows, "\t").encode("utf-16")


def google_forms_norwegian() -> bytes:
    """Windows-1252 with semicolons, as Excel on a Norwegian Windows saves it."""
    rows = [
        ["Tidsmerke", "E-postadresse", "Navn", "Organisasjon", "Matallergier"],
        ["05.02.2026 14:03:22", "oystein.lovas@fjordvik.kommune.no", "Øystein Løvås",
         "Fjordvik kommune", "Laktosefri"],
        ["06.02.2026 08:30:00", "bjorn@ks.no", "Bjørn Dæhlie", "KS", ""],
    ]  # fmt: skip
    return csv_text(rows, ";").encode("cp1252")


def eventbrite() -> bytes:
    """UTF-8, commas, Eventbrite's own columns; Danish names."""
    rows = [
        ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type",
         "Attendee #", "Company", "Job Title"],
        ["1234567", "2026-02-06 10:11:12", "Søren", "Ærbø", "soren@kl.dk", "1", "Deltager",
         "9876", "KL", "Chefkonsulent"],
        ["1234568", "2026-02-06 11:00:00", "Mette", "Østergård", "mette@kl.dk", "1",
         "Deltager", "9877", "KL", ""],
    ]  # fmt: skip
    return csv_text(rows).encode("utf-8")


def pretix() -> bytes:
    """pretix's attendee list: order date and time in two columns; Icelandic names."""
    rows = [
        ["Order code", "Order date", "Order time", "Attendee name", "Attendee email", "Company",
         "Product", "Status"],
        ["ABC12", "2026-02-07", "09:30:00", "Jón Guðmundsson", "jon@reykjavik.is",
         "Reykjavíkurborg", "Konferanse", "paid"],
        ["ABC13", "2026-02-07", "09:31:00", "Þóra Sigurðardóttir", "thora@reykjavik.is",
         "Reykjavíkurborg", "Konferanse", "paid"],
    ]  # fmt: skip
    return csv_text(rows).encode("utf-8")


def plan_of(
    data: bytes | Table,
    held: list[Held] | None = None,
    *,
    preset: str | None = None,
    tracks: dict[str, str] | None = None,
    decisions=None,
    source: str = "export.csv",
) -> ImportPlan:
    table = data if isinstance(data, Table) else read_bytes(data, source)
    mapping = check_mapping(map_columns(table.headers, preset=preset), table.source)
    reading = reading_for(table, mapping, tracks=tracks or {}, received_at=RECEIVED, zone=OSLO)
    return plan_import(table, reading, held or [], decisions)


def held_from(plan: ImportPlan) -> list[Held]:
    """The plan's new registrations as the workspace would hold them afterwards."""
    return [
        Held(f"k{row.row}", row.registration) for row in plan.rows if row.registration is not None
    ]


def meeting_with(people: list[tuple[str, str]], **changes) -> dict:
    """The test conference's data with these (name, organisation) confirmed, keyed p0, p1…
    and reached at p0@ks.no, p1@ks.no…"""
    from tests.factories import conference_data

    data = conference_data(**changes)
    data["registrations"] = [
        {
            "key": f"p{n}",
            "person": {"name": name, "organisation": organisation, "email": f"p{n}@ks.no"},
            "status": "confirmed",
            "submitted_at": "2026-02-01 10:00",
        }
        for n, (name, organisation) in enumerate(people)
    ]
    return data
