"""An analysis folder as `rasad serve` sees it: article summaries, stories, claims and narratives in
memory, full articles read by their offset in articles.jsonl (one seek: the store has no index that
a point query uses), annotations in the store, and the search index.

Everything is read through `rasad.outputs` and `rasad.store`; nothing here writes an output file
except `annotations.jsonl` (the export of the store's annotations) and the search index folder.

Example::

    folder = AnalysisFolder(Path("out"))
    page = folder.find(ArticleQuery(q="حسکه", lang="ar"))
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasad import outputs
from rasad.errors import RasadError
from rasad.serve.records import (
    ArticleQuery,
    Page,
    article_matches,
    as_list,
    claim_summary,
    entity_names,
    member_ids,
    paginate,
    snippet,
)
from rasad.serve.search import IndexedArticle, SearchIndex, file_signature, query_keys, word_hits
from rasad.store.schema import StoreError
from rasad.text.fold import search_stem, search_words

if TYPE_CHECKING:
    from rasad.store.duck import Store

KINDS = ("article", "story", "claim")
VERDICTS = ("verified", "false", "misleading", "unproven")
MAX_NOTE = 2000  # characters of an annotation's note
FACET_SIZE = 25
NARRATIVE_DETAIL = ("assignments", "graph", "evidence")  # left out of the narratives list
SUMMARY_FIELDS = ("id", "title", "title_en", "lang", "outlet", "country", "state_affiliation", "published")


class AnnotationError(RasadError):
    """An annotation that cannot be stored as given; the message says why."""


class StoreBusyError(RasadError):
    """The store cannot be opened now (another process holds it); try again later."""


class AnalysisFolder:
    """The data of one analysis folder, loaded once (and again when articles.jsonl changes)."""

    def __init__(self, path: Path, index_dir: Path | None = None) -> None:
        if not (path / outputs.ARTICLES).exists():
            raise RasadError(f"{path} has no {outputs.ARTICLES}; run 'rasad analyze INPUT --out {path}' first")
        if not (path / outputs.STORE).exists():
            raise RasadError(f"{path} has no {outputs.STORE} (analysed with --no-store?); "
                             f"run 'rasad analyze INPUT --out {path}' again without --no-store")
        self.path = path
        self.index_dir = index_dir or path / outputs.SEARCH_INDEX
        self.lock = threading.RLock()  # requests run on a thread pool
        self.signature: dict[str, Any] = {}
        self.notes: dict[tuple[str, str], dict[str, Any]] = {}
        self.load()

    def close(self) -> None:
        """Nothing stays open (the store is opened only to read or write annotations)."""

    def _store(self) -> Store:
        """The folder's store, opened for one read or write: `rasad analyze` can write it in between."""
        from rasad.store.duck import Store

        try:
            return Store(self.path / outputs.STORE)
        except StoreError as exc:
            raise StoreBusyError(f"the store is in use (is 'rasad analyze' writing {self.path}?): {exc}") from exc

    # -- loading --------------------------------------------------------------------------------

    def _sources(self) -> list[Path]:
        return [self.path / outputs.ARTICLES, self.path / outputs.ENTITIES]

    def load(self) -> None:
        """(Re)read the folder's files and open (or rebuild) the search index."""
        signature = file_signature(self._sources())
        self.entities: list[dict[str, Any]] = as_list(outputs.read_json(self.path, outputs.ENTITIES, []))
        self.entity_by_id = {e["id"]: e for e in self.entities if isinstance(e, dict) and "id" in e}
        self.stories: list[dict[str, Any]] = as_list(outputs.read_json(self.path, outputs.STORIES, []))
        self.narratives: list[dict[str, Any]] = as_list(outputs.read_json(self.path, outputs.NARRATIVES, []))
        self.clusters = as_list(outputs.read_json(self.path, outputs.CLAIM_CLUSTERS, []))
        self.contradictions = as_list(outputs.read_json(self.path, outputs.CONTRADICTIONS, []))
        story_of = {a: s["id"] for s in self.stories for a in s.get("articles", [])}
        narratives_of: dict[str, list[str]] = {}
        for narrative in self.narratives:
            for article_id in member_ids(narrative):
                narratives_of.setdefault(article_id, []).append(str(narrative.get("id")))
        cluster_of = {c: cl["id"] for cl in self.clusters for c in cl.get("claims", [])}
        self.articles: list[dict[str, Any]] = []
        self.offsets: list[int] = []  # of each article's line in articles.jsonl
        self.claims: list[dict[str, Any]] = []
        for offset, record in outputs.iter_article_offsets(self.path):
            self.offsets.append(offset)
            summary = {k: record.get(k) for k in SUMMARY_FIELDS}
            summary["entities"] = sorted({e["entity_id"] for e in record.get("entities", []) if e.get("entity_id")})
            summary["story"] = story_of.get(record["id"])
            summary["narratives"] = narratives_of.get(record["id"], [])
            summary["claims"] = len(record.get("claims", []))
            self.articles.append(summary)
            for claim in record.get("claims", []):
                self.claims.append(claim_summary(record, claim, summary["story"], cluster_of))
        self.position = {a["id"]: i for i, a in enumerate(self.articles)}
        self.claim_ids = {c["id"] for c in self.claims}
        self.story_ids = {s["id"] for s in self.stories}
        self.names = self._entity_names()
        self._name_keys: dict[str, frozenset[str]] = {}
        try:
            self.index = SearchIndex.open(self.index_dir, self._indexed(), self.names, signature)
        except OSError as exc:
            raise RasadError(f"cannot write the search index in {self.index_dir} ({exc.strerror or exc}); "
                             "choose a writable folder with --index-dir") from exc
        first = not self.signature
        self.signature = signature
        try:
            with self._store() as store:
                self._read_notes(store)
        except StoreBusyError:
            if first:
                raise  # while running, keep the annotations read before

    def _read_notes(self, store: Store) -> None:
        self.notes = {(r["target_kind"], r["target_id"]): r for r in store.annotations()}

    def refresh(self) -> None:
        """Reload when articles.jsonl or entities.json changed since the last load."""
        with self.lock:
            if file_signature(self._sources()) != self.signature:
                self.load()

    def _indexed(self) -> Iterator[IndexedArticle]:
        for position, record in enumerate(outputs.iter_articles(self.path)):
            ids = sorted({e["entity_id"] for e in record.get("entities", []) if e.get("entity_id")})
            yield IndexedArticle(position, record.get("title") or "",
                                 f"{record.get('title') or ''}\n{record.get('text') or ''}", ids)

    def _entity_names(self) -> dict[str, list[str]]:
        """Entity id → every name it has in every script, its English name, and those of the entities
        it is the same as."""
        own = {eid: entity_names(e) for eid, e in self.entity_by_id.items()}
        names = {eid: list(v) for eid, v in own.items()}
        for eid, entity in self.entity_by_id.items():
            for other in entity.get("same_as") or []:
                if other in own:
                    names[eid] += own[other]
                    names.setdefault(other, []).extend(own[eid])
        return names

    # -- reading --------------------------------------------------------------------------------

    def find(self, query: ArticleQuery) -> Page:
        """The articles matching `query`: by relevance when it has words, else newest first. A query
        that is an entity id (`gpe:hasakah`) finds the articles linked to it."""
        with self.lock:
            if query.q.strip() in self.entity_by_id:
                query = replace(query, q="", entity=query.q.strip())
            if query.q.strip():
                hits = self.index.search(query.q)
                chosen = [self.articles[position] | {"score": round(score, 3)} for position, score in hits]
            else:
                chosen = sorted(self.articles, key=lambda a: a.get("published") or "", reverse=True)
            chosen = [a for a in chosen if article_matches(a, query)]
            results = paginate(chosen, query.page, query.size)
            if query.q.strip():
                results = self._with_snippets(results, query.q)
            return Page(results, len(chosen), query.page, query.size, self._facets(chosen))

    def _with_snippets(self, results: list[dict[str, Any]], q: str) -> list[dict[str, Any]]:
        """The results, each with the passage of its text around the first word (or linked name)
        that matches `q`: `{"text", "marks": [[start, end], ...]}` (offsets into that passage)."""
        shown = []
        for article in results:
            record = self.record(article["id"])
            shown.append(article | {"snippet": snippet(record.get("text") or "", self.hits(record, q))})
        return shown

    def hits(self, record: dict[str, Any], q: str) -> list[tuple[int, int]]:
        """Where `q` matches an article's text: its words, and the mentions of linked entities one of
        whose names it matches (Hasakah marks الحسكة), in text order."""
        keys = query_keys(q)
        spans = word_hits(record.get("text") or "", keys) + [
            (e["start"], e["end"]) for e in record.get("entities", [])
            if e.get("entity_id") and self._entity_keys(e["entity_id"]) & keys]
        return sorted(set(spans))

    def _entity_keys(self, entity_id: str) -> frozenset[str]:
        if entity_id not in self._name_keys:
            terms = {t for name in self.names.get(entity_id, ()) for t in search_words(name)}
            self._name_keys[entity_id] = frozenset(terms | {search_stem(t) for t in terms})
        return self._name_keys[entity_id]

    def _facets(self, chosen: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        counts: dict[str, Counter[str]] = {k: Counter() for k in ("lang", "outlet", "story", "narrative", "entity")}
        for article in chosen:
            for key in ("lang", "outlet", "story"):
                if article.get(key):
                    counts[key][article[key]] += 1
            counts["narrative"].update(article["narratives"])
            counts["entity"].update(article["entities"])
        facets = {}
        for key, counter in counts.items():
            facets[key] = [{"value": value, "count": n, "label": self.label(key, value)}
                           for value, n in counter.most_common(FACET_SIZE)]
        return facets

    def label(self, kind: str, value: str) -> str:
        """A readable name for a facet value (an entity's English name, a story's title)."""
        if kind == "entity" and value in self.entity_by_id:
            return str(self.entity_by_id[value].get("name_en") or value)
        if kind in ("story", "narrative"):
            groups = self.stories if kind == "story" else self.narratives
            group = next((g for g in groups if g.get("id") == value), None)
            return str(group.get("title_en") or group.get("name") or value) if group else value
        return value

    def list_narratives(self) -> list[dict[str, Any]]:
        """The narratives without their bulky evidence (`assignments`, `graph`: see `narrative`)."""
        return [{k: v for k, v in n.items() if k not in NARRATIVE_DETAIL} for n in self.narratives]

    def narrative(self, narrative_id: str) -> dict[str, Any] | None:
        """One narrative's full record, with the summaries of its articles."""
        found = next((n for n in self.narratives if n.get("id") == narrative_id), None)
        return found | {"members": self._members(found)} if found else None

    def record(self, article_id: str) -> dict[str, Any]:
        """The record of an article of this folder, read from its line of articles.jsonl."""
        return outputs.read_article_at(self.path, self.offsets[self.position[article_id]])

    def article(self, article_id: str, q: str = "") -> dict[str, Any] | None:
        """One article's full record, with its story, narratives and annotation, and with `q`, the
        spans of `hits` (`hits`: [[start, end], ...])."""
        with self.lock:
            if article_id not in self.position:
                return None
            record = self.record(article_id)
            record["hits"] = [list(span) for span in self.hits(record, q)] if q.strip() else []
            summary = self.articles[self.position[article_id]]
            record["story"] = summary["story"]
            record["narratives"] = summary["narratives"]
            record["entity_names"] = {eid: self.label("entity", eid) for eid in summary["entities"]}
            record["annotation"] = self.annotation("article", article_id)
            for claim in record.get("claims", []):
                gid = f"{article_id}#{claim.get('id')}"
                claim["gid"] = gid
                claim["annotation"] = self.annotation("claim", gid)
            return record

    def list_claims(self, query: ArticleQuery, certainty: str | None = None, action: str | None = None) -> Page:
        """The claims of the articles that match `query`, with a certainty and action if given, and
        facets (language, outlet, certainty, action) over them."""
        with self.lock:
            allowed = None
            if query.q.strip():
                allowed = {self.articles[p]["id"] for p, _ in self.index.search(query.q)}
            chosen = []
            notes = self._annotations()
            for claim in self.claims:
                article = self.articles[self.position[claim["article"]]]
                if allowed is not None and claim["article"] not in allowed:
                    continue
                if (article_matches(article, query) and (not certainty or claim.get("certainty") == certainty)
                        and (not action or claim.get("action") == action)):
                    chosen.append(claim)
            facets = {key: [{"value": v, "count": n, "label": v} for v, n in
                            Counter(c[key] for c in chosen if c.get(key)).most_common(FACET_SIZE)]
                      for key in ("lang", "outlet", "certainty", "action")}
            shown = [c | {"annotation": notes.get(("claim", c["id"]))}
                     for c in paginate(chosen, query.page, query.size)]
            return Page(shown, len(chosen), query.page, query.size, facets)

    def list_stories(self, page: int, size: int, lang: str | None = None) -> Page:
        with self.lock:
            notes = self._annotations()
            chosen = [s | {"annotation": notes.get(("story", s["id"])), "members": self._members(s)}
                      for s in self.stories if not lang or lang in s.get("languages", [])]
            return Page(paginate(chosen, page, size), len(chosen), page, size)

    def _members(self, group: dict[str, Any]) -> list[dict[str, Any]]:
        """The summaries of a story's or narrative's articles (those in this folder)."""
        return [self.articles[self.position[i]] for i in member_ids(group) if i in self.position]

    # -- annotations ----------------------------------------------------------------------------

    def _annotations(self) -> dict[tuple[str, str], dict[str, Any]]:
        return self.notes

    def annotation(self, kind: str, target: str) -> dict[str, Any] | None:
        return self._annotations().get((kind, target))

    def annotations(self, kind: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            rows = sorted(self._annotations().values(), key=lambda r: (r["target_kind"], r["target_id"]))
            return [r for r in rows if not kind or r["target_kind"] == kind]

    def annotate(self, kind: str, target: str, verdict: str | None, note: str) -> dict[str, Any] | None:
        """Store (or, with no verdict and no note, remove) the annotation of one article, story or claim,
        then export all annotations to annotations.jsonl."""
        if kind not in KINDS:
            raise AnnotationError(f"kind must be one of {', '.join(KINDS)}; got {kind[:40]!r}")
        known = {"article": self.position, "story": self.story_ids, "claim": self.claim_ids}[kind]
        if target not in known:
            raise AnnotationError(f"no {kind} {target[:80]!r} in this analysis")
        if verdict is not None and verdict not in VERDICTS:
            raise AnnotationError(f"verdict must be one of {', '.join(VERDICTS)}; got {verdict[:40]!r}")
        if len(note) > MAX_NOTE:
            raise AnnotationError(f"the note has {len(note):,} characters; at most {MAX_NOTE:,} are kept")
        with self.lock:
            row = None
            with self._store() as store:
                if verdict is None and not note.strip():
                    store.delete_annotation(kind, target)
                else:
                    row = {"target_kind": kind, "target_id": target, "verdict": verdict, "note": note,
                           "updated": datetime.now(UTC).isoformat(timespec="seconds")}
                    store.upsert_annotation(row)
                self._read_notes(store)
            outputs.write_lines_atomic(self.path / outputs.ANNOTATIONS,
                                       (outputs.dumps_line(r) for r in self.annotations()))
            return row
