"""DOCX documents, read back as Word and LibreOffice read them: python-docx finds every item's
title and time, hostile names as typed and the document still well-formed; LibreOffice
converts each kind of DOCX to PDF; a secretariat's letterhead and its own Word templates are
used; a broken Word template is one clear message. LibreOffice takes seconds to start, so
every DOCX it converts is converted in one run."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor

from planner.documents.environment import TemplateProblem, document_environment, render_template
from planner.documents.render import render_document
from planner.documents.view import meeting_view
from planner.meeting_files import read_meeting_file
from planner.minutes import record_attendance, record_item
from planner.model import Meeting, MeetingFile
from planner.model.minutes import Minutes
from planner.resources import sample_meeting_files
from tests.factories import meeting_data

SAMPLES = {path.stem: path for path in sample_meeting_files()}
COUNCIL = "formannskapet-fjordvik-2015-11"
CONFERENCE = "nordisk-integrasjonskonferanse-2018"
ROOT = Path(__file__).resolve().parents[2]

HOSTILE = "<script>alert(1)</script> & {{ 7*7 }} {% raw %} \u202etxt.exe ]]> <w:p/> &amp;"
"""As typed; the model keeps it without the right-to-left override (U+202E)."""
KEPT = HOSTILE.replace("\u202e", "")
LONG_NAME = "Kari " + "Nordmann-" * 21 + "Eksemp"  # 200 characters: the longest name allowed


@cache
def sample(slug: str) -> MeetingFile:
    return read_meeting_file(SAMPLES[slug])


def docx(meeting: Meeting, document: str, language: str | None = None, **options) -> bytes:
    if isinstance(meeting, MeetingFile) and document == "participants":
        options.setdefault("registrations", list(meeting.registrations))
    content = render_document(meeting, document, "docx", language, **options).content
    assert isinstance(content, bytes)
    return content


def text_of(data: bytes, part: str = "body") -> str:
    """Every paragraph of the body (tables included), or of the headers or footers."""
    document = Document(io.BytesIO(data))
    if part == "body":
        elements = [document.element.body]
    else:
        elements = [getattr(section, part)._element for section in document.sections]
    lines = []
    for element in elements:
        for paragraph in element.iter("{*}p"):
            shown = {"t": None, "br": "\n", "tab": "\t"}
            lines.append(
                "".join(
                    (node.text or "") if shown[name] is None else shown[name]
                    for node in paragraph.iter("{*}t", "{*}br", "{*}tab")
                    for name in [node.tag.rsplit("}", 1)[1]]
                )
            )
    return "\n".join(lines)


def core_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("docProps/core.xml").decode()


def flowing(text: str) -> str:
    return " ".join(text.split())


def recorded_minutes() -> Minutes:
    meeting = sample(COUNCIL)
    minutes = record_attendance(meeting, Minutes(), present=["ordforer", "Per Hansen"])
    return record_item(
        meeting, minutes, "77/15", decision="Vedtatt som innstilt.", disqualified=["Per Hansen"]
    )


def hostile_meeting() -> Meeting:
    return Meeting.model_validate(
        meeting_data(
            title=HOSTILE,
            organiser={"name": HOSTILE},
            people=[{"id": "x", "name": LONG_NAME, "title": HOSTILE}],
            agenda=[{"title": HOSTILE, "duration": 30, "speakers": ["x"], "description": HOSTILE}],
        )
    )


# -- it says what the meeting file says -----------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SAMPLES))
def test_the_programme_docx_holds_every_items_title_and_time(slug):
    meeting = sample(slug)
    view = meeting_view(meeting)

    text = flowing(text_of(docx(meeting, "programme")))

    for item in view.all_items:
        assert flowing(item.title) in text, item.title
        if item.time:
            assert item.time in text, (item.time, item.title)


def test_the_notice_docx_has_every_case_its_recommendation_and_the_signatures():
    text = flowing(text_of(docx(sample(COUNCIL), "notice")))

    for said in (
        "Møteinnkalling – Formannskapet",
        "Forfall meldes til",
        "PS 75/15 Godkjenning av protokoll fra møtet 29.10.2015",
        "Rådmannens innstilling:",
        "3. Saken legges fram for kommunestyret som en del av budsjettet for 2016.",
        "Fjordvik, 19. november 2015",
        "Ola Nordmann ordfører",
        "Kari Nordmann utvalgssekretær",
    ):
        assert said in text, said


def test_the_minutes_docx_is_a_skeleton_before_and_the_record_after():
    skeleton = flowing(text_of(docx(sample(COUNCIL), "minutes")))
    minutes = flowing(text_of(docx(sample(COUNCIL), "minutes", minutes=recorded_minutes())))

    assert "Møteprotokoll – Formannskapet" in skeleton
    assert skeleton.count("Vedtak:") == 6
    assert "Inhabil" not in skeleton
    assert "Til stede Ola Nordmann, ordfører; Per Hansen" in minutes
    assert "PS 77/15 Bosetting av flyktninger 2016" in minutes
    assert "Inhabil: Per Hansen" in minutes
    assert "Vedtak: Vedtatt som innstilt." in minutes
    assert "Vedtak er ennå ikke ført for PS 75/15, PS 76/15, PS 78/15." in minutes


def test_a_drafts_pages_say_so_in_the_header_and_the_file_says_what_it_is():
    draft = sample("innspillsmote-integreringsmelding-2023")
    data = docx(draft, "programme")
    properties = Document(io.BytesIO(data)).core_properties

    assert "UTKAST" in text_of(data, "header")
    assert "UTKAST" not in text_of(docx(sample(COUNCIL), "notice"), "header")
    assert properties.title == meeting_view(draft).title
    assert properties.language == "nb"
    assert properties.author == draft.organiser.name
    assert core_xml(data).count("lastModifiedBy") == 2  # one element, in its own namespace
    assert "custom-properties" not in core_xml(data)


def test_the_participant_list_and_the_letter_come_as_docx_too():
    conference = sample(CONFERENCE)
    view = meeting_view(conference, registrations=list(conference.registrations))
    people = flowing(text_of(docx(conference, "participants")))
    letter = flowing(text_of(docx(conference, "invitation", "en")))

    assert view.attendance is not None and view.attendance.groups
    for group in view.attendance.groups:
        for person in group.participants:
            assert person.name in people
    assert f"{view.attendance.total} deltagare totalt." in people
    assert "Dear all," in letter and "Kind regards" in letter


def test_a_programme_side_by_side_has_both_languages():
    text = flowing(text_of(docx(sample(CONFERENCE), "programme", "sv+en")))

    assert "Integration i Norden – vad kan vi lära av varandra?" in text
    assert "Integration in the Nordic Region – what can we learn from each other?" in text


# -- hostile names are text -----------------------------------------------------------------------


def test_hostile_names_print_as_typed_and_leave_the_document_whole():
    meeting = hostile_meeting()
    minutes = record_attendance(meeting, Minutes(), present=[HOSTILE, LONG_NAME])
    minutes = record_item(meeting, minutes, "1", decision=HOSTILE, disqualified=[HOSTILE])

    for document, options in (("programme", {}), ("minutes", {"minutes": minutes})):
        data = docx(meeting, document, **options)
        body = text_of(data)
        assert KEPT in body, document
        assert LONG_NAME in body, document
        assert "\u202e" not in body
        assert "49" not in body
        assert KEPT in text_of(data, "header") + text_of(data, "footer")


def test_the_shared_environment_keeps_escaping_by_format_after_a_docx():
    docx(hostile_meeting(), "programme")

    plain = render_template("programme", meeting_view(hostile_meeting()), "nb", "txt")

    assert KEPT in plain  # a text document is not HTML-escaped
    assert document_environment().autoescape is not True


# -- LibreOffice opens every kind -----------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_every_kind_of_docx_to_pdf(tmp_path):
    conference = sample(CONFERENCE)
    made = {
        "programme": docx(conference, "programme"),
        "notice": docx(sample(COUNCIL), "notice"),
        "participants": docx(conference, "participants"),
        "invitation": docx(conference, "invitation"),
        "minutes": docx(sample(COUNCIL), "minutes", minutes=recorded_minutes()),
        "hostile": docx(hostile_meeting(), "programme"),
    }
    for name, data in made.items():
        (tmp_path / f"{name}.docx").write_bytes(data)

    files = sorted(str(path) for path in tmp_path.glob("*.docx"))
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run(
        ["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir", tmp_path, *files],
        capture_output=True, check=True, timeout=240,
    )  # fmt: skip

    for name in made:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists(), name
        text = flowing(subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout)  # fmt: skip
        heading = {
            "programme": "Integration i Norden",
            "notice": "PS 78/15 Budsjett for introduksjonsprogrammet 2016",
            "participants": "Deltagarlista",
            "invitation": "Inbjudan",
            "minutes": "Inhabil: Per Hansen",
            "hostile": "<script>alert(1)</script> & {{ 7*7 }}",
        }[name]
        assert heading in text, (name, text[:300])
        assert re.search(r"\b1 ?/ ?\d+\b", text), name  # the page numbers in the footer


# -- the secretariat's own Word templates ---------------------------------------------------------


def letterhead(folder: Path) -> Path:
    paper = Document()
    paper.sections[0].header.paragraphs[0].text = "FJORDVIK KOMMUNE – Politisk sekretariat"
    paper.sections[0].footer.paragraphs[0].text = "Rådhusgata 1 · {{ meeting.draft_mark }}"
    paper.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x66, 0x33)
    paper.add_paragraph("Vår referanse: {{ meeting.title }}")
    paper.add_paragraph("")
    (folder / "word").mkdir(parents=True, exist_ok=True)
    path = folder / "word" / "letterhead.docx"
    paper.save(path)
    return path


def test_a_secretariats_letterhead_gives_every_docx_its_header_footer_and_styles(tmp_path):
    letterhead(tmp_path)

    data = docx(sample(COUNCIL), "notice", template_folder=tmp_path)
    made = Document(io.BytesIO(data))
    body = text_of(data)

    assert text_of(data, "header") == "FJORDVIK KOMMUNE – Politisk sekretariat"
    assert "Rådhusgata 1" in text_of(data, "footer")
    assert body.startswith("Vår referanse: Møteinnkalling – formannskapet i Fjordvik kommune\n")
    assert "PS 77/15 Bosetting av flyktninger 2016" in body
    assert made.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x66, 0x33)
    assert "Planner facts" in [style.name for style in made.styles]  # ours, brought along
    assert "custom-properties" not in core_xml(data)


def test_a_secretariats_own_word_template_replaces_the_built_in_one(tmp_path):
    own = Document()
    own.add_paragraph("Vårt eget program: {{ meeting.title }}")
    own.add_paragraph("{%p for item in meeting.all_items %}")
    own.add_paragraph("{{ item.time }} {{ item.title }}")
    own.add_paragraph("{%p endfor %}")
    (tmp_path / "word").mkdir()
    own.save(tmp_path / "word" / "programme.docx")

    text = text_of(docx(sample(CONFERENCE), "programme", template_folder=tmp_path))

    assert text.startswith("Vårt eget program: Integration i Norden")
    assert "08:30–09:00 Registrering och morgonkaffe" in text


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("{{ meeting.title ", "(near “{{ meeting.title"),
        ("{{ meeting.nothing_here }}", "has no attribute 'nothing_here'"),
        ('{{ "x" * 10000000 }}', "the template builds something too large"),
        ("{{ meeting.__class__.__mro__ }}", "unsafe"),
    ],
)
def test_a_broken_word_template_is_one_message_naming_its_file(tmp_path, written, said):
    own = Document()
    own.add_paragraph(written)
    (tmp_path / "word").mkdir()
    own.save(tmp_path / "word" / "notice.docx")

    with pytest.raises(TemplateProblem) as problem:
        docx(sample(COUNCIL), "notice", language="en", template_folder=tmp_path)

    message = str(problem.value)
    assert str(tmp_path / "word" / "notice.docx") in message
    assert said in message


def test_a_file_that_is_not_a_word_document_is_said_to_be_so(tmp_path):
    (tmp_path / "word").mkdir()
    (tmp_path / "word" / "letterhead.docx").write_text("not a zip file")

    with pytest.raises(TemplateProblem, match="is not a Word document"):
        docx(sample(COUNCIL), "notice", language="en", template_folder=tmp_path)


def test_the_built_in_word_templates_are_the_ones_the_script_makes(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))  # its parts beside it, as when run
    script = ROOT / "scripts" / "make_word_templates.py"
    spec = importlib.util.spec_from_file_location("make_word_templates", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    assert module.main(["--check"]) == 0
