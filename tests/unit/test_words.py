"""The one catalogue of sentences: said in the reader's language, with plural forms, and a
missing translation that shows in tests instead of hiding behind English."""

from __future__ import annotations

import pytest

from planner.errors import InvalidInput, Problem
from planner.words import STRICT_ENV, Words, say, set_language, speaking


@pytest.fixture(autouse=True)
def english_by_default():
    set_language("en")
    yield
    set_language("en")


def problems(count: int) -> InvalidInput:
    return InvalidInput([Problem("møte.yaml", f"problem {n}", n + 1) for n in range(count)])


def test_a_count_picks_the_plural_form_of_the_language():
    assert say("problems.count", "en", count=1) == "1 problem"
    assert say("problems.count", "en", count=2) == "2 problems"
    assert say("problems.count", "fi", count=1) == "1 ongelma"
    assert say("problems.count", "fi", count=5) == "5 ongelmaa"


def test_an_error_is_said_in_the_language_of_whoever_reads_it():
    error = problems(25)

    assert str(error).startswith("25 problems:\n  møte.yaml:1: problem 0")
    assert str(error).endswith("… and 5 more")
    with speaking("sv"):
        assert str(error).startswith("25 problem:\n")
        assert str(error).endswith("… och 5 till")
    assert error.in_language("nb").startswith("25 problemer:")
    set_language("da")
    assert str(error).endswith("… og 5 mere")


def test_words_waiting_to_be_said_follow_the_language_they_are_said_in():
    waiting = Words("problems.and_more", count=3)

    assert waiting.in_language("is") == "… og 3 til viðbótar"
    with speaking("nn"):
        assert str(waiting) == "… og 3 til"


def test_a_label_missing_in_tests_shows_its_key_instead_of_english(monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")
    assert say("problems.no_such_label", "sv") == "⟦problems.no_such_label:sv⟧"
    assert say("problems.count", "se", count=2) == "⟦problems.count:se⟧"
    assert say("problems.count", "se", fallbacks=["nb"], count=2) == "2 problemer"


def test_outside_tests_a_missing_language_falls_back_to_english(monkeypatch):
    monkeypatch.delenv(STRICT_ENV)
    assert say("problems.count", "se", count=2) == "2 problems"


def test_a_value_is_filled_in_as_text_never_as_a_template():
    text = say("problems.and_more", "en", count="{count.__class__}")
    assert text == "… and {count.__class__} more"


def test_lists_and_numbers_are_written_the_way_the_language_writes_them():
    from planner.words import Listed, Number

    assert Listed(["a", "b", "c"]).in_language("en") == "a, b and c"
    assert Listed(["a", "b", "c"]).in_language("sv") == "a, b och c"
    assert Listed(["a", "b"], style="or").in_language("fi") == "a tai b"
    assert Number(1_000_000).in_language("en") == "1,000,000"
    assert Number(1_000_000).in_language("da") == "1.000.000"
    said = say("model_agenda.capacity", "nb", most=Number(1_000_000), value="0")
    assert said == "skriv antall plasser, fra 1 til 1\xa0000\xa0000 (oppgitt: 0)"


def test_a_rule_raises_its_words_and_whoever_catches_them_can_say_them_again():
    from planner.model.text import clean_line
    from planner.words import unsaid

    with pytest.raises(ValueError) as raised:
        clean_line("\u200b")
    assert str(raised.value) == "must not be empty"
    assert unsaid(raised.value).in_language("nn") == "må fyllast ut"
    assert unsaid(ValueError("plain")) == "plain"
