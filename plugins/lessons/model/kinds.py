"""Document kinds as data: adding a kind is one entry in KINDS."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # Dutch, singular
    plural: str  # Dutch, plural; also the listing page title
    slug: str  # URL segment of the kind's listing page
    required: tuple[str, ...] = ()  # fields required beyond the common ones
    template: str = "document.html"
    # Type names used by citation formats (CSL and schema.org), see outputs/.
    csl_type: str = "report"
    schema_type: str = "Report"
    # Woo information category (Woo art. 3.3, TOOI code) for the DiWoo sitemaps; None
    # where no category fits, and then the kind is not offered to the Woo-index.
    woo_category: str | None = None


COMMON_REQUIRED = ("id", "kind", "title", "date", "summary", "themes", "stakeholders", "status")

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("meeting-report", "Gespreksverslag", "Gespreksverslagen", "gespreksverslagen"),
        Kind("position-paper", "Position paper", "Position papers", "position-papers",
             required=("authors",), csl_type="article", schema_type="CreativeWork",
             woo_category="adviezen"),
        Kind("practice-example", "Praktijkvoorbeeld", "Praktijkvoorbeelden",
             "praktijkvoorbeelden", required=("organisation",), csl_type="webpage",
             schema_type="CreativeWork"),
        Kind("memo", "Memo", "Memo's", "memos", required=("organisation",),
             woo_category="adviezen"),
        Kind("correspondence", "Correspondentie", "Correspondentie", "correspondentie",
             csl_type="personal_communication", schema_type="CreativeWork",
             woo_category="woo-verzoeken"),
        Kind("report", "Rapport", "Rapporten", "rapporten", required=("authors",),
             woo_category="onderzoeksrapporten"),
    )
}

STATUSES = ("draft", "review", "published")
