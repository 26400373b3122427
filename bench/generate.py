"""Deterministic synthetic corpus: N documents of ~1,000 Dutch words with realistic front-matter.

Words come from the seed documents in content/, terms from the real vocabularies, so the
corpus looks like the site's own content. The same N always gives the same files.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS = [("meeting-report", "gespreksverslagen"), ("position-paper", "position-papers"),
         ("practice-example", "praktijkvoorbeelden"), ("memo", "memos"),
         ("correspondence", "correspondentie"), ("report", "rapporten")]


def words_by_frequency(seed: int = 42) -> list[str]:
    """The seed documents' words, most frequent first in the generated text.

    Word frequencies follow Zipf's law, as in real text: a few words are in every
    document, most in a few. (Uniform sampling would put every word in a fifth of the
    documents, and every search would be a worst case.) Which word gets which rank is
    shuffled, reproducibly.
    """
    text = " ".join(p.read_text(encoding="utf-8").split("---", 2)[-1]
                    for p in sorted((ROOT / "content" / "documenten").rglob("*.md")))
    words = sorted(set(re.findall(r"\b[a-zà-ÿ]{3,}\b", text.lower())))
    random.Random(seed).shuffle(words)
    return words


class _Words:
    def __init__(self, words: list[str]):
        self.words = words
        self.cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))

    def pick(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


def _sentence(rng: random.Random, words: _Words) -> str:
    picked = words.pick(rng, rng.randint(8, 18))
    return picked[0].capitalize() + " " + " ".join(picked[1:]) + "."


def document_path(out: Path, i: int) -> Path:
    """Where generate() writes document number i (its id is 'bench-doc-<i, 5 digits>')."""
    return out / "documenten" / KINDS[i % len(KINDS)][1] / f"doc-{i:05d}.md"


def generate(n: int, out: Path, seed: int = 42) -> Path:
    rng = random.Random(seed)
    words = _Words(words_by_frequency(seed))
    vocab = ROOT / "content" / "vocabularies"
    themes = list(yaml.safe_load((vocab / "themes.yml").read_text(encoding="utf-8")))
    holders = list(yaml.safe_load((vocab / "stakeholders.yml").read_text(encoding="utf-8")))
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(vocab, out / "vocabularies")
    for page in (ROOT / "content").glob("*.md"):  # the site's own pages (in its nav)
        shutil.copy(page, out / page.name)
    # Follow-up (lifecycle.yml) from a generator of its own, so the documents are the
    # same as before follow-up existed, only with it added.
    follow = random.Random(seed + 1)
    lifecycle = yaml.safe_load((vocab / "lifecycle.yml").read_text(encoding="utf-8"))
    # The states after the first that need no reason or evidence: any such document is
    # valid whatever the lifecycle file holds.
    states = [key for key, state in list(lifecycle["lesson_states"].items())[1:]
              if not state.get("needs")]
    actions = [key for key, state in lifecycle["action_states"].items()
               if not state.get("needs")]
    lessons_so_far: list[tuple[str, str]] = []  # (lesson id, date of its document)
    paths = []
    for i in range(n):
        kind, folder = KINDS[i % len(KINDS)]
        paths.append((kind, folder, f"doc-{i:05d}"))
    for i, (kind, _folder, name) in enumerate(paths):
        meta = {
            "id": f"bench-{name}",
            "kind": kind,
            "title": " ".join(words.pick(rng, rng.randint(4, 9))).capitalize(),
            "date": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "summary": _sentence(rng, words),
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "stakeholders": rng.sample(holders, rng.randint(1, 4)),
            "status": "published",
            "authors": ["A. Auteur"],
            "organisation": "Ministerie van VWS",
            "lessons": [{"id": f"bench-{name}-les-{k}", "statement": _sentence(rng, words)}
                        for k in range(rng.randint(0, 2))],
        }
        _add_follow_up(meta, follow, states, actions, holders, lessons_so_far)
        body = []
        for _section in range(5):
            body.append(f"## {_sentence(rng, words)[:-1]}\n")
            for _ in range(3):
                body.append(" ".join(_sentence(rng, words) for _ in range(5)) + "\n")
        for _ in range(2 if i else 0):  # cross-links to earlier documents, by source path
            _, other_folder, other = paths[rng.randrange(i)]
            body.append(f"Zie ook [dit document](../{other_folder}/{other}.md).\n")
        target = document_path(out, i)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
                          + "---\n\n" + "\n".join(body), encoding="utf-8")
    return out


def _add_follow_up(meta: dict, rng: random.Random, states: list[str], actions: list[str],
                   holders: list[str], earlier: list[tuple[str, str]]) -> None:
    """A third of the lessons move on through the lifecycle with an action; a fifth of
    the documents follow up a lesson of an earlier-dated document."""
    year = int(meta["date"][:4])
    for lesson in meta["lessons"]:
        if rng.random() < 1 / 3:
            lesson["transitions"] = [{"state": rng.choice(states),
                                      "date": f"{year + 1}-03-01"}]
            lesson["actions"] = [{"description": "Actie naar aanleiding van de les",
                                  "owner": rng.choice(holders), "state": actions[0],
                                  "due": f"{year + 2}-06-30"}]
    candidates = [(x, d) for x, d in earlier[-200:] if d <= meta["date"]]
    if candidates and rng.random() < 1 / 5:
        lesson_id, _ = rng.choice(candidates)
        meta["follows_up"] = [{"lesson": lesson_id, "did": "Dit document volgt de les op."}]
    earlier.extend((x["id"], meta["date"]) for x in meta["lessons"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(generate(args.n, args.out))
