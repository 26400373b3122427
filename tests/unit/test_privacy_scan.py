"""The personal-data scan skips work a text cannot need (no look-alike characters, no
'(at)', no two digits in a row, digits only late in the text) and finds the same values
it would find by running every pattern over the whole text."""

from __future__ import annotations

import pytest

from lessons.privacy import check_rendered, scan


@pytest.mark.parametrize("text, kind, value", [
    # The first pair of digits lies inside the value, one or two characters after its start.
    ("Bel ons op +31 6 1234 5678.", "phone", "+31 6 1234 5678"),
    ("Rekening NL91ABNA0417164300.", "iban", "NL91ABNA0417164300"),
    ("Rekening nl91 abna 0417 1643 00.", "iban", "nl91 abna 0417 1643 00"),
    ("Een tekst zonder cijfers tot het BSN 123456782 hier", "bsn", "123456782"),
    # Only after mapping look-alikes is this a number: fullwidth digits, a Unicode dash.
    ("Bel \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18.", "phone",
     "\uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"),
    ("Bel 06\u2012\u2007\u200912345678", "phone", "06\u2012\u2007\u200912345678"),
    # Addresses without an '@': written out, in capitals, in mismatched brackets, escaped.
    ("Mail J.DeVries(AT)GGD.nl", "email", "J.DeVries(AT)GGD.nl"),
    ("Mail j.devries(at]ggd.nl", "email", "j.devries(at]ggd.nl"),
    ("Mail j.devries%40ggd.nl", "email", "j.devries%40ggd.nl"),
])
def test_a_value_is_found_however_little_of_the_text_points_to_it(text, kind, value):
    assert [(f.kind, f.value) for f in scan(text)] == [(kind, value)]


@pytest.mark.parametrize("text", [
    "Bel 06\u201312345678, mail j.devries(at)ggd.nl of maak over naar NL91ABNA0417164300.",
    "Mail j.devries(at)ggd.nl, bel 06\u201312345678 of maak over naar NL91ABNA0417164300.",
    "Maak over naar NL91ABNA0417164300, mail j.devries(at)ggd.nl, bel 06\u201312345678.",
    "Bel 06\u00a012345678 of 06\u201312345678\u00a0(of 06\u2013\u200987654321), mail "
    "j.devries(at)ggd.nl of maak over naar NL91ABNA0417164300.",
])
def test_each_kind_is_found_wherever_the_others_stand(text):
    kinds = [f.kind for f in scan(text)]
    assert sorted(set(kinds)) == ["email", "iban", "phone"], kinds


def test_every_iban_is_found_among_letters_and_digits_that_only_look_like_one():
    text = "AB12 en xNL91ABNA0417164300 en NL91ABNA0417164300 NL91ABNA0417164300-DE12"
    found = [(f.kind, f.start) for f in scan(text)]
    assert found == [("iban", 31), ("iban", 50)]


def test_what_stands_before_the_first_digits_still_counts():
    # A letter right before the '+' or the country code: not a number of its own.
    assert scan("ab+31612345678 en xNL91ABNA0417164300") == []


def test_the_rendered_page_is_compared_with_the_source_only_when_it_shows_something():
    html = "<p>Mail j.jansen@example.nl</p>"
    # Written plainly in the source: the source check reports it, not the page check.
    assert check_rendered("a.md", html, "Mail j.jansen@example.nl", 5, set()) == []
    # Written so that only the page shows it.
    problems = check_rendered("a.md", html, "Mail j.jansen&#64;example.nl", 5, set())
    assert [(p.line, p.field) for p in problems] == [(5, "body")]
    assert check_rendered("a.md", "<p>Niets</p>", "Niets", 5, set()) == []


def test_the_iban_candidates_give_what_the_pattern_finds_by_itself():
    import random

    from lessons.privacy import _IBAN, _ibans

    rng = random.Random(15)
    alphabet = "NLabK\u212a\u0130019 -.\n"
    # Groups that each start like an IBAN: the pattern does not start again inside a match.
    texts = ["NL91 AB12 CD34 EF56 78", "x NL91-AB12-CD34-EF56-GH78-IJ90 12"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
              for _ in range(3000)]
    for text in texts:
        begin = rng.randint(0, 3)
        assert ([m.span() for m in _ibans(text, begin)]
                == [m.span() for m in _IBAN.finditer(text, begin)]), (text, begin)
