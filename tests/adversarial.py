"""Inputs built to make a backtracking regular expression slow, from each pattern's prefixes.

Every scan of editor input (the raw-HTML check, the personal-data guard, the redaction
marks, the front-matter reader, the link and cache scanners) starts its patterns with a
few characters and then repeats a character class. An input that repeats such a prefix,
or opens a pattern and then runs one of its classes on without closing it, makes a
backtracking engine try every split: quadratic or worse. `inputs(size)` gives each such
input at about `size` characters; tests/unit/test_linear_scans.py and bench/scans.py use them.
"""

from __future__ import annotations

# (name, unit repeated, prefix, suffix): the text is prefix + unit * n + suffix.
_SHAPES: list[tuple[str, str, str, str]] = [
    # raw HTML tags, attributes, event handlers, style urls (markup._TAG and friends)
    ("tag-open-spaces", " ", "<a", ""),
    ("tag-open-letters", "x", "<a ", ""),
    ("tag-open-space-letter", " x", "<a", ""),
    ("tag-open-slash", " /", "<a", ""),
    ("tag-name", "a", "<", ""),
    ("lt", "<", "", ""),
    ("lt-a", "<a", "", ""),
    ("lt-a-space", "<a ", "", ""),
    ("closing-tags", "</a ", "", ""),
    ("tag-handler-letters", "a", "<a on", ""),
    ("tag-handlers", " onx", "<a", ""),
    ("tag-handler-spaces", " ", "<a onload", ""),
    ("tag-href-dquote", ' href="', "<a", ""),
    ("tag-href-squote", " href='", "<a", ""),
    ("tag-href-spaces", " ", "<img src", ""),
    ("tag-style", " style=", "<a", ""),
    ("tag-style-url", " style=url(", "<a", ""),
    ("tag-style-url-spaces", " ", "<a style=url(", ""),
    ("tag-style-url-quote-spaces", " ' ", "<a style=url(", ""),
    ("comment-open", "<!--", "", ""),
    # many findings, each with its line and its place in the masked text
    ("script-tags", "<script>\n", "", ""),
    ("handler-tags", "<p onclick=x>", "", ""),
    ("code-links", "[a](javascript:x)", "", ""),
    ("foreign-images", "![a](//x.nl/a.png)", "", ""),
    ("addresses", "jan@voorbeeld.nl ", "", ""),
    ("phones", "06-12345678 ", "", ""),
    ("addresses-and-marks", "[5.1.2e] jan@voorbeeld.nl 06-12345678 ", "", ""),
    # Markdown links and images (markup._MD_LINK, graph._LINK, render_cache._TARGET)
    ("brackets", "[", "", ""),
    ("bracket-letter", "[a", "", ""),
    ("nested-brackets", "[[a]", "", ""),
    ("close-brackets", "]", "[", ""),
    ("link-opens", "](", "", ""),
    ("label-link-opens", "[a](", "", ""),
    ("image-opens", "![", "", ""),
    ("link-target", "x", "[a](", ""),
    ("link-target-spaces", " ", "[a](", ""),
    ("link-target-parens", "(x", "[a](", ""),
    ("link-title", "a", '[a](x "', ""),
    ("link-titles", '[a](x "', "", ""),
    ("link-title-spaces", " ", "[a](x", ""),
    ("reference-definitions", "[a]: ", "", ""),
    ("reference-definition-spaces", " ", "[a]:", ""),
    ("line-start-spaces", "\n", "", "[a"),
    ("definition-lines", "\n[a", "", ""),
    ("definition-lines-closed", "\n[a", "", "]"),
    ("brackets-then-link", "[", "", "[a](x)"),
    ("nesting-then-link", "x[", "", "[a]](x)"),
    ("link-opens-then-paren", "](x", "", ")"),
    ("autolink-js", "<javascript:", "", ""),
    ("autolink-data-letters", "a", "<data:", ""),
    ("href-spaces", " ", "href", ""),
    # code spans and fences (markup._CODE_SPAN/_FENCE, redactions._CODE)
    ("backticks", "`", "", ""),
    ("backtick-letter", "`a", "", ""),
    ("double-backtick-letter", "``a", "", ""),
    ("mixed-backticks", "``a`", "", ""),
    ("tildes", "~", "", ""),
    ("fence-lines", "```x\n", "", ""),
    ("fence-lines-closed", "```x\n", "", "```\n"),
    ("fence-bare-lines", "```\n", "", ""),
    ("tilde-fence-lines", "~~~x\n", "", ""),
    ("indented-fences", "   ```x\n", "", ""),
    ("fence-backticks-no-newline", "`", "```", ""),
    # personal data (privacy._EMAIL/_PHONE/_BSN/_IBAN)
    ("zeros", "0", "", ""),
    ("digits", "1", "", ""),
    ("at-signs", "@", "", ""),
    ("word-dots", "a.", "", ""),
    ("percents", "a%", "", ""),
    ("percent-only", "%", "", ""),
    ("percents-then-at", "%", "", "@"),
    ("local-run-then-at", "a.", "", "@"),
    ("local-at", "a@", "", ""),
    ("local-domain-dot", "a@a.", "", ""),
    ("domain-labels", "a.", "x@", ""),
    ("country-codes", "+31 ", "", ""),
    ("phone-separators", "-", "06", ""),
    ("phone-spaces", " ", "+31", ""),
    ("phone-groups", "1 ", "06 ", ""),
    ("mobile-prefixes", "06-", "", ""),
    ("iban-like", "NL91 ", "", ""),
    ("iban-groups", "ABNA ", "NL91 ", ""),
    ("bsn-like", "bsn 1", "", ""),
    ("digit-dots", "1.", "", ""),
    # redaction marks (redactions.MARK)
    ("woo-codes", "5.1.2", "", ""),
    ("wob-codes", "(10)", "", ""),
    ("redaction-brackets", "[5.", "", ""),
    # front-matter fences (source._FENCE, late front-matter detection)
    ("fence-dashes", "---\n", "", ""),
    ("fence-dashes-spaces", " ", "---", ""),
    ("late-fences", "\n---\n", "x", ""),
    ("dots", ".", "", ""),
    ("dashes", "-", "", ""),
    ("spaces", " ", "", ""),
    ("tabs", "\t", "", ""),
    ("newlines", "\n", "", ""),
    ("crlf", "\r\n", "", ""),
    ("letters", "a", "", ""),
    ("key-lines", "a: b\n", "---\n", ""),
    ("emphasis", "*", "", ""),
    ("underscores", "_", "", ""),
    ("attr-lists", "{: ", "a ", ""),
    ("html-block-divs", "<div markdown>\n", "", ""),
    ("table-pipes", "|", "a\n", ""),
    ("footnote-refs", "[^", "", ""),
    ("admonitions", "!!! note\n    ", "", ""),
]


def inputs(size: int) -> list[tuple[str, str]]:
    """(name, text of about `size` characters) for every adversarial shape."""
    out = []
    for name, unit, prefix, suffix in _SHAPES:
        count = max(1, (size - len(prefix) - len(suffix)) // len(unit))
        out.append((name, prefix + unit * count + suffix))
    return out


def names() -> list[str]:
    return [shape[0] for shape in _SHAPES]


# --- the scans of editor input, each a function of one text --------------------------------

def _front(body: str) -> bytes:
    return ("---\nid: x\nkind: memo\ntitle: X\n---\n" + body).encode()


def _vocabs():
    from pathlib import Path

    from lessons.collect import load_vocabularies
    return load_vocabularies(Path(__file__).resolve().parent.parent / "content" / "vocabularies")


# The project's Markdown configuration (mkdocs.yml, markdown_extensions); a unit test
# checks that the two agree.
MARKDOWN_EXTENSIONS = ["toc", "attr_list", "tables", "footnotes", "admonition", "md_in_html"]
MARKDOWN_CONFIG = {"toc": {"permalink": True, "permalink_title": "Link naar dit kopje"}}


def scans() -> dict[str, object]:
    """name -> function(text): every scan applied to a document's text or front-matter."""
    from pathlib import Path

    import markdown

    from lessons import graph, markup, privacy
    from lessons.collect import collect
    from lessons.model.schema import read_document
    from lessons.model.source import SourceError, parse
    from lessons.normalize import redactions
    from lessons.render_cache import RenderCache

    vocabs = _vocabs()

    def parse_any(raw: bytes) -> None:
        try:
            parse(raw)
        except SourceError:
            pass

    def links(text: str) -> None:
        doc, _ = read_document("x.md", _front(text), vocabs)
        graph.extract_links(doc, {})

    def render(text: str) -> None:
        markdown.Markdown(extensions=MARKDOWN_EXTENSIONS,
                          extension_configs=MARKDOWN_CONFIG).convert(text)

    def front_matter(text: str) -> None:
        # Values without a length limit (authors, source title) go through the markup and
        # personal-data checks; the front-matter itself is at most 64 KB.
        value = text[:20000].replace("\\", "\\\\").replace('"', '\\"')
        raw = f'---\nid: x\nauthors: ["{value}"]\nsource: {{title: "{value}"}}\n---\nx\n'
        collect([("x.md", raw.encode())], vocabs)

    return {
        "privacy.scan": privacy.scan,
        "markup.scan": markup.scan,
        "redactions.mark_up": redactions.mark_up,
        "redactions.codes_in": redactions.codes_in,
        "source.parse (body)": lambda text: parse_any(_front(text)),
        "source.parse (no front-matter)": lambda text: parse_any(text.encode()),
        "schema.read_document": lambda text: read_document("x.md", _front(text), vocabs),
        "collect": lambda text: collect([("x.md", _front(text))], vocabs),
        "collect (front-matter)": front_matter,
        "graph.extract_links": links,
        "render_cache.key": lambda text: RenderCache(Path("/nonexistent"), "f").key(
            text, "documenten/x.md", "documenten/x/", lambda path: None),
        "markdown": render,
    }
