"""An invitation e-mail as its reader sees it, in plain text: its headers, its letter, and
the calendar entry it carries (what the app's Invitations screen previews)."""

from __future__ import annotations


def reader_view(message: bytes, *, most_lines: int = 400) -> str:
    """A message as a reader sees it: its headers, its letter, and its calendar entry."""
    import email
    from email.policy import SMTP

    from icalendar import Calendar

    parsed = email.message_from_bytes(message, policy=SMTP)
    lines = [f"{name}: {parsed[name]}" for name in ("From", "To", "Subject") if parsed[name]]
    letter = calendar = None
    for part in parsed.walk():
        if part.get_content_type() == "text/plain" and letter is None:
            letter = part.get_content()
        elif part.get_content_type() == "text/calendar" and calendar is None:
            calendar = part.get_payload(decode=True)
    lines += ["", (letter or "").replace("\r\n", "\n").rstrip()]
    if calendar:
        parsed_calendar = Calendar.from_ical(calendar)
        [event] = parsed_calendar.walk("VEVENT")
        lines += ["", "─" * 40, f"METHOD: {parsed_calendar.get('METHOD')}"]
        for name in ("SUMMARY", "DTSTART", "DTEND", "LOCATION", "URL", "STATUS", "SEQUENCE", "UID"):
            if name in event:
                value = event.decoded(name) if name in ("DTSTART", "DTEND") else event[name]
                lines.append(f"{name}: {value}")
    text = "\n".join(lines)
    shown = text.split("\n")
    return "\n".join(shown[:most_lines])
