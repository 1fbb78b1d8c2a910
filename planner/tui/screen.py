"""What every screen of the app shares: its keys from the action registry, described in the
app's language; the app's words; and the handling of work done in workers."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.screen import ModalScreen, Screen

from planner.tui import actions
from planner.tui.work import WorkHandling

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


class Keyed:
    """Bindings from the registry for `SCOPE`, rebuilt when the app's language changes."""

    SCOPE: ClassVar[str] = ""
    ALSO: ClassVar[tuple[str, ...]] = ()
    """Scopes whose keys the screen has too, before its SCOPE's (a dialog's own keys)."""

    def rebind(self) -> None:
        app: PlannerApp = self.app  # type: ignore[attr-defined]
        self._bindings = actions.bindings(
            self.SCOPE, app.words_language, keep=Screen.BINDINGS, also=self.ALSO
        )
        app.refresh_bindings()

    def word(self, group: str, key: str, **values: object) -> str:
        return self.app.word(group, key, **values)  # type: ignore[attr-defined]

    def language_changed(self) -> None:
        """The app's language changed: rebind, and show everything again in it."""
        self.rebind()

    def key_hints(self, *action_ids: str) -> Text:
        """'y: Yes   n: No   esc: Back': the keys of the screen's scope (or those named), as
        bound now, for a dialog to show under its question."""
        app: PlannerApp = self.app  # type: ignore[attr-defined]
        chosen = action_ids or tuple(a.id for a in actions.in_scope(self.SCOPE))
        hints = Text()
        for action_id in chosen:
            if hints:
                hints.append("   ")
            hints.append(app.get_key_display_for(action_id), style="bold")
            hints.append(f": {actions.description(action_id, app.words_language)}")
        return hints


class PlannerScreen(WorkHandling, Keyed, Screen):
    def on_mount(self) -> None:
        self.rebind()


class PlannerModal(WorkHandling, Keyed, ModalScreen):
    def on_mount(self) -> None:
        self.rebind()
