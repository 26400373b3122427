"""What the README and `lessons new` show editors is valid: they copy it as it stands."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

from helpers import ROOT
from lessons.cli import new_document
from lessons.collect import collect, load_vocabularies
from lessons.model.document import Problem
from lessons.model.kinds import KINDS
from lessons.model.schema import FIELDS
from lessons.model.source import load_yaml, parse
from lessons.model.vocab import parse_vocabulary
from lessons.outputs import huisstijl

VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```", README, re.S | re.M)
DOCUMENTS = [text for lang, text in BLOCKS if lang == "markdown" and text.startswith("---")]
# mkdocs.yml's plugin options (indented as under `plugins: - lessons:`) are checked as the
# plugin checks them; the other YAML blocks are front-matter or vocabulary entries.
OPTIONS = [textwrap.dedent(text) for lang, text in BLOCKS
           if lang == "yaml" and text.startswith("      huisstijl:")]
YAML = [text for lang, text in BLOCKS if lang == "yaml" and not text.startswith("      ")]


def _problems(text: str) -> list[Problem]:
    return collect([("documenten/voorbeeld.md", text.encode())], VOCABS).problems


def test_the_readme_has_examples_to_check():
    assert len(DOCUMENTS) >= 1 and len(YAML) >= 2 and len(OPTIONS) >= 2


@pytest.mark.parametrize("text", OPTIONS, ids=lambda t: t.splitlines()[1].strip()[:30])
def test_readme_huisstijl_examples_are_accepted(text):
    """A GGD that copies the README's look gets a site, not a contrast error."""
    data, _ = load_yaml(text)
    chosen = data["huisstijl"]
    design = {}
    if chosen["basis"] == "rijkshuisstijl":
        found = huisstijl.find_node_modules(ROOT)
        design = huisstijl.read_tokens((found / huisstijl.TOKENS_CSS).read_text("utf-8"))
    look = huisstijl.choose(chosen["basis"], chosen.get("tokens"), design)
    assert look.basis == chosen["basis"]


@pytest.mark.parametrize("text", DOCUMENTS, ids=lambda t: t.splitlines()[1][:30])
def test_readme_document_examples_are_valid(text):
    # Together, as on a site: one example may follow up a lesson of another.
    paths = {t: f"documenten/voorbeeld-{n}.md" for n, t in enumerate(DOCUMENTS)}
    problems = collect([(path, t.encode()) for t, path in paths.items()], VOCABS).problems
    assert [p for p in problems if p.path == paths[text]] == []


@pytest.mark.parametrize("text", YAML, ids=lambda t: t.splitlines()[0][:30])
def test_readme_yaml_examples_are_valid(text):
    data, _ = load_yaml(text)  # raises SourceError with the line on invalid YAML
    assert isinstance(data, dict) and data
    if set(data) <= set(FIELDS):
        # A piece of front-matter: it must fit in the README's document example.
        document = DOCUMENTS[0].replace("\n---\n", "\n" + text + "---\n", 1)
        assert parse(document).meta.keys() >= data.keys()
        assert _problems(document) == []
    else:
        # A vocabulary entry: it must be accepted next to the project's own terms.
        themes = (ROOT / "content" / "vocabularies" / "themes.yml").read_text(encoding="utf-8")
        vocab = parse_vocabulary("themes", themes + "\n" + text)
        assert all(key in vocab.terms for key in data)


TO_FILL_IN = {"summary", "themes", "stakeholders", "organisation", "authors"}


def _uncomment(template: str) -> str:
    """What an editor gets by removing '# ' from the whole-line comments of the header."""
    head, fence, body = template[4:].partition("\n---\n")
    lines = [re.sub(r"^# ?", "", line) for line in head.splitlines()]
    return "---\n" + "\n".join(lines) + fence + body


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_document_template_is_valid_yaml_also_uncommented(kind):
    template = new_document(KINDS[kind], "nieuw-document", "Titel: met een dubbele punt",
                            dt.date(2026, 1, 2))
    as_written = parse(template)
    assert as_written.meta["title"] == "Titel: met een dubbele punt"
    assert as_written.meta["status"] == "draft"
    uncommented = _uncomment(template)
    assert uncommented != template
    source = parse(uncommented)
    assert source.meta["lessons"] == [{
        "id": "korte-vaste-naam-van-de-les", "statement": "De les in één zin.",
        "explanation": "Optioneel: een toelichting.",
        # The follow-up fields, there to be seen, empty: they change nothing.
        "addressees": [], "respond_by": None, "transitions": [], "actions": []}]
    assert source.meta["follows_up"] == []
    # Only the fields the editor is asked to fill in are reported, never the YAML or
    # the example lesson.
    for text in (template, uncommented):
        assert {p.field for p in _problems(text)} <= TO_FILL_IN
