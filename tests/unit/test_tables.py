"""Tables in a body scroll in a box a keyboard reaches and a screen reader names."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from lessons.tables import scrollable

TABLE = ("<table><thead><tr><th>Periode</th><th>Overleg &amp; vorm</th><th>Partijen</th>"
         "<th>Frequentie</th></tr></thead><tbody><tr><td>Maart</td><td>Landelijk</td>"
         "<td>GGD'en</td><td>Dagelijks</td></tr></tbody></table>")


def boxes(html: str):
    return LexborHTMLParser(html).css("div.lessons-scroll")


def test_a_table_is_boxed_focusable_and_named_by_its_first_header_cells():
    html = scrollable("<p>Voor.</p>" + TABLE + "<p>Na.</p>")
    [box] = boxes(html)
    assert box.attributes["role"] == "region" and box.attributes["tabindex"] == "0"
    assert box.attributes["aria-label"] == "Tabel: Periode, Overleg & vorm, Partijen"
    assert box.css_first("table").attributes["class"] == "lessons-table"
    assert html.startswith("<p>Voor.</p><div") and html.endswith("</div><p>Na.</p>")


def test_a_caption_names_the_box_and_a_table_in_a_table_is_boxed_once():
    inner = "<table><tr><td>binnen</td></tr></table>"
    html = scrollable(f"<table><caption>Overleg \"2020\"</caption><tr><td>{inner}</td></tr>"
                      "</table>" + TABLE)
    found = boxes(html)
    assert [b.attributes["aria-label"] for b in found] == [
        'Tabel: Overleg "2020"', "Tabel: Periode, Overleg & vorm, Partijen"]
    assert len(LexborHTMLParser(html).css("table")) == 3


def test_a_body_without_tables_is_unchanged():
    assert scrollable("<p>Geen tabel.</p>") == "<p>Geen tabel.</p>"
