"""`rasad eval links`: do mentions of one real-world entity in Arabic, Persian and English get one id?

The gold (`gold/blind_links/gold.json`, see its README) lists, for each real-world entity, its mentions
(article, code-point offsets, surface text). The articles are analysed as `rasad analyze` does (article
stages and the corpus entities stage); each gold mention takes the `entity_id` of the entity span of
`articles.jsonl` that overlaps it most, if that overlap covers at least half of the mention (else
"partial span": a place found inside an organisation's name is not the organisation; no overlapping span
at all: "no span"; a span with a null id: "no id").

- link rate: of the cross-lingual gold pairs (two mentions of one gold entity in different languages),
  the share whose two mentions got the same, non-null id;
- precision: of the cross-lingual pairs of gold mentions that got the same id, the share that are
  mentions of one gold entity.

    rasad eval links --json                # analyse the blind set and score it (never tune on it)
    rasad eval links --dataset dev --json  # the development set (tune on this one)
    rasad eval links --dataset dev2 --json # a second development set, on other regions
    rasad eval links --dataset dev3 --json # a third, on the regions the knowledge base covers badly
    rasad eval links --out out/ --show     # score an existing analysis; list what failed
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.eval.common import GOLD_DIR, GoldError
from rasad.eval.corpus_gold import Dataset, analysed
from rasad.outputs import iter_articles

DATASETS = {"blind": GOLD_DIR / "blind_links", "dev": GOLD_DIR / "dev_links", "dev2": GOLD_DIR / "dev2_links",
            "dev3": GOLD_DIR / "dev3_links"}
EPILOG = """\
examples:
  rasad eval links --json                    analyse the blind set, print link rate and precision
  rasad eval links --dataset dev --show      the development set (tune on it), with the failures
  rasad eval links --out out/ --show         score an existing analysis of the set; list the failures
  rasad eval links --gold DIR --json         another set in the same layout (DIR/gold.json, DIR/articles/)
"""


@dataclass(frozen=True)
class Mention:
    """One gold mention: its entity, where it is, and in which language."""

    entity: str
    type: str
    article: str
    lang: str
    region: str
    start: int
    end: int
    text: str


def read_gold(gold_dir: Path) -> tuple[list[dict[str, Any]], list[Mention]]:
    """The gold's articles and its mentions, checked against the article files."""
    path = gold_dir / "gold.json"
    if not path.is_file():
        raise GoldError(f"gold file {path} does not exist")
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        articles = {a["id"]: a for a in gold["articles"]}
        texts = {a["id"]: (gold_dir / a["file"]).read_text(encoding="utf-8") for a in articles.values()}
        mentions = [Mention(e["id"], e["type"], m["article"], articles[m["article"]]["lang"],
                            articles[m["article"]]["region"], m["start"], m["end"], m["text"])
                    for e in gold["entities"] for m in e["mentions"]]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise GoldError(f"{path}: not a linking gold file ({exc!r})") from exc
    for m in mentions:
        if texts[m.article][m.start:m.end] != m.text:
            raise GoldError(f"{path}: mention {m.text!r} of {m.entity} is not at {m.start}:{m.end} of {m.article}")
    return [{**a, "text": texts[a["id"]]} for a in articles.values()], mentions


def offset_map(source: str, target: str) -> list[int]:
    """For each offset of `source` (and its end), the matching offset of `target` (its cleaned form).

    >>> offset_map("ab\\u200cc\\n", "abc")
    [0, 1, 2, 2, 3, 3]
    """
    out = [0] * (len(source) + 1)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, source, target, autojunk=False).get_opcodes():
        for k in range(i1, i2):
            out[k] = j1 + (k - i1 if op == "equal" else min(k - i1, j2 - j1))
        out[i2] = j2
    return out


def predict(mentions: list[Mention], articles: list[dict[str, Any]], records: Mapping[str, dict[str, Any]]
            ) -> tuple[dict[Mention, str | None], dict[Mention, str], list[dict[str, Any]]]:
    """({mention: entity id or None}, {mention: why it has none}, [predicted spans overlapping no mention])."""
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article, []).append(m)
    ids: dict[Mention, str | None] = {}
    why: dict[Mention, str] = {}
    outside: list[dict[str, Any]] = []
    for article in articles:
        record = records.get(Path(article["file"]).name)
        if record is None:
            why.update({m: "no article" for m in by_article.get(article["id"], [])})
            continue
        where = offset_map(article["text"], record.get("text") or "")
        spans = [s for s in record.get("entities") or [] if isinstance(s.get("start"), int)]
        used: set[int] = set()
        for m in by_article.get(article["id"], []):
            start, end = where[m.start], where[m.end]
            overlaps = [(min(end, s["end"]) - max(start, s["start"]), n) for n, s in enumerate(spans)
                        if s["start"] < end and start < s["end"]]
            if not overlaps:
                why[m] = "no span"
                continue
            used.update(n for _, n in overlaps)
            best, n = max(overlaps)
            if 2 * best < end - start:
                why[m] = "partial span"
                continue
            ids[m] = spans[n].get("entity_id")
            if ids[m] is None:
                why[m] = "no id"
        outside += [{"article": article["id"], "text": s.get("text"), "entity_id": s.get("entity_id")}
                    for n, s in enumerate(spans) if n not in used]
    return ids, why, outside


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def _lang_pair(a: Mention, b: Mention) -> str:
    return "-".join(sorted((a.lang, b.lang)))


def _cross_pairs(mentions: Iterable[Mention]) -> Iterable[tuple[Mention, Mention]]:
    return ((a, b) for a, b in itertools.combinations(mentions, 2) if a.lang != b.lang)


def pair_counts(mentions: list[Mention], ids: Mapping[Mention, str | None]) -> dict[str, Counter[str]]:
    """Counters keyed "all", "langs:ar-en", "type:place", "region:Yemen": gold pairs, linked gold pairs,
    predicted same-id pairs and correct ones among them."""
    counts: dict[str, Counter[str]] = {"gold": Counter(), "linked": Counter(), "same": Counter(),
                                       "correct": Counter()}
    by_entity: dict[str, list[Mention]] = {}
    by_id: dict[str, list[Mention]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
        if ids.get(m):
            by_id.setdefault(str(ids[m]), []).append(m)
    for group in by_entity.values():
        for a, b in _cross_pairs(group):
            region = a.region if a.region == b.region else "across regions"
            linked = ids.get(a) is not None and ids.get(a) == ids.get(b)
            for key in ("all", f"langs:{_lang_pair(a, b)}", f"type:{a.type}", f"region:{region}"):
                counts["gold"][key] += 1
                counts["linked"][key] += linked
    for group in by_id.values():
        for a, b in _cross_pairs(group):
            # a wrong pair counts against both its types
            for key in {"all", f"langs:{_lang_pair(a, b)}", f"type:{a.type}", f"type:{b.type}"}:
                counts["same"][key] += 1
                counts["correct"][key] += a.entity == b.entity
    return counts


def _breakdown(counts: dict[str, Counter[str]], prefix: str) -> dict[str, dict[str, Any]]:
    keys = sorted({k for c in counts.values() for k in c if k.startswith(prefix)})
    return {k[len(prefix):]: {"link_rate": _rate(counts["linked"][k], counts["gold"][k]),
                              "precision": _rate(counts["correct"][k], counts["same"][k]),
                              "pairs": counts["gold"][k], "linked": counts["linked"][k],
                              "same_id_pairs": counts["same"][k], "same_id_correct": counts["correct"][k]}
            for k in keys}


def _details(mentions: list[Mention], ids: Mapping[Mention, str | None], why: Mapping[Mention, str],
             outside: list[dict[str, Any]]) -> dict[str, Any]:
    """The entities not linked across languages, ids shared by several gold entities, missed mentions."""
    split = []
    by_entity: dict[str, list[Mention]] = {}
    by_id: dict[str, set[str]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
        if ids.get(m):
            by_id.setdefault(str(ids[m]), set()).add(m.entity)
    for entity, group in sorted(by_entity.items()):
        given = {(m.lang, m.text, ids.get(m) or why.get(m, "?")) for m in group}
        if len({m.lang for m in group}) > 1 and len({g[2] for g in given}) > 1:
            split.append({"entity": entity, "ids": sorted(f"{lang} {text} -> {got}" for lang, text, got in given)})
    return {"split": split,
            "merged": {i: sorted(e) for i, e in sorted(by_id.items()) if len(e) > 1},
            "outside_gold": sorted({f"{o['article']} {o['text']} -> {o['entity_id']}" for o in outside})}


def score(gold_dir: Path, out_dir: Path, name: str = "blind") -> dict[str, Any]:
    """Link rate and precision of the analysis in `out_dir` against the gold in `gold_dir`."""
    articles, mentions = read_gold(gold_dir)
    records = {Path((r.get("source") or {}).get("path") or "").name: r for r in iter_articles(out_dir)}
    ids, why, outside = predict(mentions, articles, records)
    counts = pair_counts(mentions, ids)
    langs = sorted({m.lang for m in mentions})
    multi = [e for e, ls in _languages_by_entity(mentions).items() if len(ls) > 1]
    return {
        "dataset": name,
        "link_rate": _rate(counts["linked"]["all"], counts["gold"]["all"]),
        "precision": _rate(counts["correct"]["all"], counts["same"]["all"]),
        "pairs": counts["gold"]["all"], "linked": counts["linked"]["all"],
        "same_id_pairs": counts["same"]["all"], "same_id_correct": counts["correct"]["all"],
        "articles": len(articles),
        "missing_articles": sorted(a["id"] for a in articles if Path(a["file"]).name not in records),
        "entities": len({m.entity for m in mentions}),
        "entities_cross_lingual": len(multi),
        "entities_fully_linked": sum(1 for e in multi if _fully_linked(e, mentions, ids)),
        "mentions": len(mentions),
        **{f"mentions_{key}": n for key, n in _misses(why.values()).items()},
        "by_language": {lang: {"mentions": sum(1 for m in mentions if m.lang == lang),
                               **_misses(r for m, r in why.items() if m.lang == lang)} for lang in langs},
        "by_language_pair": _breakdown(counts, "langs:"),
        "by_type": _breakdown(counts, "type:"),
        "by_region": {k: {f: v[f] for f in ("link_rate", "pairs", "linked")}
                      for k, v in _breakdown(counts, "region:").items()},
        "spans_outside_gold": len(outside),
        "details": _details(mentions, ids, why, outside),
    }


def _misses(reasons: Iterable[str]) -> dict[str, int]:
    """How many mentions got no span (the article missing included), only a partial span, or no id."""
    got = Counter("no_span" if r == "no article" else r.replace(" ", "_") for r in reasons)
    return {key: got[key] for key in ("no_span", "partial_span", "no_id")}


def _languages_by_entity(mentions: list[Mention]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in mentions:
        out.setdefault(m.entity, set()).add(m.lang)
    return out


def _fully_linked(entity: str, mentions: list[Mention], ids: Mapping[Mention, str | None]) -> bool:
    got = {ids.get(m) for m in mentions if m.entity == entity}
    return len(got) == 1 and None not in got


def main(argv: list[str] | None = None) -> int:
    """`rasad eval links`: print the cross-lingual link rate and precision (and their breakdowns)."""
    parser = argparse.ArgumentParser(description="Cross-lingual entity linking: link rate and precision of "
                                     "entity ids over gold mention clusters.", epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="blind",
                        help="blind: the shipped blind set (never tune on it); dev, dev2, dev3: the development sets")
    parser.add_argument("--gold", type=Path, metavar="DIR", help="a gold folder (gold.json, articles/) instead")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="score this existing analysis of the articles instead of running `rasad analyze`")
    parser.add_argument("--workers", type=int, default=1, help="processes for the analysis (default 1)")
    parser.add_argument("--show", action="store_true", help="also list split entities, merged ids, missed spans")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the scores")
    args = parser.parse_args(argv)
    gold_dir = args.gold or DATASETS[args.dataset]
    try:
        data = Dataset(args.dataset, gold_dir / "articles", gold_dir)
        if not data.corpus.is_dir():
            raise GoldError(f"article folder {data.corpus} not found")
        with analysed(data, args.out, args.workers) as out:
            result = score(gold_dir, out, args.dataset)
    except GoldError as exc:
        print(f"rasad eval: error: {exc}", file=sys.stderr)
        return 1
    if not args.show:
        result.pop("details", None)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
