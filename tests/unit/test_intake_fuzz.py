"""The importer on whatever arrives: random bytes, random columns, huge cells, a million
empty rows. It answers with a plan or one PlannerError, never anything else."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import PlannerError
from planner.registrations.intake.reading import read_bytes
from tests import intake_files as files
from tests.intake_files import plan_of

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADERS = ["Navn", "E-post", "Tidsmerke", "Organisasjon", "Matallergier", "Deltakerliste",
           "Velg sesjon", "Fornavn", "Etternavn", "Telefon", "Kommentar", "$created", "x",
           ""]  # fmt: skip


def _plan_or_refusal(data: bytes) -> None:
    try:
        plan = plan_of(data, tracks={"a": "a"})
    except PlannerError as error:
        assert str(error)  # one message
        return
    total = sum(plan.counts.values())
    assert total == len(read_bytes(data, "export.csv").rows)


@FUZZ
@given(st.binary(max_size=2_000))
def test_random_bytes_give_a_plan_or_one_message(data):
    _plan_or_refusal(data)


@FUZZ
@given(st.binary(max_size=400).map(lambda tail: files.nettskjema()[:60] + tail))
def test_a_real_header_followed_by_random_bytes(data):
    _plan_or_refusal(data)


cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "ja", "nei", "kari@ks.no", "=cmd|' /C calc'!A0", "01.02.2026 10:00",
                     "\u202e", "x" * 5_000, "a\r\nb", '"', "anonymous"]),
)  # fmt: skip


@FUZZ
@given(
    st.lists(st.sampled_from(HEADERS) | st.text(max_size=12), min_size=1, max_size=12),
    st.lists(st.lists(cells, max_size=14), max_size=12),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_random_columns_and_cells_give_a_plan_or_one_message(headers, rows, delimiter, encoding):
    text = files.csv_text([headers, *rows], delimiter)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _plan_or_refusal(data)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(cells, min_size=2, max_size=6), max_size=8))
def test_random_workbooks_give_a_plan_or_one_message(rows):
    _plan_or_refusal(files.xlsx_bytes([["Navn", "E-post", "Tidsmerke"], *rows]))


def test_a_million_empty_rows_are_counted_not_kept():
    data = io.BytesIO()
    data.write(b"Navn;E-post\r\n")
    data.write(b";\r\n" * 500_000 + b"\r\n" * 500_000)
    data.write("Åse Ødegård;ase@x.no\r\n".encode())
    table = read_bytes(data.getvalue(), "tom.csv")
    assert table.empty_rows == 1_000_000
    assert [row.number for row in table.rows] == [1_000_002]
    assert plan_of(table).counts["new"] == 1
