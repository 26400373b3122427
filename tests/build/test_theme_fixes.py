"""The theme's invalid markup stays fixed, and the fixes stay in step with the installed
mkdocs-material: a fix whose text the theme no longer has, or an override that has drifted
from the theme's own partial, fails here with what to do."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from jinja2 import DictLoader, Environment

from helpers import FIXTURES, ROOT, build_site, make_docs
from lessons.theme_fixes import FIXES, FixingLoader, fix_theme

THEME = Path(material.__file__).parent / "templates"
VERSION = re.search(r"mkdocs-material-([\d.]+)", (THEME / "base.html").read_text()).group(1)

# Our partial overrides: (the theme's text, ours) for each change made in the copy.
OVERRIDES = {
    "partials/toc.html": [(
        '    <label class="md-nav__title" for="__toc">\n'
        '      <span class="md-nav__icon md-icon"></span>\n'
        '      {{ title }}\n'
        '    </label>\n',
        '    {% if nav and page in nav.pages %}\n'
        '    <label class="md-nav__title" for="__toc">\n'
        '      <span class="md-nav__icon md-icon"></span>\n'
        '      {{ title }}\n'
        '    </label>\n'
        '    {% else %}\n'
        '    <div class="md-nav__title">\n'
        '      <span class="md-nav__icon md-icon"></span>\n'
        '      {{ title }}\n'
        '    </div>\n'
        '    {% endif %}\n')],
}


def _without_leading_comment(text: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)


@pytest.mark.parametrize("fix", FIXES, ids=lambda f: f"{f.template}: {f.new}")
def test_each_fix_still_finds_its_text_in_the_theme(fix):
    found = (THEME / fix.template).read_text(encoding="utf-8").count(fix.old)
    assert found == fix.count, (
        f"plugins/lessons/theme_fixes.py: mkdocs-material {VERSION}'s {fix.template} holds "
        f"{fix.old!r} {found} times, not {fix.count}: check with the Nu HTML Checker "
        f"(tests/browser/test_markup.py) whether the theme still needs this fix, and change "
        f"or remove it")


@pytest.mark.parametrize("name", list(OVERRIDES))
def test_each_partial_override_is_the_themes_own_with_only_our_change(name):
    expected = _without_leading_comment((THEME / name).read_text(encoding="utf-8"))
    for theirs, ours in OVERRIDES[name]:
        assert expected.count(theirs) == 1, (
            f"mkdocs-material {VERSION}'s {name} has changed where site_src/{name} changes "
            f"it: copy the theme's {name} again and make the change anew")
        expected = expected.replace(theirs, ours)
    override = (ROOT / "site_src" / name).read_text(encoding="utf-8")
    assert _without_leading_comment(override) == expected, (
        f"site_src/{name} is out of step with mkdocs-material {VERSION}'s {name}: copy the "
        f"theme's again and make only the change this test names")


def test_the_loader_fixes_only_the_named_template_and_only_once_per_environment():
    env = Environment(loader=DictLoader({"base.html": "<i>" + FIXES[0].old,
                                         "other.html": FIXES[0].old}))
    fix_theme(env)
    fix_theme(env)
    assert isinstance(env.loader, FixingLoader) and not isinstance(env.loader.loader,
                                                                   FixingLoader)
    assert env.get_template("base.html").render() == "<i>" + FIXES[0].new
    assert env.get_template("other.html").render() == FIXES[0].old


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("theme-fixes-site")
    docs = make_docs(tmp, FIXTURES / "search-corpus")
    with (docs / "documenten" / "coordinatie.md").open("a", encoding="utf-8") as doc:
        doc.write("\n## Het landelijk overleg\n\nEen kopje: het document krijgt een inhoud.\n")
    built = build_site(docs, tmp, strict=True)
    assert not built.failed, built.messages
    return built


@pytest.mark.parametrize("url", ["", "documenten/crisisstructuur-evaluatie/",
                                 "lessen/huisarts-vroeg-betrekken/", "themas/", "404.html"])
def test_no_page_has_autocomplete_on_the_themes_toggles(site, url):
    tree = site.html(url)
    toggles = tree.css("input.md-toggle")
    assert {t.attributes["id"] for t in toggles} >= {"__drawer", "__search"}
    assert [t.attributes["id"] for t in toggles if "autocomplete" in t.attributes] == []


def test_the_contents_title_labels_the_toc_toggle_only_where_the_toggle_is(site):
    # A document is not in the navigation: no __toc toggle, so its contents' title is no
    # label. The about page is, and its title still opens the contents on a
    # phone.
    document = site.html("documenten/crisisstructuur-evaluatie/")
    assert document.css("#__toc") == []
    assert document.css_first(".md-nav--secondary .md-nav__title").tag == "div"
    listed = site.html("over/")
    assert listed.css("input#__toc")
    assert listed.css_first(".md-nav--secondary .md-nav__title").attributes["for"] == "__toc"
