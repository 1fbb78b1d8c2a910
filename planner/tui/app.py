"""The terminal app: one open workspace, the meetings, and each meeting's agenda to edit.

The app holds no rules: its screens call the same functions as the command line
(`planner.meeting_actions`, `planner.agenda.editing`, the `Workspace`), in workers, and show
what they return. Its words come from the label catalogue, in the app's language: the
`language` under `[user]` in config.toml (English if none), or the language the `l` key
chose, which is then also the language every meeting is shown in.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from planner import config
from planner.errors import PlannerError
from planner.i18n import LABELLED
from planner.store import Workspace
from planner.tui import actions
from planner.tui.keymap import UserKeys, user_keys
from planner.tui.work import WorkHandling, describe_failure
from planner.words import say, set_language

log = logging.getLogger(__name__)


class PlannerApp(WorkHandling, App):
    TITLE = "Planner"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        workspace: Workspace,
        *,
        keys: UserKeys | None = None,
        home_language: str | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.keys = keys if keys is not None else user_keys()
        self.home_language = home_language or config.user_language()
        self.save_after, self._save_after_problem = _configured_save_after()
        self.language: str | None = None
        """The language the `l` key chose for everything, or None: each meeting in its own,
        the app's words in `home_language`."""
        self._bindings = actions.bindings(actions.APP, self.words_language, keep=App.BINDINGS)
        set_language(self.words_language)

    @property
    def words_language(self) -> str:
        """The language of the app's own words."""
        return self.language or self.home_language

    def word(self, group: str, key: str, **values: object) -> str:
        """A word of the catalogue in the app's language (plural forms picked by `count`)."""
        return say(f"{group}.{key}", self.words_language, **values)

    def on_mount(self) -> None:
        from planner.tui.screens.meetings import MeetingsScreen

        self._save_on_signals()

        self.sub_title = self.workspace.location
        if self.keys.keymap:
            self.set_keymap(self.keys.keymap)
        for problem in [*self.keys.problems, self._save_after_problem]:
            if problem:
                self.notify(problem, severity="warning", timeout=15)
        if self.workspace.upgraded is not None:
            self.notify(self.workspace.upgraded.report(), timeout=20)
        self.push_screen(MeetingsScreen())

    # -- the app's own actions -----------------------------------------------------------

    def action_help(self) -> None:
        from planner.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_language(self) -> None:
        """The next language for everything: each meeting's own, then nb, nn, sv, da, fi, is,
        en, and round again."""
        choices: list[str | None] = [None, *LABELLED]
        position = choices.index(self.language) if self.language in choices else 0
        self.language = choices[(position + 1) % len(choices)]
        set_language(self.words_language)
        self._bindings = actions.bindings(actions.APP, self.words_language, keep=App.BINDINGS)
        for screen in self.screen_stack:
            if hasattr(screen, "language_changed"):
                screen.language_changed()
        shown = self.language or self.word("ui", "each_own_language")
        self.notify(self.word("ui", "language_now", language=shown), timeout=3)

    async def action_quit(self) -> None:
        """Quit once every change is saved; if one cannot be, say so and stay."""
        for screen in reversed(self.screen_stack):
            finish = getattr(screen, "finish_saving", None)
            if finish is not None and not await finish():
                return
        self.exit()

    def _save_on_signals(self) -> None:
        """The terminal closed (SIGHUP) or the system stops the app (SIGTERM): save what is
        being edited, then exit, rather than die with the last edits unsaved."""
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, self._stop_soon, False)
            loop.add_signal_handler(signal.SIGHUP, self._stop_soon, True)
        except (NotImplementedError, RuntimeError, AttributeError):  # not on this platform
            return

    def _stop_soon(self, hung_up: bool) -> None:
        self.run_worker(self._save_and_exit(hung_up), group="stop")

    async def _save_and_exit(self, hung_up: bool) -> None:
        from planner.tui.saving import SavesAsYouGo

        editing = [screen for screen in self.screen_stack if isinstance(screen, SavesAsYouGo)]
        for screen in editing:
            saved = await screen.finish_saving()
            if not saved and screen.history is not None:  # refused: kept in a file instead
                log.warning("stopped with unsaved edits, kept in %s", screen.keep_aside())
        if hung_up:
            # The terminal is gone: nothing to restore on it, and Textual's goodbye to it can
            # block for ever. Everything is saved and committed; close and go.
            self.workspace.close()
            os._exit(128 + signal.SIGHUP)
        self.exit(return_code=128 + signal.SIGTERM)

    def on_unmount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop = asyncio.get_running_loop()
            for stop in (signal.SIGHUP, signal.SIGTERM):
                loop.remove_signal_handler(stop)

    # -- the command palette: every action of the screen, from the registry --------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        scope = getattr(screen, "SCOPE", "")
        for action in actions.in_scope(actions.APP, scope):
            if action.name == "command_palette":
                continue
            node = self if action.scope == actions.APP else screen
            yield SystemCommand(
                actions.description(action.id, self.words_language),
                f"{self.get_key_display_for(action.id)}  ·  {action.id}",
                lambda node=node, name=action.name: node.run_action(name),
            )

    def get_key_display_for(self, action_id: str) -> str:
        """The key an action is bound to now, the user's own if they set one."""
        key = self.keys.keymap.get(action_id) or actions.action(action_id).key
        return self.get_key_display(_binding_for(key))

    # -- failures ------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """As Textual's, but messages are plain text: they quote titles, names and paths."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def show_failure(self, error: Exception) -> None:
        """One message on screen; the app goes on. A bug is also logged with its traceback."""
        if not isinstance(error, PlannerError):
            log.error("unexpected failure in a worker", exc_info=error)
        self.notify(describe_failure(error, self.words_language), severity="error", timeout=15)


def _binding_for(key: str):
    from textual.binding import Binding

    return Binding(key, "")


def _configured_save_after() -> tuple[float, str]:
    """How long the app waits after an edit before saving it, and what is wrong with the
    configured value (the default is kept then)."""
    try:
        return config.save_after(), ""
    except PlannerError as error:
        return config.DEFAULT_SAVE_AFTER, str(error)


def run(workspace: Workspace) -> int:
    """Run the app on `workspace`; its exit status (0, or 128 + the signal that stopped it)."""
    with workspace:
        app = PlannerApp(workspace)
        app.run()
    return app.return_code or 0
