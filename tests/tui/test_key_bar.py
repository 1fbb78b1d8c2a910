"""The footer's keys at any width: whole descriptions, "…" where some were left out, and the
help key always last."""

from __future__ import annotations

from planner.tui.widgets.key_bar import fit_keys

KEYS = [("⏎", "Öppna programmet"), ("n", "Nytt möte"), ("e", "Mötesdetaljer")]
HELP = ("?", "Hjälp")


def line(pairs) -> str:
    return "  ".join(f"{key} {words}".strip() for key, words in pairs)


def test_keys_that_fit_are_shown_whole_with_the_help_key_last():
    assert (
        line(fit_keys(KEYS, 80, HELP))
        == "⏎ Öppna programmet  n Nytt möte  e Mötesdetaljer  ? Hjälp"
    )


def test_keys_that_do_not_fit_give_way_whole_to_an_ellipsis_before_the_help_key():
    for width in range(12, 56):
        shown = line(fit_keys(KEYS, width, HELP))
        assert len(shown) <= width, (width, shown)
        assert shown.endswith("…  ? Hjälp"), shown
        for pair in shown.removesuffix("…  ? Hjälp").split("  "):
            assert not pair or pair in {f"{k} {w}" for k, w in KEYS}, (width, pair)
