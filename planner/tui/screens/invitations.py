"""A meeting's invitations: what a send would send now and to whom ("the time of item 3
changed: 212 updates"), each recipient's e-mail and calendar entry as they would get it, the
send itself with its progress (sent, failed, left), the outbox with every message's state,
the failures with the server's refusal, and sending one again.

Everything it shows and does is `planner.invitations` (the same functions as `planner
invite` and `planner outbox`), run in workers. Without a mail server in config.toml, sending
is a dry run that writes .eml files to a folder and says where.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Header, ProgressBar, Static

from planner.config import shown_path
from planner.invitations.reading import reader_view
from planner.store.outbox import OutboxRow, State
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import run_work, show_text
from planner.words import say

AUDIENCES = ("all", "confirmed", "invited")
PLAN, OUTBOX, FAILED = "plan", "outbox", "failed"


class Progressed(Message):
    """A sending worker's progress, posted from its thread."""

    def __init__(self, progress: Any) -> None:
        super().__init__()
        self.progress = progress


@dataclass(frozen=True)
class Loaded:
    send: Any
    mail: Any
    counts: dict[State, int]
    rows: list[OutboxRow]


class InvitationsScreen(PlannerScreen):
    SCOPE = actions.INVITATIONS
    CSS_PATH = "invitations.tcss"
    AUTO_FOCUS = "#messages"

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.audience = "all"
        self.sessions = False
        self.view = PLAN
        self.loaded_data: Loaded | None = None
        self.stop_sending: threading.Event | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        yield Static("", id="server", classes="hint")
        yield Static("", id="summary")
        with Horizontal():
            yield VirtualTable(id="messages")
            with VerticalScroll(id="side"):
                yield Static("", id="preview")
        yield ProgressBar(id="progress", show_eta=False)
        yield Static("", id="status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#progress", ProgressBar).display = False
        self.reload()

    def language_changed(self) -> None:
        super().language_changed()
        if self.loaded_data is not None:
            self.show()

    def said(self, key: str, **values: object) -> str:
        return say(f"invitations_ui.{key}", self.app.words_language, **values)

    def state_word(self, state: State) -> str:
        return say(f"invitations_state.{state.value}", self.app.words_language)

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        workspace, slug = self.app.workspace, self.slug
        audience, sessions = self.audience, self.sessions

        def job() -> Loaded:
            from planner.invitations import outbox
            from planner.invitations.settings import mail_settings

            mail = mail_settings()
            options = outbox.Options(to=audience, sessions=sessions)
            send = outbox.preview(workspace, slug, options, settings=mail)
            counts = outbox.state_counts(workspace, slug)
            rows = outbox.messages(workspace, slug, limit=100_000)
            return Loaded(send, mail, counts, rows)

        run_work(
            self,
            job,
            self.loaded,
            busy=self.query_one("#messages"),
            group="invitations",
            exclusive=True,
            failed=self.failed_to_load,
        )

    def loaded(self, data: Loaded) -> None:
        self.loaded_data = data
        self.show()

    def failed_to_load(self, error: Exception) -> None:
        show_text(self.query_one("#summary", Static), Text(str(error)))

    # -- showing -------------------------------------------------------------------------

    def show(self) -> None:
        from planner.agenda.wording import Wording
        from planner.invitations.report import skipped_lines, summary_lines

        data = self.loaded_data
        assert data is not None
        language = self.app.words_language
        meeting = data.send.meeting.meeting
        title = Wording(meeting, self.app.language).text(meeting.title)
        heading = self.said(
            "heading",
            title=title,
            audience=self.said(f"audience_{self.audience}"),
        )
        if self.sessions:
            heading += " · " + self.said("with_sessions")
        show_text(self.query_one("#heading", Static), Text(heading))
        show_text(self.query_one("#server", Static), Text(self.server_line(data)))
        if self.view == PLAN:
            lines = summary_lines(data.send.plan, meeting, language)
            lines += [f"! {line}" for line in skipped_lines(data.send.people.skipped, language)]
        else:
            lines = [
                "  ".join(
                    f"{self.state_word(state)}: {count}" for state, count in data.counts.items()
                )
            ]
        show_text(self.query_one("#summary", Static), Text("\n".join(lines)))
        self.fill_table()

    def server_line(self, data: Loaded) -> str:
        mail, sender = data.mail, data.send.sender
        if not mail.sends:
            return self.said("dry_run_server", sender=sender.address)
        return self.said("smtp_server", host=mail.host, port=mail.port, sender=sender.address)

    def fill_table(self) -> None:
        data = self.loaded_data
        assert data is not None
        table = self.query_one("#messages", VirtualTable)
        keep = table.current_key if table.rows else None
        if self.view == PLAN:
            table.set_columns(
                [
                    Column("name", self.said("column_name")),
                    Column("what", self.said("column_what")),
                    Column("why", self.said("column_why")),
                    Column("address", self.said("column_address")),
                ]
            )
            table.set_rows(self.plan_rows(data), keep=keep)
        else:
            table.set_columns(
                [
                    Column("id", "#", justify="right"),
                    Column("state", self.said("column_state")),
                    Column("method", self.said("column_method")),
                    Column("sequence", "SEQ", justify="right"),
                    Column("address", self.said("column_address")),
                ]
            )
            table.set_rows(self.outbox_rows(data), keep=keep)
        self.preview(table.current_key)

    def plan_rows(self, data: Loaded) -> list[TableRow]:
        from planner.invitations.report import entry_name

        language = self.app.words_language
        meeting = data.send.meeting.meeting
        names: dict[str, str] = {}
        rows = []
        for index, planned in enumerate(data.send.plan.messages):
            entry = planned.entry
            if entry.uid not in names:
                names[entry.uid] = entry_name(entry, meeting, language)
            rows.append(
                TableRow(
                    str(index),
                    [
                        Text(planned.recipient.name),
                        Text(names[entry.uid]),
                        Text(self.said(f"reason_{planned.reason.value}")),
                        Text(planned.recipient.email),
                    ],
                )
            )
        return rows

    def outbox_rows(self, data: Loaded) -> list[TableRow]:
        shown = [r for r in data.rows if self.view == OUTBOX or r.state == State.FAILED]
        return [
            TableRow(
                f"m{row.id}",
                [
                    str(row.id),
                    Text(self.state_word(row.state)),
                    row.method,
                    str(row.sequence),
                    Text(row.recipient),
                ],
                style="bold" if row.state == State.FAILED else "",
            )
            for row in shown
        ]

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        self.preview(event.key)

    def preview(self, key: str | None) -> None:
        """The selected recipient's e-mail and calendar entry, or the selected message."""
        data = self.loaded_data
        panel = self.query_one("#preview", Static)
        if data is None or key is None:
            empty = self.view != PLAN and data is not None
            shown = (
                say("invitations_message.outbox_empty", self.app.words_language)
                if empty
                else self.said("nothing_selected")
            )
            show_text(panel, Text(shown))
            return
        if key.startswith("m"):
            row = next((r for r in data.rows if r.id == int(key[1:])), None)
            if row is not None:
                self.preview_message(row)
            return
        planned = data.send.plan.messages[int(key)]
        send = data.send

        def job() -> str:
            from planner.invitations.compose import Composer

            composed = Composer(send.meeting.meeting, send.sender).compose(planned)
            return reader_view(composed.message)

        run_work(
            self,
            job,
            lambda text: show_text(panel, Text(text)),
            group="preview",
            exclusive=True,
        )

    def preview_message(self, row: OutboxRow) -> None:
        workspace, slug = self.app.workspace, self.slug
        panel = self.query_one("#preview", Static)

        def job() -> str:
            from planner.invitations import outbox

            text = reader_view(outbox.message_bytes(workspace, slug, row.id))
            if row.error:
                text = f"{self.said('refused')}: {row.error}\n\n{text}"
            return text

        run_work(
            self, job, lambda text: show_text(panel, Text(text)), group="preview", exclusive=True
        )

    def show_status(self, text: str = "") -> None:
        show_text(self.query_one("#status", Static), Text(text))

    # -- sending -------------------------------------------------------------------------

    def action_send(self) -> None:
        data = self.loaded_data
        if data is None or self.stop_sending is not None:
            return
        workspace, slug, mail = self.app.workspace, self.slug, data.mail
        options_to, sessions = self.audience, self.sessions
        stop = self.stop_sending = threading.Event()
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(len(data.send.plan.messages), 1), progress=0)

        def report(progress: Any) -> None:
            self.post_message(Progressed(progress))

        def job() -> Any:
            from planner.invitations import outbox, sending, settings
            from planner.invitations.smtp import SmtpTransport

            options = outbox.Options(to=options_to, sessions=sessions)
            if not mail.sends:
                folder = settings.dry_run_folder(mail, slug)
                written = outbox.dry_run(workspace, slug, folder, options, settings=mail)
                return ("dry_run", len(written.files), shown_path(folder))
            outbox.queue(workspace, slug, options, settings=mail)
            transport = SmtpTransport(mail, settings.password(mail))
            return sending.send_queued(workspace, slug, transport, mail, report=report, stop=stop)

        run_work(self, job, self.sent, failed=self.send_failed, group="send")

    def on_unmount(self) -> None:
        """Leaving the app mid-send stops after the message in flight: the rest stay queued,
        sent by the next send."""
        if self.stop_sending is not None:
            self.stop_sending.set()

    def on_progressed(self, message: Progressed) -> None:
        progress = message.progress
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(progress.done + progress.left, 1), progress=progress.done)
        self.show_status(self.counts_text(progress))

    def counts_text(self, progress: Any) -> str:
        return self.said(
            "counts",
            sent=progress.sent,
            failed=progress.failed,
            left=progress.left,
        )

    def sent(self, result: Any) -> None:
        self.stop_sending = None
        self.query_one("#progress", ProgressBar).display = False
        if isinstance(result, tuple):
            _, count, folder = result
            self.show_status(self.said("dry_run_done", count=count, folder=folder))
        else:
            done = self.counts_text(result)
            if result.again:
                done += " · " + self.said("sent_again", count=result.again)
            self.show_status(done)
            self.view = FAILED if result.failed else PLAN
        self.reload()

    def send_failed(self, error: Exception) -> None:
        self.stop_sending = None
        self.query_one("#progress", ProgressBar).display = False
        self.show_status(str(error))
        self.reload()

    def action_stop(self) -> None:
        if self.stop_sending is not None:
            self.stop_sending.set()
            self.show_status(self.said("stopping"))

    # -- what is shown -------------------------------------------------------------------

    def action_audience(self) -> None:
        self.audience = AUDIENCES[(AUDIENCES.index(self.audience) + 1) % len(AUDIENCES)]
        self.view = PLAN
        self.reload()

    def action_sessions(self) -> None:
        self.sessions = not self.sessions
        self.view = PLAN
        self.reload()

    def action_outbox(self) -> None:
        self.view = OUTBOX if self.view == PLAN else PLAN
        if self.loaded_data is not None:
            self.show()

    def action_failed(self) -> None:
        self.view = FAILED if self.view != FAILED else OUTBOX
        if self.loaded_data is not None:
            self.show()

    def action_resend(self) -> None:
        table = self.query_one("#messages", VirtualTable)
        key = table.current_key
        if self.view == PLAN or key is None or not key.startswith("m"):
            self.show_status(self.said("resend_where"))
            return
        workspace, slug, message_id = self.app.workspace, self.slug, int(key[1:])

        def job() -> Any:
            from planner.invitations import outbox

            return outbox.requeue(workspace, slug, message_id)

        run_work(self, job, self.requeued, failed=lambda error: self.show_status(str(error)))

    def requeued(self, row: OutboxRow) -> None:
        self.show_status(self.said("requeued", id=row.id, address=row.recipient))
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        if self.stop_sending is not None:
            self.stop_sending.set()
        self.dismiss(self.slug)
