"""The sample meetings in agendas/ say what the articles they come from say, and use the
features of published programmes the way a secretariat would; the fixture programmes in
tests/data/programmes/ (reconstructions of the government's national integration
conferences of 2021 and 2022) print the way those programmes were published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.dates import get_day_names

from planner.agenda.schedule import build_schedule
from planner.agenda.sheet import after_programme, agenda_rows, header_facts, sheet_text
from planner.agenda.wording import Wording
from planner.meeting_files import load_meeting_file, read_meeting_file
from planner.model import walk_agenda
from planner.registrations.checks import registration_warnings
from planner.resources import sample_meeting_files
from planner.yaml_safety import StrictLoader

SAMPLES = {path.stem: path for path in sample_meeting_files()}
PROGRAMMES = Path(__file__).parents[1] / "data" / "programmes"
PROGRAMME_FILES = sorted(PROGRAMMES.glob("*.yaml"))
WIDE = 1000
"""A printout width at which no line wraps, so a test can look for a whole line."""


def sample(prefix: str):
    [path] = [p for stem, p in SAMPLES.items() if stem.startswith(prefix)]
    return read_meeting_file(path)


def programme(year: int):
    [path] = [p for p in PROGRAMME_FILES if p.stem.endswith(str(year))]
    return read_meeting_file(path)


def header(path: Path) -> str:
    """The comment at the top of a meeting file, as one line of text."""
    lines = path.read_text(encoding="utf-8").split("\nslug:")[0].splitlines()
    return " ".join(" ".join(line.lstrip("#").strip() for line in lines).split())


def printed(meeting, language: str | None = None) -> str:
    """The whole printout, as `planner show` prints it, with no line wrapped."""
    return sheet_text(build_schedule(meeting), Wording(meeting, language), width=WIDE)


def rows(meeting, language: str | None = None):
    return agenda_rows(build_schedule(meeting), Wording(meeting, language))


def row(meeting, title: str, language: str | None = None):
    [found] = [r for r in rows(meeting, language) if r.title == title]
    return found


@pytest.fixture(params=[*SAMPLES.values(), *PROGRAMME_FILES], ids=lambda path: path.stem)
def meeting_file(request):
    """Each sample in agendas/ and each fixture programme in tests/data/programmes/."""
    return request.param


# -- every file ----------------------------------------------------------------------------


def test_each_file_is_named_after_its_meetings_slug(meeting_file):
    assert read_meeting_file(meeting_file).slug == meeting_file.stem


def test_every_sample_is_valid_and_its_schedule_fits(meeting_file):
    assert build_schedule(read_meeting_file(meeting_file)).warnings == []


def test_no_value_in_a_file_is_cut_short_and_no_registration_needs_a_look(meeting_file):
    loaded = load_meeting_file(meeting_file)
    assert loaded.warnings == []
    assert registration_warnings(loaded.meeting) == []


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_no_weekday_is_typed_they_are_computed(meeting_file):
    weekdays = {
        name.lower()
        for locale in ("nb", "nn", "sv", "da", "en")
        for name in get_day_names("wide", locale=locale).values()
    }
    data = yaml.load(meeting_file.read_text(encoding="utf-8"), Loader=StrictLoader)
    typed = {
        word
        for text in _strings(data)
        for word in text.lower().replace(",", " ").split()
        if word in weekdays
    }
    assert typed == set()


def test_no_file_points_to_source_articles_a_users_clone_does_not_have(meeting_file):
    text = meeting_file.read_text(encoding="utf-8")
    assert "seeds/" not in text
    assert "designnotat" not in text.lower()


def test_each_file_says_in_its_header_what_is_invented(meeting_file):
    said = header(meeting_file).lower()
    assert any(word in said for word in ("oppfunne", "påhitta", "invented"))


def test_there_are_four_samples_and_one_is_a_municipal_meeting_notice():
    assert len(SAMPLES) == 4
    councils = [stem for stem in SAMPLES if stem.startswith("formannskapet-")]
    assert len(councils) == 1
    assert read_meeting_file(SAMPLES[councils[0]]).kind == "council_meeting"


# -- the KS summit, 2016 -------------------------------------------------------------------


def test_the_ks_summit_has_the_ministers_the_chairs_and_the_14_municipalities():
    meeting = sample("ks-")
    assert meeting.kind == "dialogue_meeting"
    assert meeting.start.date() == date(2016, 8, 26) and meeting.start.strftime("%A") == "Friday"
    people = {p.name: meeting.text(p.title) for p in meeting.people}
    assert people["Jan Tore Sanner"] == "kommunal- og moderniseringsminister"
    assert people["Sylvi Listhaug"] == "innvandrings- og integreringsminister"
    assert people["Anniken Hauglie"] == "arbeids- og sosialminister"
    assert people["Torbjørn Røe Isaksen"] == "kunnskapsminister"
    assert people["Solveig Horne"] == "barne- og likestillingsminister"
    chairs = {meeting.person(chair.who).name for chair in meeting.chairs}
    assert chairs == {"Jan Tore Sanner", "Gunn Marit Helgesen"}
    municipalities = {meeting.text(meeting.organisation(key).name) for key in meeting.delegations}
    named_in_article = [
        "Oslo", "Bergen", "Trondheim", "Stavanger", "Bærum", "Kristiansand", "Fredrikstad",
        "Tromsø", "Drammen", "Bodø", "Ålesund", "Arendal", "Sandnes", "Skien",
    ]  # fmt: skip
    assert len(municipalities) == 14
    for town in named_in_article:
        assert any(town in name for name in municipalities), town


def test_the_ks_ministers_print_with_their_ministrys_short_name_under_what_they_give():
    meeting = sample("ks-")
    text = printed(meeting, "nb")
    for line in (
        "Innledning ved Jan Tore Sanner, kommunal- og moderniseringsminister, KMD",
        "Innledning ved Sylvi Listhaug, innvandrings- og integreringsminister, JD",
        "Innledning ved Anniken Hauglie, arbeids- og sosialminister, ASD",
        "Innledning ved Torbjørn Røe Isaksen, kunnskapsminister, KD",
        "Innledning ved Solveig Horne, barne- og likestillingsminister, BLD",
    ):
        assert line in text, line
    english = " ".join(printed(meeting, "en").split())
    assert (
        "Introduction by Jan Tore Sanner, Minister of Local Government and Modernisation, KMD"
        in (english)
    )


def test_the_ks_chairs_print_once_with_ks_and_not_ks_twice():
    meeting = sample("ks-")
    text = printed(meeting, "nb")
    chairs = (
        "Møteledere: Jan Tore Sanner, kommunal- og moderniseringsminister, KMD; "
        "Gunn Marit Helgesen, leder, KS"
    )
    assert chairs in text
    assert "KS, KS" not in text and "i KS" not in text
    gundersen = next(p for p in meeting.people if p.name == "Mette Gundersen")
    assert Wording(meeting).who(gundersen.id) == "Mette Gundersen, 1. nestleder, KS"


def test_the_ks_items_the_chairs_lead_name_them_as_chairs_not_as_speakers():
    meeting = sample("ks-")
    items = [item for _, item in walk_agenda(meeting.agenda)]
    roles = [meeting.text(p.role) for item in items for p in item.speakers if p.role]
    assert "møteleder" not in roles
    led = [item for item in items if item.chairs]
    assert {meeting.text(item.title) for item in led} >= {"Velkommen", "Oppsummering"}
    for item in led:
        assert [chair.who for chair in item.chairs] == ["sanner", "helgesen"]


def test_each_minister_introduces_their_own_item_as_speaker():
    meeting = sample("ks-")
    [introductions] = [
        item for item in meeting.agenda if item.items and item.kind == "introduction"
    ]
    speakers = [[p.who for p in item.speakers] for item in introductions.items]
    assert speakers == [["sanner"], ["listhaug"], ["hauglie"], ["roe-isaksen"], ["horne"]]
    ministries = {meeting.person(key[0]).organisation for key in speakers}
    assert ministries == {"kmd", "jd", "asd", "kd", "bld"}
    for key in ministries:
        assert meeting.organisation(key).kind == "ministry"


# -- the Nordic conference, 2018 -----------------------------------------------------------


def test_the_nordic_conference_puts_the_four_questions_on_the_menu():
    meeting = sample("nordisk-")
    assert meeting.start.date() == date(2018, 11, 20)
    assert meeting.timezone == "Europe/Copenhagen" and meeting.venue.city.startswith("København")
    assert meeting.status == "published" and meeting.registration_opens is not None
    items = [item for _, item in walk_agenda(meeting.agenda)]
    questions = [meeting.text(q.text, "sv") for item in items for q in item.questions]
    for opening in (
        "Vilka är de övergripande politiska utmaningarna",
        "Vilka utbildnings- och arbetsinriktade åtgärder",
        "Lyckas Norden upprätthålla en stark välfärdsstat",
        "Har vi de data och siffror som behövs",
    ):
        assert any(q.startswith(opening) for q in questions), opening
    titles = " ".join(meeting.text(item.title, "en") for item in items)
    assert "Nordic comparative measures on migration and integration" in titles


def test_the_nordic_conference_names_no_real_person_but_hoybraten_and_says_who_is_invented():
    path = SAMPLES["nordisk-integrasjonskonferanse-2018"]
    meeting = read_meeting_file(path)
    others = [p.name for p in meeting.people if p.name != "Dagfinn Høybråten"]
    assert others == ["Eva Exempeldotter"]
    assert "Eva Exempeldotter (en påhittad person)" in header(path)
    assert [host.who for host in meeting.day_hosts] == ["konferencier"]
    assert "Konferencier: Eva Exempeldotter" in printed(meeting, "sv")
    assert "Host: Eva Exempeldotter" in printed(meeting, "en")


def test_the_nordic_panels_are_made_of_organisations_the_five_ministries_in_the_first():
    meeting = sample("nordisk-")
    panels = [item for _, item in walk_agenda(meeting.agenda) if item.kind == "panel"]
    assert len(panels) == 2
    people = {p.id for p in meeting.people}
    for panel in panels:
        assert panel.panellists
        for part in (*panel.panellists, *panel.moderators):
            assert part.who not in people and meeting.organisation(part.who) is not None
    ministries = [meeting.organisation(p.who) for p in panels[0].panellists]
    assert all(ministry.kind == "ministry" for ministry in ministries)
    assert [ministry.country for ministry in ministries] == ["DK", "FI", "IS", "NO", "SE"]
    for ministry in ministries:
        assert set(ministry.name.languages) >= {"sv", "en", "da", "nb"}
    text = printed(meeting, "en")
    assert "Moderator: Nordic Council of Ministers" in text
    assert "Panellists: Ministry of Immigration and Integration (Denmark); " in text


def test_the_nordic_dinner_has_places_and_registrations_choose_it():
    meeting = sample("nordisk-")
    [dinner] = meeting.events
    assert dinner.kind == "dinner" and dinner.capacity == 120
    chose = [r for r in meeting.registrations if dinner.id in r.answers.workshops]
    assert len(chose) >= 3
    listed = [line.strip() for line in after_programme(meeting, Wording(meeting, "sv"))]
    assert (
        "tisdag 20 november 2018 18:30–21:30  Konferensmiddag (Eigtveds Pakhus; Platser: 120)"
        in listed
    )


def test_the_nordic_tracks_have_places_that_add_up_to_the_conference():
    meeting = sample("nordisk-")
    [tracks] = [item for item in meeting.agenda if item.parallel]
    places = [track.capacity for track in tracks.items]
    assert all(places) and sum(places) == meeting.capacity
    assert "Platser: 130" in printed(meeting, "sv")


def test_the_nordic_conference_prints_in_norwegian_without_falling_back_to_swedish():
    meeting = sample("nordisk-")
    wording = Wording(meeting, "nb")
    sheet_text(build_schedule(meeting), wording, width=WIDE)
    assert wording.missing == {}


# -- the input meeting on the white paper, 2023 --------------------------------------------


def test_the_white_paper_meeting_names_who_introduces_each_example_by_organisation():
    meeting = sample("innspillsmote-")
    [examples] = [
        item
        for item in meeting.agenda
        if meeting.text(item.title).startswith("Hverdagsintegrering i praksis")
    ]
    speakers = [p.who for item in examples.items for p in item.speakers]
    assert speakers == [
        "rogaland-fk",
        "bygdekvinnelaget-frogn",
        "tusmo",
        "kultur-og-tradisjon-vaga",
        "trondheim",
    ]
    text = printed(meeting, "nb")
    assert "Hilsen fra Marte Mjøs Persen, arbeids- og inkluderingsminister, AID" in text
    assert "Innledning ved Lisbeth Fransplass Røren, underdirektør, IMDi" in text
    assert "Innledning ved Tusmo Association" in text


def test_the_white_paper_groups_each_have_a_rapporteur_from_the_ministry():
    meeting = sample("innspillsmote-")
    [groups] = [item for item in meeting.agenda if item.parallel]
    assert [[p.who for p in group.rapporteurs] for group in groups.items] == [["aid"]] * 4


# -- the municipal meeting notice ----------------------------------------------------------


def test_the_council_notice_says_which_body_meets_after_what_and_has_an_open_end():
    meeting = sample("formannskapet-")
    assert meeting.kind == "council_meeting" and meeting.end is None
    assert meeting.start_time is None and meeting.start_date == date(2015, 11, 26)
    facts = dict(header_facts(meeting, Wording(meeting, "nb")))
    assert facts["Utvalg"] == "Formannskapet"
    assert facts["Tid"].startswith(
        "torsdag 26. november 2015, etter møtet i administrasjonsutvalget"
    )
    assert facts["Sted"].startswith("Fjordvik rådhus, Formannskapssalen")
    assert facts["Møteleder"] == "Ola Nordmann, ordfører"


def test_the_council_notice_says_whom_to_report_absence_to_so_a_substitute_can_be_called():
    meeting = sample("formannskapet-")
    facts = dict(header_facts(meeting, Wording(meeting, "nb")))
    absence = facts["Forfall meldes til"]
    assert absence.startswith("Kari Nordmann, politisk.sekretariat@fjordvik.kommune.example")
    assert "slik at varamedlem kan innkalles" in absence


def test_the_council_cases_print_as_ps_numbers_with_no_clock_time():
    meeting = sample("formannskapet-")
    cases = [r for r in rows(meeting, "nb") if r.entry.item.case is not None]
    assert [r.number for r in cases] == ["PS 75/15", "PS 76/15", "PS 77/15", "PS 78/15"]
    assert all(r.time == "" and r.minutes == "" for r in cases)
    titles = [r.title for r in cases]
    assert titles[0].startswith("Godkjenning av protokoll") and titles[1] == "Referatsaker"
    assert "Bosetting av flyktninger 2016" in titles
    assert "Budsjett for introduksjonsprogrammet 2016" in titles
    heading = [line for line in printed(meeting, "nb").splitlines() if line.startswith("Nr.")]
    assert [line.split()[-1] for line in heading] == ["Saksliste"]


def test_a_case_list_without_a_prefix_numbers_its_cases_sak():
    meeting = sample("formannskapet-").model_copy(update={"case_prefix": None})
    numbers = [r.number for r in rows(meeting, "nb") if r.entry.item.case is not None]
    assert numbers == ["Sak 75/15", "Sak 76/15", "Sak 77/15", "Sak 78/15"]


def test_each_council_case_gives_its_archive_reference_officer_recommendation_and_papers():
    meeting = sample("formannskapet-")
    bosetting = row(meeting, "Bosetting av flyktninger 2016", "nb")
    assert bosetting.details[0] == (
        "Arkivsak 15/01234 · Saksbehandler: Jonas Eksempel, leder for flyktningtjenesten"
    )
    assert bosetting.details[1] == "Rådmannens innstilling:"
    assert bosetting.details[2].startswith(
        "  1. Fjordvik kommune vedtar å bosette 30 flyktninger i 2016"
    )
    assert [line[:4] for line in bosetting.details[2:5]] == ["  1.", "  2.", "  3."]
    papers = bosetting.details[bosetting.details.index("Vedlegg:") + 1 :]
    assert len(papers) == 2 and all(line.startswith("– ") and "https://" in line for line in papers)
    for case in (i for i in meeting.agenda if i.case is not None):
        assert case.case.archive and case.case.officer and case.case.recommendation, case.title


def test_the_council_briefings_come_first_at_their_fixed_times():
    meeting = sample("formannskapet-")
    listed = rows(meeting, "nb")
    briefings = [r for r in listed if r.entry.item.kind == "briefing"]
    assert [r.time for r in briefings] == ["10.00–10.20", "10.20–10.40"]
    assert listed[:2] == briefings
    assert [r.number for r in briefings] == ["", ""]


def test_the_council_notice_is_signed_by_the_mayor_and_the_committee_secretary():
    meeting = sample("formannskapet-")
    assert after_programme(meeting, Wording(meeting, "nb"))[-1] == (
        "Underskrift: Ola Nordmann, ordfører; Kari Nordmann, utvalgssekretær"
    )
    assert after_programme(meeting, Wording(meeting, "en"))[-1] == (
        "Signed: Ola Nordmann, mayor; Kari Nordmann, committee secretary"
    )


def test_the_council_notice_says_its_municipality_and_people_are_invented():
    path = next(p for stem, p in SAMPLES.items() if stem.startswith("formannskapet-"))
    assert "Alt er oppfunnet: Fjordvik kommune finnes ikke" in header(path)


# -- the national integration conference, 2022 (fixture) -----------------------------------


def test_the_2022_talks_print_with_no_invented_times_under_their_timed_block():
    meeting = programme(2022)
    listed = rows(meeting)
    block = next(r for r in listed if r.title == "Plenum 1: Arbeidsliv og integrering")
    assert (block.number, block.time, block.minutes) == ("2", "10.10–11.00", "50")
    talks = [r for r in listed if r.entry.path[:1] == block.entry.path and r.depth == 1]
    assert [r.number for r in talks] == ["2.1", "2.2", "2.3"]
    assert all(r.time == "" and r.minutes == "" for r in talks)
    assert talks[0].people == ["Innlegg ved Rabia Musavi, daglig leder, LIN"]
    after = listed[listed.index(talks[-1]) + 1]
    assert (after.title, after.time) == ("Pause", "11.00–11.15")


def test_the_2022_parallel_sessions_are_led_by_ministries():
    meeting = programme(2022)
    sessions = [
        item
        for loc, item in walk_agenda(meeting.agenda)
        if len(loc) == 6 and item.kind == "dialogue"
    ]
    assert len(sessions) == 6
    for session in sessions:
        [chair] = session.chairs
        assert meeting.organisation(chair.who).kind == "ministry"
        assert session.capacity
    text = printed(meeting)
    assert "Møteleder: Kunnskapsdepartementet" in text
    assert "Ordstyrer: Integrerings- og mangfoldsdirektoratet" in text


def test_the_2022_conference_is_the_one_of_10_october_2022_in_oslo():
    meeting = programme(2022)
    assert meeting.start.date() == date(2022, 10, 10) and meeting.venue.city == "Oslo"
    assert "mandag 10. oktober 2022 kl. 09.15–16.00" in printed(meeting)


# -- the national integration conference, 2021 (fixture) -----------------------------------


def test_the_2021_conference_ends_with_a_milestone_at_17_00():
    meeting = programme(2021)
    closing = row(meeting, "Konferansen avsluttes")
    assert closing.time == "17.00"
    assert closing.entry.start == closing.entry.end
    assert closing.entry.item.duration == 0


def test_the_2021_conference_says_it_is_online_with_a_teams_link_per_session():
    meeting = programme(2021)
    assert meeting.mode == "online" and meeting.venue is None
    facts = dict(header_facts(meeting, Wording(meeting, "nb")))
    assert facts["Digitalt møte"] == str(meeting.online_url)
    sessions = [r for r in rows(meeting) if r.entry.item.kind == "dialogue"]
    assert len(sessions) == 6
    for session in sessions:
        link = str(session.entry.item.online_url)
        assert link.startswith("https://teams.microsoft.com/")
        assert f"Delta digitalt: {link}" in session.place


def test_the_2021_conference_has_a_host_for_the_day_and_panels_of_four():
    meeting = programme(2021)
    facts = dict(header_facts(meeting, Wording(meeting, "nb")))
    assert facts["Konferansier"] == "Ajfer Husejin, seniorrådgiver, KD"
    panels = [item for item in meeting.agenda if item.kind == "panel"]
    assert [len(panel.panellists) for panel in panels] == [4, 4]
    assert "Paneldeltakere: Guri Melby, kunnskaps- og integreringsminister, KD; " in printed(
        meeting
    )
