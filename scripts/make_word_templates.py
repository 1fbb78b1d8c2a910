"""Build Planner's Word templates, templates/word/*.docx, from this script.

    .venv/bin/python scripts/make_word_templates.py          # writes templates/word/
    .venv/bin/python scripts/make_word_templates.py --check  # exit 1 if they differ

The templates are real Word documents with Word's own styles (Title, Heading 1 and 2, a
table style "Planner table", paragraph styles for the smaller lines), A4 with 25/20 mm
margins, the issuer and the draft mark (UTKAST) in the header, and the meeting and "page
n / N" in the footer. Their text holds docxtpl's Jinja tags (`{{ meeting.title }}`,
`{%p for item in meeting.items %}`, `{%tr … %}` for table rows); Planner renders them in
its sandbox with every value escaped (see planner/documents/docx.py and docs/templates.md).
The frame they share is in word_frame.py, the pieces they are built of in word_blocks.py.

The files are the same byte for byte each time (fixed dates, fixed order in the zip), so a
test can check that the committed templates are the ones this script makes. A secretariat
that wants its own look copies one of them (or any Word document of its own as
`word/letterhead.docx`) into its template folder and edits it in Word.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable

from docx.document import Document as WordDocument
from docx.shared import Pt
from word_blocks import (
    body_heading,
    description,
    draft_mark,
    events,
    fact_rows,
    item_details,
    labelled,
    lines_to_write_on,
    meeting_facts,
    missing_note,
    para,
    recommendation,
    row,
    shown_if,
    signatures,
    table,
    tag,
    tag_row,
)
from word_frame import FOLDER, TEXT_WIDTH, ZIP_TIME, new_document

# -- the documents ----------------------------------------------------------------------------


def programme() -> WordDocument:
    document = new_document("Programme")
    draft_mark(document)
    para(document, "{{ meeting.title }}", "Title")
    shown_if(document, "second", "{{ second.title }}", "Subtitle")
    meeting_facts(document)
    description(document)
    para(document, "{{ words.case_list if meeting.is_council else words.programme }}",
         "Heading 1")  # fmt: skip
    grid = table(document, [24, 15, TEXT_WIDTH - 39], "Planner table")
    row(grid, "{{ words.time }}", "{{ words.number }}", "{{ words.item }}", header=True)
    tag_row(grid, "for item in meeting.all_items")
    tag_row(
        grid,
        "if meeting.days|length > 1 and (loop.first or item.day != loop.previtem.day)",
    )
    day = row(
        grid,
        '{{ words.day }} {{ item.day }}: {{ (meeting.days|selectattr("number", "equalto", '
        "item.day)|first).date }}",
        "",
        "",
    )
    merged = day[0].merge(day[2])
    for extra in merged.paragraphs[1:]:  # the merged cells' own empty paragraphs
        extra._p.getparent().remove(extra._p)
    merged.paragraphs[0].style = document.styles["Heading 3"]
    tag_row(grid, "endif")
    cells = row(
        grid,
        "{% set other = second.all_items[loop.index0] if second else none %}{{ item.time }}",
        "{{ item.number }}",
        "",
    )
    cells[0].paragraphs[0].runs[0].bold = True
    title = cells[2]
    title.paragraphs[0].text = "{%p if item.is_break %}"
    para(title, "{{ item.title }}", "Break")
    tag(title, "elif item.depth == 0")
    para(title, "{{ item.title }}", "Item title")
    tag(title, "else")
    para(title, "{{ item.title }}", "Sub-item")
    tag(title, "endif")
    shown_if(title, "other", "{{ other.title }}", "Question")
    item_details(title)
    tag_row(grid, "endfor")
    events(document)
    para(
        document,
        "{{ words.organiser }}: {{ meeting.organiser.name }}"
        "{% if meeting.organiser.email %} · {{ meeting.organiser.email }}{% endif %}"
        "{% if meeting.organiser.phone %} · {{ meeting.organiser.phone }}{% endif %}",
    ).paragraph_format.space_before = Pt(12)
    missing_note(document)
    return document


def notice() -> WordDocument:
    document = new_document("Notice of meeting")
    body_heading(document, "notice", "{% if second %} / {{ second.title }}{% endif %}")
    meeting_facts(document)
    description(document)
    para(document, "{{ words.case_list if meeting.is_council else words.programme }}",
         "Heading 1")  # fmt: skip
    tag(document, "for item in meeting.items")
    para(
        document,
        "{% set other = second.items[loop.index0] if second else none %}"
        "{% if item.number %}{{ item.number }} {% endif %}{{ item.title }}"
        "{% if other %} / {{ other.title }}{% endif %}",
        "Heading 2",
    )
    shown_if(document, "item.time", "{{ words.time }}: {{ item.time }}", "Details")
    tag(document, "if item.case and (item.case.archive or item.case.officer)")
    para(
        document,
        "{% if item.case.archive %}{{ words.archive }}: {{ item.case.archive }}{% endif %}"
        "{% if item.case.archive and item.case.officer %} · {% endif %}"
        "{% if item.case.officer %}{{ words.officer }}: {{ item.case.officer }}{% endif %}",
        "Details",
    )
    tag(document, "endif")
    tag(document, "for part in item.parts")
    para(document, "{{ part.line }}", "People")
    tag(document, "endfor")
    description(document, "item.description")
    recommendation(document, "item.case")
    tag(document, "if item.links")
    para(document, "{{ words.attachments if item.links|length > 1 else words.attachment }}:",
         "Label")  # fmt: skip
    tag(document, "for link in item.links")
    para(document, "{{ link.title }} – {{ link.url }}", "Point")
    tag(document, "endfor")
    tag(document, "endif")
    tag(document, "for sub in item.items")
    para(document, "{% if sub.time %}{{ sub.time }} {% endif %}{{ sub.number }} {{ sub.title }}",
         "Sub-item")  # fmt: skip
    tag(document, "endfor")
    tag(document, "endfor")
    events(document)
    signatures(document)
    missing_note(document)
    return document


def participants() -> WordDocument:
    document = new_document("List of participants")
    draft_mark(document)
    para(document, "{{ meeting.when }}{% if meeting.place %} · {{ meeting.place }}{% endif %}",
         "Issuer")  # fmt: skip
    para(document, "{{ words.participant_list }}: {{ meeting.title }}", "Title")
    tag(document, "for group in meeting.attendance.groups")
    para(document, "{{ group.name or words.no_organisation }}", "Heading 2")
    tag(document, "for person in group.participants")
    labelled(
        document,
        "{{ person.name }}",
        "{% if person.title %}, {{ person.title }}{% endif %}"
        "{% if person.organisation and person.organisation != group.name %}, "
        "{{ person.organisation }}{% endif %}",
        "People",
    )
    tag(document, "endfor")
    tag(document, "else")
    para(document, "{{ words.no_participants }}")
    tag(document, "endfor")
    para(
        document,
        '{{ counted("participants_in_all", meeting.attendance.total) }}'
        '{% if meeting.attendance.unnamed %} {{ counted("not_listed", '
        "meeting.attendance.unnamed) }}{% endif %}",
    ).paragraph_format.space_before = Pt(10)
    return document


def invitation() -> WordDocument:
    document = new_document("Invitation")
    draft_mark(document)
    para(document, "{{ meeting.organiser.name }}", "Issuer")
    para(document, "{{ words.invitation }}: {{ meeting.title }}", "Heading 1")
    para(
        document,
        '{{ say("greeting", name=recipient) if recipient is defined and recipient '
        "else words.greeting_all }}",
    )
    para(
        document,
        '{{ say("invites", organiser=meeting.organiser.name, title=meeting.title, '
        "when=meeting.when) }}",
    )
    grid = table(document, [38, TEXT_WIDTH - 38], "Planner facts")
    fact_rows(
        grid,
        [
            ("meeting.venue", "{{ words.place }}", "{{ meeting.venue.line }}"),
            (
                "meeting.online_url",
                "{{ words.join_online }}",
                "{{ meeting.online_url }}{% if meeting.times_note %} ({{ meeting.times_note }})"
                "{% endif %}",
            ),
        ],
    )
    description(document)
    shown_if(document, "meeting.items", "{{ words.programme }}", "Heading 2")
    grid = table(document, [24, TEXT_WIDTH - 24], "Planner table")
    row(grid, "{{ words.time }}", "{{ words.item }}", header=True)
    tag_row(grid, "for item in meeting.items")
    cells = row(grid, "{{ item.time }}", "{{ item.title }}")
    cells[0].paragraphs[0].runs[0].bold = True
    tag_row(grid, "endfor")
    shown_if(
        document,
        "meeting.registration_closes",
        "{{ words.register_by }} {{ meeting.registration_closes }}.",
    )
    para(
        document,
        "{{ words.questions_to }} {{ meeting.organiser.name }}"
        "{% if meeting.organiser.email %} ({{ meeting.organiser.email }}){% endif %}.",
    ).paragraph_format.space_before = Pt(8)
    closing = para(document, "{{ words.regards }}")
    closing.paragraph_format.space_before = Pt(14)
    para(document, "{{ meeting.organiser.name }}")
    return document


def minutes() -> WordDocument:
    document = new_document("Minutes")
    body_heading(document, "protocol")
    meeting_facts(document, attendance=True)
    tag(document, "for entry in meeting.minutes.items + meeting.minutes.unplaced")
    shown_if(
        document,
        "entry.item is none and (loop.first or loop.previtem.item is not none)",
        "{{ words.not_on_agenda }}",
        "Heading 1",
    )
    para(
        document,
        "{% set case = entry.item.case if entry.item else none %}"
        "{% if entry.number %}{{ entry.number }} {% endif %}{{ entry.title }}",
        "Heading 2",
    )
    shown_if(document, "entry.time", "{{ words.time }}: {{ entry.time }}", "Details")
    recommendation(document, "case")
    for names, word in (
        ("disqualified", "disqualified"),
        ("present", "present_for_item"),
        ("absent", "absent_for_item"),
    ):
        tag(document, f"if entry.{names}")
        labelled(document, f"{{{{ words.{word} }}}}: ", f'{{{{ entry.{names}|join("; ") }}}}',
                 "People")  # fmt: skip
        tag(document, "endif")
    tag(document, "if entry.proceedings")
    para(document, "{{ words.proceedings }}:", "Label")
    tag(document, "for paragraph in entry.proceedings")
    para(document, "{{ paragraph }}", "Point")
    tag(document, "endfor")
    tag(document, "endif")
    para(document, "{{ words.decision }}:", "Label")
    tag(document, "for paragraph in entry.decision")
    para(document, "{{ paragraph }}", "Point")
    tag(document, "else")
    lines_to_write_on(document, 2)
    tag(document, "endfor")
    tag(document, "endfor")
    signatures(document, signed=False)
    shown_if(
        document,
        "meeting.minutes.recorded and meeting.minutes.undecided",
        '{{ say("undecided", cases=meeting.minutes.undecided|join(", ")) }}',
        "Note",
    )
    missing_note(document)
    return document


TEMPLATES: dict[str, Callable[[], WordDocument]] = {
    "programme": programme,
    "notice": notice,
    "participants": participants,
    "invitation": invitation,
    "minutes": minutes,
}


# -- writing them the same way every time -------------------------------------------------------


def docx_bytes(document: WordDocument) -> bytes:
    """The document as a .docx whose bytes depend on nothing but its content."""
    made = io.BytesIO()
    document.save(made)
    steady = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(made.getvalue())) as source,
        zipfile.ZipFile(steady, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        names = source.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return steady.getvalue()


def main(arguments: list[str]) -> int:
    check = "--check" in arguments
    FOLDER.mkdir(parents=True, exist_ok=True)
    differ = []
    for name, build in TEMPLATES.items():
        path = FOLDER / f"{name}.docx"
        content = docx_bytes(build())
        if check:
            if not path.exists() or path.read_bytes() != content:
                differ.append(str(path))
        else:
            path.write_bytes(content)
            print(f"wrote {path}")
    if differ:
        print("not as this script makes them: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
