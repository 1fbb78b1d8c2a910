"""Text as it is kept and printed: nothing invisible, nothing that steers a terminal, no
endless names."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.model import MAX_LINE, MAX_NAME, MAX_PARAGRAPHS, Meeting, MeetingFile
from planner.model.problems import format_loc
from planner.model.text import clean_line, clean_paragraphs, printable
from tests.factories import meeting_data


def problems(data: dict, model=Meeting) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {
        format_loc(e["loc"]): e["msg"].removeprefix("Value error, ") for e in caught.value.errors()
    }


def with_name(name: str) -> dict:
    data = meeting_data()
    data["people"][0]["name"] = name
    return data


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("Kari \u202eNordmann", "Kari Nordmann"),  # right-to-left override
        ("Kari \u2066Nordmann\u2069", "Kari Nordmann"),  # isolates
        ("\u200fKari\u200e Nordmann\u061c", "Kari Nordmann"),  # marks
        ("\x1b[31mKari\x1b[0m Nordmann", "Kari Nordmann"),  # colours
        ("Kari\x1b[2J\x1b[H Nordmann", "Kari Nordmann"),  # clear screen
        ("\x1b]0;hacked\x07Kari Nordmann", "Kari Nordmann"),  # window title
        ("\x1b]8;;https://evil.example\x1b\\Kari Nordmann\x1b]8;;\x1b\\", "Kari Nordmann"),
        ("\x9b31mKari Nordmann", "Kari Nordmann"),  # C1 CSI
        ("Kari\x85Nordmann", "Kari Nordmann"),  # next line (C1)
        ("Kari\u2028Nordmann", "Kari Nordmann"),
        ("Kari\tNordmann", "Kari Nordmann"),
        ("Kari\r\n\r\nNordmann", "Kari Nordmann"),
        ("Ka\x00ri\x07 Nord\x7fmann", "Kari Nordmann"),
        ("\ufeffKari\u200b Nord\u00admann\u2060", "Kari Nordmann"),
        ("Kari\u180e Nordmann", "Kari Nordmann"),
        ("Kari \u200dNordmann\u200c", "Kari Nordmann"),  # joiners next to a space or the end
        ("  Kari   Nordmann  ", "Kari Nordmann"),
    ],
)
def test_a_name_keeps_only_what_a_reader_sees(written, kept):
    meeting = Meeting.model_validate(with_name(written))
    assert meeting.people[0].name == kept


def test_joiners_inside_persian_names_and_emoji_are_kept():
    persian = "مریم\u200cسادات"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_line(persian) == persian
    assert clean_line(f"Familie {family}") == f"Familie {family}"


def test_text_is_nfc_normalised():
    assert clean_line("Ba\u0308rum") == "B\u00e4rum"


def test_paragraphs_keep_their_line_breaks_and_lose_the_rest():
    text = "Første linje\r\nAndre\u2028linje\x00\n\n\u202eSiste\tlinje\x1b[0m\n"
    assert clean_paragraphs(text) == "Første linje\nAndre\nlinje\n\nSiste linje"


@pytest.mark.parametrize(
    "title", ["\u200b\u200b\u200b", "\ufeff", "\u200d", "\u3164", " \u00ad ", "\x1b[31m"]
)
def test_a_title_of_only_invisible_characters_is_empty(title):
    found = problems(meeting_data(title=title))
    assert found == {"title": "must not be empty"}


def test_an_invisible_text_in_one_language_is_named_by_language():
    found = problems(meeting_data(title={"nb": "Møte", "en": "\u200b"}))
    assert found == {"title": "the en text must not be empty"}


def test_a_name_over_the_limit_says_the_limit_and_the_length():
    found = problems(with_name("K" * 412))
    assert found == {"people[0].name": f"is too long: at most {MAX_NAME} characters (got 412)"}


def test_a_title_over_the_limit_says_the_limit_and_the_length():
    found = problems(meeting_data(title={"nb": "T" * (MAX_LINE + 112)}))
    assert found == {"title": "the nb text is too long: at most 300 characters (got 412)"}


def test_the_limit_counts_what_is_kept_not_the_invisible_padding():
    name = "K" * MAX_NAME + "\u200b" * 50
    assert Meeting.model_validate(with_name(name)).people[0].name == "K" * MAX_NAME


def test_descriptions_notes_and_room_names_have_limits_too():
    agenda = [
        {
            "title": "X",
            "duration": 10,
            "room": "R" * (MAX_LINE + 1),
            "notes": "n" * (MAX_PARAGRAPHS + 1),
        }
    ]
    found = problems(meeting_data(agenda=agenda, description="d" * (MAX_PARAGRAPHS + 1)))
    assert found == {
        "description": "is too long: at most 20,000 characters (got 20,001)",
        "agenda[0].room": "is too long: at most 300 characters (got 301)",
        "agenda[0].notes": "is too long: at most 20,000 characters (got 20,001)",
    }


def registration(**answers) -> dict:
    return meeting_data(
        registrations=[
            {
                "person": {"name": "Kari Nordmann"},
                "submitted_at": "2016-08-01 10:00",
                "answers": answers,
            }
        ]
    )


def test_the_other_answers_are_cleaned_and_bounded_in_keys_and_values():
    data = registration(other={"Allergi\u202e": "Nøtter\x1b[31m", "Q" * (MAX_LINE + 1): "x"})
    found = problems(data, MeetingFile)
    assert list(found) == [f"registrations[0].answers.other.{'Q' * (MAX_LINE + 1)}.[key]"]
    data = registration(other={"Allergi\u202e": "Nøtter\x1b[31m"})
    assert MeetingFile.model_validate(data).registrations[0].answers.other == {"Allergi": "Nøtter"}


def test_an_other_answer_that_is_too_long_is_refused_at_its_question():
    found = problems(registration(other={"Allergi": "a" * (MAX_PARAGRAPHS + 1)}), MeetingFile)
    assert found == {
        "registrations[0].answers.other.Allergi": (
            "is too long: at most 20,000 characters (got 20,001)"
        )
    }


def test_the_same_question_twice_once_cleaned_is_refused():
    found = problems(
        registration(other={"Allergi": "nøtter", "Allergi\u200b": "melk"}), MeetingFile
    )
    assert found == {"registrations[0].answers.other": "the question 'Allergi' is answered twice"}


def test_printable_removes_terminal_escapes_and_folds_lines():
    assert printable("Kari\x1b[2J\nNordmann\u202e\x07") == "Kari Nordmann"
    assert printable("\x1b]0;owned\x07ok") == "ok"


@pytest.mark.parametrize(
    "value", ["", "\u200b", "\x1b[", "\x1b]", "\ud800", "\x00" * 10, "x" * 100_000]
)
def test_printable_never_raises(value):
    assert isinstance(printable(value), str)


def test_clean_line_refuses_an_empty_line():
    with pytest.raises(ValueError, match="must not be empty"):
        clean_line("\u200b \u2060")


def test_printable_text_skips_the_cleaning_expressions_because_they_never_touch_it():
    """`_strip_invisible` returns printable text at once (NFC only): every character the
    expressions remove or replace must be one Python does not count as printable."""
    import unicodedata

    from planner.model import text

    for code in range(0x10000):
        character = chr(code)
        if not character.isprintable():
            continue
        value = f"a{character}b"
        slow = text._LOOSE_JOINER.sub("", text._DROPPED.sub("", text._LINE_BREAKS.sub(
            " ", text._ESCAPE_SEQUENCE.sub("", value)).replace("\t", " ")))  # fmt: skip
        assert unicodedata.normalize("NFC", slow) == unicodedata.normalize("NFC", value), hex(code)
