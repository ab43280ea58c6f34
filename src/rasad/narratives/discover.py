"""Candidate narratives: claims and articles that fit no catalogue narrative, grouped across stories.

A claim's signature is its action with its actor and patient (entity ids; for the patient, what its
quantity counts when it names no entity); it must hold an entity (a claim with only a count, such
as "4 people killed", says nothing about who). Claims with the same signature told in at least
`MIN_STORIES` stories, by at least `MIN_ARTICLES` articles, form a candidate: the same assertion made
about several events is a storyline, not one piece of news. Each candidate shows its top entities,
actions, terms and example claims, for an analyst to name it and add it to the catalogue
(`rasad narratives suggest DIR` writes the stub).

Claims are few in many collections, so articles that no catalogue narrative took are grouped too: an
entity pair (one of them an actor: an organization, person, event or other named thing, not only
places) named among the most-mentioned entities of articles in at least `PAIR_MIN_STORIES` stories is
a candidate; a pair whose articles are mostly those of a wider one is left out. Its terms are title
words much more frequent in its articles than in all titles.

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
from functools import cache
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
    role_texts: dict[str, str] = field(default_factory=dict)  # actor / patient -> its text

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


def _name(action: str, actor: str | None, patient: str | None, members: Iterable[UnmatchedClaim] = ()) -> str:
    """`actor action patient` in words: a knowledge-base id's own words, else the most common role text."""
    members = list(members)

    def label(role: str, value: str | None, fallback: str) -> str:
        if not value:
            return fallback
        texts = Counter(m.role_texts[role] for m in members if m.role_texts.get(role))
        if value.startswith(("x:", "geo:", "adm1:")) and texts:
            return _top(texts)[0][0]
        return value.split(":", 1)[-1].replace("-", " ")

    return f"{label('actor', actor, 'someone')} {action} {label('patient', patient, 'something')}"


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    """The `TOP` most common items, ties in alphabetical order (stable across runs)."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


def candidates(claims: Iterable[UnmatchedClaim]) -> list[dict[str, Any]]:
    """The candidate narratives, most widespread first (at most `MAX_CANDIDATES`)."""
    groups: dict[tuple[str, str | None, str | None], list[UnmatchedClaim]] = defaultdict(list)
    for claim in claims:
        if claim.actor or (claim.patient and ":" in claim.patient):  # an entity, not only "people killed"
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
            "name": _name(action, actor, patient, members),
            "description": f"Claims that {_name(action, actor, patient, members)}, told in {len(stories)} stories "
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
    pattern: dict[str, list[str]] = {"action": [sig["action"]]} if sig.get("action") else {}
    for role in ("actor", "patient"):
        if sig.get(role):
            pattern[role] = [sig[role]]
    pair = list(sig.get("entities") or [])
    if pair:  # an entity-pair candidate: a claim naming one of the two in its sentence
        pattern = {"mentions": pair}
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
        "entities": [[e] for e in pair] if pair else [entity_ids] if entity_ids else [],
        "phrases": dict(phrases),
        "min_score": 3 if pair else 2,
    }


# --- entity pairs: storylines in articles whose claims give no signature ---------------------------

RULE_ENTITY_PAIR = "narrative:candidate-entities"
PAIR_MIN_STORIES = 3  # an entity pair named together in this many stories (and `MIN_ARTICLES` articles)
MAX_PAIR_CANDIDATES = 20
SALIENT = 6  # an article's most-mentioned entities that make its pairs
COVERED = 0.6  # a pair whose articles are mostly another, wider candidate's adds nothing
MIN_WORD = 3  # shorter title words are not terms
MIN_LIFT = 4.0  # a term is this many times more frequent in the candidate's titles than in all titles
ACTOR_PREFIXES = ("org:", "per:", "evt:", "misc:", "x:org:", "x:per:")  # a pair needs one: places alone tell no story


@dataclass
class ArticleSummary:
    """An article no catalogue narrative took, reduced to what pair discovery needs."""

    article: str
    story: str
    entities: list[str]  # its most-mentioned entity ids (at most `SALIENT`)
    words: list[str]  # its title's words, as written
    actions: list[str]  # its claims' actions
    claims: list[dict[str, str]]  # {claim, english} of its claims
    names: dict[str, str] = field(default_factory=dict)  # entity id -> its text in the article


def title_words(title: str | None) -> list[str]:
    """The words of a title worth counting as terms (letters only, at least `MIN_WORD` long).

    >>> title_words("US forces move 40 ISIS members")
    ['forces', 'move', 'ISIS', 'members']
    """
    return [w for w in (title or "").split() if len(w) >= MIN_WORD and w.isalpha()]


@cache
def _function_words() -> frozenset[str]:
    from rasad.narratives.match import fold_for_match
    from rasad.text.data import read_words

    return frozenset(fold_for_match(w) for lang in ("ar", "fa") for w in read_words(lang, "function_words.txt"))


def pair_candidates(summaries: list[ArticleSummary], title_df: Counter[str], titles: int) -> list[dict[str, Any]]:
    """Entity pairs named together across stories, the widest first, each with its terms and claims.

    `title_df` counts the titles (of all articles) holding each title word; `titles` is their number.
    """
    by_pair: dict[tuple[str, str], list[ArticleSummary]] = defaultdict(list)
    for summary in summaries:
        ids = sorted(set(summary.entities))
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if a.startswith(ACTOR_PREFIXES) or b.startswith(ACTOR_PREFIXES):
                    by_pair[(a, b)].append(summary)
    ranked = sorted(((pair, members) for pair, members in by_pair.items()
                     if len({m.story for m in members}) >= PAIR_MIN_STORIES and len(members) >= MIN_ARTICLES),
                    key=lambda pm: (-len({m.story for m in pm[1]}), -len(pm[1]), pm[0]))
    chosen: list[dict[str, Any]] = []
    taken: list[set[str]] = []
    for (a, b), members in ranked:
        articles = {m.article for m in members}
        if any(len(articles & t) >= COVERED * len(articles) for t in taken):
            continue
        taken.append(articles)
        chosen.append(_pair_candidate(a, b, members, title_df, titles))
        if len(chosen) >= MAX_PAIR_CANDIDATES:
            break
    return chosen


def _label(entity_id: str, members: list[ArticleSummary]) -> str:
    """A knowledge-base id's own words (`org:isis` → `isis`); for other ids, the most common text."""
    if not entity_id.startswith(("x:", "geo:", "adm1:")):
        return entity_id.split(":", 1)[-1].replace("-", " ")
    texts = Counter(m.names[entity_id] for m in members if entity_id in m.names)
    return _top(texts)[0][0] if texts else entity_id


def _pair_candidate(a: str, b: str, members: list[ArticleSummary], title_df: Counter[str],
                    titles: int) -> dict[str, Any]:
    from rasad.narratives.match import fold_for_match

    stories = sorted({m.story for m in members})
    entities = Counter(e for m in members for e in set(m.entities))
    words: Counter[str] = Counter()
    surface: dict[str, str] = {}
    stop = _function_words()
    for m in members:
        for word in dict.fromkeys(m.words):
            key = fold_for_match(word)
            if key not in stop:
                words[key] += 1
                surface.setdefault(key, word)
    lifted = Counter({w: n for w, n in words.items()
                      if n > 1 and (n / len(members)) / (max(title_df[w], 1) / max(titles, 1)) >= MIN_LIFT})
    actions = Counter(x for m in members for x in m.actions)
    name = f"{_label(a, members)} and {_label(b, members)}"
    return {
        "id": _stable_id("pair", a, b),
        "kind": "candidate",
        "name": name,
        "description": f"Articles naming {name} together, in {len(stories)} stories; no catalogue narrative "
                       "takes them.",
        "rule": RULE_ENTITY_PAIR,
        "signature": {"entities": [a, b]},
        "stories": stories,
        "top_entities": [{"id": e, "count": n} for e, n in _top(entities)],
        "actions": [{"action": x, "count": n} for x, n in _top(actions)],
        "terms": [{"text": surface[w], "count": n} for w, n in _top(lifted)],
        "example_claims": [{"article": m.article, **c} for m in members for c in m.claims][:EXAMPLES],
        "_members": [UnmatchedClaim(m.article, m.story, c["claim"], "", a, b, m.entities, c["english"], "")
                     for m in members for c in (m.claims or [{"claim": "", "english": ""}])],
    }
