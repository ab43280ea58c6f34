"""The story and reuse gold files agree with the corpora they describe (every article in one story)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "src" / "rasad" / "eval" / "gold" / "blind_stories"
SETS = {"dev": (ROOT / "examples" / "corpus", ROOT / "examples" / "gold"), "blind": (BLIND / "corpus", BLIND)}
KINDS = {"duplicate", "near_duplicate", "partial", "translation"}


def _records(path: Path) -> int:
    if path.suffix == ".jsonl":
        return sum(1 for line in path.read_text("utf-8").splitlines() if line.strip())
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return sum(1 for _ in csv.DictReader(f))
    return 1


def _members(corpus: Path) -> set[str]:
    names: set[str] = set()
    for path in sorted(p for p in corpus.iterdir() if p.is_file()):
        count = _records(path)
        names |= {path.name} if count == 1 and path.suffix not in {".jsonl", ".csv"} else {
            f"{path.name}#{n}" for n in range(1, count + 1)}
    return names


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_article_is_in_exactly_one_gold_story(name: str) -> None:
    corpus, gold = SETS[name]
    stories = json.loads((gold / "stories.json").read_text("utf-8"))
    listed = [m for members in stories.values() for m in members]
    assert listed, "no stories"
    assert len(listed) == len(set(listed)), "an article is in two stories"
    assert set(listed) == _members(corpus)


@pytest.mark.parametrize("name", sorted(SETS))
def test_reuse_pairs_name_known_articles_of_one_story(name: str) -> None:
    gold = SETS[name][1]
    stories = json.loads((gold / "stories.json").read_text("utf-8"))
    story_of = {m: label for label, members in stories.items() for m in members}
    pairs = json.loads((gold / "reuse.json").read_text("utf-8"))
    assert pairs, "no reuse pairs"
    for pair in pairs:
        assert pair["kind"] in KINDS, pair
        assert story_of[pair["a"]] == story_of[pair["b"]], pair
        assert pair["first"] in {None, pair["a"], pair["b"]}, pair
