"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the invitation tests and benchmarks: it
keeps every message it accepts, and can be told to refuse the next few with a reply of its
own (451 for "try later", 550 for "no such user")."""

from __future__ import annotations

import email
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    def parsed(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=SMTP)  # type: ignore[return-value]


@dataclass
class Mailroom:
    """What the server has received, and how it answers the next messages."""

    received: list[Received] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    """Replies for the next messages, in order ("451 4.3.0 Try again later"); then 250."""
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            if self.refusals:
                self.refused += 1
                return self.refusals.pop(0)
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
            return "250 2.0.0 Message accepted"

    def clear(self) -> None:
        with self.lock:
            self.received.clear()
            self.refusals.clear()
            self.refused = 0

    def count(self) -> int:
        with self.lock:
            return len(self.received)

    def wait_for(self, count: int, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while self.count() < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the server got {self.count()} messages, not {count}")
            time.sleep(0.005)


class LocalServer:
    """The server, started on a free port of 127.0.0.1."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.mailroom = Mailroom()
        self.port = _free_port()
        self.controller = Controller(self.mailroom, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> LocalServer:
        self.controller.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.controller.stop()

    def config(self, **more: object) -> str:
        """The [mail] table of a config.toml that sends through this server."""
        values = {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "none",
            "rate": 0,
            "backoff": 0.01,
            "retries": 3,
            "timeout": 10,
            **more,
        }
        lines = ["[mail]"]
        for key, value in values.items():
            lines.append(f"{key} = {value!r}".replace("'", '"'))
        return "\n".join(lines) + "\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
