"""Moving through a form as a user does, by its keys: tab to a field, then type."""

from __future__ import annotations


async def tab_to(pilot, field_id: str) -> None:
    """Press tab as often as it takes the focus to the field, in one go: a form has many
    fields, and the test harness waits for the whole screen after each call."""
    chain = pilot.app.screen.focus_chain
    target = next(i for i, widget in enumerate(chain) if widget.id == field_id)
    here = chain.index(pilot.app.focused) if pilot.app.focused in chain else -1
    await pilot.press(*["tab"] * ((target - here) % len(chain)))
    assert pilot.app.focused is not None and pilot.app.focused.id == field_id


async def type_text(pilot, field_id: str, text: str) -> None:
    """Tab to the field and type `text` into it, key by key."""
    await tab_to(pilot, field_id)
    await pilot.press(*text)
