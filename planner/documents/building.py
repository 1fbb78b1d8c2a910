"""Building a meeting's view (`planner.documents.view`) from the model: the schedule's
times, the wording's texts in one language, and what each item and part says."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from planner.agenda.schedule import Schedule, ScheduledItem
from planner.agenda.sheet import venue_line
from planner.agenda.wording import (
    Wording,
    first_of_each,
    item_loc,
    named_languages,
    speaker_groups,
)
from planner.documents.attendance import attendance
from planner.documents.typesetting import paragraphs
from planner.documents.view import (
    CaseView,
    DayView,
    EventView,
    ItemView,
    LinkView,
    MeetingView,
    OrganiserView,
    PartView,
    PersonView,
    QuestionView,
    TopicView,
    VenueView,
)
from planner.i18n import format_date_long, format_minutes, language_name
from planner.model import Meeting, MeetingKind, MeetingMode, MeetingStatus, Registration, clock
from planner.model.agenda import (
    PART_FIELDS,
    UNNUMBERED_KINDS,
    AgendaItem,
    Part,
    Participation,
)
from planner.model.minutes import Minutes
from planner.model.text import printable
from planner.words import say


class ViewBuilder:
    """Builds one meeting's view in one language."""

    def __init__(self, meeting: Meeting, schedule: Schedule, wording: Wording):
        self.source = meeting
        self.schedule = schedule
        self.wording = wording
        self.language = wording.language
        self.entries = {entry.path: entry for entry in schedule.items}
        self.topics = {topic.id: topic for topic in meeting.topics}

    def word(self, name: str, **values: Any) -> str:
        return say(f"documents_word.{name}", self.language, fallbacks=self.fallbacks, **values)

    @property
    def fallbacks(self) -> tuple[str, ...]:
        return (*self.wording.fallbacks, "en")

    # -- the meeting ---------------------------------------------------------------------

    def meeting(
        self, registrations: list[Registration] | None, minutes: Minutes | None = None
    ) -> MeetingView:
        meeting, w = self.source, self.wording
        top = tuple(self.item(entry) for entry in self.schedule.items if entry.depth == 0)
        days = tuple(
            DayView(day, w.day(on), tuple(i for i in top if i.day == day))
            for day, on in self.schedule.days
        )
        view = MeetingView(
            language=self.language,
            language_name=language_name(self.language, self.language),
            languages=named_languages(meeting),
            title=w.text(meeting.title, "title"),
            body=w.text(meeting.body, "body"),
            description=w.text_with_lines(meeting.description, "description"),
            kind=meeting.kind.value,
            kind_label=w.label("meeting_kind", meeting.kind.value),
            is_council=meeting.kind == MeetingKind.COUNCIL_MEETING,
            is_draft=meeting.status == MeetingStatus.DRAFT,
            is_cancelled=meeting.status == MeetingStatus.CANCELLED,
            draft_mark=self.mark(),
            when=w.when(),
            date=w.day(meeting.start_date),
            start=meeting.start,
            end=meeting.end,
            time=w.span(meeting.start_time, meeting.end) if meeting.start_time else "",
            starts_after=w.text(meeting.starts_after, "starts_after"),
            timezone=meeting.timezone,
            times_note=self.times_note(),
            mode=meeting.mode.value,
            mode_label=w.label("mode", meeting.mode.value),
            online_url=str(meeting.online_url or ""),
            venue=self.venue(),
            place=venue_line(meeting.venue, w) if meeting.venue else self.word("online"),
            organiser=OrganiserView(
                printable(meeting.organiser.name),
                str(meeting.organiser.email or ""),
                printable(meeting.organiser.phone or ""),
            ),
            hosts=tuple(w.who(key) for key in meeting.hosts),
            delegations=tuple(w.who(key) for key in meeting.delegations),
            chairs=self.part(Part.CHAIR, meeting.chairs, "chairs"),
            day_hosts=self.part(Part.HOST, meeting.day_hosts, "day_hosts"),
            capacity=meeting.capacity,
            registration_closes=self.moment(meeting.registration_closes),
            absence=self.absence(),
            signed=self.signed(),
            signers=tuple(
                self.person(p, f"signed_by[{i}]") for i, p in enumerate(meeting.signed_by)
            ),
            days=days,
            items=top,
            all_items=tuple(_flattened(top)),
            topics=tuple(self.topic(topic.id) for topic in meeting.topics),
            questions=tuple(q for item in _flattened(top) for q in item.questions),
            events=tuple(self.event(index) for index in range(len(meeting.events))),
            warnings=tuple(
                f"{w.warning_kind(warning)}: {w.warning(self.schedule, warning)}"
                for warning in self.schedule.warnings
            ),
            attendance=(
                attendance(meeting, registrations, w) if registrations is not None else None
            ),
            minutes=None,
            missing_note="",
            missing_where=(),
        )
        if minutes is not None:
            from planner.documents.minutes import minutes_view

            view = replace(view, minutes=minutes_view(meeting, minutes, view, w))
        return replace(view, missing_note=self.missing_note(), missing_where=tuple(w.missing))

    def missing_note(self) -> str:
        """'3 tekster finnes ikke på norsk bokmål og vises på svensk.'"""
        missing = self.wording.missing
        if not missing:
            return ""
        shown_in = dict.fromkeys(missing.values())
        return self.word(
            "not_in_language",
            count=len(missing),
            language=language_name(self.language, self.language),
            fallback=", ".join(language_name(lang, self.language) for lang in shown_in),
        )

    def mark(self) -> str:
        status = self.source.status
        if status == MeetingStatus.DRAFT:
            return self.word("draft_mark")
        if status == MeetingStatus.CANCELLED:
            return self.word("cancelled_mark")
        return ""

    def times_note(self) -> str:
        meeting = self.source
        if meeting.mode == MeetingMode.IN_PERSON:
            return ""
        from babel.dates import get_timezone_location

        from planner.i18n import babel_locale

        city = get_timezone_location(meeting.zone, babel_locale(self.language), return_city=True)
        offset = meeting.begins.strftime("%z")
        shown = f"UTC{offset[0]}{int(offset[1:3])}" + (
            f":{offset[3:]}" if offset[3:] != "00" else ""
        )
        return self.word("times_in_zone", place=city, offset=shown, zone=meeting.timezone)

    def venue(self) -> VenueView | None:
        venue, w = self.source.venue, self.wording
        if venue is None:
            return None
        country = ""
        if venue.country:
            from babel import Locale

            from planner.i18n import babel_locale

            country = Locale.parse(babel_locale(self.language)).territories.get(venue.country, "")
        return VenueView(
            name=w.text(venue.name, "venue.name", name=True),
            room=w.text(venue.room, "venue.room", name=True),
            address=printable(venue.address or ""),
            postal_code=printable(venue.postal_code or ""),
            city=printable(venue.city or ""),
            country=country,
            line=venue_line(venue, w),
        )

    def moment(self, value: datetime | None) -> str:
        if value is None:
            return ""
        at = self.wording.label("word", "at_clock")
        return f"{self.wording.day(value)} {at} {self.wording.clock(value)}".replace("  ", " ")

    def absence(self) -> str:
        from planner.agenda.sheet import header_facts

        if self.source.absence is None:
            return ""
        name = self.wording.label("word", "absence")
        return next(
            (text for label, text in header_facts(self.source, self.wording) if label == name), ""
        )

    def signed(self) -> str:
        signed = self.source.signed
        if signed is None:
            return ""
        place = self.wording.text(signed.place, "signed.place", name=True)
        when = format_date_long(signed.date, self.language) if signed.date else ""
        return ", ".join(p for p in (place, when) if p)

    # -- people --------------------------------------------------------------------------

    def person(self, participation: Participation, where: str) -> PersonView:
        w, key = self.wording, participation.who
        role = w.text(participation.role, f"{where}.role")
        line = w.participant(participation, where)
        person = self.source.person(key)
        if person is None:
            return PersonView(w.who(key), "", "", role, line, True)
        if participation.title is not None:
            title = w.text(participation.title, f"{where}.title")
        else:
            title = w.text(person.title, "")
        organisation = w.organisation_name(person.organisation) if person.organisation else ""
        return PersonView(printable(person.name), title, organisation, role, line, False)

    def part(self, part: Part, people: list[Participation], where: str) -> PartView | None:
        if not people:
            return None
        w, each = self.wording, first_of_each(people)
        line = w.participants("part", part.value, people, where)
        label = w.label("part" if len(each) == 1 else "parts", part.value)
        persons = tuple(self.person(p, f"{where}[{i}]") for i, p in each)
        return PartView(part.value, "", label, line, persons)

    def parts(self, item: AgendaItem, where: str) -> tuple[PartView, ...]:
        parts: list[PartView] = []
        for part, field_name in PART_FIELDS.items():
            people = getattr(item, field_name)
            if part == Part.SPEAKER and people:
                parts += self.speakers(item, where)
                continue
            found = self.part(part, people, f"{where}.{field_name}")
            if found is not None:
                parts.append(found)
        return tuple(parts)

    def speakers(self, item: AgendaItem, where: str) -> list[PartView]:
        """One part for each thing the speakers give, as `Wording.speakers` prints them."""
        lines = self.wording.speakers(item, where)
        parts = []
        for (gives, people), line in zip(speaker_groups(item).items(), lines, strict=True):
            label = line.split(":")[0] if gives is None else line.split(" ", 1)[0]
            persons = tuple(self.person(p, f"{where}.speakers[{i}]") for i, p in people)
            parts.append(
                PartView(Part.SPEAKER.value, gives.value if gives else "", label, line, persons)
            )
        return parts

    # -- items ---------------------------------------------------------------------------

    def item(self, entry: ScheduledItem, leaders: tuple[PersonView, ...] = ()) -> ItemView:
        item, w, where = entry.item, self.wording, item_loc(entry.path)
        parts = self.parts(item, where)
        leading = (
            tuple(
                person
                for part in parts
                if part.part in ("host", "chair", "moderator")
                for person in part.people
            )
            or leaders
            or self.meeting_leaders()
        )
        children = tuple(
            self.item(self.entries[(*entry.path, index)], leading)
            for index in range(len(item.items))
        )
        minutes = entry.minutes
        return ItemView(
            path=where,
            number=w.number(entry),
            kind=item.kind.value,
            kind_label=w.label("item_kind", item.kind.value),
            title=w.title(entry),
            description=w.text_with_lines(item.description, f"{where}.description"),
            depth=entry.depth,
            day=entry.day,
            start=entry.start,
            end=entry.end,
            time=w.span(entry.start, entry.end) if entry.start else "",
            minutes=minutes,
            duration=format_minutes(minutes, self.language) if minutes else "",
            elapsed=self.elapsed(entry),
            slack=self.slack(entry),
            is_break=item.kind in UNNUMBERED_KINDS,
            is_case=item.case is not None,
            is_milestone=entry.start is not None and entry.start == entry.end,
            parallel=item.parallel,
            track=w.text(item.track, f"{where}.track", name=True),
            room=w.text(item.room, f"{where}.room", name=True),
            capacity=item.capacity,
            online_url=str(item.online_url or ""),
            place=self.place(item, where),
            parts=parts,
            responsible=leading,
            topics=tuple(self.topic(key) for key in item.topics if key in self.topics),
            questions=tuple(self.question(entry, index) for index in range(len(item.questions))),
            case=self.case(item, where),
            links=tuple(
                LinkView(w.text(link.title, f"{where}.links[{i}].title"), str(link.url))
                for i, link in enumerate(item.links)
            ),
            notes=item.notes or "",
            items=children,
        )

    def meeting_leaders(self) -> tuple[PersonView, ...]:
        meeting = self.source
        people = meeting.day_hosts or meeting.chairs
        field_name = "day_hosts" if meeting.day_hosts else "chairs"
        return tuple(self.person(p, f"{field_name}[{i}]") for i, p in enumerate(people))

    def place(self, item: AgendaItem, where: str) -> str:
        w = self.wording
        parts = [
            w.text(item.track, f"{where}.track", name=True),
            w.text(item.room, f"{where}.room", name=True),
            self.word("places", count=item.capacity) if item.capacity else "",
        ]
        return " · ".join(p for p in parts if p)

    def elapsed(self, entry: ScheduledItem) -> str:
        day_start = next(
            (e.start for e in self.schedule.items if e.day == entry.day and e.start), None
        )
        if entry.start is None or day_start is None:
            return ""
        minutes = clock.minutes_between(day_start, entry.start)
        return f"{minutes // 60}.{minutes % 60:02d}"

    def slack(self, entry: ScheduledItem) -> int | None:
        """Minutes between this item's end and the next timed item's start at its level."""
        if entry.end is None:
            return None
        parent, index = entry.path[:-1], entry.path[-1]
        siblings = self.source.agenda if not parent else self.entries[parent].item.items
        if parent and self.entries[parent].item.parallel:
            return None
        for later in range(index + 1, len(siblings)):
            following = self.entries[(*parent, later)]
            if following.start is None:
                return None
            if following.day != entry.day:
                return None
            if clock.before(following.start, entry.end):
                return -clock.minutes_between(following.start, entry.end)
            return clock.minutes_between(entry.end, following.start)
        return None

    def topic(self, key: str) -> TopicView:
        topic, w = self.topics[key], self.wording
        index = self.source.topics.index(topic)
        where = f"topics[{index}]"
        return TopicView(
            key=key,
            title=w.text(topic.title, f"{where}.title"),
            description=w.text_with_lines(topic.description, f"{where}.description"),
            links=tuple(
                LinkView(w.text(link.title, f"{where}.links[{i}].title"), str(link.url))
                for i, link in enumerate(topic.links)
            ),
        )

    def question(self, entry: ScheduledItem, index: int) -> QuestionView:
        question, w = entry.item.questions[index], self.wording
        where = f"{item_loc(entry.path)}.questions[{index}]"
        topic = self.topics.get(question.topic or "")
        item_name = " ".join(p for p in (w.number(entry), w.title(entry)) if p)
        return QuestionView(
            text=w.text_with_lines(question.text, f"{where}.text"),
            topic=w.text(topic.title, "") if topic else "",
            owner=w.who(question.owner) if question.owner else "",
            item=item_name,
        )

    def case(self, item: AgendaItem, where: str) -> CaseView | None:
        case, w = item.case, self.wording
        if case is None:
            return None
        text = w.text_with_lines(case.recommendation, f"{where}.case.recommendation")
        return CaseView(
            number=printable(self.source.case_number(case.number, w.label("word", "case"))),
            archive=printable(case.archive or ""),
            officer=w.who(case.officer) if case.officer else "",
            recommended_by=(
                w.text(case.recommended_by, f"{where}.case.recommended_by")
                or (w.label("word", "recommendation") if text else "")
            ),
            recommendation=tuple(paragraphs(text)),
        )

    def event(self, index: int) -> EventView:
        event, w, meeting = self.source.events[index], self.wording, self.source
        where = f"events[{index}]"
        if event.venue is not None:
            place = venue_line(event.venue, w)
        else:
            place = w.text(meeting.venue.name, "venue.name", name=True) if meeting.venue else ""
        at = w.label("word", "at_clock")
        span = w.span(event.start, event.end)
        return EventView(
            kind=event.kind.value,
            kind_label=w.label("event_kind", event.kind.value),
            title=w.text(event.title, f"{where}.title"),
            description=w.text_with_lines(event.description, f"{where}.description"),
            when=f"{w.day(event.start)} {at} {span}".replace("  ", " "),
            time=span,
            place=place,
            capacity=event.capacity,
            online_url=str(event.online_url or ""),
        )


def _flattened(items: tuple[ItemView, ...]) -> list[ItemView]:
    found: list[ItemView] = []
    pending = list(reversed(items))
    while pending:
        item = pending.pop()
        found.append(item)
        pending.extend(reversed(item.items))
    return found
