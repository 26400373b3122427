"""The landscape picture (outputs/heatmap.py): a scale with gradation and its legend,
labels wrapped between words and never cut without their full name, text escaped."""

from __future__ import annotations

import re

from lessons.model.vocab import Term
from lessons.outputs import heatmap


def test_the_scale_gives_more_material_a_darker_shade_and_the_legend_says_which():
    scale = heatmap.Scale.of(7)
    assert [scale.level(v) for v in (0, 1, 2, 3, 5, 7)] == [0, 1, 1, 2, 3, 4]
    assert [e["label"] for e in scale.legend()] == ["1–2", "3–4", "5–6", "7"]
    # Few values: only the shades in use are in the legend, each value once.
    assert [e["label"] for e in heatmap.Scale.of(2).legend()] == ["1", "2"]
    few = heatmap.Scale.of(2)
    assert 0 < few.level(1) < few.level(2)


def test_labels_wrap_between_words_and_say_when_shortened():
    lines, cut = heatmap.wrap("Infectieziektebestrijding en pandemische paraatheid", 30, 1)
    assert cut and lines == ["Infectieziektebestrijding…"]
    lines, cut = heatmap.wrap("Nederlands Tijdschrift voor Geneeskunde", 24, 2)
    assert not cut and lines == ["Nederlands Tijdschrift", "voor Geneeskunde"]
    words = "Ministerie van Volksgezondheid, Welzijn en Sport".split()
    lines, _ = heatmap.wrap(" ".join(words), 10, 9)
    assert " ".join(lines).split() == words  # no word broken


def test_a_long_organisation_name_shows_its_abbreviation_with_the_full_name_as_title():
    vws = Term("ministerie-vws", "Ministerie van Volksgezondheid, Welzijn en Sport",
               abbreviation="VWS")
    theme = Term("crisis", "Crisis <organisatie>")
    row = {"term": vws, "cells": [{"term": theme, "count": 2, "lessons": 3, "total": 5,
                                   "level": 4}]}
    svg = heatmap.heat_map([theme], [row], heatmap.Scale.of(5), "uitleg")
    assert '<title>Ministerie van Volksgezondheid, Welzijn en Sport</title>' in svg
    assert re.search(r">VWS</tspan>", svg)
    assert "Crisis &lt;organisatie&gt;" in svg and "<organisatie>" not in svg
    assert "2 documenten, 3 lessen" in svg
    assert 'role="img" aria-labelledby="uitleg"' in svg
    assert 'font-weight="700">5</text>' in svg


def test_one_organisation_involved_in_everything_does_not_wash_out_the_others():
    """A ministry with many times the others' counts: the others still differ in shade,
    and the highest count alone has the darkest."""
    counts = [1] * 20 + [2] * 10 + [3] * 5 + [5, 6, 8] + [120]
    scale = heatmap.Scale.of_values(counts)
    assert len({scale.level(v) for v in (1, 3, 8)}) >= 2
    assert scale.level(120) == heatmap.LEVELS and scale.level(8) < heatmap.LEVELS
    # Few different counts: each its own shade, the highest the darkest.
    few = heatmap.Scale.of_values([1, 1, 2, 4])
    assert [few.level(v) for v in (1, 2, 4)] == [1, 3, 4]
    assert [e["label"] for e in few.legend()] == ["1", "2", "3–4"]
