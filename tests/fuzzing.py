"""Hypothesis strategies and properties for fuzzing the reader and the check.

Shared by tests/unit/test_fuzz.py (a few thousand cases in CI) and bench/fuzz.py (the long
run). A property holds when `lessons check` has something to say about every input, as
`path:line: field: message`, and never raises: random bytes, front-matter in YAML with
explicit tags, anchors, odd scalars and nesting, bodies built from markup fragments, and
vocabulary files.
"""

from __future__ import annotations

from hypothesis import strategies as st

from lessons.collect import collect
from lessons.model.source import SourceError
from lessons.model.vocab import parse_vocabulary

FIELDS = ["id", "kind", "title", "date", "summary", "themes", "stakeholders", "status",
          "lessons", "authors", "organisation", "source", "redirect_from", "publish_after",
          "language", "allow_personal_data", "review_needed", "x", "1", "~", "'a b'"]
SUBFIELDS = ["id", "statement", "explanation", "themes", "stakeholders", "redirect_from",
             "value", "reason", "title", "url", "file", "label", "parent", "aliases"]
TAGS = ["", "", "", "!!int ", "!!float ", "!!bool ", "!!str ", "!!null ", "!!timestamp ",
        "!!binary ", "!!set ", "!!omap ", "!!pairs ", "!!map ", "!!seq ", "!!merge ",
        "!!python/object:os.system ", "!!python/name:os.system ", "!foo ", "! ",
        "!<tag:yaml.org,2002:int> ", "!include "]
ANCHORS = ["", "", "", "&a ", "&b ", "*a ", "*b "]
SCALARS = ["x", "'x'", '"x"', "memo", "report", "published", "draft", "maybe", "yes", "no",
           "on", "~", "null", "1", "-1", "0x", "0x1F", "0o9", "1_000", "1e999", "-.inf",
           ".nan", "12:30:00", "2021-03-23", "2021-02-30", "99999999999999999999",
           "2021-03-23T10:00:00", "'", '"', "[", "]", "{", "}", "[]", "{}", "[a, b]",
           "{a: b}", "|", ">", "@x", "`x", "%x", "a: b", "- x", "? x", ":", "# c", "\t",
           '"\\x00"', '"\\u2028"', "<script>", "<a onclick=x>", "a@b.nl", "06-12345678",
           "[5.1.2e]", "gegevensuitwisseling", "rivm", "'../../x'", "é", "\u00a0", ""]
BODY_FRAGMENTS = ["Tekst. ", "\n", "\n\n", "# Kop\n", "- item\n", "1. item\n", "> citaat\n",
                  "`code`", "```\n", "~~~\n", "    ingesprongen\n", "[", "]", "(", ")", "!",
                  "<", ">", "</", "/>", "<a ", "<a href=", '"', "'", "javascript:",
                  "//example.org/x.png", "https://example.org", "data:text/html,",
                  "<script>", "</script>", "<img src=", " onerror=", "<p onclick=x>",
                  "<svg><set attributeName=href to=javascript:x>", "<style>", "<!--",
                  "-->", "{: onclick=x }", "{: #id .klasse }", "[^1]", "[^1]: voetnoot\n",
                  "!!! note\n    ", "| a | b |\n|---|---|\n", "<div markdown>\n", "</div>\n",
                  "a@b.nl", "jan.jansen@example.org", "06-12345678", "+31 (0)6 1234 5678",
                  "NL91ABNA0417164300", "bsn 111222333", "[5.1.2e]", "5.1.2e", "(10)(2e)",
                  "[redacted]", "&#106;avascript:", "java\tscript:", "\x00", "\r\n", "\t",
                  "\u2028", "é", "---\n", "...\n", "a: b\n"]

_scalar = st.builds(lambda anchor, tag, value: anchor + tag + value,
                    st.sampled_from(ANCHORS), st.sampled_from(TAGS), st.sampled_from(SCALARS))


def _lines(depth: int) -> st.SearchStrategy[list[str]]:
    """Block YAML: 'key: value' lines, lists, nested mappings; indented by depth."""
    pad = "  " * depth
    key = st.sampled_from(FIELDS if depth == 0 else SUBFIELDS)
    leaf = st.builds(lambda k, tag, v: [f"{pad}{tag}{k}: {v}"], key,
                     st.sampled_from(["", "", "!!str ", "? ", "!!int "]), _scalar)
    items = st.lists(_scalar, max_size=3).map(lambda vs: [f"{pad}- {v}" for v in vs])
    if depth >= 2:
        return st.lists(st.one_of(leaf, items), max_size=4).map(lambda ls: sum(ls, []))
    nested = st.builds(lambda k, anchor, body: [f"{pad}{k}: {anchor}".rstrip()] + body,
                       key, st.sampled_from(ANCHORS[:5]), _lines(depth + 1))
    listed = st.builds(lambda body: [f"{pad}-"] + body, _lines(depth + 1))
    return st.lists(st.one_of(leaf, leaf, items, nested, listed), max_size=6).map(
        lambda ls: sum(ls, []))


front_matter = _lines(0).map("\n".join)
bodies = st.lists(st.sampled_from(BODY_FRAGMENTS), max_size=40).map("".join)
documents = st.builds(
    lambda fence, front, close, body: (fence + front + close + body).encode(),
    st.sampled_from(["---\n", "---\n", "---\r\n", "\ufeff---\n", "--- \n", ""]),
    front_matter,
    st.sampled_from(["\n---\n", "\n---\n", "\n...\n", "\n", "\n---"]),
    bodies)


_RENDERER = None


def _renderer():
    """The site's own Markdown configuration, as `lessons check` renders with it."""
    global _RENDERER
    if _RENDERER is None:
        from pathlib import Path

        from lessons import project
        from lessons.render import BodyRenderer

        config = Path(__file__).resolve().parent.parent / "mkdocs.yml"
        _RENDERER = BodyRenderer(*project.markdown_extensions(config))
    return _RENDERER


def check_collect(raw: bytes, vocabs) -> None:
    """Reading and checking a file gives its document and well-formed problems; a valid
    document is also rendered, sanitized and scanned as `lessons check` does."""
    from lessons.content_check import _rendered
    from lessons.privacy import allowed_values

    result = collect([("documenten/x.md", raw)], vocabs)
    assert len(result.documents) == 1
    doc = result.documents[0]
    if not result.invalid:
        result.problems += _rendered(doc.path, doc.body, doc.body, doc.body_line, _renderer(),
                                     allowed_values(doc))
        result.invalid |= {p.path for p in result.problems}
    for problem in result.problems:
        assert problem.path == "documenten/x.md"
        assert isinstance(problem.line, int) and problem.line >= 1
        assert problem.field and isinstance(problem.field, str)
        assert problem.message and "Traceback" not in problem.message
    assert bool(result.problems) == bool(result.invalid)


def check_vocabulary(text: str) -> None:
    """A vocabulary file is read, or refused with a line and a field."""
    try:
        vocab = parse_vocabulary("themes", text, "themes.yml")
    except SourceError as err:
        assert err.line >= 1 and err.field and err.message
        return
    for term in vocab:
        assert isinstance(term.label, str)
        vocab.resolve(term.label)
        vocab.suggest(term.key)
        vocab.ancestors(term.key)


vocabulary_files = _lines(0).map("\n".join) | st.builds(
    lambda keys: "\n".join(keys),
    st.lists(st.builds(lambda k, lines: f"{k}:\n" + "\n".join(lines),
                       st.sampled_from(["a", "b", "gegevens", "A", "1", "x-y", "'k'"]),
                       _lines(1)), max_size=4))
