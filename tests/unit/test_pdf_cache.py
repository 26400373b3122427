"""The PDF cache: a PDF is made once per content, and a site file never changes a cached one."""

from __future__ import annotations

from lessons.outputs.pdf import PdfMaker, Printable


def printable(title: str) -> Printable:
    return Printable(title=title, url="https://lessen.example.org/documenten/x/",
                     kicker="Lessen uit de praktijk · Memo", footer="voet",
                     body_html=f"<p>{title} in de tekst.</p>")


def test_a_pdf_rewritten_in_place_leaves_the_cached_pdf_alone(tmp_path):
    maker = PdfMaker(tmp_path / "cache", tmp_path)
    site = tmp_path / "site" / "x.pdf"
    maker.write(printable("Eerste versie"), tmp_path / "made.pdf")
    maker.write(printable("Eerste versie"), site)  # from the cache
    first = site.read_bytes()
    # A preview writes the edited document's PDF over the one in the site, which came
    # from the cache (a hard link): the entry of the first version must stay as it was.
    maker.write(printable("Tweede versie"), site)
    assert site.read_bytes() != first
    again = tmp_path / "other" / "x.pdf"
    maker.write(printable("Eerste versie"), again)
    assert again.read_bytes() == first
    assert (maker.hits, maker.misses) == (2, 2)


def test_the_same_content_is_made_once_and_gives_the_same_bytes(tmp_path):
    maker = PdfMaker(tmp_path / "cache", tmp_path)
    one, two = tmp_path / "a.pdf", tmp_path / "b.pdf"
    maker.write(printable("Zelfde"), one)
    maker.write(printable("Zelfde"), two)
    assert (maker.hits, maker.misses) == (1, 1)
    assert one.read_bytes() == two.read_bytes() == PdfMaker(None, tmp_path).compile(
        printable("Zelfde"))
