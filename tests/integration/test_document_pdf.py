"""PDF documents, read back as a reader's tools read them: pdftotext finds every item's title
and time, every Nordic letter and every hostile name as typed; pdfinfo, pdffonts and pypdf
find what PDF/UA-1 asks for (tagged, marked, a structure tree, the language and title, every
font embedded, table headers with their scope). PDFs take a few tenths of a second each, so
each is made once and asked many things."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from planner.documents.render import render_document
from planner.documents.view import meeting_view
from planner.meeting_files import read_meeting_file
from planner.model import Meeting, MeetingFile, Registration
from planner.resources import sample_meeting_files
from tests.factories import meeting_data

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

SAMPLES = {path.stem: path for path in sample_meeting_files()}


@cache
def pdf(slug: str, document: str, language: str | None = None) -> bytes:
    meeting = read_meeting_file(SAMPLES[slug])
    return made(meeting, document, language, tuple(meeting.registrations))


def made(meeting: Meeting, document: str, language: str | None = None,
         registrations: tuple[Registration, ...] = ()) -> bytes:  # fmt: skip
    content = render_document(meeting, document, "pdf", language, registrations=[*registrations])
    assert isinstance(content.content, bytes)
    return content.content


def run(tool: str, data: bytes, tmp: Path, *arguments: str) -> str:
    path = tmp / "document.pdf"
    path.write_bytes(data)
    command = [tool, *arguments, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def flowing(text: str) -> str:
    return " ".join(text.split())


# -- it says what the meeting file says ----------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SAMPLES))
def test_the_programme_pdf_holds_every_items_title_and_time(slug, tmp_path):
    meeting = read_meeting_file(SAMPLES[slug])
    view = meeting_view(meeting)

    text = flowing(run("pdftotext", pdf(slug, "programme"), tmp_path))

    for item in view.all_items:
        assert flowing(item.title) in text, item.title
        if item.time:
            assert item.time in text, (item.time, item.title)


def test_the_notice_pdf_holds_every_case_its_recommendation_and_signatures(tmp_path):
    text = flowing(run("pdftotext", pdf("formannskapet-fjordvik-2015-11", "notice"), tmp_path))

    for said in (
        "PS 75/15 Godkjenning av protokoll fra møtet 29.10.2015",
        "PS 78/15 Budsjett for introduksjonsprogrammet 2016",
        "Saken legges fram for kommunestyret som en del av budsjettet for 2016.",
        "Ola Nordmann ordfører",
    ):
        assert said in text


def test_a_draft_says_so_on_every_page(tmp_path):
    draft = read_meeting_file(SAMPLES["innspillsmote-integreringsmelding-2023"])
    assert draft.status == "draft"
    data = pdf("innspillsmote-integreringsmelding-2023", "programme")
    pages = int(run("pdfinfo", data, tmp_path).split("Pages:")[1].split()[0])

    assert pages > 1
    for page in range(1, pages + 1):
        assert "UTKAST" in run("pdftotext", data, tmp_path, "-f", str(page), "-l", str(page))


# -- PDF/UA-1 -------------------------------------------------------------------------------------


def test_the_pdf_is_tagged_with_its_language_title_and_embedded_fonts(tmp_path):
    from pypdf import PdfReader

    data = pdf("ks-toppmote-integrering-2016", "programme")
    info = run("pdfinfo", data, tmp_path)
    fonts = run("pdffonts", data, tmp_path).splitlines()[2:]
    reader = PdfReader(io.BytesIO(data))
    catalogue = reader.trailer["/Root"]
    xmp = catalogue["/Metadata"].get_object().get_data().decode()

    assert "Tagged:          yes" in info
    assert bool(catalogue["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalogue
    assert catalogue["/Lang"] == "nb"
    assert reader.metadata.title == "Politisk toppmøte om integrering av flyktninger"
    assert "<dc:title>" in xmp and "Politisk toppm" in xmp
    assert 'pdfuaid:part="1"' in xmp
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_table_headers_keep_their_scope(tmp_path):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf("ks-toppmote-integrering-2016", "programme")))
    scopes = [
        element["/A"].get_object().get("/Scope")
        for element in _structure(reader.trailer["/Root"]["/StructTreeRoot"])
        if element.get("/S") == "/TH"
    ]

    assert "/Column" in scopes and "/Row" in scopes
    assert None not in scopes


def _structure(root):
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if hasattr(node, "idnum"):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, dict):
            yield node
            kids = node.get("/K")
            if kids is not None:
                pending.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            pending.extend(node)


# -- every letter, and hostile names as typed ----------------------------------------------------

NORDIC = ["Áŋŋá Čeahci", "Đuhtor Ŧuomas", "Šiiri Žeavli", "Þórður Guðmundsson", "Ærø Øst Åsa"]
HOSTILE = [
    "<script>alert(1)</script>",
    "Kari & Ola </td><td>X",
    "{{ 7*7 }} {% if %}",
    "Ola\u202eNordmann",
    "A" * 30 + " " + "B" * 30,
]


def test_pdftotext_gives_back_every_nordic_letter_and_every_hostile_name(tmp_path):
    people = [{"id": f"p{i}", "name": name} for i, name in enumerate(NORDIC + HOSTILE)]
    subject = Meeting.model_validate(
        meeting_data(
            people=people,
            agenda=[{"title": "Panel", "duration": 60, "panellists": [p["id"] for p in people]}],
        )
    )

    text = flowing(run("pdftotext", made(subject, "programme"), tmp_path))

    for name in NORDIC + ["<script>alert(1)</script>", "Kari & Ola </td><td>X", "{{ 7*7 }}"]:
        assert name in text, name
    assert "OlaNordmann" in text  # the right-to-left override is gone, the name reads as typed
    assert "49" not in text


def test_a_long_name_on_a_badge_is_printed_smaller_never_cut_off(tmp_path):
    long_name = " ".join(["Kristine-Marie Åsvang Ødegård-Nordmann"] * 5)[:200].strip()
    registrations = tuple(
        Registration.model_validate(
            {"person": {"name": name, "organisation": "Eksempel kommune"},
             "status": "confirmed", "submitted_at": "2018-10-01 10:00"}
        )
        for name in (long_name, "Ola Nordmann")
    )  # fmt: skip
    subject = MeetingFile.model_validate(meeting_data(agenda=[]))

    text = flowing(run("pdftotext", made(subject, "badges", None, registrations), tmp_path))

    assert long_name in text
    assert "Ola Nordmann" in text
