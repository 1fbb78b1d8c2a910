"""PDF from a document's HTML template, through WeasyPrint, tagged for accessibility.

- **PDF/UA-1**: a tagged PDF (`/MarkInfo /Marked true`, a structure tree), with the
  document's language (`<html lang>`) and title (`<title>`) in the document information and
  the XMP metadata.
- **Table headers keep their scope.** WeasyPrint 70 tags `<th>` as a header cell but drops
  its `scope`; `_keep_header_scope` puts it back (`/Scope /Column`, or `/Row` for
  `<th scope="row">`), so a screen reader says which header a cell belongs to.
- **Fonts** that hold every Nordic letter, Sámi ŋ ŧ đ č š ž and Icelandic þ ð included:
  Liberation Sans, else DejaVu Sans (Debian's fonts-liberation2, fonts-dejavu-core), each
  embedded (subset).
- **Progress**: WeasyPrint says which page it is laying out; that is passed on.

WeasyPrint is imported here only, when the first PDF is made (about 0.6 s).
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from typing import Any

from planner.documents.formats import RenderJob, render_job_template

_CHARACTERS_A_PAGE = 5000
"""About how much HTML fills a page: the progress bar's guess at the number of pages."""


def make_pdf(job: RenderJob) -> bytes:
    html = render_job_template(job, "html", print=True)
    return html_to_pdf(html, job)


def html_to_pdf(html: str, job: RenderJob | None = None) -> bytes:
    """`html` (a whole document, its styles inside) laid out and written as PDF/UA-1."""
    weasyprint = _weasyprint()
    report = job.progress if job is not None else None
    with _pages_reported(report, max(1, len(html) // _CHARACTERS_A_PAGE)):
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetching).render(
            pdf_variant="pdf/ua-1"
        )
        if report:
            report(0.9, "pdf")
        return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    """Documents carry their styles and fonts inside; nothing is fetched from the network or
    the disk on a template's say-so (an <img src="file:///etc/passwd"> shows nothing)."""
    raise ValueError(f"Planner's documents fetch nothing: {url[:80]}")


@cache
def _weasyprint() -> Any:
    """WeasyPrint, loaded once, with table headers' scope kept in the tags."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    import weasyprint
    from weasyprint.pdf import tags

    if not getattr(tags._build_box_tree, "keeps_scope", False):
        tags._build_box_tree = _keep_header_scope(tags._build_box_tree)
    return weasyprint


def _keep_header_scope(build: Any) -> Any:
    """WeasyPrint's tag builder, with `/Scope` set on every header cell it tags."""

    def build_with_scope(box: Any, *args: Any) -> Any:
        for element in build(box, *args):
            if element.get("S") == "/TH":
                cell = getattr(box, "_box", box)  # an absolutely placed cell
                tag = getattr(cell, "element", None)
                scope = tag.attrib.get("scope") if tag is not None else None
                element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
            yield element

    build_with_scope.keeps_scope = True  # type: ignore[attr-defined]
    return build_with_scope


class _PageReporter(logging.Handler):
    """Turns WeasyPrint's 'Step 5 - Creating layout - Page 3' into progress, for the render
    running in this thread only."""

    def __init__(self, report: Any, pages: int):
        super().__init__(logging.INFO)
        self.report = report
        self.pages = pages
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or "Page" not in str(record.msg):
            return
        page = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if isinstance(page, int):
            self.pages = max(self.pages, page + 1)
            self.report(0.2 + 0.7 * page / self.pages, f"page {page}")


class _pages_reported:
    def __init__(self, report: Any, pages: int):
        self.report = report
        self.pages = pages
        self.handler: _PageReporter | None = None

    def __enter__(self) -> None:
        if self.report is None:
            return
        logger = logging.getLogger("weasyprint.progress")
        self.level = logger.level
        self.handler = _PageReporter(self.report, self.pages)
        logger.addHandler(self.handler)
        logger.setLevel(logging.INFO)

    def __exit__(self, *exc_info: object) -> None:
        if self.handler is not None:
            logger = logging.getLogger("weasyprint.progress")
            logger.removeHandler(self.handler)
            logger.setLevel(self.level)
