"""The sanitizer reports exactly what it removes: links it keeps without asking ammonia
(plain relative addresses) are kept, and every address ammonia drops is reported."""

from __future__ import annotations

import pytest

from lessons import sanitize

PLAIN = ["#een-kop", "#fn:1", "../memos/memo-a.md", "memo-a.md#kop", "/documenten/x/",
         "//example.org/pagina", "./a_b-c.d", "#"]
DROPPED = ["https://example.org:99999/", "http://[x/", "https://%zz.example/",
           "javascript:alert(1)"]


def publish(href: str) -> tuple[str, list[str]]:
    html = f'<p>Zie <a href="{href}">hier</a>.</p>'
    cleaned, problems = sanitize.publish("a.md", html, f"Zie [hier]({href}).", 4, set())
    return cleaned, [str(p) for p in problems]


@pytest.mark.parametrize("href", PLAIN)
def test_a_plain_link_is_published_as_written(href):
    cleaned, problems = publish(href)
    assert problems == []
    assert f'href="{href}"' in cleaned


@pytest.mark.parametrize("href", DROPPED)
def test_a_link_ammonia_drops_is_reported_on_its_line(href):
    cleaned, problems = publish(href)
    assert "href=" not in cleaned
    assert len(problems) == 1 and problems[0].startswith("a.md:4: body: the address ")

