"""`rasad eval translit`: do transliteration keys link one name across Arabic, Persian and Latin script,
and keep apart different names that share a consonant skeleton?

Gold (written for rasad, shipped): `gold/translit_names.tsv` gives each name (a person, place, ship,
company, militia or tribe outside the knowledge base) in Arabic, Persian and Latin script, with
variant spellings separated by ` | `; `gold/translit_nonpairs.tsv` lists pairs of different names that
share a consonant skeleton by chance (Hasan and Husayn, Sabha and Sabah). Each row has a fixed
`split`: `tune` (looked at while tuning) or `heldout` (a third of the rows, by hash, never looked at).

- recall: the share of gold pairs that link, over every cross-script combination of one entry's
  spellings (ar↔fa, ar↔en, fa↔en), overall and per combination;
- precision: linked gold pairs over all linked pairs, where the wrong links are the non-pairs that
  link plus the *pool* links: cross-script pairs of names from different entries of the set that
  link (candidates found through `rasad.kb.translit.blocking_keys`, never all pairs);
- `nonpairs_linked`: how many of the non-pairs link (each is a wrong link);
- `balanced_precision`: the precision there would be with as many non-pairs as gold pairs
  (recall / (recall + the share of non-pairs linked)): the gold has far more pairs than non-pairs,
  so this is the stricter number.

    rasad eval translit --json                 # both splits
    rasad eval translit --set heldout --show   # the held-out rows, with the misses and wrong links
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, product
from pathlib import Path
from typing import Any

from rasad.eval.common import GOLD_DIR, GoldError, prf
from rasad.kb.translit import blocking_keys, same_name

NAMES_GOLD = GOLD_DIR / "translit_names.tsv"
NONPAIRS_GOLD = GOLD_DIR / "translit_nonpairs.tsv"
SCRIPTS = ("ar", "fa", "en")
SPLITS = ("tune", "heldout")
Linker = Callable[[str, str], bool]


@dataclass(frozen=True)
class Entry:
    """One name of the gold list: its spellings per script (`ar`, `fa`, `en`)."""

    id: str
    kind: str
    split: str
    names: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class NonPair:
    """Two different names that share a consonant skeleton."""

    a: str
    b: str
    split: str
    note: str


def _rows(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise GoldError(f"gold file {path} does not exist")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise GoldError(f"{path}: no column {', '.join(missing)} in the header")
        rows = list(reader)
    for n, row in enumerate(rows, start=2):
        if any(not row.get(c) for c in columns if c != "note") or row["split"] not in SPLITS:
            raise GoldError(f"{path}:{n}: every column needs a value and split is one of {SPLITS}")
    return rows


def read_entries(path: Path = NAMES_GOLD) -> list[Entry]:
    """The gold names (`id, kind, split, ar, fa, en`; spellings separated by ` | `)."""
    rows = _rows(path, ("id", "kind", "split", *SCRIPTS))
    return [Entry(r["id"], r["kind"], r["split"],
                  {s: tuple(v.strip() for v in r[s].split("|") if v.strip()) for s in SCRIPTS}) for r in rows]


def read_nonpairs(path: Path = NONPAIRS_GOLD) -> list[NonPair]:
    """The non-pairs (`a, b, split, note`)."""
    return [NonPair(r["a"], r["b"], r["split"], r.get("note") or "") for r in _rows(path, ("a", "b", "split"))]


def gold_pairs(entries: Iterable[Entry]) -> list[tuple[str, str, str, str]]:
    """(entry id, combination, name, name) for every cross-script pair of one entry's spellings."""
    pairs = []
    for entry in entries:
        for one, other in combinations(SCRIPTS, 2):
            for a, b in product(entry.names[one], entry.names[other]):
                pairs.append((entry.id, f"{one}-{other}", a, b))
    return pairs


def pool_false_links(entries: Sequence[Entry], linked: Linker) -> list[tuple[str, str]]:
    """Cross-script pairs of names from different entries that link (candidates share a blocking key)."""
    by_key: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # key -> (entry, script, name)
    for entry in entries:
        for script in SCRIPTS:
            for name in entry.names[script]:
                for key in blocking_keys(name):
                    by_key[key].add((entry.id, script, name))
    wrong: set[tuple[str, str]] = set()
    for members in by_key.values():
        for (id_a, script_a, a), (id_b, script_b, b) in combinations(sorted(members), 2):
            if id_a != id_b and script_a != script_b and linked(a, b):
                wrong.add((a, b) if a < b else (b, a))
    return sorted(wrong)


def score(entries: Sequence[Entry], nonpairs: Sequence[NonPair], linked: Linker = same_name) -> dict[str, Any]:
    """Recall over the gold pairs, precision over gold pairs, non-pairs and pool links (module doc)."""
    pairs = gold_pairs(entries)
    found = [p for p in pairs if linked(p[2], p[3])]
    wrong_nonpairs = [p for p in nonpairs if linked(p.a, p.b)]
    wrong_pool = pool_false_links(entries, linked)
    wrong = len(wrong_nonpairs) + len(wrong_pool)
    combos: dict[str, dict[str, Any]] = {}
    for combo in (f"{a}-{b}" for a, b in combinations(SCRIPTS, 2)):
        total = [p for p in pairs if p[1] == combo]
        hit = sum(1 for p in found if p[1] == combo)
        combos[combo] = {"pairs": len(total), "linked": hit, "recall": round(hit / len(total), 4) if total else None}
    found_set = set(found)
    scores = prf(len(found), len(found) + wrong, len(pairs))
    nonpair_rate = len(wrong_nonpairs) / len(nonpairs) if nonpairs else 0.0
    balanced = scores["recall"] / (scores["recall"] + nonpair_rate) if scores["recall"] + nonpair_rate else 0.0
    return {
        **scores, "balanced_precision": round(balanced, 4),
        "entries": len(entries), "pairs": len(pairs), "linked": len(found),
        "per_combination": combos,
        "nonpairs": len(nonpairs), "nonpairs_linked": len(wrong_nonpairs), "pool_false_links": len(wrong_pool),
        "errors": {
            "missed": [f"{p[0]} {p[1]}: {p[2]} / {p[3]}" for p in pairs if p not in found_set],
            "nonpairs_linked": [f"{p.a} / {p.b} ({p.note})" for p in wrong_nonpairs],
            "pool_false_links": [f"{a} / {b}" for a, b in wrong_pool],
        },
    }


def evaluate(which: str = "all", linked: Linker = same_name) -> dict[str, Any]:
    """Scores of each split (`tune`, `heldout`) and of both together (`all`), or of one split."""
    entries, nonpairs = read_entries(), read_nonpairs()
    splits = SPLITS if which == "all" else (which,)
    result = {s: score([e for e in entries if e.split == s], [p for p in nonpairs if p.split == s], linked)
              for s in splits}
    if which == "all":
        result["all"] = score(entries, nonpairs, linked)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: `rasad eval translit [--set tune|heldout|all] [--show] [--json]`.

    Example: `rasad eval translit --set heldout --json | tail -1`
    """
    parser = argparse.ArgumentParser(
        prog="rasad eval translit",
        description="Link precision and recall of transliteration keys on the shipped gold names "
        "(example: rasad eval translit --json).",
    )
    parser.add_argument("--set", dest="which", choices=(*SPLITS, "all"), default="all",
                        help="which split of the gold to score (default both, and all together)")
    parser.add_argument("--show", action="store_true", help="list the missed pairs and the wrong links")
    parser.add_argument("--json", action="store_true", help="end with one JSON line holding the scores")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.which)
    except GoldError as exc:
        print(f"rasad eval translit: {exc}", file=sys.stderr)
        return 2
    for name, scores in result.items():
        combos = ", ".join(f"{c} {v['recall']}" for c, v in scores["per_combination"].items())
        print(f"{name}: precision {scores['precision']} (balanced {scores['balanced_precision']}) "
              f"recall {scores['recall']} ({scores['linked']}/"
              f"{scores['pairs']} pairs; {combos}); non-pairs linked {scores['nonpairs_linked']}/"
              f"{scores['nonpairs']}, pool false links {scores['pool_false_links']}")
        if args.show:
            for kind, lines in scores["errors"].items():
                for line in lines:
                    print(f"  {kind}: {line}")
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "errors"} for k, v in result.items()},
                         ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
