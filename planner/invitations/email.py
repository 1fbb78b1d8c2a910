"""Invitation e-mails as iMIP (RFC 6047) asks, made with the standard library's email package
and its SMTP policy (CRLF line ends, RFC 2047 for names that are not ASCII):

    multipart/mixed
      multipart/alternative
        text/plain; charset="utf-8"                      the letter
        text/html; charset="utf-8"                       the letter, formatted
        text/calendar; method=REQUEST; charset="UTF-8"   what calendars read
      application/ics; name="invite.ics"                 the same, as an attachment

Every message has From (the sender), To, Subject, Date and a Message-ID. A name is one line
before it reaches a header: a CR, LF or other control character in it becomes a space, so no
name can add a header; quotes, colons and commas in a name stay inside its quoted or encoded
form, and a name that is not ASCII is encoded per RFC 2047.

Speed: the email package spends most of a message's time parsing and folding headers that
every message of a send shares. `Letters` has it write those once per sender, subject and
method (a frame with a marker where each part's content goes) and fills in each recipient's
own To, Date, Message-ID and contents, each encoded by the same package (`email.utils`,
quoted-printable for letters, base64 for calendars). Neither encoding can produce a line
beginning "--=_", so no content can close a part early. `invitation_email` makes one message
the same way.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.message import EmailMessage, MIMEPart
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid

from planner.errors import BadInput
from planner.invitations.ics import Method, one_line
from planner.words import Words

ATTACHMENT_NAME = "invite.ics"
_PARTS = ("text", "html", "calendar", "attachment")


@dataclass(frozen=True)
class Mailbox:
    """An address and the name shown with it."""

    address: str
    name: str = ""


class Letters:
    """The e-mails of one send from one sender with one method."""

    def __init__(self, sender: Mailbox, method: Method) -> None:
        self.sender = sender
        self.method = method
        self._frames: dict[str, list[bytes]] = {}
        self._from = _header_line("From", sender)

    def message(
        self,
        recipient: Mailbox,
        *,
        subject: str,
        text: str,
        html: str,
        calendar: bytes,
        date: datetime | None = None,
    ) -> bytes:
        """The whole message to `recipient`, as the bytes to send."""
        frame = self._frames.get(subject)
        if frame is None:
            frame = self._frames.setdefault(subject, _frame(subject, self.method))
        encoded_calendar = _base64(calendar)
        contents = (_quoted(text), _quoted(html), encoded_calendar, encoded_calendar)
        head = (
            self._from
            + _header_line("To", recipient)
            + _header_line("Date", format_datetime((date or datetime.now(UTC)).astimezone(UTC)))
            + _header_line("Message-ID", make_msgid(domain=_domain(self.sender.address)))
        )
        pieces = [head, frame[0]]
        for content, after in zip(contents, frame[1:], strict=True):
            pieces += [content, after]
        return b"".join(pieces)


def invitation_email(
    *,
    sender: Mailbox,
    recipient: Mailbox,
    subject: str,
    text: str,
    html: str,
    calendar: bytes,
    method: Method,
    date: datetime | None = None,
) -> bytes:
    """One message, as the bytes to send."""
    return Letters(sender, method).message(
        recipient, subject=subject, text=text, html=html, calendar=calendar, date=date
    )


def checked_address(address: str, what: str = "address") -> str:
    """`address` as an SMTP envelope and a header take it: one `local@domain`, ASCII (a
    domain in another script in its IDNA form); else BadInput."""
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or not _ADDRESS.fullmatch(address):
        raise BadInput(Words("invitations_message.bad_address", what=what, address=address))
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise BadInput(
                Words("invitations_message.bad_address", what=what, address=address)
            ) from None
    if not local.isascii():
        raise BadInput(Words("invitations_message.not_ascii_address", address=address))
    return f"{local}@{domain}"


_ADDRESS = re.compile(r"[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+\.[^\s<>()\[\]\\,;:\"@.]+")


def display_name(name: str) -> str:
    """A name as a header shows it: one line, without control characters."""
    return one_line(name)


def _frame(subject: str, method: Method) -> list[bytes]:
    """The message without its own headers and contents, written by the email package: the
    bytes before, between and after the four contents (the subject first)."""
    markers = {name: f"PLANNER{secrets.token_hex(16).upper()}" for name in _PARTS}
    boundary = f"=_planner_{secrets.token_hex(12)}"
    message = EmailMessage(policy=SMTP)
    message["MIME-Version"] = "1.0"
    message["Content-Type"] = f'multipart/mixed; boundary="{boundary}_mixed"'
    letter = MIMEPart(policy=SMTP)
    letter["Content-Type"] = f'multipart/alternative; boundary="{boundary}_alternative"'
    letter.attach(_part('text/plain; charset="utf-8"', "quoted-printable", markers["text"]))
    letter.attach(_part('text/html; charset="utf-8"', "quoted-printable", markers["html"]))
    letter.attach(
        _part(
            f'text/calendar; method={method.value}; charset="UTF-8"',
            "base64",
            markers["calendar"],
        )
    )
    message.attach(letter)
    attachment = _part(
        f'application/ics; name="{ATTACHMENT_NAME}"', "base64", markers["attachment"]
    )
    attachment["Content-Disposition"] = f'attachment; filename="{ATTACHMENT_NAME}"'
    message.attach(attachment)
    written = message.as_bytes()
    pieces = []
    for name in _PARTS:
        before, found, written = written.partition(markers[name].encode("ascii"))
        if not found:
            raise AssertionError(f"the {name} marker is not in the message written")
        pieces.append(before)
    pieces[0] = _subject_line(subject) + pieces[0]
    return [*pieces, written]


def _subject_line(subject: str) -> bytes:
    """The subject on one line as it is when it is short ASCII, else as RFC 2047 encoded
    words, one a line (see `_header_line`)."""
    subject = one_line(subject)
    line = f"Subject: {subject}\r\n"
    if subject.isascii() and len(line) <= (SMTP.max_line_length or 78) + 2:
        return line.encode("ascii")
    if subject.isascii():
        return SMTP.fold_binary("Subject", subject)
    words = Header(subject, "utf-8", header_name="Subject").encode(linesep="\r\n")
    return f"Subject: {words}\r\n".encode("ascii")


def _part(content_type: str, encoding: str, content: str) -> MIMEPart:
    part = MIMEPart(policy=SMTP)
    part["Content-Type"] = content_type
    part["Content-Transfer-Encoding"] = encoding
    part.set_payload(content)
    return part


def _header_line(name: str, value: str | Mailbox) -> bytes:
    """One header as the SMTP policy writes it. A mailbox is encoded by `formataddr` when
    that fits on one line; a longer name that is not plain ASCII words is written as a run
    of RFC 2047 encoded words (`email.header.Header`), one a line, which mail clients join
    without spaces (the policy's own refolding can split a word between an encoded and a
    plain part, which reads back with a space in the middle)."""
    if isinstance(value, Mailbox):
        shown = display_name(value.name)
        encoded = formataddr((shown, value.address), charset="utf-8")
        if len(name) + 2 + len(encoded) <= (SMTP.max_line_length or 78):
            return f"{name}: {encoded}\r\n".encode("ascii")
        if not _PLAIN_WORDS.fullmatch(shown):
            words = Header(shown, "utf-8", header_name=name).encode(linesep="\r\n")
            return f"{name}: {words}\r\n <{value.address}>\r\n".encode("ascii")
        value = encoded
    if "\r" in value or "\n" in value:
        raise ValueError(f"a {name} header cannot hold a line break")
    return SMTP.fold_binary(name, value)


_PLAIN_WORDS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*")
"""Words an address header can carry as they are (RFC 5322 atoms and spaces)."""


def _quoted(text: str) -> bytes:
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return binascii.b2a_qp(data, istext=True).replace(b"\n", b"\r\n")


def _base64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def _domain(address: str) -> str:
    return address.rpartition("@")[2] or "planner.invalid"
