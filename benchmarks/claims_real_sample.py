"""Hand-judged precision of claims and contradictions on real news (SaudiNewsNet), reproducibly.

The claims stage is tuned on invented gold; this measures it on real articles by hand. A fixed-seed
random sample of the claims (or contradictions) of one `rasad analyze` output folder is drawn as a
TSV with empty judgement columns; a person fills them in; `score` counts them.

    python benchmarks/claims_real_sample.py draw /tmp/out --seed 1 --n 60 > judged.tsv
    python benchmarks/claims_real_sample.py draw /tmp/out4000 --seed 11 --exclude /tmp/out > fresh.tsv
    python benchmarks/claims_real_sample.py score benchmarks/claims_real/before_seed1.tsv
    python benchmarks/claims_real_sample.py contradictions /tmp/out4000 --seed 1 --n 20 > judged.tsv

Claim judgement columns (one value each):
- `event`: y = a check-worthy factual event as the action says; n = junk (no event, opinion, the
  trigger in another sense);
- `action`, `actor`, `patient`: y = right, n = wrong, `-` = the role is empty and rightly so,
  m = empty but the sentence names it (a miss: recall, not precision);
- `english`: y = the sentence is faithful to the Arabic (names may be rough), n = it says something else.

Contradiction judgement column `real`: y = the values really conflict about one event and one
counted thing or role; n = junk.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CLAIM_COLUMNS = ("article", "claim", "action", "trigger", "actor", "patient", "quantity", "origin", "destination",
                 "location", "english", "sentence")
JUDGEMENTS = ("event", "action_ok", "actor_ok", "patient_ok", "english_ok", "note")
CONTRADICTION_COLUMNS = ("id", "slot", "values")


def _text(role: dict[str, Any] | None) -> str:
    if not role:
        return ""
    text = str(role.get("text") or "")
    return f"{text} [{role['entity_id']}]" if role.get("entity_id") else text


def _flat(value: str) -> str:
    return " ".join(value.split())


def all_claims(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every (article id, claim) of an output folder, in a stable order."""
    out = []
    with (folder / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            out.extend((record["id"], claim) for claim in record.get("claims") or [])
    return sorted(out, key=lambda ac: (ac[0], ac[1]["start"], ac[1]["id"]))


def _article_ids(folder: Path) -> set[str]:
    with (folder / "articles.jsonl").open(encoding="utf-8") as lines:
        return {json.loads(line)["id"] for line in lines}


def draw(folder: Path, seed: int, n: int, exclude: Path | None = None) -> list[dict[str, str]]:
    """A random sample of `n` claims (fixed `seed`) as rows to judge, leaving out the articles of the
    output folder `exclude` (those already looked at while tuning)."""
    seen = _article_ids(exclude) if exclude else set()
    claims = [(article, claim) for article, claim in all_claims(folder) if article not in seen]
    picked = random.Random(seed).sample(claims, min(n, len(claims)))
    rows = []
    for article, claim in picked:
        quantity = claim.get("quantity") or {}
        rows.append({
            "article": article, "claim": claim["id"], "action": claim["action"], "trigger": claim.get("trigger", ""),
            "actor": _text(claim.get("actor")), "patient": _text(claim.get("patient")),
            "quantity": f"{quantity.get('text')}={quantity.get('value')} {quantity.get('counted') or ''}".strip()
            if quantity else "",
            "origin": _text(claim.get("origin")), "destination": _text(claim.get("destination")),
            "location": _text(claim.get("location")), "english": claim.get("english", ""),
            "sentence": claim["sentence"][:400],
            **{j: "" for j in JUDGEMENTS},
        })
    return [{k: _flat(str(v)) for k, v in row.items()} for row in rows]


def draw_contradictions(folder: Path, seed: int, n: int) -> list[dict[str, str]]:
    """A random sample of `n` contradictions (fixed `seed`) as rows to judge."""
    records = json.loads((folder / "contradictions.json").read_text(encoding="utf-8"))
    records = sorted(records, key=lambda r: r["id"])
    picked = random.Random(seed).sample(records, min(n, len(records)))
    return [{"id": r["id"], "slot": _flat(r["slot"]),
             "values": _flat(" || ".join(f"{v['value']} ({v.get('text')}): {v.get('english')}" for v in r["values"])),
             "real": "", "note": ""} for r in picked]


def score(path: Path) -> dict[str, Any]:
    """The judged numbers of a filled TSV: claims (event share, role precision) or contradictions."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    if rows and "real" in rows[0]:
        real = Counter(r["real"] for r in rows)
        return {"contradictions": len(rows), "precision": round(real["y"] / max(1, real["y"] + real["n"]), 2)}
    result: dict[str, Any] = {"claims": len(rows)}
    events = Counter(r["event"] for r in rows)
    result["junk_share"] = round(events["n"] / max(1, len(rows)), 2)
    for column in ("action_ok", "actor_ok", "patient_ok", "english_ok"):
        counts = Counter(r[column] for r in rows)
        given = counts["y"] + counts["n"]
        result[column.removesuffix("_ok")] = {"precision": round(counts["y"] / given, 2) if given else None,
                                              "given": given, "missed": counts["m"]}
    return result


def _write(rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("draw", "contradictions"):
        p = sub.add_parser(name)
        p.add_argument("folder", type=Path)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--n", type=int, default=60)
        p.add_argument("--exclude", type=Path, help="an output folder whose articles are left out")
    sub.add_parser("score").add_argument("tsv", type=Path)
    args = parser.parse_args(argv)
    if args.command == "draw":
        _write(draw(args.folder, args.seed, args.n, args.exclude), (*CLAIM_COLUMNS, *JUDGEMENTS))
    elif args.command == "contradictions":
        _write(draw_contradictions(args.folder, args.seed, args.n), (*CONTRADICTION_COLUMNS, "real", "note"))
    else:
        print(json.dumps(score(args.tsv), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
