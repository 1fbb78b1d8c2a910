"""Documents from Jinja templates: the programme, the meeting notice, the run-sheet, the
invitation letter, question sheets, the participant list and name badges, in every language
and as Markdown, text, HTML and PDF.

- `environment`: the one sandboxed Jinja environment (documents and e-mail bodies);
- `sandbox`: the limits a template runs within;
- `view`: the read-only view of a meeting that templates see;
- `catalogue`: which documents there are, and which a meeting's kind calls for;
- `formats`: which output formats there are, and how each is made;
- `render`: a document of a meeting in a format and a language, written safely.

Nothing here imports WeasyPrint until a PDF is made.
"""
