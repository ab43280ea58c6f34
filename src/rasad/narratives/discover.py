"""Candidate narratives: claims that fit no catalogue narrative, grouped across stories.

A claim's signature is its action with its actor and patient (entity ids; for the patient, what its
quantity counts when it names no entity). Claims with the same signature told in at least
`MIN_STORIES` stories, by at least `MIN_ARTICLES` articles, form a candidate: the same assertion made
about several events is a storyline, not one piece of news. Each candidate shows its top entities,
actions, terms and example claims, for an analyst to name it and add it to the catalogue
(`rasad narratives suggest DIR` writes the stub).

>>> claims = [UnmatchedClaim(f"a{i}", f"s{i}", "c", "transfer", "org:us-forces", "ISIS members", ["org:isis"], "…", "")
...           for i in range(3)]
>>> [c["signature"] for c in candidates(claims)]
[{'action': 'transfer', 'actor': 'org:us-forces', 'patient': 'ISIS members'}]
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MIN_STORIES = 2
MIN_ARTICLES = 3
MAX_CANDIDATES = 50
EXAMPLES = 5
TOP = 10
RULE_CANDIDATE = "narrative:candidate-signature"


@dataclass
class UnmatchedClaim:
    """A claim no catalogue narrative took, reduced to what discovery needs."""

    article: str
    story: str
    claim: str
    action: str
    actor: str | None
    patient: str | None
    entities: list[str]  # entity ids named in the claim's sentence
    english: str
    sentence: str
    terms: list[str] = field(default_factory=list)  # the role texts as written

    @property
    def signature(self) -> tuple[str, str | None, str | None]:
        return self.action, self.actor, self.patient


def signature_of(claim: dict[str, Any]) -> tuple[str | None, str | None]:
    """The (actor, patient) keys of a claim record: entity ids, or the patient's counted thing."""
    actor = (claim.get("actor") or {}).get("entity_id")
    patient = (claim.get("patient") or {}).get("entity_id") or (claim.get("quantity") or {}).get("counted")
    return actor, patient


def _stable_id(*parts: str | None) -> str:
    return "candidate:" + hashlib.sha1("|".join(p or "" for p in parts).encode()).hexdigest()[:12]


def _name(action: str, actor: str | None, patient: str | None) -> str:
    def label(value: str | None, fallback: str) -> str:
        return value.split(":", 1)[-1].replace("-", " ") if value else fallback

    return f"{label(actor, 'someone')} {action} {label(patient, 'something')}"


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    """The `TOP` most common items, ties in alphabetical order (stable across runs)."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


def candidates(claims: Iterable[UnmatchedClaim]) -> list[dict[str, Any]]:
    """The candidate narratives, most widespread first (at most `MAX_CANDIDATES`)."""
    groups: dict[tuple[str, str | None, str | None], list[UnmatchedClaim]] = defaultdict(list)
    for claim in claims:
        if claim.actor or claim.patient:
            groups[claim.signature].append(claim)
    found = []
    for (action, actor, patient), members in groups.items():
        stories = {c.story for c in members}
        articles = list(dict.fromkeys(c.article for c in members))
        if len(stories) < MIN_STORIES or len(articles) < MIN_ARTICLES:
            continue
        entities = Counter(e for c in members for e in set(c.entities))
        terms = Counter(t for c in members for t in dict.fromkeys(c.terms) if t)
        found.append({
            "id": _stable_id(action, actor, patient),
            "kind": "candidate",
            "name": _name(action, actor, patient),
            "description": f"Claims that {_name(action, actor, patient)}, told in {len(stories)} stories "
                           f"by {len(articles)} articles; no catalogue narrative explains them.",
            "rule": RULE_CANDIDATE,
            "signature": {"action": action, "actor": actor, "patient": patient},
            "stories": sorted(stories),
            "top_entities": [{"id": e, "count": n} for e, n in _top(entities)],
            "actions": [{"action": action, "count": len(members)}],
            "terms": [{"text": t, "count": n} for t, n in _top(terms)],
            "example_claims": [{"article": c.article, "claim": c.claim, "english": c.english, "sentence": c.sentence}
                               for c in members[:EXAMPLES]],
            "_members": members,
        })
    found.sort(key=lambda c: (-len(c["stories"]), -len(c["_members"]), c["id"]))
    return found[:MAX_CANDIDATES]


def catalogue_stub(candidate: dict[str, Any]) -> dict[str, Any]:
    """A catalogue record (valid input for `--narratives`) made from a candidate, for the analyst to edit."""
    sig = candidate["signature"]
    pattern = {"action": [sig["action"]]}
    for role in ("actor", "patient"):
        if sig.get(role):
            pattern[role] = [sig[role]]
    phrases: dict[str, list[str]] = defaultdict(list)
    for term in candidate.get("terms", [])[:TOP]:
        text = term["text"]
        lang = "en" if text.isascii() else "fa" if any(ch in text for ch in "پچژگکی") else "ar"
        phrases[lang].append(text)
    entity_ids = [e["id"] for e in candidate.get("top_entities", [])[:5]]
    return {
        "id": candidate["id"].replace("candidate:", "candidate-"),
        "name": f"TODO name: {candidate['name']}",
        "description": f"TODO describe. {candidate['description']}",
        "claims": [pattern],
        "entities": [entity_ids] if entity_ids else [],
        "phrases": dict(phrases),
    }
