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
import sys
from collections.abc import Callable, Iterable
from typing import assert_never

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from planner import config
from planner.errors import PlannerError
from planner.i18n import LABELLED
from planner.store import Workspace
from planner.store.settings import DEMO
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
        self.save_after, self._save_after_problem = _configured(config.save_after, "save")
        self.check_every, self._check_every_problem = _configured(config.check_every, "check")
        self.farewell: list[str] = []
        """What to say on the terminal after the app has closed: where a version was kept."""
        self.language: str | None = None
        """The language the `l` key chose for everything, or None: each meeting in its own,
        the app's words in `home_language`."""
        self._bindings = actions.bindings(actions.APP, self.words_language, keep=App.BINDINGS)
        set_language(self.words_language)
        self.is_demo = workspace.purpose == DEMO
        """Whether `planner demo` made the workspace: the app says so wherever it is."""

    @property
    def words_language(self) -> str:
        """The language of the app's own words."""
        return self.language or self.home_language

    def word(self, group: str, key: str, **values: object) -> str:
        """A word of the catalogue in the app's language, {placeholders} filled (`count`
        also picks the plural form)."""
        return say(f"{group}.{key}", self.words_language, **values)

    def workspace_title(self) -> str:
        """Which workspace is open, and whether it is the demo: 'Demo workspace: ~/…'."""
        which = "workspace_demo" if self.is_demo else "workspace_own"
        return self.word("ui", which, location=config.shown_path(self.workspace.location))

    def on_mount(self) -> None:
        from planner.tui.screens.meetings import MeetingsScreen

        self._save_on_signals()

        self.sub_title = self.workspace_title()
        if self.keys.keymap:
            self.set_keymap(self.keys.keymap)
        problems = [*self.keys.problems, self._save_after_problem, self._check_every_problem]
        for problem in problems:
            if problem:
                self.notify(problem, severity="warning", timeout=15)
        if self.workspace.upgraded is not None:
            self.notify(self.workspace.upgraded.report(), timeout=20)
        self.push_screen(MeetingsScreen())
        self.offer_drafts()

    def offer_drafts(self) -> None:
        """Text typed into a form when the app last stopped: offered back, newest first."""
        from planner.tui.screens.kept import offer_drafts

        offer_drafts(self)

    # -- the app's own actions -----------------------------------------------------------

    def action_help(self) -> None:
        from planner.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)  # the help key again closes it
        else:
            here = (*getattr(self.screen, "ALSO", ()), getattr(self.screen, "SCOPE", ""))
            self.push_screen(HelpScreen(here))

    def action_language(self) -> None:
        """The next language for everything: each meeting's own, then nb, nn, sv, da, fi, is,
        en, and round again."""
        choices: list[str | None] = [None, *LABELLED]
        position = choices.index(self.language) if self.language in choices else 0
        self.language = choices[(position + 1) % len(choices)]
        set_language(self.words_language)
        self._bindings = actions.bindings(actions.APP, self.words_language, keep=App.BINDINGS)
        self.sub_title = self.workspace_title()
        for screen in self.screen_stack:
            if hasattr(screen, "language_changed"):
                screen.language_changed()
        shown = self.language or self.word("ui", "each_own_language")
        self.notify(self.word("ui", "language_now", language=shown), timeout=3)

    def action_quit(self) -> None:
        """Quit: every change saved, or kept aside in unsaved/ (said after the app closes).
        Only when a version can be neither is the user asked where to keep it; quitting
        again then quits, showing the version on the terminal after."""
        from planner.tui.screens.conflict import CouldNotKeepScreen, NotKept

        if isinstance(self.screen, CouldNotKeepScreen) and self.screen.quitting:
            self.screen.dismiss(NotKept.QUIT_ANYWAY)
            return
        from planner.tui.settling import asking

        self.run_worker(self._quit(), group=asking("quit"), exclusive=True)

    async def _quit(self) -> None:
        from planner.tui.settling import Left, leave

        said = []
        for keeper in self.keepers():
            leaving = await leave(self, keeper, quitting=True)
            match leaving.left:
                case Left.OUT | Left.QUIT_ANYWAY:
                    if leaving.said:
                        said.append(leaving.said)
                case Left.STAY:
                    return
                case _:
                    assert_never(leaving.left)
        self.farewell = said
        self.exit()

    def action_help_quit(self) -> None:
        """ctrl+c: say, in the app's words, how to quit (Textual's own says it in markup)."""
        keys = [self.get_key_display_for("app.quit"), self.key_display("ctrl+q")]
        self.notify(self.word("editing_state", "how_to_quit", keys=" / ".join(keys)))

    def keepers(self):
        """What every open editing screen holds that may have to be kept, topmost first."""
        from planner.tui.saving import Editing

        for screen in reversed(self.screen_stack):
            if isinstance(screen, Editing):
                keeper = screen.keeper()
                if keeper is not None:
                    yield keeper

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
        """No one to ask: save, else keep aside in unsaved/, else in the system's temporary
        folder; said in the log (and on the terminal, if it is still there)."""
        from planner.editing.leaving import keep_when_stopped

        for keeper in list(self.keepers()):
            said = await asyncio.to_thread(keep_when_stopped, keeper)
            if said:
                log.warning("%s", said)
                self.farewell.append(said)
        if hung_up:
            # The terminal is gone: nothing to restore on it, and Textual's goodbye to it can
            # block for ever. Everything is saved and committed; close and go.
            self.workspace.close()
            os._exit(128 + signal.SIGHUP)
        self.exit(return_code=128 + signal.SIGTERM)

    def _handle_exception(self, error: Exception) -> None:
        """A bug ends the app (with its traceback); what is being edited is kept aside
        first, so not even a bug loses the user's work."""
        from planner.editing.leaving import keep_when_stopped

        if self._exception is None:  # the first failure only: the rest follow from it
            for keeper in self._keepers_after_failure():
                try:
                    said = keep_when_stopped(keeper)
                except Exception:  # keep what can be kept, whatever else is broken
                    log.exception("could not keep a version aside after a failure")
                    continue
                if said:
                    self.farewell.append(said)
        super()._handle_exception(error)

    def _keepers_after_failure(self):
        from planner.tui.saving import Editing

        for screen in reversed(self.screen_stack):
            if not isinstance(screen, Editing):
                continue
            try:
                keeper = screen.keeper()
            except Exception:  # a screen too broken to say what it holds
                log.exception("could not read what a screen holds after a failure")
                continue
            if keeper is not None:
                yield keeper

    def on_unmount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop = asyncio.get_running_loop()
            for stop in (signal.SIGHUP, signal.SIGTERM):
                loop.remove_signal_handler(stop)

    # -- the command palette: every action of the screen, from the registry --------------

    def action_command_palette(self) -> None:
        """Textual's palette, asking in the app's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.word("ui", "palette_placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        scopes = (*getattr(screen, "ALSO", ()), getattr(screen, "SCOPE", ""))
        for action in actions.in_scope(actions.APP, *scopes):
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
        return self.key_display(key)

    def key_display(self, key: str) -> str:
        """A key as the footer shows it: "^q" for ctrl+q."""
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


_DEFAULTS = {"save": config.DEFAULT_SAVE_AFTER, "check": config.DEFAULT_CHECK_EVERY}


def _configured(setting: Callable[[], float], which: str) -> tuple[float, str]:
    """A number of seconds from [editing] in config.toml, and what is wrong with the
    configured value (the default is kept then)."""
    try:
        return setting(), ""
    except PlannerError as error:
        return _DEFAULTS[which], str(error)


def run(workspace: Workspace) -> int:
    """Run the app on `workspace`; its exit status (0, or 128 + the signal that stopped it).
    What the app had to say as it closed (where a version was kept) is said after it."""
    with workspace:
        app = PlannerApp(workspace)
        app.run()
    for said in app.farewell:
        print(said, file=sys.stderr)
    return app.return_code or 0
