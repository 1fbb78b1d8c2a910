"""Offers of a place from the waiting list: how long one is held, and when it has lapsed.

A place offered is held for the meeting's `offer_hours` (72 unless it says otherwise); an
offer not taken up by then expires, and the place goes on to the next on the waiting list.
A meeting without `offer_hours` confirms the one promoted at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from planner.model import RegistrationRules


def offer_until(rules: RegistrationRules, now: datetime, tz: ZoneInfo) -> datetime | None:
    """Until when a place offered now is held, in the meeting's zone, to the minute; None
    when the meeting confirms the one promoted at once."""
    if rules.offer_hours is None:
        return None
    until = (now + timedelta(hours=rules.offer_hours)).astimezone(tz)
    return until.replace(second=0, microsecond=0)


def has_lapsed(offer_expires_at: datetime | None, now: datetime) -> bool:
    return offer_expires_at is not None and offer_expires_at <= now
