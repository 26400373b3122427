"""An embeddable lesson card: self-contained HTML (inline styles, no scripts, no external
resources) that another platform can paste, with attribution and a link back."""

from __future__ import annotations

from markupsafe import escape

from ..model.document import Document, Lesson


def lesson_card(lesson: Lesson, doc: Document, url: str, publisher: str, licence: str) -> str:
    return (
        '<blockquote cite="{url}" style="margin:0;padding:12px 16px;border-left:4px solid '
        '#154273;background:#f3f6f9;font-family:sans-serif;color:#1f2933">\n'
        '  <p style="margin:0 0 8px;font-weight:600">{statement}</p>\n'
        '{explanation}'
        '  <footer style="font-size:0.85em">Les uit <cite>{title}</cite> ({year}), '
        '{publisher}. <a href="{url}">{url}</a> · {licence}</footer>\n'
        '</blockquote>\n'
    ).format(
        url=escape(url), statement=escape(lesson.statement), title=escape(doc.title),
        year=doc.date.year, publisher=escape(publisher), licence=escape(licence),
        explanation=(f'  <p style="margin:0 0 8px">{escape(lesson.explanation)}</p>\n'
                     if lesson.explanation else ""))
