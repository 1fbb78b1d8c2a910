"""The VTIMEZONE in every invitation: compact (one STANDARD, one DAYLIGHT, yearly rules), and
giving exactly zoneinfo's transitions and offsets for the meeting's year."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from planner.invitations.timezones import transitions, vtimezone

NORDIC = [
    "Europe/Oslo",
    "Europe/Copenhagen",
    "Europe/Stockholm",
    "Europe/Helsinki",
    "Atlantic/Reykjavik",
    "America/Nuuk",
]


def expanded(component, year: int) -> list[tuple[datetime, timedelta]]:
    """Each onset the VTIMEZONE gives in `year` (in UTC) and the offset it starts, worked
    out from its RRULEs by dateutil, not by the code under test."""
    onsets = []
    for block in component.walk():
        if block.name not in ("STANDARD", "DAYLIGHT"):
            continue
        start = block.decoded("DTSTART")
        offset_from = block.decoded("TZOFFSETFROM")
        offset_to = block.decoded("TZOFFSETTO")
        if "RRULE" in block:
            rule = rrulestr(block["RRULE"].to_ical().decode(), dtstart=start)
            local = rule.between(datetime(year, 1, 1), datetime(year + 1, 1, 1), inc=True)
        else:
            local = [start] if start.year == year else []
        onsets += [((m - offset_from).replace(tzinfo=UTC), offset_to) for m in local]
    return sorted(onsets)


@pytest.mark.parametrize("zone_name", NORDIC)
@pytest.mark.parametrize("year", [2018, 2026])
def test_the_transitions_are_zoneinfos_in_the_meetings_year(zone_name, year):
    component = vtimezone(zone_name, (year,))
    zone = ZoneInfo(zone_name)
    expected = [(t.at, t.offset_to) for t in transitions(zone, year)]
    assert expanded(component, year) == expected
    # And zoneinfo itself agrees with that list: the offset changes exactly there.
    for at, offset in expected:
        assert (at - timedelta(seconds=1)).astimezone(zone).utcoffset() != offset
        assert at.astimezone(zone).utcoffset() == offset


@pytest.mark.parametrize("zone_name", NORDIC)
def test_icalendars_reading_gives_zoneinfos_offset_at_every_hour_of_the_year(zone_name):
    year = 2026
    component = vtimezone(zone_name, (year,))
    read = component.to_tz()
    zone = ZoneInfo(zone_name)
    moment = datetime(year, 1, 1, tzinfo=UTC)
    while moment.year == year:
        assert moment.astimezone(read).utcoffset() == moment.astimezone(zone).utcoffset(), moment
        moment += timedelta(hours=1)


@pytest.mark.parametrize("zone_name", [z for z in NORDIC if z != "Atlantic/Reykjavik"])
def test_a_zone_with_summer_time_is_one_standard_and_one_daylight_with_yearly_rules(zone_name):
    component = vtimezone(zone_name, (2026,))
    text = component.to_ical().decode()
    assert text.count("BEGIN:STANDARD") == 1 and text.count("BEGIN:DAYLIGHT") == 1
    assert text.count("RRULE:FREQ=YEARLY;") == 2 and "BYMONTH=" in text and "BYDAY=" in text
    assert "RDATE" not in text


def test_the_eu_rule_is_the_last_sunday_and_greenland_the_saturday_before_it():
    oslo = vtimezone("Europe/Oslo", (2026,)).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in oslo
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in oslo
    nuuk = vtimezone("America/Nuuk", (2026,)).to_ical().decode()
    assert "BYDAY=SA;BYMONTHDAY=24,25,26,27,28,29,30;BYMONTH=3" in nuuk


def test_iceland_has_no_summer_time_and_gets_a_standard_block_only():
    text = vtimezone("Atlantic/Reykjavik", (2026,)).to_ical().decode()
    assert text.count("BEGIN:STANDARD") == 1 and "DAYLIGHT" not in text
    assert "TZOFFSETFROM:+0000" in text and "TZOFFSETTO:+0000" in text


def test_the_year_greenland_changed_its_rules_still_gives_zoneinfos_transitions():
    component = vtimezone("America/Nuuk", (2023,))
    zone = ZoneInfo("America/Nuuk")
    assert expanded(component, 2023) == [(t.at, t.offset_to) for t in transitions(zone, 2023)]
    assert "RDATE" not in component.to_ical().decode()


def test_each_zone_is_built_once():
    assert vtimezone("Europe/Oslo", (2026,)) is vtimezone("Europe/Oslo", (2026,))
