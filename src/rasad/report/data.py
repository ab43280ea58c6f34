"""What report.html carries: one compact index of the whole output folder (articles, outlets,
entities, stories, claims, contradictions, recycled text, narratives) and each article's text and
spans in compressed chunks, loaded by the page only when an article is opened.

Everything is read through `rasad.outputs`. Values stay raw: the page puts them into the document as
text nodes, never as HTML. Search keys are `rasad.text.fold.SEARCH` foldings (`search_key`), the
folding `rasad serve` searches with: the page builds them, and folds and stems each query, with that
folding's character table and article prefixes (`rasad.text.fold.search_rules`), so its keys are the
ones Python would make (the report carries the names, not the keys: smaller).

Example::

    payload = build_payload(Path("out"))
    payload.index["articles"]["title"][:3], len(payload.chunks)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from rasad import __version__
from rasad.outputs import (
    CLAIM_CLUSTERS,
    CONTRADICTIONS,
    ENTITIES,
    NARRATIVES,
    REUSE,
    STORIES,
    iter_articles,
    read_errors,
    read_json,
)
from rasad.render import quantity_label
from rasad.report.corpus_views import evidence_lines
from rasad.report.textcode import CODE_CHARS, pack_chunk
from rasad.text.fold import SEARCH, fold, search_rules

CHUNK_ARTICLES = 40  # articles per compressed chunk of texts (one chunk is decompressed per article opened)
MAX_PASSAGES = 30  # matching passages kept per recycled-text pair
MAX_SENTENCE = 600  # characters of a claim's sentence kept in the claims table (the article has it all)
COOC_ENTITIES = 40  # entities drawn in the co-occurrence graph
COOC_EDGES = 120  # edges drawn between them
GRAPH_AGENCIES = 25  # cited agencies drawn in the outlets → agencies graph
MAX_NARRATIVE_EDGES = 60  # "who repeated whom" edges kept per narrative


def search_key(*parts: str | None) -> str:
    """The folded search key of some strings (letters, marks, digits and case folded), as the page
    builds it for an article (title, English title, outlet, cited outlets) or an entity (id, names).

    >>> search_key("الحسكة", "Hasakah")
    'الحسكه hasakah'
    """
    return fold(" ".join(p for p in parts if p), SEARCH)


def evidence(span: Mapping[str, Any]) -> list[str]:
    """What produced a span: the rule with its score, and the linking rule.

    >>> evidence({"rule": "ner:crf-ar", "score": 0.93, "link_rule": "kb:alias"})
    ['ner:crf-ar 0.93', 'link kb:alias']
    """
    out = []
    if span.get("rule"):
        score = span.get("score")
        out.append(f"{span['rule']} {score:.2f}" if isinstance(score, (int, float)) else str(span["rule"]))
    if span.get("link_rule"):
        out.append(f"link {span['link_rule']}")
    return out


def _spans(items: Iterable[Mapping[str, Any]], text_len: int) -> Iterable[Mapping[str, Any]]:
    for item in items or ():
        start, end = item.get("start"), item.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= text_len:
            yield item


def chain_names(attribution: Mapping[str, Any] | None, outlet: str | None) -> list[str]:
    """The attribution chain as names: outlet → cited agency → source (kind).

    >>> chain_names({"chain": [{"role": "outlet", "name": "SANA"}, {"role": "source", "name": "مصادر",
    ...             "kind": "anonymous"}]}, "SANA")
    ['SANA', 'مصادر (anonymous)']
    >>> chain_names(None, "IRNA")
    ['IRNA']
    """
    if not attribution:
        return [outlet] if outlet else []
    chain = attribution.get("chain")
    if not chain:
        chain = [{"name": outlet}, {"name": attribution.get("cited_outlet")},
                 {"name": attribution.get("source"), "kind": attribution.get("source_kind")}]
    out = []
    for link in chain:
        name = link.get("name")
        if name:
            out.append(f"{name} ({link['kind']})" if link.get("kind") else str(name))
    return out


def _score(score: Any) -> float | None:
    return round(float(score), 2) if isinstance(score, (int, float)) else None


SPAN_KINDS = ("ent", "time", "qty", "attr", "claim", "loaded")
_TIME_OF_DAY = {"time": "time of day"}  # a clock time (timex:clock) has no date value: say what it is


def delta_spans(detail: Mapping[str, Any]) -> dict[str, Any]:
    """The detail without `text`, each span's start as a step from the previous one's and its end as
    a length (small numbers compress better); the page adds them back up.

    >>> delta_spans({"text": "x", "ent": [[4, 9, "GPE"], [12, 15, "PER"]]})
    {'ent': [[4, 5, 'GPE'], [8, 3, 'PER']]}
    """
    out = {k: v for k, v in detail.items() if k != "text"}
    for kind in SPAN_KINDS:
        if kind in out:
            prev, rows = 0, []
            for span in out[kind]:
                rows.append([span[0] - prev, span[1] - span[0], *span[2:]])
                prev = span[0]
            out[kind] = rows
    return out


def article_detail(rec: Mapping[str, Any], entity_index: Mapping[str, int]) -> dict[str, Any]:
    """What the article view needs of one article: its text and every span, compactly."""
    text = rec.get("text") or ""
    n = len(text)
    outlet = rec.get("outlet")
    return {
        "text": text,
        "source": (rec.get("source") or {}).get("path") or (rec.get("source") or {}).get("url"),
        "removed": [{"kind": r.get("kind"), "text": r.get("text")} for r in rec.get("removed") or []],
        "ent": [[e["start"], e["end"], e.get("type"), entity_index.get(e.get("entity_id") or "", -1),
                 e.get("rule"), _score(e.get("score")), e.get("link_rule")]
                for e in _spans(rec.get("entities") or [], n)],
        "time": [[t["start"], t["end"], t.get("value") or _TIME_OF_DAY.get(str(t.get("granularity"))),
                  " · ".join(evidence(t))] for t in _spans(rec.get("times") or [], n)],
        "qty": [[q["start"], q["end"], quantity_label(q), " · ".join(evidence(q))]
                for q in _spans(rec.get("quantities") or [], n)],
        "attr": [[a["start"], a["end"], a.get("source_kind"), chain_names(a, outlet)]
                 for a in _spans(rec.get("attributions") or [], n)],
        "claim": [[c["start"], c["end"], c.get("english"), c.get("certainty")]
                  for c in _spans(rec.get("claims") or [], n)],
        "loaded": [[t["start"], t["end"], t.get("neutral"), t.get("category")]
                   for t in _spans(rec.get("loaded_terms") or [], n)],
        "evidence": [[o.get("outlet"), o.get("role"), o.get("text")] for o in rec.get("outlet_evidence") or []],
    }


@dataclass
class Payload:
    """The report's data: `index` (decompressed when the page opens) and the article chunks."""

    index: dict[str, Any]
    chunks: list[str] = field(default_factory=list)


class _Interner:
    """Small integers for repeated strings (outlets, languages)."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._ids: dict[str, int] = {}

    def __call__(self, value: str) -> int:
        if value not in self._ids:
            self._ids[value] = len(self.values)
            self.values.append(value)
        return self._ids[value]


def _entities(out_dir: Path) -> tuple[list[Mapping[str, Any]], dict[str, int]]:
    entities = sorted(read_json(out_dir, ENTITIES, default=[]) or [], key=lambda e: -int(e.get("mentions") or 0))
    return entities, {str(e.get("id")): i for i, e in enumerate(entities)}


def _entity_rows(entities: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = defaultdict(list)
    position = {str(e.get("id")): i for i, e in enumerate(entities)}
    same: dict[int, set[int]] = defaultdict(set)  # `same_as` both ways: a search finds either by both's names
    for i, e in enumerate(entities):
        for other in e.get("same_as") or []:
            if str(other) in position and position[str(other)] != i:
                same[i].add(position[str(other)])
                same[position[str(other)]].add(i)
    for i, e in enumerate(entities):
        names = e.get("names") or {}
        all_names = [n for lang in sorted(names) for n in names[lang] or []]
        cols["id"].append(e.get("id"))
        cols["type"].append(e.get("type"))
        cols["name"].append(e.get("name_en") or (all_names[0] if all_names else e.get("id")))
        cols["names"].append({lang: names[lang] for lang in sorted(names) if names[lang]})
        cols["lat"].append(e.get("lat"))
        cols["lon"].append(e.get("lon"))
        cols["mentions"].append(int(e.get("mentions") or 0))
        cols["narticles"].append(len(e.get("articles") or []))
        cols["same"].append(sorted(same[i]))
    return dict(cols)


def _cooccurrence(article_entities: Sequence[Sequence[int]], entities: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The most mentioned entities and how often each pair appears in one article."""
    top = {i for i in range(min(COOC_ENTITIES, len(entities)))}
    pairs: Counter[tuple[int, int]] = Counter()
    for ids in article_entities:
        present = sorted(set(ids) & top)
        pairs.update(combinations(present, 2))
    return {"nodes": sorted(top), "edges": [[a, b, n] for (a, b), n in pairs.most_common(COOC_EDGES)]}


def build_payload(out_dir: Path) -> Payload:
    """Read the output folder once (articles streamed) and build the report's data."""
    entities, entity_index = _entities(out_dir)
    outlets, langs = _Interner(), _Interner()
    cols: dict[str, list[Any]] = defaultdict(list)
    outlet_info: dict[int, dict[str, Any]] = {}
    cites: dict[int, Counter[str]] = defaultdict(Counter)
    loaded_by_outlet: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    claims: list[list[Any]] = []
    claim_index: dict[str, int] = {}
    article_index: dict[str, int] = {}
    chunks: list[str] = []
    pending: list[dict[str, Any]] = []
    for i, rec in enumerate(iter_articles(out_dir)):
        aid = str(rec.get("id"))
        article_index[aid] = i
        outlet_name = rec.get("outlet") or "unknown outlet"
        o = outlets(outlet_name)
        outlet_info.setdefault(o, {"country": rec.get("country"), "state": rec.get("state_affiliation")})
        cites[o].update(rec.get("cited_outlets") or [])
        ent_ids = sorted({entity_index[e["entity_id"]] for e in rec.get("entities") or []
                          if e.get("entity_id") in entity_index})
        for term in rec.get("loaded_terms") or []:
            loaded_by_outlet[o][(str(term.get("text") or ""), str(term.get("neutral") or ""))] += 1
        cols["id"].append(aid)
        cols["title"].append(rec.get("title") or "")
        cols["title_en"].append(rec.get("title_en") or "")
        cols["lang"].append(langs(rec.get("lang") or "und"))
        cols["outlet"].append(o)
        cols["date"].append(rec.get("published") or "")
        cols["ents"].append(ent_ids)
        cols["cited"].append(rec.get("cited_outlets") or [])
        for c in rec.get("claims") or []:
            claim_index[f"{aid}#{c.get('id')}"] = len(claims)
            sentence = str(c.get("sentence") or "")
            claims.append([i, sentence if len(sentence) <= MAX_SENTENCE else sentence[:MAX_SENTENCE] + "…",
                           c.get("english") or "", chain_names(c.get("attribution"), rec.get("outlet")),
                           c.get("certainty") or "", c.get("action") or "", -1])
        pending.append(article_detail(rec, entity_index))
        if len(pending) == CHUNK_ARTICLES:
            chunks.append(_pack_details(pending))
            pending = []
    if pending:
        chunks.append(_pack_details(pending))

    def idx(article: Any) -> int:
        return article_index.get(str(article), -1)

    stories, cols["story"] = _stories(read_json(out_dir, STORIES), idx, cols)
    clusters = _clusters(read_json(out_dir, CLAIM_CLUSTERS), idx, claims, claim_index)
    index = {
        "meta": {"version": __version__, "out_dir": str(out_dir), "chunk": CHUNK_ARTICLES, "codes": CODE_CHARS,
                 "present": {name: (out_dir / name).exists()
                             for name in (STORIES, REUSE, CLAIM_CLUSTERS, CONTRADICTIONS, NARRATIVES)}},
        "search": search_rules(),
        "langs": langs.values,
        "outlets": [{"name": name, **outlet_info[o], "cites": cites[o].most_common(),
                     "loaded": [[t, n_, c] for (t, n_), c in loaded_by_outlet[o].most_common(30)]}
                    for o, name in enumerate(outlets.values)],
        "articles": dict(cols),
        "entities": _entity_rows(entities),
        "cooc": _cooccurrence(cols["ents"], entities),
        "stories": stories,
        "claims": claims,
        "clusters": clusters,
        "contradictions": _contradictions(read_json(out_dir, CONTRADICTIONS), idx),
        "reuse": _reuse(read_json(out_dir, REUSE), idx),
        "narratives": _narratives(read_json(out_dir, NARRATIVES), idx),
        "errors": [{k: e.get(k) for k in ("source", "error", "detail")} for e in read_errors(out_dir)],
        "agencies": GRAPH_AGENCIES,
    }
    return Payload(index, chunks)


def _pack_details(details: Sequence[Mapping[str, Any]]) -> str:
    return pack_chunk([delta_spans(d) for d in details], [d["text"] for d in details])


def _stories(stories: Any, idx: Any, cols: Mapping[str, list[Any]]) -> tuple[list[dict[str, Any]], list[int]]:
    """Stories with several articles, largest first, and each article's story (-1: alone)."""
    cols_story = [-1] * len(cols["id"])
    out: list[dict[str, Any]] = []
    by_id = {aid: {"title": t} for aid, t in zip(cols["id"], cols["title"], strict=True)}
    for story in sorted(stories or [], key=lambda s: -len(s.get("articles") or [])):
        members = [idx(a) for a in story.get("articles") or []]
        known = [m for m in members if m >= 0]
        if len(members) < 2:
            continue
        for m in known:
            cols_story[m] = len(out)
        evidence = {idx(e.get("article")): evidence_lines(e, by_id)
                    for e in story.get("evidence") or [] if isinstance(e, Mapping)}
        out.append({"id": story.get("id"), "title": story.get("title_en") or "", "members": members,
                    "languages": story.get("languages") or [], "outlets": story.get("outlets") or [],
                    "first": story.get("first_published"), "last": story.get("last_published"),
                    "evidence": [[m, lines] for m, lines in evidence.items() if m >= 0]})
    return out, cols_story


def _clusters(clusters: Any, idx: Any, claims: list[list[Any]], claim_index: Mapping[str, int]) -> list[Any]:
    out = []
    for n, item in enumerate(sorted(clusters or [], key=lambda c: -len(c.get("articles") or []))):
        for claim_id in item.get("claims") or []:
            if claim_id in claim_index:
                claims[claim_index[claim_id]][6] = n
        first = item.get("first") or {}
        out.append({"english": item.get("english") or "", "action": item.get("action"),
                    "first": {"article": idx(first.get("article")), "outlet": first.get("outlet"),
                              "published": first.get("published")},
                    "repeated": [{"article": idx(r.get("article")), "outlet": r.get("outlet"),
                                  "published": r.get("published")} for r in item.get("repeated_by") or []]})
    return out


def _contradictions(items: Any, idx: Any) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        values = [{"value": v.get("value"), "article": idx(v.get("article")), "text": v.get("text"),
                   "outlet": v.get("outlet"), "published": v.get("published"), "english": v.get("english"),
                   "chain": chain_names(v if v.get("source") or v.get("cited_outlet") else None, v.get("outlet")),
                   "kind": v.get("source_kind")} for v in item.get("values") or []]
        out.append({"slot": item.get("slot"), "story": item.get("story"), "action": item.get("action"),
                    "values": values})
    return out


def _reuse(pairs: Any, idx: Any) -> list[dict[str, Any]]:
    out = []
    for pair in pairs or []:
        a, b = idx(pair.get("a")), idx(pair.get("b"))
        if a < 0 or b < 0:
            continue
        first = pair.get("first")
        passages = []
        for p in (pair.get("passages") or [])[:MAX_PASSAGES]:
            try:
                passages.append([int(p[k]) for k in ("a_start", "a_end", "b_start", "b_end")])
            except (KeyError, TypeError, ValueError):
                continue
        out.append({"a": a, "b": b, "kind": pair.get("kind"), "similarity": pair.get("similarity"),
                    "first": "a" if first == pair.get("a") else "b" if first == pair.get("b") else None,
                    "passages": passages})
    return out


def _count(value: Any) -> int:
    """A count given as a number or as the list of what is counted."""
    return len(value) if isinstance(value, list) else int(value or 0)


def _narratives(items: Any, idx: Any) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        if not isinstance(item, Mapping):
            continue
        out.append({"id": item.get("id"), "name": item.get("name") or item.get("id"),
                    "description": item.get("description") or "", "kind": item.get("kind") or "",
                    "articles": [i for i in (idx(a) for a in item.get("articles") or []) if i >= 0],
                    "claims": len(item.get("claims") or []), "outlets": item.get("outlets") or [],
                    "languages": item.get("languages") or [], "first": item.get("first_seen"),
                    "last": item.get("last_seen"),
                    "timeline": [[t.get("date"), t.get("count")] for t in item.get("timeline") or []
                                 if isinstance(t, Mapping)],
                    "bucket": item.get("bucket"),
                    "outlet_first": [[o.get("outlet"), o.get("first_seen"), o.get("last_seen"),
                                      _count(o.get("articles")), o.get("languages") or []]
                                     for o in item.get("outlet_first") or [] if isinstance(o, Mapping)],
                    "graph": [[g.get("from"), g.get("to"), g.get("kind"), g.get("count")]
                              for g in (item.get("graph") or [])[:MAX_NARRATIVE_EDGES] if isinstance(g, Mapping)],
                    "loaded": [[o.get("outlet"), [[t.get("text"), t.get("neutral"), t.get("count")]
                                                  for t in o.get("terms") or [] if isinstance(t, Mapping)]]
                               for o in item.get("loaded_terms") or [] if isinstance(o, Mapping)]})
    return out
