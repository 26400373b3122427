"""Every scan of editor input finishes within a second on 1 MB of adversarial input.

The inputs (tests/adversarial.py) repeat the prefixes of each pattern, or open one and
run a quantified character class on without closing it: what makes a backtracking
pattern take quadratic time or worse. `<a` followed by 4 KB of spaces used to keep
`lessons check` busy for minutes. Time is the process's CPU time, so a busy machine does
not fail the test; a case that runs away is stopped after ten seconds of wall time.
bench/scans.py prints the same figures for every scan and input.
"""

from __future__ import annotations

import re
import signal
import time

import pytest

from adversarial import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS, inputs, scans
from helpers import ROOT

SIZE = 1_000_000
LIMIT = 1.0  # CPU seconds per scan and input
SCANS = scans()
INPUTS = inputs(SIZE)


class _RanAway(Exception):
    pass


def _stop(*_: object) -> None:
    raise _RanAway


def _cpu_seconds(scan, text: str) -> float:
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, 10 * LIMIT)
    start = time.process_time()
    try:
        scan(text)
        return time.process_time() - start
    except _RanAway:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", [name for name in SCANS if name != "markdown"])
def test_scan_is_linear_on_adversarial_input(name):
    scan = SCANS[name]
    slow = {}
    for shape, text in INPUTS:
        took = _cpu_seconds(scan, text)
        if took > LIMIT:
            took = min(took, _cpu_seconds(scan, text))  # once more, for a stray hiccup
        if took > LIMIT:
            slow[shape] = round(took, 2)
    assert slow == {}, f"{name} took more than {LIMIT} s on 1 MB of: {slow}"


def test_inputs_are_a_megabyte_and_cover_every_pattern_prefix():
    assert len(INPUTS) > 80
    assert all(SIZE - 50 <= len(text) <= SIZE + 50 for _, text in INPUTS)
    assert INPUTS[0] == ("tag-open-spaces", "<a" + " " * (SIZE - 2))


def test_markdown_configuration_is_the_sites():
    # The Markdown timings (bench/scans.py --scan markdown) use the site's extensions.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("markdown_extensions:", 1)[1].split("\n\n", 1)[0]
    named = re.findall(r"^  - (\w+)", block, re.M)
    assert named == MARKDOWN_EXTENSIONS
    assert "permalink_title: " + MARKDOWN_CONFIG["toc"]["permalink_title"] in block


@pytest.mark.parametrize("paragraph", ["<a x", "x <a", "<a <a <a <a <a <a <a <a", "<a href='"])
def test_unclosed_tags_are_reported_and_rendered_in_linear_time(paragraph):
    # Python-Markdown's raw-HTML handling is quadratic in the text after every tag that
    # is never closed (50 KB of such paragraphs: 10 s and more). The check reports them and the
    # masked body, which is what a preview renders, writes them as '&lt;'.
    import markdown

    from adversarial import _front, _vocabs
    from lessons.collect import collect

    body = (paragraph + "\n\n") * (50_000 // (len(paragraph) + 2))
    result = collect([("x.md", _front(body))], _vocabs())
    assert any("is not closed by a '>'" in p.message for p in result.problems)
    renderer = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS,
                                 extension_configs=MARKDOWN_CONFIG)
    took = _cpu_seconds(renderer.convert, result.documents[0].body)
    assert took < LIMIT
