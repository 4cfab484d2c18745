"""A listening session as an iCalendar (RFC 5545) event, written by hand.

Text values lose what XML 1.0 forbids too (``app.text.xml_safe``: control characters and
lone surrogates, which no calendar wants and UTF-8 cannot encode), are escaped (backslash,
semicolon, comma, newline), and every content line is folded at 75 octets without splitting
a UTF-8 character, with CRLF line ends.
"""
from datetime import UTC

from ..models.types import utcnow
from ..text import xml_safe

PRODID = "-//Heard//Listening sessions//EN"


def escape_text(value):
    value = xml_safe(value or "")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n")


def fold(line):
    """Split a content line into chunks of at most 75 octets (continuations start with a space)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines carry a leading space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _stamp(dt):
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event(session, *, title, description="", location="", url=None, now=None):
    """The calendar file for one session, as text (CRLF line ends)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + PRODID,
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:session-{session.id}@heard",
        "DTSTAMP:" + _stamp(now or utcnow()),
        "DTSTART:" + _stamp(session.starts_at),
        "DTEND:" + _stamp(session.ends_at),
        "SUMMARY:" + escape_text(title),
        "LOCATION:" + escape_text(location),
    ]
    if description:
        lines.append("DESCRIPTION:" + escape_text(description))
    if url:
        lines.append("URL:" + xml_safe(url).replace("\r", "").replace("\n", ""))
    lines.append("STATUS:" + ("CANCELLED" if session.status == "cancelled" else "CONFIRMED"))
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
