"""Every page type of the site, one page each, on the site that shows it best: the search
corpus (tests/fixtures/search-corpus, every document kind) or the follow-up corpus
(tests/fixtures/follow-up, lessons in every follow-up state). Between them they cover every
page template. The browser checks (axe, reflow, requests, screenshots, the Nu HTML Checker
on the DOM) run over this list; a new template adds a row here."""

from __future__ import annotations

from dataclasses import dataclass

CORPUS, FOLLOW_UP = "corpus", "follow-up"


@dataclass(frozen=True)
class PageType:
    name: str  # in test ids, screenshot names and the evaluation record
    label: str  # in Dutch, as the accessibility statement names it
    site: str  # CORPUS or FOLLOW_UP
    path: str  # from the site's root
    ready: str | None = None  # a selector shown once the page has done its work (search)


PAGE_TYPES = [
    PageType("home", "Startpagina", CORPUS, ""),
    PageType("document-meeting-report", "Document: gespreksverslag", CORPUS,
             "documenten/regionale-tafels-2021/"),
    PageType("document-memo", "Document: memo", CORPUS, "documenten/rol-van-de-huisarts/"),
    PageType("document-report", "Document: rapport", CORPUS,
             "documenten/crisisstructuur-evaluatie/"),
    PageType("document-position-paper", "Document: position paper", CORPUS,
             "documenten/bekostiging-preventie/"),
    PageType("document-practice-example", "Document: praktijkvoorbeeld", CORPUS,
             "documenten/financiering-wijkteams/"),
    PageType("document-correspondence", "Document: brief", CORPUS,
             "documenten/brief-over-testcapaciteit/"),
    PageType("document-following-up", "Document dat lessen opvolgt", FOLLOW_UP,
             "documenten/memo-2023/"),
    PageType("lesson", "Les", CORPUS, "lessen/huisarts-vroeg-betrekken/"),
    PageType("lesson-card", "Lessenkaart om over te nemen", CORPUS,
             "lessen/huisarts-vroeg-betrekken/kaart.html"),
    PageType("lesson-timeline", "Les met tijdlijn en acties", FOLLOW_UP,
             "lessen/les-in-uitvoering/"),
    PageType("lesson-response-outstanding", "Les waarop een reactie uitblijft", FOLLOW_UP,
             "lessen/les-geidentificeerd/"),
    PageType("lessons", "Alle lessen", CORPUS, "lessen/"),
    PageType("themes", "Thema's", CORPUS, "themas/"),
    PageType("theme", "Thema", CORPUS, "themas/financiering/"),
    PageType("organisations", "Organisaties", CORPUS, "organisaties/"),
    PageType("organisation", "Organisatie", CORPUS, "organisaties/gemeenten/"),
    PageType("organisation-follow-up", "Organisatie met opvolging", FOLLOW_UP,
             "organisaties/ministerie-vws/"),
    PageType("kinds", "Documentsoorten", CORPUS, "soorten/"),
    PageType("kind", "Documentsoort", CORPUS, "soorten/memos/"),
    PageType("years", "Jaren", CORPUS, "jaren/"),
    PageType("year", "Jaar", CORPUS, "jaren/2021/"),
    PageType("browse", "Bladeren", CORPUS, "bladeren/"),
    PageType("browse-cell", "Bladeren: documenten van een soort over een thema", CORPUS,
             "bladeren/financiering/praktijkvoorbeelden/"),
    PageType("landscape", "Netwerkdrukte", CORPUS, "overzicht/"),
    PageType("landscape-cell", "Netwerkdrukte: een organisatie bij een thema", CORPUS,
             "overzicht/gemeenten/financiering/"),
    PageType("follow-up", "Opvolging", FOLLOW_UP, "opvolging/"),
    PageType("follow-up-state", "Lessen in een stand van opvolging", FOLLOW_UP,
             "opvolging/geidentificeerd/"),
    PageType("search", "Zoeken, met resultaten", CORPUS, "zoeken/?q=financiering",
             ready="main a[href*='documenten/financiering-wijkteams/']"),
    PageType("about", "Over deze site", CORPUS, "over/"),
    PageType("accessibility", "Toegankelijkheidsverklaring", CORPUS, "toegankelijkheid/"),
    PageType("not-found", "Pagina niet gevonden (404)", CORPUS, "404.html"),
]
BY_NAME = {p.name: p for p in PAGE_TYPES}

# The page frame without JavaScript (header, navigation, search form, footer) on the page
# types that differ most in it.
WITHOUT_JAVASCRIPT = ["home", "document-report", "lesson", "browse", "search"]

# axe at a phone's and a laptop's width; reflow at 320 CSS pixels (WCAG 1.4.10: a laptop
# zoomed to 400 %), and at the other two widths as well.
PHONE_WIDTH = 390  # emulates a phone: the page's viewport meta decides its layout width
AXE_WIDTHS = (PHONE_WIDTH, 1366)
WIDTHS = (320, *AXE_WIDTHS)
