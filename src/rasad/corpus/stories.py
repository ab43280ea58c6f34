"""The `stories` corpus stage: articles that report the same event, across languages, written to
`stories.json` and the store's `stories` table.

Articles become story keys (`stories_keys`); candidate pairs from blocking keys are weighed
(`stories_link`); links are taken strongest first into stories; two stories merge only when at least
`MIN_LINK_SHARE` of the pairs between them link (so one shared place or number does not chain events)
and their dated members stay within `MAX_SPAN_DAYS`. Every article is in exactly one story.

Incremental: the stage reads the whole store (`whole_store=True`) and the stories of the previous run
into the same folder. Articles already in a story of several stay there, and two such stories are
never merged; new articles (and earlier articles still alone) join the story they link to most
strongly, or form new stories. A story's id comes from its earliest member (`story:` + article id) and
never changes once given; an article alone in its story that joins another story gives up its own.
Only the candidate pairs with a new article are weighed (the same blocking as a full run, restricted
to them: `stories_link.candidate_pairs(involving=)`), so two earlier articles that did not link before
are not linked now, even if the collection's grown key frequencies would now link them; a story whose
members did not change keeps its previous record (title and evidence) as it was.

>>> from rasad.article import Entity, Source
>>> def art(i, lang, day):
...     ids = ("fac:ghwayran-prison", "org:sdf", "gpe:hasakah", "org:isis")
...     return Article(source=Source(sha256=i, format="txt"), text="", id=i, lang=lang, published=day,
...                    entities=[Entity(0, 1, "x", "FAC", e) for e in ids], cited_outlets=["Sputnik"])
>>> arts = [art("a1", "ar", "2022-01-21"), art("b2", "fa", "2022-01-22"), art("c3", "ar", "2022-03-30")]
>>> [(s["id"], s["articles"]) for s in build_stories(arts)]
[('story:a1', ['a1', 'b2']), ('story:c3', ['c3'])]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasad.article import Article
from rasad.corpus.patched import PatchedRecords
from rasad.corpus.runner import Corpus, CorpusOutput, corpus_stage
from rasad.corpus.stories_cache import KEYS_TABLE, KEYS_VERSION, NAME_KEYS_TABLE, from_row, to_row
from rasad.corpus.stories_keys import KEY_FIELDS, StoryKeys, article_keys, display, unify_names
from rasad.corpus.stories_link import WINDOW_DAYS, Link, days_compatible, find_links, key_weights
from rasad.corpus.stories_link import candidate_pairs as local_candidate_pairs
from rasad.outputs import STORIES
from rasad.settings import Settings
from rasad.store.schema import Table

MAX_SPAN_DAYS = 2 * WINDOW_DAYS  # a story's dated members lie within this many days
MIN_LINK_SHARE = 0.25  # two stories merge when this share of their member pairs link
TITLE_NAMES = 3  # entity names in a story's title_en
EVIDENCE_KEYS = 12  # the heaviest shared keys shown per member
STORY_TABLE = Table(
    "stories",
    {"id": "VARCHAR", "title_en": "VARCHAR", "articles": "VARCHAR[]", "languages": "VARCHAR[]",
     "outlets": "VARCHAR[]", "first_published": "DATE", "last_published": "DATE", "evidence": "JSON"},
    key=("id",),
    doc="the records of stories.json",
)
_EVIDENCE_KINDS = {"e": "entities", "t": "names", "n": "numbers", "nc": "numbers", "d": "dates", "c": "cited",
                   "w": "title_words"}


@dataclass
class _Story:
    members: list[int]
    old_id: str | None = None  # the id a previous run gave it
    fixed: bool = False  # a previous run's story of several articles: never merged with another such
    low: int | None = None  # earliest and latest event day of its members
    high: int | None = None
    month_days: set[tuple[int, int]] = field(default_factory=set)  # days its members name without a year
    evidence: dict[int, dict[str, Any]] = field(default_factory=dict)  # member → what tied it in

    def span_with(self, other: _Story) -> int:
        days = [d for d in (self.low, self.high, other.low, other.high) if d is not None]
        return max(days) - min(days) if days else 0

    def fits(self, other: _Story) -> bool:
        """Whether the two stories' days leave room for one event."""
        if self.span_with(other) > MAX_SPAN_DAYS:
            return False
        for dated, partial in ((self, other), (other, self)):
            for day in {dated.low, dated.high} - {None}:
                probe = StoryKeys("", "", None, None, day, None)
                if any(not days_compatible(probe, StoryKeys("", "", None, None, None, md), MAX_SPAN_DAYS)
                       for md in partial.month_days):
                    return False
        return True

    def absorb(self, other: _Story) -> None:
        self.evidence.update({m: e for m, e in other.evidence.items() if m not in self.evidence})
        self.members.extend(other.members)
        self.old_id = self.old_id or other.old_id
        self.fixed = self.fixed or other.fixed
        self.month_days |= other.month_days
        days = [d for d in (self.low, self.high, other.low, other.high) if d is not None]
        self.low, self.high = (min(days), max(days)) if days else (None, None)


def _link_evidence(link: Link, other: str, labels: dict[str, str]) -> dict[str, Any]:
    evidence: dict[str, Any] = {"linked_to": other, "score": link.score, "similarity": link.similarity}
    for key, weight in sorted(link.shared.items(), key=lambda kv: (-kv[1], kv[0]))[:EVIDENCE_KEYS]:
        kind = _EVIDENCE_KINDS[key.split(":", 1)[0]]
        item = {"key": key, "label": display(key, labels.get(key, key)), "weight": round(weight, 3)}
        evidence.setdefault(kind, []).append(item)
    return evidence


def cluster(keys: list[StoryKeys], links: list[Link], previous: dict[str, str]) -> list[_Story]:
    """Stories from links, strongest first; `previous` (article id → story id) keeps its stories of
    several articles and their ids."""
    index = {k.id: i for i, k in enumerate(keys)}
    story_of: list[_Story] = []
    by_old: dict[str, _Story] = {}
    for i, k in enumerate(keys):
        old = previous.get(k.id)
        story = by_old.get(old) if old else None
        if story is None:
            story = _Story([], old)
            if old:
                by_old[old] = story
        story.members.append(i)
        story.fixed = len(story.members) > 1
        story.absorb(_Story([], low=k.event_day, high=k.event_day, month_days={k.month_day} if k.month_day else set()))
        story_of.append(story)
    labels: dict[str, str] = {}
    for k in keys:
        labels.update(k.labels)
    between: dict[int, Counter[int]] = {id(s): Counter() for s in story_of}  # links between two stories
    for link in links:
        first, second = story_of[index[link.a]], story_of[index[link.b]]
        if first is not second:
            between[id(first)][id(second)] += 1
            between[id(second)][id(first)] += 1
    for link in links:
        i, j = index[link.a], index[link.b]
        first, second = story_of[i], story_of[j]
        if first is second or (first.fixed and second.fixed) or not first.fits(second):
            continue
        if second.fixed or (second.old_id and not first.fixed and len(second.members) > len(first.members)):
            first, second = second, first  # the earlier story absorbs and keeps its id
        if between[id(first)][id(second)] < MIN_LINK_SHARE * len(first.members) * len(second.members):
            continue  # one strong pair does not chain two stories: most of their members must link
        for member, other in ((i, link.b), (j, link.a)):
            if not (story_of[member].fixed and keys[member].id in previous):
                first.evidence.setdefault(member, _link_evidence(link, other, labels))
        first.absorb(second)
        for member in second.members:
            story_of[member] = first
        for neighbour, count in between.pop(id(second)).items():
            if neighbour != id(first):
                between[id(first)][neighbour] += count
                between[neighbour][id(first)] += count
            between[neighbour].pop(id(second), None)
        between[id(first)].pop(id(first), None)
    unique = {id(s): s for s in story_of}
    return list(unique.values())


def _title(members: list[StoryKeys], weights: dict[str, float]) -> str:
    """`Name, Name, Name: 750 ISIS members` from the story's most telling entities and number: those
    at least half the members share (or all, in a story of two or three) first, the heaviest first."""
    held: Counter[str] = Counter(key for m in members for key in m.keys)
    labels = {key: label for m in members for key, label in m.labels.items()}
    enough = max(2, (len(members) + 1) // 2)  # held by this many members counts as shared

    def best(prefixes: tuple[str, ...]) -> list[str]:
        ranked = sorted((key for key in held if key.startswith(prefixes)),
                        key=lambda key: (-min(held[key], enough), -weights.get(key, 0.0), key))
        return list(dict.fromkeys(display(key, labels[key]) for key in ranked))

    names = ", ".join(best(("e:", "t:"))[:TITLE_NAMES])
    numbers = best(("nc:",))[:1]
    if names and numbers:
        return f"{names}: {numbers[0]}"
    return names or (numbers[0] if numbers else "(no names or numbers)")


def _record(story: _Story, keys: list[StoryKeys], weights: dict[str, float],
            old_evidence: dict[str, dict[str, Any]]) -> dict[str, Any]:
    members = sorted((keys[i] for i in story.members), key=lambda k: (k.published or "9999", k.id))
    published = sorted(m.published for m in members if m.published)
    index = {keys[i].id: i for i in story.members}
    evidence = []
    for m in members:
        item = story.evidence.get(index[m.id]) or old_evidence.get(m.id) or {}
        evidence.append({"article": m.id, **{k: v for k, v in item.items() if k != "article"}})
    return {
        "id": story.old_id or f"story:{members[0].id}",
        "title_en": _title(members, weights),
        "articles": [m.id for m in members],
        "languages": sorted({m.lang for m in members}),
        "outlets": sorted({m.outlet for m in members if m.outlet}),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "evidence": evidence,
    }


def build_stories(articles: Iterable[Article], previous: Iterable[dict[str, Any]] = (),
                  known: Iterable[StoryKeys] = (), engine: str = "local",
                  added: Collection[str] | None = None, name_keys: dict[str, frozenset[str]] | None = None,
                  evidence_of: Callable[[set[str]], Iterable[dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
    """The `stories.json` records: every article in exactly one story; `previous` is the last run's
    records (their members keep their story and id); `known`: story keys already derived, of other
    articles (rewritten in place). Largest stories first, then by id. With `engine="spark"`, the
    candidate pairs are computed on Spark (the same pairs). With `added` (an incremental run's new
    article ids, with `previous`), only the pairs with a new article are weighed, and a story whose
    members did not change keeps its previous record (the very object given in `previous`).
    `name_keys`: the blocking keys of names already derived (`unify_names`). With `evidence_of`, the
    `previous` records may hold only `id` and `articles`: `evidence_of(story ids)` gives the records
    (with their `evidence`) of the earlier stories whose members are in a story built again."""
    keys = sorted([*(article_keys(a) for a in articles), *known], key=lambda k: k.id)
    unify_names(keys, name_keys)
    weights = key_weights(keys)
    present = {k.id for k in keys}
    assigned: dict[str, str] = {}
    old_evidence: dict[str, dict[str, Any]] = {}
    old_records: dict[str, dict[str, Any]] = {}
    for row in previous:
        old_records[row["id"]] = row
        for article_id in row["articles"] or []:
            if article_id in present:
                assigned[article_id] = row["id"]
        for item in row.get("evidence") or []:
            old_evidence[item["article"]] = item
    size = Counter(assigned.values())
    fixed = {article_id for article_id, story_id in assigned.items() if size[story_id] > 1}
    involving = None
    if added is not None and assigned:
        involving = [i for i, k in enumerate(keys) if k.id in added]
    pairs = None
    if engine == "spark" and involving is None:
        from rasad.spark.blocking import candidate_pairs

        pairs = candidate_pairs(keys)
    elif involving is not None:
        pairs = local_candidate_pairs(keys, involving=involving)
    links = [link for link in find_links(keys, weights, pairs) if not (link.a in fixed and link.b in fixed)]
    stories: list[dict[str, Any] | _Story] = []
    for story in cluster(keys, links, assigned):
        kept = old_records.get(story.old_id or "") if involving is not None else None
        if kept is not None and sorted(keys[i].id for i in story.members) == sorted(kept["articles"] or []):
            stories.append(kept)  # nothing joined it: the previous record as it was
        else:
            stories.append(story)
    if evidence_of is not None:  # the earlier evidence of the members of the stories built again
        wanted = {assigned[keys[i].id] for s in stories if isinstance(s, _Story) for i in s.members
                  if keys[i].id in assigned}
        for row in evidence_of(wanted):
            for item in row.get("evidence") or []:
                old_evidence[item["article"]] = item
    records = [_record(s, keys, weights, old_evidence) if isinstance(s, _Story) else s for s in stories]
    return sorted(records, key=lambda s: (-len(s["articles"]), s["id"]))


def _table_row(story: dict[str, Any]) -> dict[str, Any]:
    return {**story, "first_published": _iso(story["first_published"]), "last_published": _iso(story["last_published"])}


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


@corpus_stage("stories", reads=KEY_FIELDS, tables=(STORY_TABLE, KEYS_TABLE, NAME_KEYS_TABLE), outputs=(STORIES,),
              whole_store=True)
def stories_stage(corpus: Corpus, settings: Settings) -> CorpusOutput:
    """Stories: articles that report the same event across languages, with the evidence that ties them."""
    light = corpus.added() is not None and corpus.has_previous(STORY_TABLE.name)  # an ingest reads the earlier
    previous = [row if light else _table_row(row) for row in  # stories' members only, and the evidence of
                corpus.previous(STORY_TABLE.name, columns=("id", "articles") if light else None)]  # those built again
    keys, key_rows = _story_keys(corpus)
    incremental = corpus.added() is not None and corpus.has_previous(NAME_KEYS_TABLE.name)
    name_keys = ({row["name"]: frozenset(row["keys"] or ()) for row in corpus.previous(NAME_KEYS_TABLE.name)}
                 if incremental else {})
    known_names = set(name_keys)
    def evidence_of(ids: set[str]) -> list[dict[str, Any]]:
        return _stories_by_id(corpus, ids)

    stories = build_stories((), previous, known=keys, engine=settings.engine, added=corpus.added(),
                            name_keys=name_keys, evidence_of=evidence_of if light else None)
    name_rows = [{"name": name, "keys": sorted(found)} for name, found in name_keys.items() if name not in known_names]
    appended = frozenset({KEYS_TABLE.name}) if corpus.added() is not None else frozenset()
    stories_file: Any = stories
    table_rows, removed = stories, {}
    if light:  # the records nobody joined are copied from the earlier file; the table gets the others
        kept = {id(row) for row in previous}
        fresh = {s["id"]: s for s in stories if id(s) not in kept}

        def whole() -> list[dict[str, Any]]:
            earlier = {row["id"]: row for row in _stories_by_id(corpus, {s["id"] for s in stories} - set(fresh))}
            return [fresh.get(s["id"]) or earlier[s["id"]] for s in stories]

        stories_file = PatchedRecords([s["id"] for s in stories], fresh, whole)
        table_rows = list(fresh.values())
        removed = {STORY_TABLE.name: sorted({row["id"] for row in previous} - {s["id"] for s in stories})}
        appended |= {STORY_TABLE.name}
    return CorpusOutput(tables={STORY_TABLE.name: table_rows, KEYS_TABLE.name: key_rows,
                                NAME_KEYS_TABLE.name: name_rows},
                        files={STORIES: stories_file}, removed=removed,
                        appended=appended | ({NAME_KEYS_TABLE.name} if incremental else frozenset()))


def _stories_by_id(corpus: Corpus, ids: set[str]) -> list[dict[str, Any]]:
    """The earlier records of these stories (from the `stories` table)."""
    if not ids:
        return []
    return [_table_row(row) for row in corpus.previous(STORY_TABLE.name, where="id IN (SELECT unnest(?))",
                                                         params=[sorted(ids)])]


def _story_keys(corpus: Corpus) -> tuple[list[StoryKeys], list[dict[str, Any]]]:
    """Every article's story keys, and their `story_keys` rows: in an incremental run, those of earlier
    runs are read back and only the other articles' keys are derived."""
    cached: dict[str, dict[str, Any]] = {}
    if corpus.added() is not None and corpus.has_previous(KEYS_TABLE.name):
        cached = {row["id"]: row for row in corpus.previous(KEYS_TABLE.name) if row["version"] == KEYS_VERSION}
    if not cached:
        fresh = [article_keys(a) for a in corpus.articles()]
    else:
        present = corpus.ids()
        cached = {i: row for i, row in cached.items() if i in present}
        fresh = [article_keys(a) for a in corpus.articles(only=present - set(cached))] if present - set(cached) else []
    # The rows to write, before build_stories rewrites the keys: an incremental run adds the new ones.
    rows = [to_row(k) for k in fresh] if corpus.added() is not None else [*cached.values(), *(to_row(k) for k in fresh)]
    return [*fresh, *(from_row(row) for row in cached.values())], rows
