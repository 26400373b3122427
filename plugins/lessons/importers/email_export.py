"""E-mail exports: headers become metadata, the thread stays readable."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from ..normalize.dates import find_date

HEADER = re.compile(r"^\s*\**(van|aan|cc|bcc|datum|verzonden|onderwerp|from|to|sent|date|"
                    r"subject)\**\s*:\s*\**\s*(.*)$", re.I)
SUBJECT = {"onderwerp", "subject"}
DATE = {"datum", "verzonden", "sent", "date"}


def looks_like_mail(text: str) -> bool:
    head = text.lstrip().split("\n")[:12]
    return sum(1 for line in head if HEADER.match(line)) >= 3


def thread_to_markdown(text: str) -> tuple[str, str, str | None]:
    """Return (subject, Markdown, ISO date of the first message)."""
    out, subject, date = [], "", None
    in_header = False
    for line in text.split("\n"):
        match = HEADER.match(line)
        if match:
            name, value = match.group(1).lower(), match.group(2).strip()
            if not in_header:
                out += ["", "---", ""] if out else []
                in_header = True
            if name in SUBJECT and not subject:
                subject = re.sub(r"^(?:(?:re|fw|fwd|antw|tr)\s*:\s*)+", "", value, flags=re.I)
            if name in DATE and date is None:
                found = find_date(value)
                date = found.isoformat() if found else None
            out.append(f"**{match.group(1).capitalize()}:** {value}  ")
            continue
        if in_header and line.strip():
            out.append("")
            in_header = False
        out.append(line)
    return subject, "\n".join(out).strip() + "\n", date


def read_eml(path: Path) -> str:
    """An .eml file as the same header-block text the .txt exports use."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    values = [(k, _header(message, k)) for k in ("From", "To", "Cc", "Date", "Subject")]
    lines = [f"{k}: {v}" for k, v in values if v]
    body = message.get_body(preferencelist=("plain", "html"))
    content = _content(body) if body else ""
    if body is not None and body.get_content_type() == "text/html":
        content = re.sub(r"<[^>]+>", "", content)
    return "\n".join(lines) + "\n\n" + content


def _header(message, name: str) -> str:
    """A header decoded, or as it stands in the file when it cannot be parsed (the
    standard library raises IndexError on a damaged encoded word): kept, not lost."""
    try:
        return str(message[name] or "")
    except Exception:  # noqa: BLE001 - the email package's parser fails in many ways
        return next((str(v) for k, v in message.raw_items() if k.lower() == name.lower()), "")


def _content(part) -> str:
    """The text of a part; an unknown charset is read as UTF-8 with replacements, as a
    mail program shows it."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, KeyError):
        data = part.get_payload(decode=True) or b""
        return data.decode("utf-8", "replace")
