"""How invitations are sent, from `[mail]` in config.toml:

    [mail]
    from = "Sekretariatet <post@example.no>"   # else the meeting organiser's address
    host = "smtp.example.no"                   # none: every send is a dry run (.eml files)
    port = 587                                 # default: 465 for ssl, else 587
    security = "starttls"                      # "starttls", "ssl", or "none" (local only)
    username = "post@example.no"               # to log in (the password is never here)
    password_env = "PLANNER_SMTP_PASSWORD"     # the variable holding the password
    rate = 60                                  # messages a minute at most; 0: no limit
    retries = 5                                # tries after a temporary refusal (4xx)
    backoff = 2.0                              # seconds before the first retry, doubling
    timeout = 30                               # seconds to wait for the server
    dry_run_folder = "~/invitations"           # where dry runs write their .eml files

The password comes from the environment variable, else from the system's keyring (service
"planner-smtp", user "<username>@<host>"; `planner mail password` stores it there). A
`password` in config.toml is refused: it must never be stored in a file Planner reads.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from planner.errors import BadInput
from planner.invitations.email import Mailbox, checked_address
from planner.words import Words

PASSWORD_ENV = "PLANNER_SMTP_PASSWORD"
KEYRING_SERVICE = "planner-smtp"
SECURITIES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class MailSettings:
    sender: Mailbox | None = None
    host: str | None = None
    port: int = 587
    security: str = "starttls"
    username: str | None = None
    password_env: str = PASSWORD_ENV
    rate: float = 60.0
    retries: int = 5
    backoff: float = 2.0
    timeout: float = 30.0
    dry_run_folder: Path | None = None

    @property
    def sends(self) -> bool:
        """Whether a server is set: without one, every send is a dry run."""
        return bool(self.host)

    @property
    def keyring_user(self) -> str:
        return f"{self.username}@{self.host}"

    @property
    def local(self) -> bool:
        """Whether the server is this machine (a test server, a local relay)."""
        host = (self.host or "").strip("[]")
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False


def mail_settings() -> MailSettings:
    """`[mail]` of config.toml, checked; each mistake is BadInput naming the setting."""
    from planner.config import config_file, config_table

    table = config_table("mail")
    where = f"{config_file()}: mail"
    if "password" in table:
        raise BadInput(Words("invitations_message.password_in_config", where=where))
    security = _choice(table, "security", where, "starttls")
    values: dict[str, Any] = {
        "sender": _sender(table.get("from"), where) if "from" in table else None,
        "host": _text(table, "host", where) or None,
        "port": _number(table, "port", where, 465 if security == "ssl" else 587, 1, 65535),
        "security": security,
        "username": _text(table, "username", where) or None,
        "password_env": _text(table, "password_env", where) or PASSWORD_ENV,
        "rate": float(_number(table, "rate", where, 60, 0, 100_000)),
        "retries": int(_number(table, "retries", where, 5, 0, 20)),
        "backoff": float(_number(table, "backoff", where, 2.0, 0, 600)),
        "timeout": float(_number(table, "timeout", where, 30, 1, 600)),
        "dry_run_folder": _folder(table, where),
    }
    settings = MailSettings(**values)
    if settings.security == "none" and settings.username and not settings.local:
        raise BadInput(Words("invitations_message.login_in_clear", where=where))
    return settings


def mail_problems() -> list[str]:
    """What is wrong with `[mail]` (for `planner check-config`): the first mistake found."""
    try:
        mail_settings()
    except BadInput as error:
        return [str(error)]
    return []


def sender_for(settings: MailSettings, organiser_name: str, organiser_email: str | None) -> Mailbox:
    """Who invitations come from: `[mail] from`, else the organiser's address; neither is
    BadInput saying what to set."""
    if settings.sender is not None:
        return settings.sender
    if organiser_email:
        return Mailbox(checked_address(organiser_email, "organiser.email"), organiser_name)
    raise BadInput(Words("invitations_message.no_sender"))


def password(settings: MailSettings) -> str | None:
    """The SMTP password: from the environment variable, else the keyring; None when no
    login is set. A login without a password anywhere is BadInput saying where to put it."""
    if not settings.username:
        return None
    value = os.environ.get(settings.password_env)
    if value:
        return value
    value = _from_keyring(settings)
    if value:
        return value
    raise BadInput(
        Words(
            "invitations_message.no_password",
            variable=settings.password_env,
            user=settings.keyring_user,
        )
    )


def store_password(settings: MailSettings, secret: str) -> None:
    """Keep the password in the system keyring (for `planner mail password`)."""
    if not settings.username or not settings.host:
        raise BadInput(Words("invitations_message.no_login"))
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, settings.keyring_user, secret)
    except (ImportError, KeyringError, RuntimeError) as error:
        raise BadInput(Words("invitations_message.no_keyring", problem=str(error))) from None


def dry_run_folder(settings: MailSettings, slug: str, given: Path | None = None) -> Path:
    """Where a dry run writes: the folder given, else `[mail] dry_run_folder`, else one in
    Planner's data folder; a new sub-folder for each run, so no run overwrites another."""
    from datetime import datetime

    from planner.config import data_folder

    if given is not None:
        return given
    base = settings.dry_run_folder or data_folder() / "dry-runs"
    return base / f"{slug}-{datetime.now():%Y%m%d-%H%M%S}"


def _from_keyring(settings: MailSettings) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, settings.keyring_user)
    except (KeyringError, RuntimeError):
        return None


def _sender(value: Any, where: str) -> Mailbox:
    if not isinstance(value, str) or not value.strip():
        raise BadInput(Words("invitations_message.bad_from", where=where, value=str(value)))
    name, address = parseaddr(value)
    if not address:
        raise BadInput(Words("invitations_message.bad_from", where=where, value=value))
    return Mailbox(checked_address(address, f"{where}.from"), name)


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise BadInput(Words("invitations_message.bad_setting", where=f"{where}.{key}"))
    return value.strip()


def _choice(table: dict[str, Any], key: str, where: str, default: str) -> str:
    value = table.get(key, default)
    if value not in SECURITIES:
        raise BadInput(
            Words(
                "invitations_message.bad_choice",
                where=f"{where}.{key}",
                choices=", ".join(SECURITIES),
            )
        )
    return str(value)


def _number(
    table: dict[str, Any], key: str, where: str, default: float, low: float, high: float
) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise BadInput(
            Words("invitations_message.bad_number", where=f"{where}.{key}", low=low, high=high)
        )
    return value


def _folder(table: dict[str, Any], where: str) -> Path | None:
    value = _text(table, "dry_run_folder", where)
    return Path(value).expanduser() if value else None
