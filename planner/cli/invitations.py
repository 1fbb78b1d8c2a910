"""Calendar invitations: invite, cancel, the outbox, an "add to calendar" file, replies.

Without an SMTP server in config.toml ([mail] host), nothing is sent: the messages are
written as .eml files to a folder (a dry run), and the workspace is not changed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.app import app, open_workspace, say
from planner.errors import BadInput
from planner.model.text import printable
from planner.words import say as words

replies_app = typer.Typer(help="iTIP replies: who accepted, declined or said maybe.")
app.add_typer(replies_app, name="replies")
mail_app = typer.Typer(help="The mail server invitations are sent through.")
app.add_typer(mail_app, name="mail")

_TO_HELP = "Who: invited, confirmed, all (the default), or one e-mail address."


@app.command()
def invite(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    to: Annotated[str, typer.Option("--to", help=_TO_HELP)] = "all",
    dry_run: Annotated[
        Path | None,
        typer.Option("--dry-run", help="Write the messages as .eml files to this folder."),
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send them through the SMTP server in config.toml.")
    ] = False,
    sessions: Annotated[
        bool,
        typer.Option("--sessions", help="Also one entry per session each person signed up for."),
    ] = False,
) -> None:
    """Send calendar invitations (and updates, and cancellations to those who left) for a
    meeting. Without --send, a dry run: the messages are written as .eml files."""
    if dry_run is not None and send:
        raise BadInput(words("invitations_message.dry_run_or_send"))
    _deliver(ctx, slug, to=to, folder=dry_run, send=send, sessions=sessions)


@app.command()
def cancel(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    send: Annotated[
        bool, typer.Option("--send", help="Cancel the meeting and send the cancellations.")
    ] = False,
) -> None:
    """Cancel a meeting: a CANCEL (STATUS:CANCELLED) to everyone who has it in their
    calendar. Without --send, only shows (and writes as .eml files) what would be sent."""
    from planner import meeting_actions
    from planner.invitations import outbox as box
    from planner.invitations import settings

    with open_workspace(ctx) as workspace:
        mail = settings.mail_settings()
        if send and mail.sends:
            meeting_actions.cancel(workspace, slug)
            queued = box.queue(workspace, slug, box.Options(cancelled=True), settings=mail)
            _show_plan(queued.send)
            _send_queued(workspace, slug, mail)
            return
        folder = settings.dry_run_folder(mail, slug)
        written = box.dry_run(workspace, slug, folder, box.Options(cancelled=True), settings=mail)
    _show_plan(written.send)
    if written.files:
        say(words("invitations_message.wrote", count=len(written.files), folder=str(folder)))
    say(words("invitations_message.no_server" if send else "invitations_message.cancel_dry_run"))


@app.command()
def outbox(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    failed: Annotated[bool, typer.Option("--failed", help="Only the failed messages.")] = False,
    resend: Annotated[
        int | None, typer.Option("--resend", help="Queue this message again, as it was.")
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send what is queued (after an interruption, too).")
    ] = False,
    show: Annotated[
        int | None, typer.Option("--show", help="Print this message as it was sent (.eml).")
    ] = None,
) -> None:
    """The messages of a meeting, newest first, with their state: queued, sending, sent,
    failed (with the server's refusal) or superseded."""
    from planner.invitations import outbox as box
    from planner.invitations import settings

    with open_workspace(ctx, create=False) as workspace:
        if show is not None:
            data = box.message_bytes(workspace, slug, show)
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        if resend is not None:
            row = box.requeue(workspace, slug, resend)
            say(words("invitations_message.requeued", id=row.id, address=row.recipient))
        if resend is not None or send:
            mail = settings.mail_settings()
            if not mail.sends:
                say(words("invitations_message.queued_no_server"))
                return
            _send_queued(workspace, slug, mail)
            return
        rows = box.messages(workspace, slug, failed=failed)
        counts = box.state_counts(workspace, slug)
    say(
        "  ".join(
            f"{words('invitations_state.' + state.value)}: {count}"
            for state, count in counts.items()
        )
    )
    if not rows:
        say(words("invitations_message.outbox_empty"))
        return
    for row in rows:
        line = (
            f"{row.id:>6}  {words('invitations_state.' + row.state.value):<12} {row.method:<7} "
            f"SEQ {row.sequence:<3} {printable(row.recipient)}  {_short(row.uid)}"
        )
        if row.error:
            line += f"\n        {printable(row.error)}"
        say(line)


@app.command()
def ics(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    publish: Annotated[
        bool, typer.Option("--publish", help="An 'add to calendar' file: no attendees.")
    ] = False,
    output: Annotated[
        str, typer.Option("-o", "--output", help="File to write (- for stdout).")
    ] = "-",
    lang: Annotated[str | None, typer.Option("--lang", help="Language of its texts.")] = None,
) -> None:
    """Write the meeting as an iCalendar file (METHOD:PUBLISH) for a web page or newsletter."""
    from planner.files import write_output
    from planner.invitations import publishing

    if not publish:
        raise BadInput(words("invitations_message.publish_only"))
    with open_workspace(ctx, create=False) as workspace:
        data = publishing.published_calendar(workspace, slug, language=lang)
    where = write_output(output, data)
    if output != "-":
        say(words("invitations_message.wrote_file", path=where), err=True)


@replies_app.command("import")
def import_replies(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="An .eml, .ics or mbox file, or a folder.")],
) -> None:
    """Read iTIP replies and move each attendee's registration: accepted -> confirmed (or
    waitlisted when full), declined -> declined, tentative noted. Replies from addresses no
    registration has are listed, not guessed. Importing the same replies again changes
    nothing."""
    from planner.invitations import answers

    with open_workspace(ctx, create=False) as workspace:
        result = answers.import_replies(workspace, source)
    for line in answers.report_lines(result):
        say(line)


@mail_app.command("password")
def mail_password() -> None:
    """Store the SMTP password in the system keyring (asked for, never echoed)."""
    import getpass

    from planner.invitations import settings

    mail = settings.mail_settings()
    secret = getpass.getpass(words("invitations_message.password_prompt", user=mail.keyring_user))
    settings.store_password(mail, secret)
    say(words("invitations_message.password_stored", user=mail.keyring_user))


# -- shared ------------------------------------------------------------------------------------


def _deliver(
    ctx: typer.Context,
    slug: str,
    *,
    to: str,
    folder: Path | None,
    send: bool,
    sessions: bool,
) -> None:
    from planner.invitations import outbox as box
    from planner.invitations import settings

    with open_workspace(ctx) as workspace:
        mail = settings.mail_settings()
        options = box.Options(to=to, sessions=sessions)
        if send and mail.sends:
            queued = box.queue(workspace, slug, options, settings=mail)
            _show_plan(queued.send)
            _send_queued(workspace, slug, mail)
            return
        target = settings.dry_run_folder(mail, slug, folder)
        written = box.dry_run(workspace, slug, target, options, settings=mail)
    _show_plan(written.send)
    if written.files:
        say(words("invitations_message.wrote", count=len(written.files), folder=str(target)))
    say(words("invitations_message.no_server" if send else "invitations_message.dry_run_note"))


def _show_plan(send) -> None:
    from planner.invitations.report import skipped_lines, summary_lines
    from planner.words import current_language

    language = current_language()
    for line in summary_lines(send.plan, send.meeting.meeting, language):
        say(line)
    for line in skipped_lines(send.people.skipped, language):
        say(f"! {line}", err=True)


def _send_queued(workspace, slug: str, mail) -> None:
    from planner.invitations import sending, settings
    from planner.invitations.smtp import SmtpTransport

    transport = SmtpTransport(mail, settings.password(mail))
    progress = sending.send_queued(workspace, slug, transport, mail, report=_progress_line())
    if progress.again:
        say(words("invitations_message.sent_again", count=progress.again))
    say(
        words(
            "invitations_message.sent",
            sent=progress.sent,
            failed=progress.failed,
            left=progress.left,
        )
    )
    if progress.failed:
        say(words("invitations_message.see_failed", slug=slug), err=True)
        raise typer.Exit(1)


def _progress_line():
    """A progress line on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None

    def report(progress) -> None:
        line = words(
            "invitations_message.progress",
            sent=progress.sent,
            failed=progress.failed,
            left=progress.left,
            total=progress.done + progress.left,
        )
        sys.stderr.write(f"\r{line}\x1b[K")
        sys.stderr.flush()

    return report


def _short(uid: str) -> str:
    return uid if len(uid) <= 60 else uid[:57] + "…"
