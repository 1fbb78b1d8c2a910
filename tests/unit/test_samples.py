"""The sample meetings in agendas/ say what the articles they come from say."""

from __future__ import annotations

from datetime import date

import yaml
from babel.dates import get_day_names

from planner.agenda.schedule import build_schedule
from planner.meeting_files import read_meeting_file
from planner.model import walk_agenda
from planner.resources import sample_meeting_files
from planner.yaml_safety import StrictLoader

SAMPLES = {path.stem: path for path in sample_meeting_files()}


def sample(prefix: str):
    [path] = [p for stem, p in SAMPLES.items() if stem.startswith(prefix)]
    return read_meeting_file(path)


def test_each_file_is_named_after_its_meetings_slug(sample_file):
    assert read_meeting_file(sample_file).slug == sample_file.stem


def test_every_sample_is_valid_and_its_schedule_fits(sample_file):
    assert build_schedule(read_meeting_file(sample_file)).warnings == []


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_no_weekday_is_typed_they_are_computed(sample_file):
    weekdays = {
        name.lower()
        for locale in ("nb", "nn", "sv", "da", "en")
        for name in get_day_names("wide", locale=locale).values()
    }
    data = yaml.load(sample_file.read_text(encoding="utf-8"), Loader=StrictLoader)
    typed = {
        word
        for text in _strings(data)
        for word in text.lower().replace(",", " ").split()
        if word in weekdays
    }
    assert typed == set()


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
