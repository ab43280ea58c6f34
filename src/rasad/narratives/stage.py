"""The `narratives` corpus stage: catalogue narratives assigned to articles and claims, candidate
narratives discovered among the rest, and how each spread (`narratives.json`, tables `narratives` and
`narrative_articles`).

It runs after `claims`: it reads the stories (to tell stories apart in discovery), the recycled-text
pairs and the claim clusters (for the who-repeated-whom graph). The catalogue is the bundled one plus
the files of `--narratives` (`Settings.narratives`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, is_dataclass, replace
from typing import Any

from rasad.article import Article
from rasad.corpus.runner import Corpus, CorpusOutput, corpus_stage
from rasad.executors import spawn_executor
from rasad.kb.outlets import registry
from rasad.narratives.catalogue import Narrative, catalogue
from rasad.narratives.discover import (
    SALIENT,
    ArticleSummary,
    UnmatchedClaim,
    candidates,
    pair_candidates,
    signature_of,
    title_words,
)
from rasad.narratives.match import Assignment, assign, fold_for_match, phrase_claims, phrase_matchers
from rasad.narratives.spread import Carrier, spread
from rasad.outputs import NARRATIVES
from rasad.settings import Settings
from rasad.store.schema import StoreError, Table, serialized_fields

LOADED_TERMS = "loaded_terms"  # the framing stage's article field (read when the field exists)
READS = ("lang", "title", "text", "outlet", "published", "cited_outlets", "entities", "claims",
         *((LOADED_TERMS,) if LOADED_TERMS in serialized_fields() else ()))
SENTENCE_CHARS = 300  # an example claim's sentence is cut to this length

NARRATIVE_TABLE = Table(
    "narratives",
    {"id": "VARCHAR", "kind": "VARCHAR", "name": "VARCHAR", "description": "VARCHAR", "articles": "VARCHAR[]",
     "claims": "VARCHAR[]", "outlets": "VARCHAR[]", "languages": "VARCHAR[]", "first_seen": "DATE",
     "last_seen": "DATE", "bucket": "VARCHAR", "timeline": "JSON", "outlet_first": "JSON", "graph": "JSON",
     "resurgence": "JSON", "loaded_terms": "JSON"},
    key=("id",),
    doc="the records of narratives.json (catalogue narratives and candidates)",
)
NARRATIVE_ARTICLE_TABLE = Table(
    "narrative_articles",
    {"narrative": "VARCHAR", "article": "VARCHAR", "score": "DOUBLE", "claims": "VARCHAR[]", "evidence": "JSON"},
    key=("narrative", "article"),
    doc="each article assigned to a catalogue narrative: its score, claims and evidence",
)


def _loaded_terms(article: Article) -> list[dict[str, Any]]:
    """The article's loaded-term spans (dicts or span dataclasses), reduced to what is counted."""
    out = []
    for span in getattr(article, LOADED_TERMS, None) or []:
        record = asdict(span) if is_dataclass(span) and not isinstance(span, type) else dict(span)
        out.append({k: record.get(k) for k in ("text", "neutral", "category")})
    return out


def _carrier(article: Article, claims: list[str]) -> Carrier:
    return Carrier(article.id, article.outlet, article.lang, article.published, claims, list(article.cited_outlets),
                   _loaded_terms(article))


def _unmatched(article: Article, story: str, taken: set[str]) -> Iterator[UnmatchedClaim]:
    for claim in article.claims:
        if str(claim.get("id")) in taken or not claim.get("action"):
            continue
        texts = {role: str((claim.get(role) or {}).get("text") or "") for role in ("actor", "patient")}
        actor, patient = (None if key and registry().by_name(texts[role], article.lang) else key  # «نقلت رويترز»
                          for role, key in zip(("actor", "patient"), signature_of(claim), strict=True))
        if not (actor or patient):
            continue
        start, end = claim.get("start") or 0, claim.get("end") or 0
        entities = sorted({e.entity_id for e in article.entities if e.entity_id and start <= e.start < end})
        yield UnmatchedClaim(article.id, story, str(claim.get("id")), str(claim["action"]), actor, patient, entities,
                             str(claim.get("english") or ""), str(claim.get("sentence") or "")[:SENTENCE_CHARS],
                             [t for t in texts.values() if t], {k: v for k, v in texts.items() if v})


def _summary(article: Article, story: str) -> ArticleSummary:
    outlets = registry()
    mentions = Counter(e.entity_id for e in article.entities  # outlets credited in the text are not actors
                       if e.entity_id and not (e.type == "ORG" and outlets.by_name(e.text, article.lang)))
    salient = [e for e, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:SALIENT]]
    names = {e.entity_id: e.text for e in reversed(article.entities) if e.entity_id in salient}
    return ArticleSummary(article.id, story, salient, title_words(article.title),
                          [str(c.get("action")) for c in article.claims if c.get("action")],
                          [{"claim": str(c.get("id")), "english": str(c.get("english") or "")} for c in article.claims],
                          names)


def _assignment_row(a: Assignment, article: Article, claims: list[str]) -> dict[str, Any]:
    return {"narrative": a.narrative, "article": a.article, "score": a.score, "claims": claims,
            "outlet": article.outlet, "lang": article.lang, "published": article.published, "title": article.title,
            "evidence": a.evidence()}


def _rows(table: str, corpus: Corpus, columns: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    try:
        return list(corpus.rows(table, columns))
    except StoreError:  # the earlier stage failed: narratives are still assigned, with fewer graph edges
        return []


def _record(narrative: Narrative, spread_fields: dict[str, Any], assignments: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": narrative.id, "kind": "catalogue", "name": narrative.name, "description": narrative.description,
            "source": narrative.source, **spread_fields,
            "assignments": sorted(assignments, key=lambda r: (-r["score"], r["published"] or "9999", r["article"]))}


# What the stage derived from each article alone (its carrier, title words, catalogue assignments,
# unmatched claims and summary, without its story), so that an incremental run (`rasad ingest`) reads
# and matches only the new articles' texts. Rows of another catalogue are derived again.
SEEN_TABLE = Table(
    "narrative_seen",
    {"id": "VARCHAR", "catalogue": "VARCHAR", "carrier": "JSON", "title_terms": "JSON", "found": "JSON",
     "unmatched": "JSON", "summary": "JSON"},
    key=("id",),
    doc="per article: what the narratives stage derived from it alone (for incremental runs)",
)
SEEN_VERSION = 1  # bump when what is derived per article changes


@dataclass
class _Seen:
    """What one article gives the stage, whatever its story (`story` is filled in per run)."""

    carrier: Carrier
    title_terms: list[str]
    found: list[tuple[str, list[str], dict[str, Any]]]  # narrative id, claims, assignment row
    unmatched: list[UnmatchedClaim]
    summary: ArticleSummary | None

    def row(self, article_id: str, fingerprint: str) -> dict[str, Any]:
        return {"id": article_id, "catalogue": fingerprint, "carrier": asdict(self.carrier),
                "title_terms": self.title_terms, "found": [list(f) for f in self.found],
                "unmatched": [asdict(u) for u in self.unmatched],
                "summary": asdict(self.summary) if self.summary else None}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> _Seen:
        summary = row.get("summary")
        return cls(Carrier(**row["carrier"]), list(row["title_terms"] or []),
                   [(str(n), list(c), dict(r)) for n, c, r in row["found"] or []],
                   [UnmatchedClaim(**u) for u in row["unmatched"] or []],
                   ArticleSummary(**summary) if summary else None)


def _see(article: Article, narratives: list[Narrative], matchers: dict[str, Any]) -> _Seen:
    """Match one article against the catalogue (its story left empty)."""
    found: list[tuple[str, list[str], dict[str, Any]]] = []
    taken: set[str] = set()
    for narrative in narratives:
        assignment = assign(article, narrative, matchers[narrative.id])
        if assignment is None:
            continue
        claims = [str(c["claim"]) for c in assignment.claims] + phrase_claims(article, assignment.phrases)
        claims = list(dict.fromkeys(claims))
        taken.update(claims)
        found.append((narrative.id, claims, _assignment_row(assignment, article, claims)))
    return _Seen(_carrier(article, []), sorted({fold_for_match(w) for w in title_words(article.title)}), found,
                 list(_unmatched(article, "", taken)), None if found else _summary(article, ""))


_worker: list[tuple[list[Narrative], dict[str, Any]]] = []  # this process's catalogue and its matchers


class _Catalogue:
    """The catalogue, for the workers that match articles against it (a `rasad.executors.WorkerService`):
    each builds the phrase matchers once."""

    def __init__(self, narratives: list[Narrative]) -> None:
        self.narratives = narratives

    def start(self) -> tuple[Any, ...]:
        return (self.narratives,)

    @staticmethod
    def connect(narratives: list[Narrative]) -> None:
        _worker[:] = [(narratives, phrase_matchers(narratives))]

    def close(self) -> None:
        return None


def _see_one(article: Article) -> tuple[str, _Seen]:
    narratives, matchers = _worker[0]
    return article.id, _see(article, narratives, matchers)


def _see_every(articles: Iterable[Article], narratives: list[Narrative], workers: int, count: int
               ) -> list[tuple[str, _Seen]]:
    """`_see` of each of the `count` articles, in order, spread over `workers` processes (the part of
    the stage that reads every article's text and needs nothing of the other articles)."""
    executor = spawn_executor(workers, _Catalogue(narratives), count)
    try:
        return list(executor.map(_see_one, articles))
    finally:
        executor.close()


def _fingerprint(narratives: list[Narrative]) -> str:
    return hashlib.sha1(f"{SEEN_VERSION}:{narratives!r}".encode()).hexdigest()[:16]


def _seen_all(corpus: Corpus, narratives: list[Narrative], fingerprint: str, workers: int = 1
              ) -> tuple[list[tuple[str, _Seen]], list[dict[str, Any]], bool]:
    """Every article's `_Seen` in collection order; the `narrative_seen` rows to write; whether they
    are added to the earlier rows (an incremental run: only the articles the table lacks are read).
    A full run matches the articles in `workers` processes."""
    matchers = phrase_matchers(narratives)
    cached: dict[str, dict[str, Any]] = {}
    if corpus.added() is not None and corpus.has_previous(SEEN_TABLE.name):
        cached = {row["id"]: row for row in corpus.previous(SEEN_TABLE.name) if row["catalogue"] == fingerprint}
    if not cached:
        seen = _see_every(corpus.articles(), narratives, workers, len(corpus.ids()))
        return seen, [s.row(i, fingerprint) for i, s in seen], corpus.added() is not None
    order = corpus.ordered_ids()
    fresh = {a.id: _see(a, narratives, matchers) for a in corpus.articles(only=[i for i in order if i not in cached])}
    seen = [(i, fresh[i] if i in fresh else _Seen.from_row(cached[i])) for i in order if i in fresh or i in cached]
    return seen, [s.row(i, fingerprint) for i, s in fresh.items()], True


@corpus_stage(
    "narratives",
    reads=READS,
    requires=("stories", "reuse_pairs", "claim_clusters"),
    tables=(NARRATIVE_TABLE, NARRATIVE_ARTICLE_TABLE, SEEN_TABLE),
    outputs=(NARRATIVES,),
)
def narratives_stage(corpus: Corpus, settings: Settings) -> CorpusOutput:
    """Narratives: catalogue storylines assigned to articles and claims with evidence, candidates
    discovered among the other claims, and each one's spread (timeline, outlets, graph, resurgence)."""
    narratives = catalogue(settings.narratives)
    story_of = {a: row["id"] for row in _rows("stories", corpus, ("id", "articles")) for a in row.get("articles") or []}
    carriers: dict[str, list[Carrier]] = defaultdict(list)
    assigned: dict[str, list[dict[str, Any]]] = defaultdict(list)
    unmatched: list[UnmatchedClaim] = []
    untaken: list[ArticleSummary] = []  # articles no catalogue narrative took, for entity-pair candidates
    title_df: Counter[str] = Counter()
    seen: dict[str, Carrier] = {}  # every article, without its claims: candidates' carriers come from here
    workers = settings.workers if settings.engine == "local" else 1
    each, seen_rows, appended = _seen_all(corpus, narratives, _fingerprint(narratives), workers)
    for article_id, one in each:
        seen[article_id] = one.carrier
        title_df.update(one.title_terms)
        for narrative_id, claims, row in one.found:
            carriers[narrative_id].append(replace(one.carrier, claims=claims))
            assigned[narrative_id].append(row)
        story = story_of.get(article_id, f"story:{article_id}")
        unmatched.extend(replace(u, story=story) for u in one.unmatched)
        if one.summary is not None:
            untaken.append(replace(one.summary, story=story))
    reuse_rows = [{k: row.get(k) for k in ("a", "b", "first", "kind", "similarity")}  # not the passages
                  for row in _rows("reuse_pairs", corpus, ("a", "b", "first", "kind", "similarity"))]
    clusters = _rows("claim_clusters", corpus)
    records = [_record(n, spread(carriers[n.id], reuse_rows, clusters), assigned[n.id]) for n in narratives]
    for candidate in candidates(unmatched) + pair_candidates(untaken, title_df, len(seen)):
        members = candidate.pop("_members")
        by_article: dict[str, list[str]] = defaultdict(list)
        for claim in members:
            by_article[claim.article].extend([claim.claim] if claim.claim else [])
        tellers = [replace(seen[a], claims=ids) for a, ids in by_article.items()]
        records.append({**candidate, **spread(tellers, reuse_rows, clusters)})
    table_rows = [{k: r.get(k) for k in NARRATIVE_TABLE.columns} for r in records]
    article_rows = [{k: row[k] for k in NARRATIVE_ARTICLE_TABLE.columns} for rows in assigned.values() for row in rows]
    return CorpusOutput(tables={NARRATIVE_TABLE.name: table_rows, NARRATIVE_ARTICLE_TABLE.name: article_rows,
                                SEEN_TABLE.name: seen_rows},
                        files={NARRATIVES: records}, appended=frozenset({SEEN_TABLE.name}) if appended else frozenset())
