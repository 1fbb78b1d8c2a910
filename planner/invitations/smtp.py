"""Where messages go: an SMTP server (smtplib, STARTTLS or SSL, with a login), or, for a dry
run, a folder of .eml files.

A transport says how one message fared: sent, refused for now (a 4xx reply, or the
connection dropped: try again later), or refused for good (5xx). Problems that would refuse
every message (the server cannot be reached, the login or the sender is refused) stop the
send with one message saying what to fix; nothing is marked failed for them.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from pathlib import Path
from typing import Protocol

from planner.errors import PlannerError, WorkspaceUnavailable
from planner.invitations.settings import MailSettings
from planner.words import Words


class ServerRefused(Exception):
    """The server would not take this message: `temporary` for a 4xx reply."""

    def __init__(self, code: int, reply: str) -> None:
        super().__init__(code, reply)
        self.code = code
        self.reply = reply

    @property
    def temporary(self) -> bool:
        return 400 <= self.code < 500

    def __str__(self) -> str:
        return f"{self.code} {self.reply}".strip()


class CannotSend(PlannerError):
    """Nothing can be sent now: the server is unreachable, or refuses the login or the
    sender. Every message stays queued."""

    exit_code = WorkspaceUnavailable.exit_code


class Transport(Protocol):
    def send(self, sender: str, recipient: str, message: bytes) -> None: ...

    def close(self) -> None: ...


class SmtpTransport:
    """One connection to the server, opened on the first message and kept."""

    def __init__(self, settings: MailSettings, password: str | None) -> None:
        self.settings = settings
        self._password = password
        self._connection: smtplib.SMTP | None = None

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        connection = self._connection or self._connect()
        try:
            refused = connection.sendmail(sender, [recipient], message)
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            raise ServerRefused(code, _said(reply)) from None
        except smtplib.SMTPSenderRefused as error:
            if 400 <= error.smtp_code < 500:
                raise ServerRefused(error.smtp_code, _said(error.smtp_error)) from None
            raise CannotSend(
                Words("invitations_message.sender_refused", sender=sender, reply=_reply(error))
            ) from None
        except smtplib.SMTPResponseException as error:
            if error.smtp_code in (421,):
                self._drop()
            raise ServerRefused(error.smtp_code, _said(error.smtp_error)) from None
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self._drop()
            raise ServerRefused(451, f"connection lost: {error}") from None
        if refused:
            code, reply = next(iter(refused.values()))
            raise ServerRefused(code, _said(reply))

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.quit()
            except (smtplib.SMTPException, OSError):
                self._connection.close()
            self._connection = None

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        host = settings.host or ""
        try:
            connection = self._open(host)
            if settings.username:
                connection.login(settings.username, self._password or "")
        except smtplib.SMTPAuthenticationError as error:
            raise CannotSend(
                Words(
                    "invitations_message.login_refused",
                    user=settings.username,
                    host=host,
                    reply=_reply(error),
                )
            ) from None
        except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
            raise CannotSend(
                Words(
                    "invitations_message.unreachable",
                    host=host,
                    port=settings.port,
                    problem=_problem(error),
                )
            ) from None
        self._connection = connection
        return connection

    def _open(self, host: str) -> smtplib.SMTP:
        settings = self.settings
        if settings.security == "ssl":
            return smtplib.SMTP_SSL(
                host,
                settings.port,
                timeout=settings.timeout,
                context=ssl.create_default_context(),
            )
        connection = smtplib.SMTP(host, settings.port, timeout=settings.timeout)
        try:
            connection.ehlo()
            if settings.security == "starttls":
                connection.starttls(context=ssl.create_default_context())
                connection.ehlo()
        except BaseException:
            connection.close()
            raise
        return connection


class FolderTransport:
    """A dry run: each message as a .eml file in `folder`, nothing sent."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: list[Path] = []

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        from planner.files import write_output

        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.written) + 1:05d}-{_file_part(recipient)}.eml"
        write_output(path, message)
        self.written.append(path)

    def close(self) -> None:
        return None


_UNSAFE = re.compile(r"[^a-z0-9@._+-]+")


def _file_part(address: str) -> str:
    return _UNSAFE.sub("_", address.lower())[:80] or "recipient"


def _said(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())[:500]


def _reply(error: smtplib.SMTPResponseException) -> str:
    return f"{error.smtp_code} {_said(error.smtp_error)}"


def _problem(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return _reply(error)
    if isinstance(error, socket.timeout | TimeoutError):
        return "no answer in time"
    return " ".join(str(error).split()) or type(error).__name__
