"""Deterministic synthetic corpus: N documents of ~1,000 Dutch words with realistic front-matter.

Words come from the seed documents in content/, terms from the real vocabularies, so the
corpus looks like the site's own content. The same N always gives the same files.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS = [("meeting-report", "gespreksverslagen"), ("position-paper", "position-papers"),
         ("practice-example", "praktijkvoorbeelden"), ("memo", "memos"),
         ("correspondence", "correspondentie"), ("report", "rapporten")]


def _words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8").split("---", 2)[-1]
                    for p in sorted((ROOT / "content" / "documenten").rglob("*.md")))
    return sorted(set(re.findall(r"\b[a-zà-ÿ]{3,}\b", text.lower())))


def _sentence(rng: random.Random, words: list[str]) -> str:
    picked = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    return picked[0].capitalize() + " " + " ".join(picked[1:]) + "."


def generate(n: int, out: Path, seed: int = 42) -> Path:
    rng = random.Random(seed)
    words = _words()
    vocab = ROOT / "content" / "vocabularies"
    themes = list(yaml.safe_load((vocab / "themes.yml").read_text(encoding="utf-8")))
    holders = list(yaml.safe_load((vocab / "stakeholders.yml").read_text(encoding="utf-8")))
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(vocab, out / "vocabularies")
    for page in ("index.md", "over.md"):
        shutil.copy(ROOT / "content" / page, out / page)
    paths = []
    for i in range(n):
        kind, folder = KINDS[i % len(KINDS)]
        paths.append((kind, folder, f"doc-{i:05d}"))
    for i, (kind, folder, name) in enumerate(paths):
        meta = {
            "id": f"bench-{name}",
            "kind": kind,
            "title": " ".join(rng.choice(words) for _ in range(rng.randint(4, 9))).capitalize(),
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
        body = []
        for _section in range(5):
            body.append(f"## {_sentence(rng, words)[:-1]}\n")
            for _ in range(3):
                body.append(" ".join(_sentence(rng, words) for _ in range(5)) + "\n")
        for _ in range(2 if i else 0):  # cross-links to earlier documents, by source path
            _, other_folder, other = paths[rng.randrange(i)]
            body.append(f"Zie ook [dit document](../{other_folder}/{other}.md).\n")
        target = out / "documenten" / folder / f"{name}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
                          + "---\n\n" + "\n".join(body), encoding="utf-8")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(generate(args.n, args.out))
