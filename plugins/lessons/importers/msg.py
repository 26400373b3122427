"""Outlook .msg e-mails (extract-msg): the headers become metadata, the thread stays
readable, the same way .eml and .txt exports are read (email_export.thread_to_markdown).

- The HTML body is preferred (links, lists, tables survive) and goes through the same
  HTML-to-Markdown path as web pages; the plain-text body is the fallback.
- Images the HTML shows from the message itself (cid:, a signature logo) become assets.
- Other attachments are not imported: they are named at the top of the body
  ('Bijlagen: HowTo.md') and in review_needed, to be imported on their own if they matter.
- Addresses and phone numbers are kept as in an .eml import: the document is a draft, and
  the privacy check names each one before anything is published.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from ..normalize.dates import format_nl
from . import email_export, rawtext
from .docprops import person_name
from .registry import Converted, ImportFailure, Removed

HEADER_IN_LINE = re.compile(r"<br>\s*(?=\**(?:Van|Verzonden|Aan|CC|Onderwerp|Datum|From|Sent"
                            r"|To|Date|Subject)\**\s*:)", re.I)
LOCAL = ZoneInfo("Europe/Amsterdam")


def _open(path: Path):
    try:
        import extract_msg
    except ImportError:  # pragma: no cover - a broken install
        raise ImportFailure("reading .msg needs extract-msg: `pip install extract-msg`") from None
    try:
        return extract_msg.openMsg(str(path))
    except Exception as err:  # extract-msg raises its own types for damaged files
        raise ImportFailure(f"not a readable Outlook message ({err}); save it again from "
                            f"Outlook, or as .eml") from None


def _sent(message) -> dt.datetime | None:
    value = message.date
    if isinstance(value, dt.datetime):
        return value.astimezone(LOCAL) if value.tzinfo else value
    return None


def _attachments(message, folder: Path) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """(cid -> file name written to `folder`, [(name, size)] of the other attachments)."""
    inline: dict[str, str] = {}
    others: list[tuple[str, int]] = []
    for n, attachment in enumerate(message.attachments):
        data = attachment.data
        name = attachment.longFilename or attachment.shortFilename or f"bijlage-{n + 1}"
        if not isinstance(data, bytes):  # an attached message or OLE object
            others.append((name, 0))
            continue
        cid = (getattr(attachment, "cid", None) or getattr(attachment, "contentId", None)
               or "")
        if cid:
            safe = re.sub(r"[^\w.-]+", "-", name)
            (folder / safe).write_bytes(data)
            inline[cid.strip("<>")] = safe
        else:
            others.append((name, len(data)))
    return inline, others


def _one_line(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def _headers(message, sent: dt.datetime | None) -> list[str]:
    lines = [f"Van: {message.sender or ''}"]
    if sent:
        lines.append(f"Verzonden: {format_nl(sent.date())} {sent:%H:%M}")
    lines.append(f"Aan: {_one_line(message.to)}")
    if message.cc:
        lines.append(f"CC: {_one_line(message.cc)}")
    lines.append(f"Onderwerp: {message.subject or ''}")
    return lines


def read(path: Path) -> Converted:
    from .structured import html_to_markdown

    message = _open(path)
    try:
        sent = _sent(message)
        headers = _headers(message, sent)
        sender = _one_line(message.sender)
        html = message.htmlBody
        removed: list[Removed] = []
        review: list[str] = []
        assets: dict[str, bytes] = {}
        with tempfile.TemporaryDirectory() as tmp:
            inline, others = _attachments(message, Path(tmp))
            if html:
                text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
                for cid, name in inline.items():
                    text = text.replace(f"cid:{cid}", name)
                body, removed, review, assets, _ = html_to_markdown(text, Path(tmp))
                body = HEADER_IN_LINE.sub("\n", body)
                raw_body = rawtext.html_text(text)
            else:
                body = raw_body = message.body or ""
    finally:
        message.close()
    if others:
        names = ", ".join(name for name, _ in others)
        body = f"**Bijlagen:** {names}\n\n{body}"
        raw_body = f"{names}\n{raw_body}"
        review += [f"attachment '{name}' ({size // 1024} KB) not imported: import it "
                   f"separately if it belongs to the document" for name, size in others]
    text = "\n".join(headers) + "\n\n" + body
    # The writer of a letter is its author: the sender's name, when it names a person.
    sender_names = [n for n in [person_name(re.sub(r"<[^>]*>|\[[^\]]*\]", "", sender))]
                    if n]
    subject, markdown, date = email_export.thread_to_markdown(text)
    raw = "\n".join(headers) + "\n\n" + raw_body
    return Converted(raw, markdown, subject, sent.date().isoformat() if sent else date,
                     "correspondence", f"extract-msg {_version()} email", structured=True,
                     removed=removed, review=review, assets=assets, authors=sender_names)


def _version() -> str:
    try:
        import extract_msg

        return extract_msg.__version__
    except ImportError:  # pragma: no cover
        return "?"
