"""Build a linking set (src/rasad/eval/gold/{blind,dev,dev2,dev3}_links) from its annotated sources.

    PYTHONPATH=src .venv/bin/python scripts/build_blind_links.py [--set dev] [--check]

Each `annotated/<id>.txt` is an article with its gold mentions written inline as `[[surface|entity]]`
(`entity` is `type:key`, e.g. `place:marib`); in Persian sources `~` stands for a zero-width non-joiner.
The script writes the plain article to `articles/<id>.txt` and every mention, with its character
offsets in that text, to `gold.json`. `--check` only verifies that the written files are up to date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

GOLD_ROOT = Path(__file__).resolve().parent.parent / "src" / "rasad" / "eval" / "gold"
SETS = {
    "blind": ("2026-11-29", "Blind cross-lingual entity linking set: gold clusters of mentions of one real-world "
                            "entity across Arabic, Persian and English articles. Never tune on it."),
    "dev": ("2026-11-30", "Development cross-lingual entity linking set (tune on it): gold clusters of mentions "
                          "of one real-world entity across Arabic, Persian and English articles."),
    "dev2": ("2026-11-30", "Second development cross-lingual entity linking set (tune on it), on regions neither "
                           "other set covers: gold clusters of mentions across Arabic, Persian and English."),
    "dev3": ("2026-11-30", "Third development cross-lingual entity linking set (tune on it), on regions the "
                           "knowledge base covers badly: gold clusters of mentions across Arabic, Persian and "
                           "English."),
}
MENTION = re.compile(r"\[\[([^\[\]|]+)\|([a-z]+):([a-z0-9_]+)\]\]")
ZWNJ = "\u200c"
REGIONS = {"ye": "Yemen", "sd": "Sudan", "ly": "Libya", "lb": "south Lebanon", "krd": "Iraqi Kurdistan",
           "af": "Afghanistan",
           "ir": "Iran", "iq": "southern Iraq", "sh": "Sahel", "ln": "north Lebanon and the Bekaa",
           "so": "Somalia", "tn": "Tunisia", "jo": "Jordan", "bl": "Balochistan", "az": "Azerbaijan",
           "sc": "Syrian coast"}
TYPES = ("place", "person", "org", "ship", "facility")


def strip_annotations(annotated: str, lang: str) -> tuple[str, list[dict]]:
    """The plain text of an annotated article and its mentions (start, end, text, entity, occurrence).

    >>> strip_annotations("In [[Marib|place:marib]] and [[Marib|place:marib]].", "en")[1][1]["occurrence"]
    1
    """
    if lang == "fa":
        annotated = annotated.replace("~", ZWNJ)
    parts: list[str] = []
    mentions: list[dict] = []
    pos = 0
    length = 0
    for m in MENTION.finditer(annotated):
        before = annotated[pos:m.start()]
        parts.append(before)
        length += len(before)
        surface, etype, key = m.group(1), m.group(2), m.group(3)
        if etype not in TYPES:
            raise ValueError(f"unknown entity type {etype!r} in {m.group(0)}")
        mentions.append({"start": length, "end": length + len(surface), "text": surface,
                         "entity": f"{etype}:{key}"})
        parts.append(surface)
        length += len(surface)
        pos = m.end()
    parts.append(annotated[pos:])
    text = "".join(parts)
    if any(mark in text for mark in ("[[", "]]", "|")):
        raise ValueError("unbalanced annotation: " + text[:80])
    for mention in mentions:
        earlier = [i for i in _occurrences(text, mention["text"]) if i < mention["start"]]
        mention["occurrence"] = len(earlier)
    return text, mentions


def _occurrences(text: str, needle: str) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


def build(name: str = "blind") -> dict[str, str]:
    """Every output file's relative path and content, for the set `name` (blind, dev, dev2 or dev3)."""
    gold_dir = GOLD_ROOT / f"{name}_links"
    written, description = SETS[name]
    outputs: dict[str, str] = {}
    articles: list[dict] = []
    entities: dict[str, list[dict]] = {}
    for path in sorted((gold_dir / "annotated").glob("*.txt")):
        article_id = path.stem
        region, lang, _ = article_id.split("-")
        text, mentions = strip_annotations(path.read_text(encoding="utf-8"), lang)
        outputs[f"articles/{article_id}.txt"] = text
        articles.append({"id": article_id, "lang": lang, "region": REGIONS[region],
                         "file": f"articles/{article_id}.txt", "words": len(text.split())})
        for mention in mentions:
            entities.setdefault(mention.pop("entity"), []).append({"article": article_id, **mention})
    gold = {
        "name": f"{name}_links",
        "written": written,
        "description": description,
        "offsets": "start/end are Python string (code point) offsets into the article file's text; "
                   "occurrence is the index of this surface string among its non-overlapping "
                   "occurrences in that text",
        "types": list(TYPES),
        "articles": articles,
        "entities": [{"id": key, "type": key.split(":")[0], "mentions": ms} for key, ms in sorted(entities.items())],
    }
    outputs["gold.json"] = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
    return outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the files are up to date")
    parser.add_argument("--set", choices=sorted(SETS), default="blind", help="which set to build (default blind)")
    args = parser.parse_args()
    stale = []
    for rel, content in build(args.set).items():
        target = GOLD_ROOT / f"{args.set}_links" / rel
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        stale.append(rel)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    print(("stale: " if args.check else "written: ") + (", ".join(stale) or "none"))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
