"""The documents say what the meeting file says, in the language asked for: the programme,
the notice, the run-sheet, the invitation letter, the question sheet, the participant list and
the badges, in Markdown, text and HTML (the PDF is tested apart, it is slower)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.documents.catalogue import DOCUMENTS, documents_for
from planner.documents.render import render_document
from planner.documents.view import meeting_view
from planner.errors import BadInput
from planner.meeting_files import read_meeting_file
from planner.model import LANGUAGES, Meeting, MeetingFile, Registration
from planner.resources import sample_meeting_files
from tests.factories import meeting_data

SAMPLES = {path.stem: path for path in sample_meeting_files()}
PROGRAMMES = Path(__file__).parents[1] / "data" / "programmes"


def sample(prefix: str) -> MeetingFile:
    [path] = [p for stem, p in SAMPLES.items() if stem.startswith(prefix)]
    return read_meeting_file(path)


def programme_file(prefix: str) -> MeetingFile:
    [path] = PROGRAMMES.glob(f"{prefix}*.yaml")
    return read_meeting_file(path)


def text(meeting: Meeting, document: str, format: str = "txt", language: str | None = None,
         registrations: list[Registration] | None = None) -> str:  # fmt: skip
    if registrations is None and isinstance(meeting, MeetingFile):
        registrations = list(meeting.registrations)
    content = render_document(meeting, document, format, language, registrations=registrations)
    assert isinstance(content.content, str)
    return content.content


def flowing(printed: str) -> str:
    return " ".join(printed.split())


def meeting(**changes) -> Meeting:
    return Meeting.model_validate(meeting_data(**changes))


# -- the programme says what the file says ------------------------------------------------------


def test_the_programme_prints_every_computed_time_title_and_speaker():
    ks = sample("ks-")
    printed = text(ks, "programme")

    for row in (
        "12.30–12.40  1    Velkommen",
        "12.40–12.52  2.1    Bosetting av flyktninger – takk til kommunene",
        "13.40–14.00       Pause med enkel bevertning",
        "15.45–16.00  5    Avslutning",
    ):
        assert row in printed
    assert "Innledning ved Sylvi Listhaug, innvandrings- og integreringsminister, JD" in flowing(
        printed
    )


def test_talks_without_times_of_their_own_print_under_their_block_with_no_invented_time():
    printed = text(programme_file("nasjonal-integreringskonferanse-2022"), "programme")

    assert re.search(r"\n10\.10–11\.00  2 +Plenum 1: Arbeidsliv og integrering\n", printed)
    assert re.search(r"\n {13}2\.1 +Veien til arbeidslivet\n", printed)


def test_the_programme_prints_the_description_organiser_hosts_and_events():
    nordic = flowing(text(sample("nordisk-"), "programme", "txt", "en"))

    assert "The Nordic Council of Ministers invites you to a Nordic conference" in nordic
    assert "Organiser: Nordiska ministerrådet <integration@norden.org>" in nordic
    assert "Hosts: Nordic Council of Ministers" in nordic
    assert "Conference dinner – Tuesday 20 November 2018 18:30–21:30, Eigtveds Pakhus" in nordic


def test_parallel_tracks_print_side_by_side_in_time_with_their_rooms_and_places():
    nordic = text(sample("nordisk-"), "programme", "md", "en")

    assert "- **10:55–12:15 · 3.1 Into work quickly" in nordic
    assert "Track A · Plenarsal · 130 places" in nordic


def test_an_online_meeting_says_which_time_its_times_are_in():
    webinar = text(programme_file("nordic-webinar"), "programme")

    assert "Online: https://webinar.example.org/nordic-integration-2021" in webinar
    assert "Times: local time in Stockholm (UTC+1)" in webinar


def test_a_public_document_never_prints_the_slug_or_the_status():
    ks = sample("ks-")
    for name, kind in DOCUMENTS.items():
        if not kind.public:
            continue
        for format in ("md", "txt", "html"):
            if format in kind.formats:
                printed = text(ks, name, format)
                assert ks.slug not in printed, (name, format)
                assert "publisert" not in printed.lower(), (name, format)


def test_every_document_of_a_draft_meeting_says_so():
    draft = sample("ks-").model_copy(update={"status": "draft"})
    for name, kind in DOCUMENTS.items():
        for format in ("md", "txt", "html"):
            if format in kind.formats:
                assert "UTKAST" in text(draft, name, format), (name, format)
    assert "DRAFT" in text(draft, "programme", "txt", "en")


def test_a_cancelled_meeting_says_so_on_its_programme():
    cancelled = sample("ks-").model_copy(update={"status": "cancelled"})

    assert text(cancelled, "programme").startswith("*** AVLYST ***")


def test_a_programme_side_by_side_has_both_languages_on_each_row():
    html = text(sample("ks-"), "programme", "html", "nb+en")

    assert '<td lang="nb"><span class="time">12.40–12.52</span> 2.1' in html
    assert '<td lang="en"><span class="time">12:40–12:52</span> 2.1' in html
    assert "Settling refugees – thanks to the municipalities" in html


def test_only_the_programme_and_the_notice_print_side_by_side():
    with pytest.raises(BadInput) as refused:
        text(sample("ks-"), "runsheet", "txt", "nb+en")

    assert "one language at a time" in refused.value.in_language("en")


# -- language ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "day", "time"),
    [
        ("nb", "tirsdag 20. november 2018", "kl. 08.30–16.00"),
        ("nn", "tysdag 20. november 2018", "kl. 08.30–16.00"),
        ("sv", "tisdag 20 november 2018", "kl. 08:30–16:00"),
        ("da", "tirsdag den 20. november 2018", "kl. 08.30–16.00"),
        ("fi", "tiistai 20. marraskuuta 2018", "klo 08.30–16.00"),
        ("is", "þriðjudagur, 20. nóvember 2018", "kl. 08.30–16.00"),
        ("en", "Tuesday 20 November 2018", "08:30–16:00"),
    ],
)
def test_dates_and_times_are_written_the_way_each_language_writes_them(language, day, time):
    view = meeting_view(sample("nordisk-"), language)

    assert view.when == f"{day} {time}"


@pytest.mark.parametrize(("language", "weekday"), [("se", "maŋŋebárga"), ("fo", "týsdagur")])
def test_sami_and_faroese_dates_come_from_cldr_and_the_words_fall_back_to_the_meeting(
    language, weekday
):
    printed = text(sample("nordisk-"), "programme", "txt", language)

    assert weekday in printed
    assert "Tid: " in printed  # the meeting's own language, Swedish, for the fixed words


def test_a_text_not_given_in_the_language_falls_back_to_the_meetings_and_says_so_once():
    printed = text(sample("nordisk-"), "programme", "txt", "da")

    assert "Integration i Norden – hvad kan vi lære af hinanden?" in printed
    assert "Samtal mellan ministerierna" in printed  # this description is in Swedish only
    assert flowing(printed).count("findes ikke på dansk og vises på svensk") == 1


def test_a_document_says_nothing_in_a_second_language_unless_asked():
    printed = text(sample("ks-"), "programme", "txt", "nb")

    assert "Political summit" not in printed
    assert "Settling refugees" not in printed


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_document_renders_in_every_language_with_no_word_missing(language):
    nordic = sample("nordisk-")
    for name, kind in DOCUMENTS.items():
        for format in ("md", "txt", "html"):
            if format in kind.formats:
                printed = text(nordic, name, format, language)
                assert "⟦" not in printed, (name, format, printed[printed.index("⟦") :][:60])


# -- the notice -----------------------------------------------------------------------------


def test_the_notice_has_the_body_place_time_absence_cases_and_signatures():
    notice = flowing(text(sample("formannskapet-"), "notice"))

    for said in (
        "Møteinnkalling – Formannskapet",
        "Tid: torsdag 26. november 2015, etter møtet i administrasjonsutvalget",
        "Sted: Fjordvik rådhus, Formannskapssalen, Fjordvik",
        "Forfall meldes til: Kari Nordmann",
        "PS 77/15 Bosetting av flyktninger 2016",
        "Arkivsak: 15/01234",
        "Saksbehandler: Jonas Eksempel, leder for flyktningtjenesten",
        "Rådmannens innstilling: 1. Fjordvik kommune vedtar å bosette 30 flyktninger i 2016",
        "Vedlegg: Saksframlegg",
        "Ola Nordmann, ordfører Kari Nordmann, utvalgssekretær",
    ):
        assert said in notice, said


def test_a_finnish_notice_numbers_cases_its_own_way_and_is_signed_at_a_place_and_date():
    board = programme_file("kunnanhallitus")
    finnish = flowing(text(board, "notice", "txt", "fi"))
    swedish = flowing(text(board, "notice", "md", "sv"))

    assert "59 § Pakolaisten vastaanottaminen vuonna 2020" in finnish
    assert "Aika: maanantai 18. marraskuuta 2019 klo 17.00, valtuustoseminaarin jälkeen" in (
        finnish
    )
    assert "Esimerkkikunta, 12. marraskuuta 2019" in finnish
    assert "### 59 § Mottagande av flyktingar år 2020" in swedish
    assert "Esimerkkikunta, 12 november 2019" in swedish


# -- the run-sheet -----------------------------------------------------------------------------


def test_the_run_sheet_has_durations_the_running_clock_notes_and_who_leads():
    sheet = text(sample("ks-"), "runsheet")

    assert "Internt dokument for sekretariatet" in sheet
    assert "13.40–14.00    20   1.10  Pause med enkel bevertning" in sheet
    assert "» Kaffe, te og smørbrød fra KS' kantine" in sheet
    assert "Ansvarlig: Jan Tore Sanner, Gunn Marit Helgesen" in sheet


def test_the_run_sheet_shows_slack_and_overrun_and_what_does_not_fit():
    tight = meeting(
        agenda=[
            {"title": "Velkommen", "duration": 10},
            {"title": "Innledning", "start": "12:45", "duration": 30},
            {"title": "Dialog", "start": "13:10", "duration": 60},
        ]
    )
    sheet = text(tight, "runsheet")

    assert "Slakk: +5 min" in sheet
    assert "Slakk: -5 min" in sheet
    assert "3 advarsler" in sheet


# -- the invitation letter ---------------------------------------------------------------------


def test_the_invitation_letter_greets_one_person_or_everyone():
    ks = sample("ks-")
    letter = text(ks, "invitation")

    assert letter.startswith("Kjære alle,\n")
    assert "Kommunal- og moderniseringsdepartementet inviterer til Politisk toppmøte om" in letter
    assert letter.rstrip().endswith("Med vennlig hilsen\nKommunal- og moderniseringsdepartementet")


# -- the question sheet ------------------------------------------------------------------------


def test_the_question_sheet_has_each_items_questions_and_a_page_each():
    sheet = text(sample("ks-"), "questions")

    assert "3.2 Tiltak for å få spesielt kvinner integrert" in sheet
    assert " 1. Hvilke tiltak trengs for å få spesielt kvinner integrert" in sheet
    assert sheet.count("\f") == 2


# -- who comes ---------------------------------------------------------------------------------


def registration(name: str, organisation: str, *, listed: bool = True, status="confirmed",
                 delegation: str | None = None) -> Registration:  # fmt: skip
    return Registration.model_validate(
        {
            "person": {"name": name, "organisation": organisation, "delegation": delegation},
            "status": status,
            "submitted_at": "2018-10-01 10:00",
            "answers": {"consent": {"participant_list": listed}},
        }
    )


PEOPLE = [
    registration("Øystein Ås", "Eksempel kommune"),
    registration("Åse Berg", "Eksempel kommune"),
    registration("Zacharias Zeta", "Eksempel kommune"),
    registration("Ærle Ek", "Ålesund kommune"),
    registration("Olav Hemmelig", "Lillebygd kommune", listed=False),
    registration("Ventende Venn", "Eksempel kommune", status="waitlisted"),
]


def test_the_participant_list_groups_by_organisation_in_the_languages_order():
    listed = text(sample("ks-"), "participants", "txt", "nb", registrations=PEOPLE)

    lines = [line for line in listed.splitlines() if line and not line.startswith(("=", "-"))]
    assert lines[2:8] == [
        "Eksempel kommune",
        "Zacharias Zeta",
        "Øystein Ås",
        "Åse Berg",
        "Ålesund kommune",
        "Ærle Ek",
    ]


def test_a_participant_who_did_not_consent_is_counted_and_never_named():
    listed = text(sample("ks-"), "participants", "md", "nb", registrations=PEOPLE)

    assert "Hemmelig" not in listed
    assert "Lillebygd" not in listed
    assert "Ventende" not in listed
    assert "5 deltakere i alt. 1 av dem har ikke samtykket til å stå på listen." in listed


def test_swedish_sorts_the_same_names_its_own_way():
    view = meeting_view(sample("ks-"), "sv", PEOPLE)

    assert [p.name for p in view.attendance.groups[0].participants] == [
        "Zacharias Zeta",
        "Åse Berg",
        "Øystein Ås",
    ]


def test_a_meeting_of_delegations_lists_participants_by_delegation():
    delegates = [
        registration("Anna Andersson", "Exempelstad", delegation="Sverige"),
        registration("Kari Nordmann", "Eksempel kommune", delegation="Norge"),
    ]
    ks = sample("ks-")

    view = meeting_view(ks, "nb", delegates)

    assert [group.name for group in view.attendance.groups] == ["Norge", "Sverige"]


def test_badges_are_for_everyone_who_comes_and_the_programmes_people_sorted_by_surname():
    view = meeting_view(sample("ks-"), "nb", PEOPLE)
    names = [badge.name for badge in view.attendance.badges]

    assert "Olav Hemmelig" in names  # not on the list, but at the door
    assert "Ventende Venn" not in names
    assert "Jan Tore Sanner" in names
    assert names.index("Åse Berg") < names.index("Ærle Ek") < names.index("Øystein Ås")


# -- which documents a meeting calls for ---------------------------------------------------------


def test_a_council_calls_for_a_notice_and_minutes_and_a_conference_for_a_programme_and_badges():
    council = [kind.name for kind in documents_for(sample("formannskapet-"), False)]
    conference = [kind.name for kind in documents_for(sample("nordisk-"), True)]

    assert council == ["notice", "runsheet", "minutes"]
    assert conference == [
        "programme",
        "runsheet",
        "invitation",
        "questions",
        "participants",
        "badges",
    ]


# -- hostile names are data ----------------------------------------------------------------------

HOSTILE_NAME = "<script>alert(1)</script> & {{ 7*7 }} {% raw %} *Kari* [x](javascript:y)"


def test_hostile_names_print_as_typed_in_every_text_format():
    subject = meeting(
        title=HOSTILE_NAME,
        people=[{"id": "x", "name": HOSTILE_NAME, "title": "</td><td>"}],
        agenda=[{"title": HOSTILE_NAME, "duration": 30, "speakers": ["x"]}],
    )

    html = text(subject, "programme", "html")
    markdown = text(subject, "programme", "md")
    plain = text(subject, "programme", "txt")

    assert "<script>" not in html and "</td><td>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}" in html
    assert "\\<script\\>alert(1)\\</script\\> \\& {{ 7\\*7 }} {% raw %} \\*Kari\\*" in markdown
    assert HOSTILE_NAME in plain
    assert "49" not in plain


def test_names_sort_by_each_languages_alphabet():
    from planner.collation import sorted_names

    names = ["Zorro", "Åsa", "Ærling", "Ödegård", "Ánde", "Ŋuolla", "Þór", "Aron", "Čiekča"]

    assert sorted_names(names, "nb")[-3:] == ["Ærling", "Ödegård", "Åsa"]
    assert sorted_names(names, "sv")[-3:] == ["Åsa", "Ærling", "Ödegård"]
    assert sorted_names(names, "se")[:5] == ["Aron", "Ánde", "Čiekča", "Ŋuolla", "Þór"]
    assert sorted_names(["Bydel 10", "Bydel 2", "Bydel 1"], "nb") == [
        "Bydel 1",
        "Bydel 2",
        "Bydel 10",
    ]
    icelandic = [name for name in sorted_names(names, "is") if name != "Åsa"]
    assert icelandic[-4:] == ["Zorro", "Þór", "Ærling", "Ödegård"]
