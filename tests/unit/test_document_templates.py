"""The one template environment: the secretariat's folder before Planner's own, strict names,
escaping by format, and a sandbox that a template cannot get out of, loop in forever or fill
memory from; every problem names the template and the line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from planner.documents import sandbox
from planner.documents.environment import render_template
from planner.documents.view import meeting_view
from planner.errors import BadInput, NotFound
from planner.model import Meeting
from planner.model.minutes import Minutes
from tests.factories import meeting_data


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "documents").mkdir()
    return tmp_path


@pytest.fixture
def view():
    return meeting_view(Meeting.model_validate(meeting_data()), "nb")


def template(folder: Path, name: str, text: str) -> str:
    path = folder / "documents" / name
    path.write_text(text, encoding="utf-8")
    return path.stem


def rendered(folder: Path, view, text: str, format: str = "txt", **values) -> str:
    name = template(folder, f"test.{format}", text)
    text = render_template(name, view, "nb", format, template_folder=folder, values=values)
    return text.removesuffix("\n")


def refused(folder: Path, view, text: str, format: str = "txt") -> str:
    with pytest.raises(BadInput) as caught:
        rendered(folder, view, text, format)
    return caught.value.in_language("en")


# -- the loader ----------------------------------------------------------------------------


def test_the_secretariats_programme_replaces_the_built_in_one_and_can_use_its_pieces(folder, view):
    template(
        folder,
        "programme.txt",
        '{% import "documents/_text.txt" as text with context %}'
        "FJORDVIK KOMMUNE\n{{ text.heading(meeting.title) }}\n",
    )

    text = render_template("programme", view, "nb", "txt", template_folder=folder)

    assert text.splitlines() == ["FJORDVIK KOMMUNE", "Testmøte om integrering", "=" * 23]


def test_without_a_template_of_its_own_the_secretariat_gets_the_built_in_one(folder, view):
    text = render_template("programme", view, "nb", "txt", template_folder=folder)

    assert "\nTestmøte om integrering\n=======" in text


def test_a_missing_template_folder_and_a_missing_template_are_named(folder, view):
    with pytest.raises(NotFound, match="nowhere"):
        render_template("programme", view, "nb", "txt", template_folder=folder / "nowhere")
    with pytest.raises(NotFound, match=r"documents/certificate\.txt"):
        render_template("certificate", view, "nb", "txt", template_folder=folder)


def test_a_template_cannot_reach_outside_the_template_folders(folder, view):
    with pytest.raises(NotFound, match="etc/passwd"):
        rendered(folder, view, '{% include "../../../etc/passwd" %}')


# -- problems say where ----------------------------------------------------------------------


def test_a_syntax_error_names_the_file_and_line(folder, view):
    message = refused(folder, view, "first line\n{% for item in %}\n")

    assert message.startswith(f"Template {folder}/documents/test.txt, line 2: ")


def test_a_name_that_is_not_there_is_an_error_not_an_empty_gap(folder, view):
    message = refused(folder, view, "{{ meeting.title }}\n\n{{ meeting.titel }}")

    assert "line 3" in message
    assert "titel" in message


def test_a_problem_in_an_included_template_names_that_template(folder, view):
    template(folder, "part.txt", "ok\n{{ words.nothing_like_this }}\n")

    message = refused(folder, view, '{% include "documents/part.txt" %}')

    assert "part.txt, line 2" in message


def test_a_missing_word_is_named(folder, view):
    message = refused(folder, view, '{{ say("not_a_word") }}')

    assert "documents_word.not_a_word" in message


# -- the sandbox -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "{{ meeting.__class__.__mro__ }}",
        "{{ meeting.title.__class__.__base__.__subclasses__() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ words.__class__ }}",
        "{{ meeting.items.append(1) }}",
    ],
)
def test_a_template_cannot_reach_python_behind_the_view(folder, view, text):
    message = refused(folder, view, text)

    assert "unsafe" in message or "has no attribute" in message or "not safely" in message


def test_the_view_cannot_be_changed_by_a_template(folder, view):
    refused(folder, view, "{% set x = meeting.items.pop() %}")
    refused(folder, view, "{{ meeting.__setattr__('title', 'x') }}")

    assert view.title == "Testmøte om integrering"


def test_a_template_that_loops_forever_is_stopped_with_a_message(folder, view, monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.0)
    text = (
        "{% set xs = [0] * 3000 %}\n"
        "{% for a in xs %}{% for b in xs %}{% for c in xs %}{% endfor %}{% endfor %}{% endfor %}"
    )
    started = time.monotonic()

    message = refused(folder, view, text)

    assert time.monotonic() - started < 4
    assert "took more than 1 seconds" in message
    assert "line 2" in message


def test_nested_ranges_are_counted_and_stopped_at_once(folder, view):
    text = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"

    assert "loops go over more than" in refused(folder, view, text)


@pytest.mark.parametrize(
    "text",
    [
        "{{ 'x' * 1000000000 }}",
        "{{ 9 ** 999999999 }}",
        "{{ 'x'|center(1000000000) }}",
        "{{ '%999999999s' % 'x' }}",
        "{{ '{:>999999999}'.format('x') }}",
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s }}",
        "{% macro twice(s) %}{{ twice(s ~ s) }}{% endmacro %}{{ twice('xx') }}",
        "{% for i in range(100000) %}{{ 'x' * 999999 }}{% endfor %}",
    ],
)
def test_a_template_that_builds_something_huge_is_stopped_before_it_fills_memory(
    folder, view, text
):
    assert "too large" in refused(folder, view, text)


def test_a_template_that_calls_itself_endlessly_is_stopped(folder, view):
    message = refused(folder, view, "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}")

    assert "calls itself too many levels deep" in message


# -- data is data ----------------------------------------------------------------------------


HOSTILE = "{{ 7*7 }} {% raw %} <script>alert(1)</script> & *bold* [link](x) # `code`"


def test_meeting_data_is_never_evaluated_as_a_template(folder, view):
    assert rendered(folder, view, "{{ name }}", name=HOSTILE) == HOSTILE


def test_html_templates_escape_every_value(folder, view):
    text = rendered(folder, view, "<p>{{ name }}</p>", "html", name=HOSTILE)

    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in text


def test_markdown_templates_escape_markdown_so_names_print_as_typed(folder, view):
    text = rendered(folder, view, "- {{ name }}", "md", name=HOSTILE)

    assert text == (
        "- {{ 7\\*7 }} {% raw %} \\<script\\>alert(1)\\</script\\> \\& \\*bold\\* "
        "\\[link\\](x) # \\`code\\`"
    )


def test_a_markdown_macro_is_escaped_once(folder, view):
    text = "{% macro strong(x) %}**{{ x }}**{% endmacro %}{{ strong(name) }}"

    assert rendered(folder, view, text, "md", name="a_b") == "**a\\_b**"


def test_a_value_that_starts_a_markdown_list_or_heading_does_not(folder, view):
    text = rendered(folder, view, "{{ a }}\n{{ b }}\n{{ c }}", "md", a="1. x", b="# y", c="- z")

    assert text.splitlines() == ["1\\. x", "\\# y", "\\- z"]


def test_values_given_to_a_template_are_read_only(folder, view):
    refused(folder, view, "{{ people.append('x') }}{{ people }}")
    assert rendered(folder, view, "{{ people|join(',') }}", people=["a", "b"]) == "a,b"


def test_the_invitation_letter_is_an_e_mail_body_for_one_person(view):
    text = render_template("invitation", view, "nb", "txt", values={"recipient": "Kari Nordmann"})
    html = render_template("invitation", view, "en", "html", values={"recipient": "<Kari>"})

    assert text.startswith("*** UTKAST ***\n\nKjære Kari Nordmann,\n")
    assert "Dear &lt;Kari&gt;," in html


def test_every_built_in_template_renders_from_render_template_alone(view):
    from planner.documents.catalogue import DOCUMENTS

    meeting = Meeting.model_validate(meeting_data())
    with_minutes = meeting_view(meeting, "nb", minutes=Minutes())
    for name, kind in DOCUMENTS.items():
        seen = with_minutes if kind.takes_minutes else view
        for format in kind.formats:
            if format not in ("pdf", "docx") and not kind.lists_people:
                assert render_template(name, seen, "en", format)
