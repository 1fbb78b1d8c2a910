"""The building blocks of Planner's Word templates (scripts/make_word_templates.py):
paragraphs and table rows holding docxtpl's tags, and the pieces several documents share
(the facts, the events, the signatures, an item's details)."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from word_frame import GREY, TEXT_WIDTH


def para(document: WordDocument | _Cell, text: str = "", style: str = "Normal") -> Paragraph:
    return document.add_paragraph(text, style=style)


def tag(document: WordDocument | _Cell, statement: str) -> Paragraph:
    """A paragraph that is only a docxtpl tag (`{%p for … %}`): docxtpl removes it."""
    return document.add_paragraph("{%p " + statement + " %}")


def labelled(document: WordDocument | _Cell, label: str, text: str, style: str = "Normal"):
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(label).bold = True
    paragraph.add_run(text)
    return paragraph


def table(document: WordDocument, widths: list[float], style: str) -> Table:
    grid = document.add_table(rows=0, cols=len(widths))
    grid.style = document.styles[style]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    return grid


def row(grid: Table, *texts: str, header: bool = False, keep: bool = True):
    """A row with `texts` in its cells (one paragraph each), widths as the grid's. A header
    row repeats on every page; a row that is kept is never split across two pages."""
    cells = grid.add_row().cells
    for cell, text, column in zip(cells, texts, grid.columns, strict=False):
        cell.width = column.width
        cell.paragraphs[0].text = text
    properties = grid.rows[-1]._tr.get_or_add_trPr()
    if header:
        properties.append(OxmlElement("w:tblHeader"))
        for cell in cells:
            for run in cell.paragraphs[0].runs:
                run.bold, run.font.color.rgb, run.font.size = True, GREY, Pt(8.5)
    if keep:
        properties.append(OxmlElement("w:cantSplit"))
    return cells


def lines_to_write_on(document: WordDocument, count: int) -> None:
    """Ruled lines under a heading of the skeleton: a table of `count` rows, each 9 mm high
    with a line under it (separate paragraphs with one border would share a single line)."""
    grid = table(document, [TEXT_WIDTH - 6], "Planner facts")
    for _ in range(count):
        cells = row(grid, "", keep=True)
        cells[0].paragraphs[0].style = document.styles["To fill in"]
        grid.rows[-1].height = Mm(9)
        borders = parse_xml(
            f"<w:tcBorders {nsdecls('w')}>"
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tcBorders>'
        )
        cells[0]._tc.get_or_add_tcPr().append(borders)
    grid.alignment = WD_TABLE_ALIGNMENT.RIGHT


def tag_row(grid: Table, statement: str) -> None:
    """A table row that is only a docxtpl row tag (`{%tr for … %}`): docxtpl removes it."""
    row(grid, "{%tr " + statement + " %}", keep=False)


def fact_rows(grid: Table, rows: list[tuple[str | None, str, str]]) -> None:
    """Rows of a facts table, each shown only when its condition holds."""
    for condition, label, value in rows:
        if condition:
            tag_row(grid, f"if {condition}")
        cells = row(grid, label, value)
        for run in cells[0].paragraphs[0].runs:
            run.bold = True
        if condition:
            tag_row(grid, "endif")


def meeting_facts(document: WordDocument, attendance: bool = False) -> None:
    grid = table(document, [38, TEXT_WIDTH - 38], "Planner facts")
    rows: list[tuple[str | None, str, str]] = [
        ("meeting.body", "{{ words.body }}", "{{ meeting.body }}"),
        (None, "{{ words.time }}", "{{ meeting.when }}"),
        ("meeting.venue", "{{ words.place }}", "{{ meeting.venue.line }}"),
        (
            'meeting.mode != "in_person"',
            "{{ meeting.mode_label }}",
            "{{ meeting.online_url }}{% if meeting.times_note %} ({{ meeting.times_note }})"
            "{% endif %}",
        ),
    ]
    if not attendance:
        rows.append(("meeting.hosts", "{{ words.hosts }}", '{{ meeting.hosts|join("; ") }}'))
        rows.append(
            (
                "meeting.day_hosts",
                "{{ meeting.day_hosts.label }}",
                '{{ meeting.day_hosts.people|map(attribute="line")|join("; ") }}',
            )
        )
    rows.append(
        (
            "meeting.chairs",
            "{{ meeting.chairs.label }}",
            '{{ meeting.chairs.people|map(attribute="line")|join("; ") }}',
        )
    )
    if attendance:
        rows += [
            (None, "{{ words.present }}", '{{ meeting.minutes.present|join("; ") }}'),
            (None, "{{ words.absent }}", '{{ meeting.minutes.absent|join("; ") }}'),
        ]
    else:
        rows.append(("meeting.absence", "{{ words.absence }}", "{{ meeting.absence }}"))
    fact_rows(grid, rows)


def draft_mark(document: WordDocument) -> None:
    """The draft mark above the text when the document is set on a letterhead (Planner's
    own header has it on every page; a letterhead's may not)."""
    shown_if(
        document, "meeting.draft_mark and letterhead", "{{ meeting.draft_mark }}", "Draft mark"
    )


def body_heading(document: WordDocument, word: str, more: str = "") -> None:
    """A body's paper: the issuer, '<word> – <body>' as its title, the meeting's title under
    it."""
    draft_mark(document)
    para(document, "{{ meeting.organiser.name }}", "Issuer")
    para(document, f"{{{{ words.{word} }}}}{{% if meeting.body %}} – {{{{ meeting.body }}}}"
         "{% endif %}", "Title")  # fmt: skip
    para(document, "{{ meeting.title }}" + more, "Subtitle")


def shown_if(
    document: WordDocument | _Cell, condition: str, text: str, style: str = "Normal"
) -> Paragraph:
    """A paragraph kept only when `condition` holds (between `{%p if %}` and `{%p endif %}`)."""
    tag(document, f"if {condition}")
    paragraph = para(document, text, style)
    tag(document, "endif")
    return paragraph


def description(document: WordDocument, text: str = "meeting.description") -> None:
    tag(document, f"for paragraph in {text}|paragraphs")
    para(document, "{{ paragraph }}")
    tag(document, "endfor")


def events(document: WordDocument) -> None:
    shown_if(document, "meeting.events", "{{ words.events }}", "Heading 2")
    tag(document, "for event in meeting.events")
    labelled(
        document,
        "{{ event.title }}",
        " – {{ event.when }}{% if event.place %}, {{ event.place }}{% endif %}"
        '{% if event.capacity %} ({{ counted("places", event.capacity) }}){% endif %}',
    )
    shown_if(document, "event.description", "{{ event.description }}", "Details")
    shown_if(document, "event.online_url", "{{ event.online_url }}", "Details")
    tag(document, "endfor")


def missing_note(document: WordDocument) -> None:
    shown_if(document, "meeting.missing_note", "{{ meeting.missing_note }}", "Note")


def signatures(document: WordDocument, signed: bool = True) -> None:
    if signed:
        shown_if(
            document, "meeting.signed", "{{ meeting.signed }}"
        ).paragraph_format.space_before = Pt(18)
    grid = table(document, [75, 10, 75], "Planner facts")
    tag_row(grid, "for pair in meeting.signers|batch(2)")
    cells = row(grid, "", "", "")
    signer = '{{ signer.name }}{{ ("\\n" ~ signer.title) if signer.title else "" }}'
    for cell, index in ((cells[0], 0), (cells[2], 1)):
        cell.paragraphs[0].text = f"{{%p if pair|length > {index} %}}"
        para(cell, f"{{% set signer = pair[{index}] %}}{signer}", "Signature")
        tag(cell, "endif")
        para(cell, "")
    tag_row(grid, "endfor")


def item_details(cell: _Cell | WordDocument, item: str = "item") -> None:
    """What the programme says under an item's title: place, link, people, description,
    questions, topics and attachments."""
    shown_if(cell, f"{item}.place", f"{{{{ {item}.place }}}}", "Details")
    shown_if(
        cell,
        f"{item}.online_url",
        f"{{{{ words.join_online }}}}: {{{{ {item}.online_url }}}}",
        "Details",
    )
    tag(cell, f"for part in {item}.parts")
    para(cell, "{{ part.line }}", "People")
    tag(cell, "endfor")
    tag(cell, f"for paragraph in {item}.description|paragraphs")
    para(cell, "{{ paragraph }}", "Details")
    tag(cell, "endfor")
    tag(cell, f"for question in {item}.questions")
    para(cell, "{{ words.question }}: {{ question.text }}", "Question")
    tag(cell, "endfor")
    tag(cell, f"if {item}.topics")
    para(cell, '{{ words.topics }}: {{ item.topics|map(attribute="title")|join("; ") }}',
         "Details")  # fmt: skip
    tag(cell, "endif")
    tag(cell, f"for link in {item}.links")
    para(cell, "{{ words.attachment }}: {{ link.title }} – {{ link.url }}", "Details")
    tag(cell, "endfor")


def recommendation(document: WordDocument, case: str) -> None:
    tag(document, f"if {case} and {case}.recommendation")
    para(document, f"{{{{ {case}.recommended_by }}}}:", "Label")
    tag(document, f"for point in {case}.recommendation")
    para(document, "{{ point }}", "Point")
    tag(document, "endfor")
    tag(document, "endif")
