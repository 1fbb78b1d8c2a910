"""Personal data after the event: purge, erasure and a person's own export."""

from __future__ import annotations

from datetime import date, datetime

from planner.model import Meeting, Registration
from planner.registrations.exports.lists import Listed
from planner.registrations.privacy import erase_person, held_about, purge, purge_due
from tests.factories import conference_data
from tests.intake_files import OSLO


def _entry(key, name, *, arrived=False, **answers) -> Listed:
    registration = Registration.model_validate(
        {
            "person": {"name": name, "email": f"{key}@ks.no", "phone": "+47 22 00 00 00",
                       "organisation": "KS"},
            "status": "confirmed",
            "submitted_at": datetime(2026, 2, 1, 10, tzinfo=OSLO),
            "checked_in_at": datetime(2026, 3, 10, 8, 50, tzinfo=OSLO) if arrived else None,
            "answers": answers,
        }
    )  # fmt: skip
    return Listed(key, registration)


def _meeting(archival: bool) -> Meeting:
    return Meeting.model_validate(
        conference_data(privacy={"erase_after": "2026-06-30", "archival": archival})
    )


def test_a_purge_is_due_only_after_the_retention_date():
    meeting = _meeting(False)
    assert not purge_due(meeting, date(2026, 6, 30))
    assert purge_due(meeting, date(2026, 7, 1))
    assert not purge_due(Meeting.model_validate(conference_data()), date(2099, 1, 1))


def test_a_purge_erases_needs_of_everyone_and_contact_details_of_those_absent():
    came = _entry("kari", "Kari Aas", arrived=True, dietary="Vegetar", accessibility="Rullestol")
    absent = _entry("ola", "Ola Berg")
    erasures = {erasure.key: erasure for erasure in purge([came, absent])}
    kari = erasures["kari"].left
    assert (kari.answers.dietary, kari.answers.accessibility) == (None, None)
    assert kari.person.email == "kari@ks.no"
    assert erasures["ola"].left.person.email is None and erasures["ola"].left.person.phone is None
    assert erasures["ola"].left.person.name == "Ola Berg"
    assert erasures["ola"].fields == ("email", "phone")
    assert purge([Listed("ola", erasures["ola"].left)]) == []  # nothing left to erase


def test_erasing_someone_who_attended_an_archival_meeting_keeps_only_the_record():
    came = _entry("kari", "Kari Aas", arrived=True, dietary="Vegetar", other={"Buss?": "ja"})
    kept = erase_person(_meeting(True), came).left
    assert kept.person.name == "Kari Aas" and kept.person.organisation == "KS"
    assert kept.person.email is None and kept.answers.dietary is None and not kept.answers.other
    assert kept.checked_in_at == came.registration.checked_in_at
    assert erase_person(_meeting(False), came).left is None
    assert erase_person(_meeting(True), _entry("ola", "Ola Berg")).left is None


def test_everything_held_about_a_person_is_found_by_their_address_in_any_case():
    meeting = _meeting(False)
    found = held_about(" KARI@ks.no", [(meeting, _entry("kari", "Kari Aas", dietary="Vegetar")),
                                        (meeting, _entry("ola", "Ola Berg"))])  # fmt: skip
    [held] = found["registrations"]
    assert held["registration"]["answers"]["dietary"] == "Vegetar"
    assert held["meeting"]["slug"] == meeting.slug
