"""`rasad eval reuse`: pair precision and recall of `reuse.json` against the gold reuse pairs.

A pair is unordered and counts once. Overall scores ignore the kind; `per_kind` scores each gold
kind's recall (found with any kind) and each predicted kind's precision (a gold pair of any kind),
and `kind_agreement` is the share of found pairs given the gold's kind. `without_translation`
leaves translation pairs out on both sides. `first` checks who published first where the gold
knows: the pair's `first` field (an article id, null for "cannot tell"), or its `a` when the
record has no `first` field.
Pairs between articles the gold does not list are ignored (an `--out` folder may hold more).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.eval.common import GoldError, prf
from rasad.eval.corpus_gold import Dataset, article_ids, read_output, run_main
from rasad.outputs import REUSE

KINDS = ("duplicate", "near_duplicate", "partial", "translation")
EPILOG = """\
examples:
  rasad eval reuse --json                    analyse examples/corpus, score against examples/gold
  rasad eval reuse --dataset blind --json    the blind set (never tune on it)
  rasad eval reuse --out out/ --show         score an existing analysis; list missed and extra pairs
"""


@dataclass(frozen=True)
class Pair:
    """One reuse pair over gold names: `names` (unordered), `kind`, and who was `first` (or None)."""

    names: frozenset[str]
    kind: str
    first: str | None = None

    def label(self) -> str:
        return " ~ ".join(sorted(self.names)) + f" ({self.kind})"


def score_pairs(predicted: Sequence[Pair], gold: Sequence[Pair]) -> dict[str, Any]:
    """Pair precision/recall overall, per kind, without translations, and who-was-first accuracy.

    >>> gold = [Pair(frozenset("ab"), "duplicate", "a"), Pair(frozenset("cd"), "partial")]
    >>> s = score_pairs([Pair(frozenset("ab"), "near_duplicate", "b"), Pair(frozenset("ae"), "partial")], gold)
    >>> s["precision"], s["recall"], s["kind_agreement"], s["first"]
    (0.5, 0.5, 0.0, {'correct': 0, 'known': 1})
    """
    gold_by_names = {p.names: p for p in gold}
    pred_by_names = {p.names: p for p in predicted}  # a pair reported twice counts once
    found = [gold_by_names[n] for n in pred_by_names if n in gold_by_names]
    result: dict[str, Any] = {**prf(len(found), len(pred_by_names), len(gold_by_names)),
                              "pairs_gold": len(gold_by_names), "pairs_predicted": len(pred_by_names)}
    per_kind: dict[str, dict[str, Any]] = {}
    for kind in sorted({p.kind for p in gold_by_names.values()} | {p.kind for p in pred_by_names.values()}):
        gold_k = [n for n, p in gold_by_names.items() if p.kind == kind]
        pred_k = [n for n, p in pred_by_names.items() if p.kind == kind]
        per_kind[kind] = {
            "recall": round(sum(n in pred_by_names for n in gold_k) / len(gold_k), 4) if gold_k else None,
            "precision": round(sum(n in gold_by_names for n in pred_k) / len(pred_k), 4) if pred_k else None,
            "gold": len(gold_k), "predicted": len(pred_k)}
    result["per_kind"] = per_kind
    result["kind_agreement"] = (round(sum(pred_by_names[g.names].kind == g.kind for g in found) / len(found), 4)
                                if found else None)
    plain_gold = {n for n, p in gold_by_names.items() if p.kind != "translation"}
    plain_pred = {n for n, p in pred_by_names.items() if p.kind != "translation"}
    result["without_translation"] = prf(len(plain_gold & plain_pred), len(plain_pred), len(plain_gold))
    known = [g for g in found if g.first is not None]
    result["first"] = {"correct": sum(pred_by_names[g.names].first == g.first for g in known), "known": len(known)}
    result["details"] = {
        "missed": sorted(p.label() for n, p in gold_by_names.items() if n not in pred_by_names),
        "extra": sorted(p.label() for n, p in pred_by_names.items() if n not in gold_by_names),
        "wrong_kind": sorted(f"{g.label()} predicted {pred_by_names[g.names].kind}" for g in found
                             if pred_by_names[g.names].kind != g.kind),
        "wrong_first": sorted(f"{g.label()} first {g.first}, predicted {pred_by_names[g.names].first}"
                              for g in known if pred_by_names[g.names].first != g.first),
    }
    return result


def gold_pairs(records: Iterable[Mapping[str, Any]], where: str) -> list[Pair]:
    """The gold's pairs (`{a, b, kind, first}` with file names)."""
    pairs = []
    for n, rec in enumerate(records):
        if not isinstance(rec, Mapping) or not {"a", "b", "kind"} <= set(rec) or rec["kind"] not in KINDS:
            raise GoldError(f"{where}: pair {n} needs a, b and a kind in {KINDS}")
        pairs.append(Pair(frozenset((rec["a"], rec["b"])), rec["kind"], rec.get("first")))
    return pairs


def predicted_pairs(records: Iterable[Mapping[str, Any]], names_of: Mapping[str, list[str]]) -> list[Pair]:
    """`reuse.json`'s pairs over gold names (`names_of`: article id -> its gold names); pairs
    touching an article the gold does not list are left out."""
    pairs: list[Pair] = []
    for rec in records:
        a, b = names_of.get(str(rec.get("a"))), names_of.get(str(rec.get("b")))
        if not a or not b:
            continue
        first_id = rec["first"] if "first" in rec else rec.get("a")
        first_names = names_of.get(str(first_id)) if first_id is not None else None
        first = first_names[0] if first_names else None
        pairs.extend(Pair(frozenset((x, y)), str(rec.get("kind")), first) for x in a for y in b if x != y)
    return pairs


def score(data: Dataset, out_dir: Path) -> dict[str, Any]:
    """Pair scores of `out_dir/reuse.json` against `data`'s gold pairs."""
    members = [m for ms in data.read_gold("stories.json").values() for m in ms]
    gold = gold_pairs(data.read_gold("reuse.json"), str(data.gold / "reuse.json"))
    ids = article_ids(out_dir)
    names_of: dict[str, list[str]] = {}
    for name in members:
        if name in ids:
            names_of.setdefault(ids[name], []).append(name)
    # a gold pair whose two files became one article (identical text) cannot be a pair: it is found
    collapsed = [p for p in gold if len({ids.get(n, n) for n in p.names}) == 1]
    predicted = predicted_pairs(read_output(out_dir, REUSE, "reuse"), names_of)
    predicted += [Pair(p.names, p.kind, p.first) for p in collapsed]
    result = score_pairs(predicted, gold)
    result["collapsed_pairs"] = len(collapsed)
    result["missing_articles"] = sorted({n for p in gold for n in p.names if n not in ids})
    return {"dataset": data.name, **result}


def main(argv: list[str] | None = None) -> int:
    """`rasad eval reuse`: print pair precision and recall, overall and per kind."""
    return run_main(argv, "Pair precision and recall of reuse.json against the gold reuse pairs.", EPILOG, score)


if __name__ == "__main__":
    raise SystemExit(main())
