"""The blind2 claims and attributions gold files are well-formed (no score floors: the set is only measured)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasad.eval import attributions as attribution_eval
from rasad.eval import claims as claim_eval

ROLES = claim_eval.ROLES
CERTAINTIES = {"asserted", "attributed", "alleged", "denied", "hedged"}
KINDS = {"named_person", "official", "outlet", "anonymous", "document"}


def _load(path: Path) -> list[dict[str, Any]]:
    items = json.loads(path.read_text("utf-8"))
    assert len(items) >= 20, f"{path}: only {len(items)} articles"
    assert len({item["id"] for item in items}) == len(items), "duplicate article ids"
    return items


def _entries(path: Path, key: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every gold entry (claim or attribution) of the file, with its article; there must be some."""
    entries = [(item, entry) for item in _load(path) for entry in item[key]]
    assert entries, f"{path}: no gold {key}"
    return entries


def _occurs(text: str, part: str, occurrence: int) -> bool:
    """`part` occurs at least `occurrence` times in `text` (occurrence is 1-based)."""
    return bool(part) and occurrence >= 1 and text.count(part) >= occurrence


def test_blind2_claims_roles_are_substrings_and_certainties_valid() -> None:
    for item, claim in _entries(claim_eval.DATASETS["blind2"], "claims"):
        where = f"{item['id']} {claim.get('action')}"
        assert claim.get("action"), where
        assert claim.get("certainty") in CERTAINTIES, where
        roles = [r for r in ROLES if r in claim]
        assert roles, f"{where}: a claim with no role can never be matched"
        for role in roles:
            assert _occurs(item["text"], claim[role], claim.get(f"{role}_occurrence", 1)), f"{where} {role}"


def test_blind2_attribution_sources_are_substrings_and_kinds_valid() -> None:
    for item, gold in _entries(attribution_eval.DATASETS["blind2"], "attributions"):
        where = f"{item['id']} {gold.get('source')}"
        assert gold.get("source_kind") in KINDS, where
        assert _occurs(item["text"], gold["source"], gold.get("occurrence", 1)), where
        if gold.get("cited_outlet"):
            assert gold["cited_outlet"] in item["text"], where


def test_blind2_claims_and_attributions_describe_the_same_articles() -> None:
    claims = _load(claim_eval.DATASETS["blind2"])
    sources = _load(attribution_eval.DATASETS["blind2"])
    assert [(i["id"], i["text"]) for i in claims] == [(i["id"], i["text"]) for i in sources]
