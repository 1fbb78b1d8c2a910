"""Every action of the app in one registry: its id, its default key, where it applies, and
the label that describes it.

The registry feeds everything that shows or binds a key: each screen's bindings, the footer,
the help screen (`?`), the command palette, and the user's own keys. A user rebinds an action
by its id under `[keys]` in config.toml:

    [keys]
    "agenda.add_after" = "ctrl+n"

Descriptions come from the `action` group of the labels, in the app's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap, BindingType

from planner.i18n import label


@dataclass(frozen=True)
class Action:
    id: str
    """'<scope>.<name>': the scope says where it applies, the name is the method it calls
    (`action_<name>` on the screen, or on the app for the app's own)."""
    key: str
    show: bool = True
    """Whether the footer shows it (the help screen shows them all)."""
    priority: bool = False

    @property
    def scope(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]


APP = "app"
MEETINGS = "meetings"
AGENDA = "agenda"
FORM = "form"
REGISTERS = "registers"
"""The topics and the people screens share their keys."""
INVITATIONS = "invitations"
DOCUMENTS = "documents"
REGISTRATIONS = "registrations"
MINUTES = "minutes"
CONFIRM = "confirm"
CLASH = "clash"
"""The dialog that shows a part both you and a colleague changed."""
CLASH_EDIT = "clash_edit"
NOT_KEPT = "not_kept"
"""The dialog that says your version could not be kept aside, and asks where instead."""
KEPT = "kept"
"""The versions and typed text kept aside in unsaved/."""
KEPT_VIEW = "kept_view"
DRAFTS = "drafts"
"""Typed text kept when the app stopped, offered back at the start."""
HELP = "help"
QUESTIONS = "questions"
"""The questions dialog: its own keys beside the form keys."""
SHARES_SCREEN: dict[str, tuple[str, ...]] = {QUESTIONS: (FORM,), FORM: (QUESTIONS,)}
"""Scopes whose keys are bound on one screen together (a screen's `ALSO`): a key of one
must not be a key of the other."""
INTAKE = "intake"
"""The import wizard."""
CHECKIN = "checkin"
"""The check-in desk."""

ACTIONS: tuple[Action, ...] = (
    Action("app.help", "question_mark"),
    Action("app.language", "l"),
    Action("app.command_palette", "ctrl+p", show=False),
    Action("app.quit", "q"),
    Action("help.close", "escape"),
    Action("meetings.open", "enter"),
    Action("meetings.new", "n"),
    Action("meetings.details", "e"),
    Action("meetings.duplicate", "c"),
    Action("meetings.archive", "x"),
    Action("meetings.delete", "d", show=False),
    Action("meetings.filter", "slash"),
    Action("meetings.show_archived", "v", show=False),
    Action("meetings.topics", "t", show=False),
    Action("meetings.people", "p", show=False),
    Action("meetings.events", "E", show=False),
    Action("meetings.reload", "r", show=False),
    Action("meetings.registrations", "R"),
    Action("meetings.kept", "u", show=False),
    Action("meetings.checkin", "k"),
    Action("meetings.invitations", "i"),
    Action("agenda.add_after", "a"),
    Action("agenda.add_inside", "i"),
    Action("agenda.edit", "enter"),
    Action("agenda.delete", "d"),
    Action("agenda.move_up", "shift+up"),
    Action("agenda.move_down", "shift+down"),
    Action("agenda.move_in", "shift+right", show=False),
    Action("agenda.move_out", "shift+left", show=False),
    Action("agenda.longer", "plus"),
    Action("agenda.shorter", "minus"),
    Action("agenda.fix_start", "f", show=False),
    Action("agenda.people", "s"),
    Action("agenda.topics", "t", show=False),
    Action("agenda.questions", "k", show=False),
    Action("agenda.copy", "y", show=False),
    Action("agenda.undo", "u"),
    Action("agenda.redo", "ctrl+r", show=False),
    Action("agenda.save", "ctrl+s", show=False),
    Action("agenda.details", "e", show=False),
    Action("agenda.topics_screen", "T", show=False),
    Action("agenda.people_screen", "P", show=False),
    Action("agenda.invitations", "I", show=False),
    Action("agenda.documents", "p"),
    Action("agenda.registrations_screen", "R", show=False),
    Action("agenda.events_screen", "E", show=False),
    Action("agenda.minutes", "m"),
    Action("agenda.back", "escape"),
    Action("registers.add", "a"),
    Action("registers.edit", "enter"),
    Action("registers.delete", "d"),
    Action("registers.switch", "tab", show=False),
    Action("registers.undo", "u"),
    Action("registers.redo", "ctrl+r", show=False),
    Action("registers.save", "ctrl+s", show=False),
    Action("registers.back", "escape"),
    Action("invitations.send", "s"),
    Action("invitations.audience", "a"),
    Action("invitations.sessions", "o"),
    Action("invitations.outbox", "b"),
    Action("invitations.failed", "f"),
    Action("invitations.resend", "R"),
    Action("invitations.stop", "x"),
    Action("invitations.reload", "r", show=False),
    Action("invitations.back", "escape"),
    Action("documents.render", "enter"),
    Action("documents.format", "f"),
    Action("documents.language", "s"),
    Action("documents.open", "o"),
    Action("documents.minutes", "m", show=False),
    Action("documents.back", "escape"),
    Action("registrations.confirm", "c"),
    Action("registrations.waitlist", "w"),
    Action("registrations.offer", "o", show=False),
    Action("registrations.cancel", "x"),
    Action("registrations.decline", "d", show=False),
    Action("registrations.pending", "p", show=False),
    Action("registrations.attended", "m", show=False),
    Action("registrations.no_show", "M", show=False),
    Action("registrations.withdrawn", "W", show=False),
    Action("registrations.select", "space"),
    Action("registrations.select_all", "asterisk", show=False),
    Action("registrations.add", "a"),
    Action("registrations.filter", "slash"),
    Action("registrations.status_filter", "f"),
    Action("registrations.sort", "s", show=False),
    Action("registrations.reverse", "S", show=False),
    Action("registrations.waiting_list", "v"),
    Action("registrations.promote", "ctrl+o", show=False),
    Action("registrations.undo", "u"),
    Action("registrations.import_file", "i"),
    Action("registrations.export_list", "e", show=False),
    Action("registrations.checkin", "k", show=False),
    Action("registrations.back", "escape"),
    Action("intake.field", "f"),
    Action("intake.decide", "d"),
    Action("intake.apply", "ctrl+s", priority=True),
    Action("intake.save_mapping", "m"),
    Action("intake.status", "s", show=False),
    Action("intake.back", "escape"),
    Action("checkin.check_in", "enter", priority=True),
    Action("checkin.undo", "ctrl+z", priority=True),
    Action("checkin.walk_in", "ctrl+n", priority=True),
    Action("checkin.not_come", "ctrl+r", show=False, priority=True),
    Action("checkin.up", "up", show=False, priority=True),
    Action("checkin.down", "down", show=False, priority=True),
    Action("checkin.back", "escape"),
    Action("minutes.write", "enter"),
    Action("minutes.next_item", "pagedown", priority=True),
    Action("minutes.previous_item", "pageup", priority=True),
    Action("minutes.save", "ctrl+s", priority=True),
    Action("minutes.back", "escape", priority=True),
    Action("form.save", "ctrl+s", priority=True),
    Action("form.language", "ctrl+l", priority=True),
    Action("form.cancel", "escape", priority=True),
    Action("confirm.yes", "y"),
    Action("confirm.no", "n"),
    Action("confirm.back", "escape"),
    Action("clash.keep_mine", "m"),
    Action("clash.take_theirs", "t"),
    Action("clash.edit", "e"),
    Action("clash.later", "escape"),
    Action("clash_edit.save", "ctrl+s", priority=True),
    Action("clash_edit.cancel", "escape", priority=True),
    Action("not_kept.folder", "f"),
    Action("not_kept.copy", "c"),
    Action("not_kept.discard", "d"),
    Action("not_kept.back", "escape"),
    Action("kept.view", "enter"),
    Action("kept.apply", "a"),
    Action("kept.discard", "d"),
    Action("kept.back", "escape"),
    Action("kept_view.apply", "a"),
    Action("kept_view.back", "escape"),
    Action("drafts.restore", "r"),
    Action("drafts.discard", "d"),
    Action("drafts.later", "escape"),
    Action("questions.new", "ctrl+n", priority=True),
    Action("questions.delete", "ctrl+d", priority=True),
)
"""Every action, in the order the help screen lists them."""

_BY_ID = {action.id: action for action in ACTIONS}


def action(action_id: str) -> Action:
    return _BY_ID[action_id]


def description(action_id: str, language: str) -> str:
    return label("action", action_id, language)


def in_scope(*scopes: str) -> list[Action]:
    return [a for a in ACTIONS if a.scope in scopes]


def bindings(
    scope: str, language: str, *, keep: Iterable[BindingType] = (), also: Iterable[str] = ()
) -> BindingsMap:
    """The bindings of one scope (and of the scopes `also`, a dialog's own keys beside the
    form keys), described in `language`, before those in `keep` (Textual's own, such as tab
    to move between fields), which a registry key of the same name wins."""
    registry = [
        Binding(
            a.key,
            a.name,
            description(a.id, language),
            show=a.show,
            priority=a.priority,
            id=a.id,
        )
        for a in in_scope(*also, scope)
    ]
    return BindingsMap([*registry, *keep])


def unknown_ids(ids: Iterable[str]) -> list[str]:
    return [action_id for action_id in ids if action_id not in _BY_ID]
