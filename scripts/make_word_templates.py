"""Build Planner's Word templates, templates/word/*.docx, from this script.

    .venv/bin/python scripts/make_word_templates.py          # writes templates/word/
    .venv/bin/python scripts/make_word_templates.py --check  # exit 1 if they differ

The templates are real Word documents with Word's own styles (Title, Heading 1 and 2, a
table style "Planner table", paragraph styles for the smaller lines), A4 with 25/20 mm
margins, the issuer and the draft mark (UTKAST) in the header, and the meeting and "page
n / N" in the footer. Their text holds docxtpl's Jinja tags (`{{ meeting.title }}`,
`{%p for item in meeting.items %}`, `{%tr … %}` for table rows); Planner renders them in
its sandbox with every value escaped (see planner/documents/docx.py and docs/templates.md).

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
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FOLDER = Path(__file__).resolve().parents[1] / "templates" / "word"
FONT = "Arial"
"""On Windows and Mac; LibreOffice uses the metric-compatible Liberation Sans. Both hold
every Nordic letter, Sámi ŋ ŧ đ č š ž and Icelandic þ ð included."""
TEXT_WIDTH = 165  # mm: A4 less 25 mm left and 20 mm right
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB0, 0x00, 0x20)
FIXED_TIME = datetime(2026, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# -- the frame every template shares ----------------------------------------------------------


def new_document(title: str) -> WordDocument:
    document = Document()
    _page(document)
    _styles(document)
    _header_and_footer(document)
    properties = document.core_properties
    properties.author = "Planner"
    properties.title = title
    properties.comments = ""
    properties.created = properties.modified = FIXED_TIME
    properties.last_modified_by = "Planner"
    properties.revision = 1
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return document


def _page(document: WordDocument) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _fonts(element, name: str = FONT) -> None:
    """Set every script's font on an rPr (and drop the theme's, which would win in Word)."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), name)


def _style(document: WordDocument, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    try:
        return document.styles[name]
    except KeyError:
        return document.styles.add_style(name, kind)


def _paragraph_style(
    document: WordDocument,
    name: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    before: float = 0,
    after: float = 4,
    keep_with_next: bool = False,
    indent: float = 0,
    hanging: float = 0,
    base: str = "Normal",
):
    style = _style(document, name)
    if name != "Normal":
        style.base_style = document.styles[base]
    style.quick_style = True
    font = style.font
    font.size, font.bold, font.italic = Pt(size), bold, italic
    font.color.rgb = colour or RGBColor(0x11, 0x11, 0x11)
    _fonts(style.element.get_or_add_rPr())
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    paragraph.keep_with_next = keep_with_next
    paragraph.left_indent = Mm(indent + hanging) if indent or hanging else None
    paragraph.first_line_indent = Mm(-hanging) if hanging else None
    return style


def _styles(document: WordDocument) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = _paragraph_style(document, "Normal", size=10.5, after=3)
    normal.paragraph_format.line_spacing = 1.1
    normal.paragraph_format.widow_control = True
    _paragraph_style(document, "Title", size=20, bold=True, after=4, keep_with_next=True)
    _no_border(document.styles["Title"])
    _paragraph_style(document, "Subtitle", size=12.5, colour=GREY, after=8)
    _plain_letters(document.styles["Subtitle"])
    _plain_letters(document.styles["Title"])
    _paragraph_style(document, "Heading 1", size=14, bold=True, before=14, after=4,
                     keep_with_next=True)  # fmt: skip
    _paragraph_style(document, "Heading 2", size=11.5, bold=True, before=10, after=3,
                     keep_with_next=True)  # fmt: skip
    _paragraph_style(document, "Heading 3", size=10.5, bold=True, before=6, after=2,
                     keep_with_next=True)  # fmt: skip
    _paragraph_style(document, "Issuer", size=10, colour=GREY, after=2)
    _paragraph_style(document, "Draft mark", size=12, bold=True, colour=RED, after=4)
    _paragraph_style(document, "Item title", size=10.5, bold=True, after=1)
    _paragraph_style(document, "Sub-item", size=10.5, after=1, indent=4)
    _paragraph_style(document, "Break", size=10.5, italic=True, colour=GREY, after=1)
    _paragraph_style(document, "Details", size=9.5, colour=GREY, after=1)
    _paragraph_style(document, "People", size=10.5, after=1)
    _paragraph_style(document, "Question", size=10.5, italic=True, after=1)
    _paragraph_style(document, "Label", size=10.5, bold=True, before=4, after=1,
                     keep_with_next=True)  # fmt: skip
    _paragraph_style(document, "Point", size=10.5, after=1, indent=4, hanging=5)
    _paragraph_style(document, "Note", size=9, colour=GREY, before=12)
    _paragraph_style(document, "Signature", size=10.5, before=30, after=0)
    _paragraph_style(document, "To fill in", size=10.5, after=0)
    _top_border(document.styles["Signature"])
    document.styles["Signature"].paragraph_format.keep_together = True
    for name in ("Header", "Footer"):
        _paragraph_style(document, name, size=8, colour=GREY, after=0)
        tabs = document.styles[name].paragraph_format.tab_stops
        for stop in list(tabs):
            tabs._pPr.tabs.remove(stop._tab)
        tabs.add_tab_stop(Mm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    _table_styles(document)


def _plain_letters(style) -> None:
    """No extra space between letters, no italics from the default template."""
    rPr = style.element.get_or_add_rPr()
    for name in ("w:spacing", "w:i", "w:iCs", "w:kern"):
        found = rPr.find(qn(name))
        if found is not None:
            rPr.remove(found)


def _no_border(style) -> None:
    borders = style.element.get_or_add_pPr().find(qn("w:pBdr"))
    if borders is not None:
        style.element.pPr.remove(borders)


def _border(style, side: str, colour: str, size: int = 4, space: int = 4) -> None:
    pPr = style.element.get_or_add_pPr()
    borders = pPr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        pPr.append(borders)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)),
                       ("color", colour)):  # fmt: skip
        line.set(qn(f"w:{key}"), value)
    borders.append(line)


def _top_border(style) -> None:
    _border(style, "top", "333333", size=6, space=2)


def _table_styles(document: WordDocument) -> None:
    """'Planner table': a line between rows, a heavier one under the heading row; 'Planner
    facts': no lines at all (Tid, Sted, … above a programme)."""
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="PlannerTable">'
            '<w:name w:val="Planner table"/><w:basedOn w:val="TableNormal"/>'
            '<w:uiPriority w:val="59"/><w:qFormat/>'
            '<w:pPr><w:spacing w:before="30" w:after="30"/></w:pPr>'
            "<w:tblPr><w:tblBorders>"
            '<w:top w:val="single" w:sz="6" w:space="0" w:color="666666"/>'
            '<w:bottom w:val="single" w:sz="6" w:space="0" w:color="666666"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="C8C8C8"/>'
            "</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="45" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="113" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="555555"/>'
            '<w:sz w:val="17"/></w:rPr><w:tcPr><w:tcBorders>'
            '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="666666"/>'
            "</w:tcBorders></w:tcPr></w:tblStylePr></w:style>"
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="PlannerFacts">'
            '<w:name w:val="Planner facts"/><w:basedOn w:val="TableNormal"/>'
            '<w:uiPriority w:val="59"/><w:qFormat/>'
            "<w:tblPr><w:tblCellMar>"
            '<w:top w:w="20" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="20" w:type="dxa"/><w:right w:w="113" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr></w:style>"
        )
    )


def _header_and_footer(document: WordDocument) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.add_run("{{ meeting.organiser.name }}\t")
    mark = header.add_run("{{ meeting.draft_mark }}")
    mark.bold, mark.font.size, mark.font.color.rgb = True, Pt(11), RED
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("{{ meeting.title }}\t")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
        "<w:r><w:t>1</w:t></w:r></w:fldSimple>"
    )
    paragraph._p.append(field)


# -- building blocks ------------------------------------------------------------------------


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
    tag(document, "if meeting.draft_mark and letterhead")
    para(document, "{{ meeting.draft_mark }}", "Draft mark")
    tag(document, "endif")


def body_heading(document: WordDocument, word: str, more: str = "") -> None:
    """A body's paper: the issuer, '<word> – <body>' as its title, the meeting's title under
    it."""
    draft_mark(document)
    para(document, "{{ meeting.organiser.name }}", "Issuer")
    para(document, f"{{{{ words.{word} }}}}{{% if meeting.body %}} – {{{{ meeting.body }}}}"
         "{% endif %}", "Title")  # fmt: skip
    para(document, "{{ meeting.title }}" + more, "Subtitle")


def description(document: WordDocument, text: str = "meeting.description") -> None:
    tag(document, f"for paragraph in {text}|paragraphs")
    para(document, "{{ paragraph }}")
    tag(document, "endfor")


def events(document: WordDocument) -> None:
    tag(document, "if meeting.events")
    para(document, "{{ words.events }}", "Heading 2")
    tag(document, "endif")
    tag(document, "for event in meeting.events")
    labelled(
        document,
        "{{ event.title }}",
        " – {{ event.when }}{% if event.place %}, {{ event.place }}{% endif %}"
        '{% if event.capacity %} ({{ counted("places", event.capacity) }}){% endif %}',
    )
    tag(document, "if event.description")
    para(document, "{{ event.description }}", "Details")
    tag(document, "endif")
    tag(document, "if event.online_url")
    para(document, "{{ event.online_url }}", "Details")
    tag(document, "endif")
    tag(document, "endfor")


def missing_note(document: WordDocument) -> None:
    tag(document, "if meeting.missing_note")
    para(document, "{{ meeting.missing_note }}", "Note")
    tag(document, "endif")


def signatures(document: WordDocument, signed: bool = True) -> None:
    if signed:
        tag(document, "if meeting.signed")
        para(document, "{{ meeting.signed }}").paragraph_format.space_before = Pt(18)
        tag(document, "endif")
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
    tag(cell, f"if {item}.place")
    para(cell, f"{{{{ {item}.place }}}}", "Details")
    tag(cell, "endif")
    tag(cell, f"if {item}.online_url")
    para(cell, f"{{{{ words.join_online }}}}: {{{{ {item}.online_url }}}}", "Details")
    tag(cell, "endif")
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


# -- the documents ----------------------------------------------------------------------------


def programme() -> WordDocument:
    document = new_document("Programme")
    draft_mark(document)
    para(document, "{{ meeting.title }}", "Title")
    tag(document, "if second")
    para(document, "{{ second.title }}", "Subtitle")
    tag(document, "endif")
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
    tag(title, "if other")
    para(title, "{{ other.title }}", "Question")
    tag(title, "endif")
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
    tag(document, "if item.time")
    para(document, "{{ words.time }}: {{ item.time }}", "Details")
    tag(document, "endif")
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
    tag(document, "if meeting.items")
    para(document, "{{ words.programme }}", "Heading 2")
    tag(document, "endif")
    grid = table(document, [24, TEXT_WIDTH - 24], "Planner table")
    row(grid, "{{ words.time }}", "{{ words.item }}", header=True)
    tag_row(grid, "for item in meeting.items")
    cells = row(grid, "{{ item.time }}", "{{ item.title }}")
    cells[0].paragraphs[0].runs[0].bold = True
    tag_row(grid, "endfor")
    tag(document, "if meeting.registration_closes")
    para(document, "{{ words.register_by }} {{ meeting.registration_closes }}.")
    tag(document, "endif")
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
    tag(document, "if entry.item is none and (loop.first or loop.previtem.item is not none)")
    para(document, "{{ words.not_on_agenda }}", "Heading 1")
    tag(document, "endif")
    para(
        document,
        "{% set case = entry.item.case if entry.item else none %}"
        "{% if entry.number %}{{ entry.number }} {% endif %}{{ entry.title }}",
        "Heading 2",
    )
    tag(document, "if entry.time")
    para(document, "{{ words.time }}: {{ entry.time }}", "Details")
    tag(document, "endif")
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
    tag(document, "if meeting.minutes.recorded and meeting.minutes.undecided")
    para(document, '{{ say("undecided", cases=meeting.minutes.undecided|join(", ")) }}', "Note")
    tag(document, "endif")
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
