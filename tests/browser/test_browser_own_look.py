"""An organisation's own look (a GGD on the NL Design System basis, conftest.OWN_LOOK): every
page type passes axe-core's WCAG 2.1 A/AA and best-practice rules at a phone's and a
laptop's width, as on the project's Rijkshuisstijl, and shows the organisation's font.
The build checks each colour's contrast; this checks the pages the colours end up on."""

from __future__ import annotations

import pytest
from evaluation import record
from page_types import AXE_WIDTHS, BY_NAME


@pytest.mark.parametrize("width", AXE_WIDTHS)
@pytest.mark.parametrize("name", list(BY_NAME))
def test_no_axe_violations_in_an_organisations_own_look(own_look_visits, name, width):
    problems = own_look_visits(BY_NAME[name], width).axe
    record("axe-own-look", name, width, problems)
    assert not problems, (f"{own_look_visits.url(BY_NAME[name])} at {width} px:\n"
                          + "\n".join(problems))


def test_the_organisations_font_and_colours_reach_the_page(browser, own_look_visits):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(own_look_visits.url(BY_NAME["document-report"]))
    font = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    band = page.evaluate("getComputedStyle(document.querySelector('.md-header__inner')"
                         ".parentElement).backgroundColor")
    link = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p a, "
                         ".md-typeset dd a')).color")
    lint = page.locator(".lessons-org__lint").count()
    context.close()
    assert font.startswith('"Georgia"') or font.startswith("Georgia"), font
    assert band == "rgb(0, 88, 156)"  # #00589c
    assert link == "rgb(11, 93, 30)"  # #0b5d1e
    assert lint == 0  # the Rijksoverheid's vertical band is not a GGD's
