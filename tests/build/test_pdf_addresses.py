"""Web addresses in a PDF's citation box and footer break only after / . or -: a line
never ends inside a word of an address (typst, left alone, breaks an address anywhere)."""

from __future__ import annotations

import io
import tempfile

import pypdf

from lessons.outputs import pdf

URL = "https://lessen.example.org/lessen/vws-verantwoordelijkheden-afspreken/"


def test_addresses_break_only_after_a_slash_a_dot_or_a_hyphen():
    # Texts of several lengths before the address: each puts a line's end elsewhere in it.
    texts = [f"{'Een bron met een titel van enige lengte. ' * n}Beschikbaar op: {URL}"
             for n in range(1, 7)]
    printable = pdf.Printable(title="Proef", url=URL, kicker="Proef", footer=f"Site · {URL}",
                              citations=[(f"Stijl {n}", [(text, False)])
                                         for n, text in enumerate(texts)])
    with tempfile.TemporaryDirectory() as root:
        made = pdf.compile_here(root, printable.as_json())
    text = pypdf.PdfReader(io.BytesIO(made)).pages[0].extract_text()
    lines = [line.split() for line in text.splitlines() if line.strip()]
    broken = 0
    for before, after in zip(lines, lines[1:], strict=False):
        # The address goes on over the line's end: the line ends after / . or -.
        if before[-1] + after[0] in URL:
            broken += 1
            assert before[-1][-1] in "/.-", (before[-1], after[0])
    assert broken  # the texts do break an address
