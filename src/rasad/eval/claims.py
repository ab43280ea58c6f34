"""`rasad eval claims`: claim frames against gold, role by role.

Five gold sets ship with rasad, all invented articles with their text embedded:
- `dev` (`gold/claims_dev.json`): written for tuning the stage;
- `dev-fa-en` (`gold/claims_dev_fa_en.json`): 24 Persian and English agency-style articles, written
  before tuning the Persian and English frames on them;
- `dev3` (`gold/claims_dev3.json`): 24 longer news-wire articles (14 Arabic, 5 Persian, 5 English) on the
  events the first rules missed (meetings with long titles, interceptions, aircraft and vessels that act,
  shelling, arrests, exchanges, seizures, evacuations, aid, passive and nominal forms), written on 2026-11-30
  before tuning on them, then tuned on;
- `blind` (`gold/blind_claims/gold.json`): written before the stage existed, never tuned on;
- `blind2` (`gold/blind2_claims/gold.json`): 28 longer articles written on 2026-11-30 before any tuning on them,
  never tuned on.

Each gold claim has an `action` and the roles it fills (exact substrings of the text; `<role>_occurrence`,
1-based over the text, picks one of several). The article
runs through all article stages. A predicted claim matches a gold claim with the same action whose
roles lie in the predicted claim's sentence (one-to-one; among such pairs, those that share the most
roles first, so two claims with one action in one sentence pair by their roles). Then, role by role (actor, patient,
quantity, origin, destination, location, time), a predicted role is right when it overlaps the gold
role's text in that sentence. Reported: claim precision and recall, role precision and recall (over
all predicted and all gold roles, matched claims or not), and certainty accuracy over the matches.

    rasad eval claims --dataset dev --json
"""

from __future__ import annotations

import json
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

from rasad.article import Article, RawDocument, Source
from rasad.eval.common import GOLD_DIR, GoldError, match_best_one_to_one, prf, run_gold_set_main
from rasad.pipeline import analyze_document, resolve
from rasad.settings import Settings

DATASETS = {
    "dev": GOLD_DIR / "claims_dev.json",
    "dev-fa-en": GOLD_DIR / "claims_dev_fa_en.json",
    "dev3": GOLD_DIR / "claims_dev3.json",
    "blind": GOLD_DIR / "blind_claims" / "gold.json",
    "blind2": GOLD_DIR / "blind2_claims" / "gold.json",
}
ROLES = ("actor", "patient", "quantity", "origin", "destination", "location", "time")


def _sentence_of(article: Article, gold: dict[str, Any]) -> tuple[int, int] | None:
    """The sentence of the article text that holds the gold claim's roles."""
    texts = [str(gold[r]) for r in ROLES if gold.get(r)]
    for sentence in article.sentences:
        chunk = article.text[sentence.start:sentence.end]
        if texts and all(t in chunk for t in texts):
            return sentence.start, sentence.end
    return None


def _gold_span(article: Article, sentence: tuple[int, int], text: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The gold role's span in its sentence: its `occurrence`-th in the text (`<role>_occurrence`,
    1-based: "Israel" after "Israeli …") when that lies in the sentence, else its first there."""
    at = -1
    for _ in range(max(1, occurrence)):
        at = article.text.find(text, at + 1)
        if at < 0:
            break
    if not (at >= 0 and sentence[0] <= at and at + len(text) <= sentence[1]):
        at = article.text.find(text, sentence[0], sentence[1])
    return (at, at + len(text)) if at >= 0 else None


def _role_right(article: Article, sentence: tuple[int, int], gold: dict[str, Any], pred: dict[str, Any],
                role: str) -> bool:
    """The predicted role overlaps the gold role's text in the gold claim's sentence."""
    span = _gold_span(article, sentence, str(gold[role]), int(gold.get(f"{role}_occurrence", 1)))
    got = pred.get(role)
    return bool(span and got and got.get("start") is not None and got["start"] < span[1] and span[0] < got["end"])


def _pair_weight(article: Article, pred: dict[str, Any],
                 gold: tuple[dict[str, Any], tuple[int, int] | None]) -> float | None:
    """None when a predicted claim cannot match a gold one (another action, another sentence); else
    the number of gold roles it gets right, so two claims with one action in one sentence pair by
    their roles."""
    gold_claim, sentence = gold
    if sentence is None or pred["action"] != gold_claim["action"] or not sentence[0] <= pred["start"] < sentence[1]:
        return None
    return float(sum(_role_right(article, sentence, gold_claim, pred, r) for r in ROLES if gold_claim.get(r)))


def score(path: Path) -> dict[str, Any]:
    """The scores of one gold file."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldError(f"{path}: cannot read the gold file ({exc})") from exc
    settings = Settings(workers=1, progress=False)
    stages = resolve(settings.stages)
    n_claims_gold = n_claims_pred = matched = certainty_ok = 0
    role_tp = role_pred = role_gold = 0
    per_role: dict[str, Counter[str]] = {r: Counter() for r in ROLES}
    errors: list[dict[str, Any]] = []
    for item in items:
        raw = RawDocument(Source(sha256=f"gold-{item['id']}", format="txt", path=item["id"]), item["text"])
        article = analyze_document(raw, settings, stages)
        golds = [(g, _sentence_of(article, g)) for g in item["claims"]]
        preds = article.claims
        pairs = match_best_one_to_one(preds, golds, partial(_pair_weight, article))
        n_claims_gold += len(golds)
        n_claims_pred += len(preds)
        matched += len(pairs)
        for pred in preds:
            role_pred += sum(1 for r in ROLES if pred.get(r))
            for r in ROLES:
                per_role[r]["predicted"] += bool(pred.get(r))
        for gi, (gold, sentence) in enumerate(golds):
            gold_roles = [r for r in ROLES if gold.get(r)]
            role_gold += len(gold_roles)
            for r in gold_roles:
                per_role[r]["gold"] += 1
            if gi not in pairs or sentence is None:
                errors.append({"article": item["id"], "missed": gold["action"],
                               "roles": {r: gold[r] for r in gold_roles}})
                continue
            pred = preds[pairs[gi]]
            certainty_ok += pred.get("certainty") == gold.get("certainty")
            for r in gold_roles:
                if _role_right(article, sentence, gold, pred, r):
                    role_tp += 1
                    per_role[r]["correct"] += 1
                else:
                    errors.append({"article": item["id"], "action": gold["action"], "role": r,
                                   "gold": gold[r], "predicted": (pred.get(r) or {}).get("text")})
        used = set(pairs.values())
        errors.extend({"article": item["id"], "spurious": p["action"], "english": p.get("english")}
                      for i, p in enumerate(preds) if i not in used)
    claims = prf(matched, n_claims_pred, n_claims_gold)
    roles = prf(role_tp, role_pred, role_gold)
    return {
        "claim_precision": claims["precision"], "claim_recall": claims["recall"],
        "role_precision": roles["precision"], "role_recall": roles["recall"], "role_f1": roles["f1"],
        "certainty_accuracy": round(certainty_ok / matched, 4) if matched else 0.0,
        "gold_claims": n_claims_gold, "predicted_claims": n_claims_pred, "matched_claims": matched,
        "roles": {r: dict(c) for r, c in per_role.items()},
        "errors": errors,
    }


def _headline(r: dict[str, Any]) -> str:
    return (f"claims P {r['claim_precision']:.3f} R {r['claim_recall']:.3f}  "
            f"roles P {r['role_precision']:.3f} R {r['role_recall']:.3f}  "
            f"certainty accuracy {r['certainty_accuracy']:.3f}  "
            f"({r['matched_claims']} of {r['gold_claims']} gold claims, {r['predicted_claims']} predicted)")


def main(argv: list[str] | None = None) -> int:
    return run_gold_set_main(argv, "claims", __doc__, DATASETS, score, _headline)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
