"""Which documents there are, and which a meeting calls for.

    DOCUMENTS["programme"].formats    -> ('md', 'txt', 'html', 'pdf', 'docx')
    documents_for(meeting)           -> the documents `planner render --all` makes

Each document is a template per text format (`templates/documents/<name>.md`, `.txt`,
`.html`); PDF is made from the HTML one, DOCX from a Word template (`templates/word/`).
Another document is added with `register_document`, another format with
`planner.documents.formats.register_format`, and the command line, the app and `--all`
offer it from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from planner.model import Meeting, MeetingKind, walk_agenda

PUBLIC_MEETINGS = frozenset(MeetingKind) - {MeetingKind.COUNCIL_MEETING}
"""Meetings with a programme the public may see: conferences, seminars, dialogue meetings."""
CALLED_MEETINGS = frozenset(
    {MeetingKind.COUNCIL_MEETING, MeetingKind.DIALOGUE_MEETING, MeetingKind.TOP_LEVEL_MEETING}
)
"""Meetings whose members are called by a notice (møteinnkalling)."""


WITH_DOCX = ("md", "txt", "html", "pdf", "docx")
"""The formats of a document that also has a Word template (templates/word/)."""


def _always(meeting: Meeting, has_registrations: bool) -> bool:
    return True


@dataclass(frozen=True)
class DocumentKind:
    """A document Planner can make of a meeting."""

    name: str
    """Its name on the command line and in templates/documents/: 'programme'."""
    formats: tuple[str, ...] = ("md", "txt", "html", "pdf")
    public: bool = True
    """Whether it is handed to guests (public) or kept by the secretariat (the run-sheet)."""
    lists_people: bool = False
    """Whether it needs the meeting's registrations (participant list, badges)."""
    side_by_side: bool = False
    """Whether it can be printed in two languages side by side (`--lang nb+en`)."""
    kinds: frozenset[MeetingKind] = field(default_factory=lambda: frozenset(MeetingKind))
    """The kinds of meeting that call for it (`planner render --all`)."""
    wanted: Callable[[Meeting, bool], bool] = _always
    """Whether this meeting calls for it, beyond its kind: (meeting, has registrations)."""
    takes_minutes: bool = False
    """Whether it prints what was recorded at the meeting (the minutes)."""

    def called_for(self, meeting: Meeting, has_registrations: bool) -> bool:
        return meeting.kind in self.kinds and self.wanted(meeting, has_registrations)


def _has_questions(meeting: Meeting, has_registrations: bool) -> bool:
    return any(item.questions for _, item in walk_agenda(meeting.agenda))


def _has_registrations(meeting: Meeting, has_registrations: bool) -> bool:
    return has_registrations


DOCUMENTS: dict[str, DocumentKind] = {}


def register_document(kind: DocumentKind) -> DocumentKind:
    """Offer `kind` everywhere documents are offered (the order of registering is the
    order they are listed in)."""
    DOCUMENTS[kind.name] = kind
    return kind


for _kind in (
    DocumentKind("programme", formats=WITH_DOCX, side_by_side=True, kinds=PUBLIC_MEETINGS),
    DocumentKind("notice", formats=WITH_DOCX, side_by_side=True, kinds=CALLED_MEETINGS),
    DocumentKind("runsheet", public=False),
    DocumentKind("invitation", formats=("txt", "html", "pdf", "docx"), kinds=PUBLIC_MEETINGS),
    DocumentKind("questions", kinds=PUBLIC_MEETINGS, wanted=_has_questions),
    DocumentKind("participants", formats=WITH_DOCX, lists_people=True, wanted=_has_registrations),
    DocumentKind(
        "badges",
        formats=("html", "pdf"),
        lists_people=True,
        kinds=PUBLIC_MEETINGS,
        wanted=_has_registrations,
    ),
    DocumentKind("minutes", formats=WITH_DOCX, kinds=CALLED_MEETINGS, takes_minutes=True),
):
    register_document(_kind)


def documents_for(meeting: Meeting, has_registrations: bool) -> list[DocumentKind]:
    """The documents a meeting of its kind calls for: a council's notice, run-sheet and
    minutes; a conference's programme, run-sheet, invitation letter, question sheet (if it puts
    questions), participant list and badges (once people have registered)."""
    return [kind for kind in DOCUMENTS.values() if kind.called_for(meeting, has_registrations)]
