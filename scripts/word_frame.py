"""The frame every Word template of Planner shares (scripts/make_word_templates.py): A4
with its margins, Word's styles set to Planner's look (Normal, Title, Heading 1–3, the
smaller lines, the table styles "Planner table" and "Planner facts"), the issuer and the
draft mark in the header, the meeting and "page / pages" in the footer, and fixed file
properties so that the files are the same every time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
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
