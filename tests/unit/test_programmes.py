"""Published Nordic programmes as they are written: items without times of their own, council
case lists, people in their parts, events around the programme, printed in one language."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from planner.agenda.schedule import build_schedule
from planner.agenda.sheet import agenda_rows, sheet_text
from planner.agenda.wording import Wording
from planner.model import Meeting, MeetingFile
from planner.model.problems import format_loc
from tests.factories import meeting_data


def meeting(**changes) -> Meeting:
    return Meeting.model_validate(meeting_data(**changes))


def printed(subject: Meeting, language: str | None = None) -> str:
    return sheet_text(build_schedule(subject), Wording(subject, language), width=100)


def flowing(text: str) -> str:
    """The printout with its line wrapping undone, to find a sentence wherever it breaks."""
    return " ".join(text.split())


def rows(subject: Meeting, language: str | None = None) -> list[tuple[str, str, str]]:
    wording = Wording(subject, language)
    return [(r.number, r.time, r.title) for r in agenda_rows(build_schedule(subject), wording)]


def problems(data: dict, model=Meeting) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {format_loc(e["loc"]): e["msg"] for e in caught.value.errors()}


# -- 1. items without times of their own --------------------------------------------------------

PLENUM = [
    {"title": "Åpning", "duration": 10},
    {
        "title": "Plenum: Arbeid og kvalifisering",
        "duration": 50,
        "items": [{"title": "Innlegg A"}, {"title": "Innlegg B"}, {"title": "Innlegg C"}],
    },
    {"title": "Lunsj", "kind": "lunch", "duration": 150},
    {"title": "Konferansen avsluttes", "kind": "closing", "duration": 0},
]


def test_talks_under_a_timed_block_are_listed_without_invented_times():
    subject = meeting(agenda=PLENUM)

    assert rows(subject) == [
        ("1", "12.30–12.40", "Åpning"),
        ("2", "12.40–13.30", "Plenum: Arbeid og kvalifisering"),
        ("2.1", "", "Innlegg A"),
        ("2.2", "", "Innlegg B"),
        ("2.3", "", "Innlegg C"),
        ("", "13.30–16.00", "Lunsj"),
        ("", "16.00", "Konferansen avsluttes"),
    ]
    assert build_schedule(subject).warnings == []


def test_an_item_after_a_block_whose_end_is_not_known_gets_no_invented_time():
    subject = meeting(
        agenda=[
            {"title": "Plenum", "items": [{"title": "Innlegg A"}, {"title": "Innlegg B"}]},
            {"title": "Spørsmål fra salen", "duration": 20},
            {"title": "Avslutning", "start": "15:45", "duration": 15},
        ]
    )

    assert [time for _, time, _ in rows(subject)] == ["", "", "", "", "15.45–16.00"]
    assert build_schedule(subject).warnings == []


def test_a_gap_that_untimed_items_may_fill_is_not_reported_but_an_overlap_is():
    filled = meeting(
        agenda=[
            {"title": "Orientering", "duration": 30},
            {"title": "Sak A"},
            {"title": "Sak B"},
            {"title": "Orientering", "start": "14:00", "duration": 120},
        ]
    )
    overlapping = meeting(
        agenda=[
            {"title": "Orientering", "duration": 90},
            {"title": "Sak A"},
            {"title": "Orientering", "start": "13:30", "duration": 30},
        ]
    )

    assert build_schedule(filled).warnings == []
    assert [w.kind for w in build_schedule(overlapping).warnings] == ["overlap", "gap"]


# -- 2. council meetings --------------------------------------------------------------------------

COUNCIL = {
    "slug": "formannskapet-2015-06-11",
    "kind": "council_meeting",
    "title": "Møte i formannskapet",
    "body": "Formannskapet",
    "start": "2015-06-11",
    "starts_after": "etter møtet i administrasjonsutvalget",
    "case_prefix": "PS",
    "end": None,
    "absence": {
        "to": {"name": "Politisk sekretariat", "phone": "+47 51 00 00 00"},
        "how": "snarest, slik at varamedlem kan innkalles",
    },
    "people": [
        {"id": "ordforer", "name": "Kari Ordfører", "title": "ordfører"},
        {"id": "sekretaer", "name": "Ola Sekretær", "title": "utvalgssekretær"},
        {"id": "hansen", "name": "Liv Hansen", "title": "rådgiver"},
    ],
    "signed_by": ["ordforer", "sekretaer"],
    "agenda": [
        {"kind": "briefing", "title": "Orientering om bosetting", "start": "09:00", "duration": 30},
        {"kind": "case", "title": "Godkjenning av protokoll", "case": {"number": "75/15"}},
        {
            "kind": "case",
            "title": "Bosetting av flyktninger 2016",
            "case": {
                "number": "76/15",
                "archive": "15/00456",
                "officer": "hansen",
                "recommended_by": "Rådmannens innstilling",
                "recommendation": "Kommunen bosetter 30 flyktninger i 2016.",
            },
            "links": [{"title": "Saksframlegg", "url": "https://example.no/76-15.pdf"}],
        },
    ],
}


def council(**changes) -> Meeting:
    return meeting(**{**COUNCIL, **changes})


def test_a_case_list_numbers_cases_by_their_case_numbers_and_gives_them_no_time():
    assert rows(council()) == [
        ("", "09.00–09.30", "Orientering om bosetting"),
        ("PS 75/15", "", "Godkjenning av protokoll"),
        ("PS 76/15", "", "Bosetting av flyktninger 2016"),
    ]
    assert rows(council(case_prefix=None))[1][0] == "Sak 75/15"
    assert rows(council(case_prefix=None), "sv")[1][0] == "Ärende 75/15"


def test_a_meeting_notice_says_when_where_who_to_tell_and_who_signs():
    text = printed(council())

    assert "\nUtvalg: Formannskapet\n" in text
    assert "\nTid: torsdag 11. juni 2015, etter møtet i administrasjonsutvalget\n" in text
    assert "\nForfall meldes til: Politisk sekretariat, +47 51 00 00 00 – snarest, slik" in text
    assert "Saksliste" in text
    assert "Arkivsak 15/00456 · Saksbehandler: Liv Hansen, rådgiver" in text
    assert "Rådmannens innstilling:\n" in text
    assert "  Kommunen bosetter 30 flyktninger i 2016.\n" in text
    assert "Vedlegg: Saksframlegg (https://example.no/76-15.pdf)" in text
    assert "\nUnderskrift: Kari Ordfører, ordfører; Ola Sekretær, utvalgssekretær\n" in text


def test_a_start_without_a_time_must_say_what_the_meeting_follows():
    found = problems(meeting_data(**{**COUNCIL, "starts_after": None}))
    assert list(found) == ["start"]


def test_a_case_officer_must_be_a_person_of_the_meeting():
    agenda = [{"title": "Sak", "case": {"number": "1/15", "officer": "nobody"}}]
    found = problems(meeting_data(**{**COUNCIL, "agenda": agenda}))
    assert found["agenda[0].case.officer"].startswith("unknown person 'nobody'")


def test_an_open_end_gives_no_overrun_and_the_time_line_shows_the_start_alone():
    subject = meeting(end=None, agenda=[{"title": "Lang sak", "duration": 600}])
    assert build_schedule(subject).warnings == []
    assert "\nTid: fredag 26. august 2016 kl. 12.30\n" in printed(subject)


# -- 3. people and their parts --------------------------------------------------------------------

PEOPLE = {
    "organisations": [
        {"id": "lin", "name": "Likestilling, inkludering og mangfold", "short_name": "LIN"},
        {"id": "imdi", "name": {"nb": "Integrerings- og mangfoldsdirektoratet", "en": "IMDi"}},
    ],
    "people": [
        {"id": "musavi", "name": "Rabia Musavi", "title": "daglig leder", "organisation": "lin"},
        {"id": "moe", "name": "Per Moe", "title": {"nb": "rådgiver", "en": "adviser"}},
        {"id": "berg", "name": "Eva Berg", "organisation": "Oslo kommune"},
        {"id": "lie", "name": "Ali Lie"},
    ],
}


def test_a_person_prints_with_title_and_organisation_and_an_organisation_may_speak():
    agenda = [
        {
            "kind": "panel",
            "title": "Panelsamtale",
            "duration": 60,
            "moderators": ["moe", "berg"],
            "panellists": ["musavi", "imdi", "berg", {"who": "lie", "role": "ungdomsrådet"}],
        }
    ]
    text = flowing(printed(meeting(agenda=agenda, **PEOPLE)))

    assert "Ordstyrere: Per Moe, rådgiver; Eva Berg, Oslo kommune" in text
    assert (
        "Paneldeltakere: Rabia Musavi, daglig leder, LIN; Integrerings- og mangfoldsdirektoratet;"
        in text
    )
    assert "Ali Lie (ungdomsrådet)" in text


def test_one_person_in_a_part_takes_the_singular():
    agenda = [{"title": "Innledning", "duration": 10, "speakers": ["musavi"], "hosts": ["moe"]}]
    text = printed(meeting(agenda=agenda, **PEOPLE), "en")
    assert "Speaker: Rabia Musavi, daglig leder, LIN" in text
    assert "Host: Per Moe, adviser" in text


def test_the_meeting_names_its_host_for_the_day_and_its_chairs():
    agenda = [{"title": "Velkommen", "duration": 10}]
    subject = meeting(day_hosts=["moe"], chairs=["musavi", "imdi"], agenda=agenda, **PEOPLE)
    text = printed(subject)
    assert "\nKonferansier: Per Moe, rådgiver\n" in text
    assert "\nMøteledere: Rabia Musavi, daglig leder, LIN; Integrerings" in text


def test_a_file_from_the_previous_version_with_person_and_moderator_still_reads():
    agenda = [
        {
            "title": "Samtale",
            "duration": 30,
            "speakers": [{"person": "musavi", "role": "innleder"}],
            "moderator": {"person": "moe"},
        }
    ]
    item = meeting(agenda=agenda, **PEOPLE).agenda[0]
    assert [(p.who, str(p.role)) for p in item.speakers] == [("musavi", "innleder")]
    assert [p.who for p in item.moderators] == ["moe"]


@pytest.mark.parametrize(
    "speakers",
    [[["musavi"]], [5], [{"who": 5}], [{"whom": "musavi"}], 5, [None]],
    ids=["a list", "a number", "a numeric key", "a misspelt field", "not a list", "nothing"],
)
def test_a_malformed_part_is_named_in_the_files_terms_never_by_a_type_name(speakers, tmp_path):
    from planner.errors import InvalidInput
    from planner.meeting_files import read_meeting_file

    data = {**meeting_data(**PEOPLE), "agenda": [{"title": "A", "duration": 5}]}
    data["agenda"][0]["speakers"] = speakers
    import yaml

    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(InvalidInput) as caught:
        read_meeting_file(path)

    message = str(caught.value)
    assert "agenda[0].speakers" in message
    for internal in ("Participation", "AgendaItem", "function-", "instance of", "model_"):
        assert internal not in message


# -- 4. languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "is", "se", "fo", "kl"])
def test_every_nordic_language_can_carry_the_texts(language):
    title = {language: "Otsikko", "en": "Title"}
    venue = {"name": {language: "Sali", "en": "Hall"}, "room": {language: "Huone", "en": "Room"}}
    subject = meeting(language=language, title=title, venue=venue)
    assert subject.text(subject.title, language) == "Otsikko"


def test_printing_in_a_language_some_texts_lack_says_which_once():
    subject = meeting(
        title={"nb": "Dialogmøte", "sv": "Dialogmöte"},
        agenda=[
            {"title": {"nb": "Velkommen", "sv": "Välkommen"}, "duration": 10},
            {"title": "Rundebordsdialog", "duration": 200},
        ],
    )

    text = printed(subject, "sv")

    assert "Välkommen" in text and "Rundebordsdialog" in text
    assert text.count("visas på norskt bokmål") == 1
    assert (
        text.rstrip().endswith(
            "1 texter finns inte på svenska och visas på norskt bokmål: agenda[1].title"
        )
        or "agenda[1].title" in text.splitlines()[-1]
    )
    assert "visas på" not in printed(subject, "nb")


# -- 5. around the programme ----------------------------------------------------------------

EVENTS = [
    {
        "id": "middag",
        "kind": "dinner",
        "title": {"nb": "Konferansemiddag", "en": "Conference dinner"},
        "start": "2016-08-26 19:00",
        "end": "2016-08-26 22:00",
        "venue": {"name": "Grand Hotel"},
        "capacity": 80,
    },
    {
        "kind": "study_visit",
        "title": "Studiebesøk i Groruddalen",
        "start": "2016-08-27 09:00",
    },
]


def test_events_outside_the_programme_are_printed_after_it_and_never_warned_about():
    subject = meeting(events=EVENTS)

    assert build_schedule(subject).warnings == []
    text = printed(subject)
    assert "\nUtenom programmet\n" in text
    assert "fredag 26. august 2016 19.00–22.00  Konferansemiddag (Grand Hotel; Plasser: 80)" in text
    assert "lørdag 27. august 2016 09.00  Studiebesøk i Groruddalen (KS-huset)" in text


def test_an_event_ending_before_it_starts_is_refused_at_its_end():
    events = [{**EVENTS[0], "end": "2016-08-26 18:00"}]
    assert list(problems(meeting_data(events=events))) == ["events[0].end"]


def test_a_session_shows_its_room_online_link_and_places():
    agenda = [
        {
            "title": "Verksted",
            "duration": 60,
            "room": {"nb": "Møterom 2", "en": "Meeting room 2"},
            "online_url": "https://teams.example.com/verksted",
            "capacity": 25,
        }
    ]
    text = printed(meeting(agenda=agenda), "en")
    assert "Meeting room 2 · Places: 25" in text
    assert "Join online: https://teams.example.com/verksted" in text


@pytest.mark.parametrize(
    ("mode", "says"),
    [("online", "\nDigitalt møte: "), ("hybrid", "\nHybridmøte – fysisk og digitalt: ")],
)
def test_an_online_or_hybrid_meeting_says_so(mode, says):
    subject = meeting(mode=mode, online_url="https://teams.example.com/m")
    text = printed(subject)
    assert says in text and "https://teams.example.com/m" in text


def test_an_online_meeting_needs_no_venue_but_one_in_the_room_does():
    data = meeting_data(mode="online")
    del data["venue"]
    assert Meeting.model_validate(data).venue is None
    del data["mode"]
    assert list(problems(data)) == ["venue"]


def test_registrations_may_choose_an_event():
    data = meeting_data(
        events=EVENTS,
        registrations=[
            {
                "person": {"name": "Kari"},
                "submitted_at": "2016-08-01 10:00",
                "answers": {"workshops": ["middag"]},
            }
        ],
    )
    assert MeetingFile.model_validate(data).registrations[0].answers.workshops == ["middag"]


# -- 6. one language throughout ------------------------------------------------------------------

ENGLISH_WORDS = ["Time:", "Venue:", "Programme", "No warnings", "Warnings", "Speaker", "Day "]


def test_a_norwegian_printout_has_no_english_words_and_warns_in_its_clock_style():
    subject = meeting(
        end="2016-08-27 16:00",
        agenda=[
            {"title": "Velkommen", "duration": 10, "speakers": ["sanner"]},
            {"title": "Rundebordsdialog", "duration": 100},
            {"title": "Oppsummering", "start": "14:00", "duration": 30},
            {"title": "Dag to", "day": 2, "start": "09:00", "duration": 60},
        ],
    )

    text = printed(subject, "nb")

    for word in ENGLISH_WORDS:
        assert word not in text, word
    assert "Dag 2: lørdag 27. august 2016" in text
    assert "20 min før punkt 2 «Rundebordsdialog» slutter (14.20)" in flowing(text)
    assert "14:20" not in text


# -- 7. the schema describes the new fields --------------------------------------------------


def test_the_published_schema_describes_every_new_field():
    from planner.meeting_files import meeting_json_schema

    schema = meeting_json_schema()
    meeting_fields = schema["properties"]
    for field in ("body", "starts_after", "mode", "online_url", "day_hosts", "absence",
                  "signed_by", "case_prefix", "events"):  # fmt: skip
        assert field in meeting_fields, field
    item_fields = schema["$defs"]["AgendaItem"]["properties"]
    for field in ("hosts", "chairs", "moderators", "panellists", "respondents", "rapporteurs",
                  "case", "links", "online_url", "capacity"):  # fmt: skip
        assert field in item_fields, field
    assert "council_meeting" in schema["$defs"]["MeetingKind"]["enum"]


# -- 6. what published programmes print that the first version dropped --------------------------


def test_an_organiser_without_an_email_address_is_accepted():
    subject = meeting(organiser={"name": "Arbeids- og inkluderingsdepartementet"})

    assert subject.organiser.email is None


def test_case_numbers_print_in_the_bodys_own_form():
    finnish = council(case_prefix=None, case_format="{number} §")
    danish = council(case_prefix=None, case_format="Punkt {number}")

    assert rows(finnish)[1][0] == "75/15 §"
    assert rows(danish)[2][0] == "Punkt 76/15"


@pytest.mark.parametrize("written", ["§", "{number} {number}", "{nummer} §", "{number} {x}"])
def test_a_case_format_without_exactly_one_number_is_refused(written):
    found = problems({**meeting_data(), **COUNCIL, "case_prefix": None, "case_format": written})

    assert "{number}" in found["case_format"]


def test_a_case_prefix_and_a_case_format_together_are_refused():
    found = problems({**meeting_data(), **COUNCIL, "case_format": "{number} §"})

    assert "not both" in found["case_format"]


def test_what_a_timed_meeting_follows_is_printed_and_no_gap_is_warned_before_it():
    subject = council(
        start="2014-12-04 09:30",
        starts_after="etter møte i partssammensatt utvalg",
        agenda=[{"kind": "briefing", "title": "Orientering", "start": "10:15", "duration": 30}],
    )

    assert "kl. 09.30, etter møte i partssammensatt utvalg" in flowing(printed(subject))
    assert build_schedule(subject).warnings == []


def test_a_notice_keeps_where_and_when_it_was_signed():
    subject = council(signed={"place": "Hov", "date": "2014-10-30"})

    assert subject.signed is not None
    assert (subject.text(subject.signed.place), subject.signed.date.isoformat()) == (
        "Hov",
        "2014-10-30",
    )
    assert (
        "date"
        in problems({**meeting_data(), **COUNCIL, "signed": {"date": "30.10.2014"}})["signed.date"]
    )


def test_a_person_is_named_by_the_title_of_their_part_and_speakers_by_what_they_give():
    subject = meeting(
        people=[
            {"id": "melby", "name": "Guri Melby", "title": "kunnskaps- og integreringsminister"},
            {"id": "store", "name": "Jonas Gahr Støre", "title": "statsminister"},
        ],
        agenda=[
            {"kind": "keynote", "title": "Åpning", "duration": 15,
             "speakers": [{"who": "store", "gives": "speech"}]},
            {"kind": "panel", "title": "Panel", "duration": 45,
             "panellists": [{"who": "melby", "title": "statsråd"}]},
            {"kind": "welcome", "title": "Velkommen", "duration": 5, "speakers": ["melby"]},
        ],
    )  # fmt: skip

    text = flowing(printed(subject))
    assert "Tale ved Jonas Gahr Støre, statsminister" in text
    assert "Paneldeltaker: Guri Melby, statsråd" in text
    assert "Hilsen fra Guri Melby, kunnskaps- og integreringsminister" in text
    assert "Speech by Jonas Gahr Støre" in flowing(printed(subject, "en"))


def test_the_schema_accepts_every_sample_and_test_programme_with_the_new_fields():
    import jsonschema

    from planner.meeting_files import meeting_json_schema
    from planner.resources import sample_meeting_files
    from planner.yaml_safety import load_yaml

    schema = meeting_json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    programmes = Path(__file__).parents[1] / "data" / "programmes"
    for path in [*sample_meeting_files(), *programmes.glob("*.yaml")]:
        data = load_yaml(path.read_text(encoding="utf-8"), path.name).data
        errors = [error.message for error in validator.iter_errors(data)]
        assert not errors, (path.name, errors[:3])
    assert {"case_format", "signed"} <= set(schema["properties"])
    assert "email" not in schema["$defs"]["Organiser"].get("required", [])
    assert {"title", "gives"} <= set(schema["$defs"]["Participation"]["anyOf"][1]["properties"])
