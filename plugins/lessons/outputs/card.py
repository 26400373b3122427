"""An embeddable lesson card: self-contained HTML (inline styles, no scripts, no external
resources) that another platform can paste, with attribution and a link back; and the card
as a page of its own (`lessen/<id>/kaart.html`)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from ..model.document import Document, Lesson


@dataclass(frozen=True)
class CardStyle:
    """The card's colours, as hex values: inline styles cannot refer to the site's CSS, so
    the site's huisstijl is resolved into them (huisstijl.card_style)."""
    accent: str = "#2d3a45"
    surface: str = "#f3f6f9"
    text: str = "#1a1a1a"


NEUTRAL = CardStyle()


def _box(style: CardStyle) -> str:
    # Long words and addresses wrap inside the card, so a narrow column or a 320-pixel
    # screen never scrolls sideways because of it.
    return (f"margin:0;padding:12px 16px;border-left:4px solid {style.accent};"
            f"background:{style.surface};font-family:sans-serif;color:{style.text};"
            "overflow-wrap:break-word")

# The statement looks the same whether it is the page's heading or a paragraph.
_STATEMENT = "margin:0 0 8px;font-size:1em;font-weight:600"


def lesson_card(lesson: Lesson, doc: Document, url: str, publisher: str, licence: str,
                *, statement_tag: str = "p", style: CardStyle = NEUTRAL) -> str:
    """The card to paste. The statement is a paragraph: a heading would break the outline
    of the page it is pasted into; the card's own page makes it the heading (`card_page`)."""
    return (
        '<blockquote cite="{url}" style="{box}">\n'
        '  <{tag} style="{statement_style}">{statement}</{tag}>\n'
        '{explanation}'
        '  <footer style="font-size:0.85em">Les uit <cite>{title}</cite> ({year}), '
        '{publisher}. <a href="{url}">{url}</a> · {licence}</footer>\n'
        '</blockquote>\n'
    ).format(
        url=escape(url), box=escape(_box(style)), tag=statement_tag, statement_style=_STATEMENT,
        statement=escape(lesson.statement), title=escape(doc.title), year=doc.date.year,
        publisher=escape(publisher), licence=escape(licence),
        explanation=(f'  <p style="margin:0 0 8px">{escape(lesson.explanation)}</p>\n'
                     if lesson.explanation else ""))


def card_page(lesson: Lesson, doc: Document, url: str, publisher: str, licence: str,
              site_name: str, style: CardStyle = NEUTRAL) -> str:
    """The card on a page of its own: a whole document that works at any width, with the
    card as its main content and the lesson's statement as its heading."""
    card = lesson_card(lesson, doc, url, publisher, licence, statement_tag="h1", style=style)
    return ('<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            # No icon: without this a browser asks for /favicon.ico, which is not there.
            '<link rel="icon" href="data:,">\n'
            f'<title>Les: {escape(lesson.statement)} - {escape(site_name)}</title>\n'
            '</head>\n<body style="margin:0;padding:16px">\n<main>\n'
            f'{card}</main>\n</body>\n</html>\n')
