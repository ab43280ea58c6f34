"""One id per name outside the knowledge base, across Arabic, Persian and English.

The entities stage gives a name the KB does not know a stable id from its spelling (`x:per:…`), so
`ماریا کوستا` and `ماريا كوستا` share one but `Maria Costa` has another. Before `articles.jsonl` is
written, `analyze` collects every such name of the run (`UnknownNames.add`), groups the ids whose names
`rasad.kb.translit.same_name` reads as one name (same kind: person, organisation, place ...), and gives
each group one id (`UnknownNames.canonical`): the id of its spelling in an English article when there is
one, else its most mentioned. A name the linker did not know in one language may be a GeoNames place
it linked in another (`سفوان` tagged but not linked, `Safwan` linked): such a group takes the place's
id. Linked ids never change. Only spellings in articles of two languages link (two Arabic spellings are
no evidence: سيئون is not سيون; a run in one language is left as it is). The spans whose id changes say
so with the link rule `same-name`. Organisations are translated, not transliterated: two organisations'
names are also one when their concept keys are (`rasad.kb.org_names`: Southern Transitional Council,
المجلس الانتقالي الجنوبي); a name made only of common concepts (Ministry of Defence) only when the
articles it is in are about a country in common (whose name may then be left out: ارتش ملی سومالی is
the national army of an article about Somalia).

Groups are complete-link: a name joins a group only when it is the same name as every member, so
`Hamid` does not chain حامد and حميد into one person. An English name the model typed as a person,
an organisation or MISC may also be a place, or a name of another of those kinds, in Arabic or Persian
(the English model mistypes unknown towns; ships are MISC in one language and PER in another). Names
under one blocking key are compared pairwise for the first `MAX_BLOCK` ids only.

>>> names = UnknownNames()
>>> names.add("a1", "ar", [("x:per:1", "PER", "حسين مختاري")])
>>> names.add("a2", "en", [("x:per:2", "PER", "Hossein Mokhtari")])
>>> names.canonical()
{'x:per:1': 'x:per:2'}
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any

from rasad.article import Entity
from rasad.kb.entities import PLACE_TYPES
from rasad.kb.org_names import org_key, same_org
from rasad.kb.translit import blocking_keys, same_name, skeleton_key
from rasad.limits import MEMO_WORDS
from rasad.outputs import dumps_line

MAX_BLOCK = 300  # ids sharing a blocking key compared pairwise (the first ones, by id)
PLACE_PREFIXES = ("geo:", "adm1:")
# English kinds that may be a place's, or another of these kinds', mistyped name: the English model tags
# unknown towns as people or organisations (`Nahr al-Bared` PER, `al-Hawban` ORG), the Arabic and Persian
# spans say LOC; a ship or a train is MISC in one language and PER in another (Saba Pearl, Jaffar Express).
SOFT_KINDS = frozenset({"PER", "ORG", "MISC"})
NAMED_ELSEWHERE = "gazetteer:run"  # the rule of a place found because another language's article names it
SAME_NAME = "same-name"  # the link rule of a span whose id is another script's spelling's id
MIN_SPELLED_SLOTS = 2  # consonants of an unknown name sought in other languages' articles (`known_places`)
ORG_BLOCK = "org:"  # the blocking keys of organisations' concept keys


@dataclass
class _Name:
    """One id's mentions in one script (Latin or Arabic): its kind and the spellings seen."""

    kinds: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    countries: set[str] = field(default_factory=set)  # the main countries of the articles it is in

    @property
    def surface(self) -> str:
        return self.surfaces.most_common(1)[0][0]

    @property
    def kind(self) -> str:
        return self.kinds.most_common(1)[0][0]

    @property
    def mentions(self) -> int:
        return sum(self.surfaces.values())


def _kind(entity_type: str) -> str:
    return "place" if entity_type in PLACE_TYPES else entity_type


def _known(entity_id: str) -> bool:
    return not entity_id.startswith("x:")


_Key = tuple[str, str]  # (entity id, the language of the article it is written in)


@dataclass(frozen=True)
class Spelled:
    """A place or a name outside the knowledge base named by the run's articles in other languages: the
    countries it is in (of the articles, for an unknown name), the entity type a new span takes, and its
    spellings there."""

    countries: frozenset[str]
    type: str
    spellings: tuple[str, ...]


class KnownPlaces(dict[str, frozenset[str]]):
    """Places named by the run's articles in other languages, by country; `spelled`: those places and
    the run's names outside the knowledge base, by id, with their spellings there."""

    spelled: dict[str, Spelled] = {}  # noqa: RUF012 (set per instance by `known_places`)
    _lookup: SpelledLookup | None = None

    def lookup(self) -> SpelledLookup:
        """What every article's search needs, built once (in each process that uses it)."""
        if self._lookup is None:
            by_country: dict[str, set[str]] = defaultdict(set)
            for i, name in self.spelled.items():
                for country in name.countries:
                    by_country[country].add(i)
            from rasad.kb.place_spelling import spelling_blocks

            self._lookup = SpelledLookup(
                named=frozenset().union(*self.values()),
                by_country={c: frozenset(ids) for c, ids in by_country.items()},
                spellings={i: n.spellings for i, n in self.spelled.items()},
                types={i: n.type for i, n in self.spelled.items()},
                index=spelling_blocks({i: n.spellings for i, n in self.spelled.items()}),
            )
        return self._lookup


@dataclass(frozen=True)
class SpelledLookup:
    """`KnownPlaces` indexed for the search in one article: every place the other languages name
    (`named`), the spelled ids by country (sought in the articles about that country), their
    spellings and types, and the spellings' blocking keys (`rasad.kb.place_spelling.spelling_blocks`)."""

    named: frozenset[str]
    by_country: Mapping[str, frozenset[str]]
    spellings: Mapping[str, tuple[str, ...]]
    types: Mapping[str, str]
    index: Mapping[str, set[str]]

    def in_play(self, countries: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The spellings of the ids sought in an article about `countries`."""
        ids = frozenset().union(*(self.by_country.get(c, frozenset()) for c in countries))
        return {i: self.spellings[i] for i in ids}


@dataclass
class UnknownNames:
    """The names outside the knowledge base seen in a run (and the spellings of the linked ones, which
    an unknown name may turn out to be), and which articles hold which unknown ids."""

    names: dict[_Key, _Name] = field(default_factory=dict)
    by_article: dict[str, frozenset[str]] = field(default_factory=dict)
    places: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # language → place ids
    mapping: dict[str, str] = field(default_factory=dict)  # the last `canonical()`

    def add(self, article_id: str, lang: str, entities: Iterable[tuple[str | None, str, str]]) -> None:
        """Record an article's entities given as (entity id, type, surface)."""
        ids = set()
        entities = list(entities)
        countries = _main_countries(e[0] for e in entities)
        for entity_id, entity_type, surface in entities:
            if not entity_id or (_known(entity_id) and not entity_id.startswith(PLACE_PREFIXES)):
                continue  # a knowledge-base entity has its names in every language already
            name = self.names.setdefault((entity_id, lang), _Name())
            name.kinds[_kind(entity_type)] += 1
            name.surfaces[surface] += 1
            name.countries |= countries
            if not _known(entity_id):
                ids.add(entity_id)
            elif entity_id.startswith(PLACE_PREFIXES):
                self.places[lang].add(entity_id)
        if ids:
            self.by_article[article_id] = frozenset(ids)

    def canonical(self) -> dict[str, str]:
        """{id: the id of its group} for the unknown ids that change (see the module doc)."""
        if len({lang for _, lang in self.names}) < 2:
            return {}  # a run in one language (Latin names in Arabic articles too): nothing to link
        blocks: dict[tuple[str, str], list[_Key]] = defaultdict(list)
        for key in sorted(self.names):
            name = self.names[key]
            kinds = SOFT_KINDS | {"place"} if key[1] == "en" and name.kind in SOFT_KINDS else {name.kind}
            for block in blocking_keys(name.surface):
                for kind in kinds:
                    blocks[kind, block].append(key)
            organisation = org_key(name.surface, key[1]) if name.kind == "ORG" else None
            if organisation is not None:
                blocks["ORG", ORG_BLOCK + organisation.block].append(key)
                if len(organisation.names) == 1 and len(organisation.concepts) <= 1:  # حركة الشباب, al-Shabaab
                    for block in blocking_keys(organisation.names[0]):
                        blocks["ORG", ORG_BLOCK + block].append(key)
        pairs: set[tuple[_Key, _Key]] = set()
        for members in blocks.values():
            for i, one in enumerate(members[:MAX_BLOCK]):
                for other in members[i + 1 : MAX_BLOCK]:
                    if (_known(one[0]) and _known(other[0])) or one[1] == other[1]:
                        continue  # linked names keep their ids; one language's spellings are no evidence
                    if (one, other) not in pairs and self._same(one, other):
                        pairs.add((one, other))
        self.mapping = self._groups(_unambiguous(pairs))
        return self.mapping

    def _same(self, one: _Key, other: _Key) -> bool:
        """Two names in two languages are one: the same name in two scripts, or (organisations) the same
        concepts (`rasad.kb.org_names`); a generic one (Ministry of Defence) only in articles about the
        same countries."""
        a, b = self.names[one], self.names[other]
        if same_name(a.surface, b.surface):
            return True
        if a.kind != "ORG" or b.kind != "ORG":
            return False
        key, other_key = org_key(a.surface, one[1]), org_key(b.surface, other[1])
        if key is None or other_key is None:
            return False
        shared = a.countries & b.countries
        key, other_key = key.without_places(shared), other_key.without_places(shared)
        return same_org(key, other_key) and (not key.generic or bool(shared))

    def _groups(self, pairs: set[tuple[_Key, _Key]]) -> dict[str, str]:
        """Complete-link groups grown by the pairs of two languages (taken in order; two spellings in
        one language are no evidence, but must be the same name to share a group), at most one linked id
        in each; each group's id: its linked id, else its English article's, else its most mentioned."""

        def same(x: _Key, y: _Key) -> bool:
            if x[0] == y[0] or (x, y) in pairs or (y, x) in pairs:
                return True
            return x[1] == y[1] and _same_spelling(self.names[x].surface, self.names[y].surface)

        group: dict[_Key, frozenset[_Key]] = {}
        by_id: dict[str, set[_Key]] = defaultdict(set)
        for key in self.names:
            by_id[key[0]].add(key)
        for keys in by_id.values():  # one id's spellings in Arabic and Persian start as one group
            for key in keys:
                group[key] = frozenset(keys)
        for one, other in sorted(pairs):
            a, b = group[one], group[other]
            if a == b or len({k[0] for k in a | b if _known(k[0])}) > 1:
                continue
            if all(same(x, y) for x in a for y in b):
                merged = a | b
                for member in merged:
                    group[member] = merged
        out: dict[str, str] = {}
        for members in set(group.values()):
            head = min(members, key=lambda k: (not _known(k[0]), k[1] != "en", -self.names[k].mentions, k[0]))[0]
            out.update({k[0]: head for k in members if k[0] != head and not _known(k[0])})
        return dict(sorted(out.items()))

    def known_places(self, lang: str) -> dict[str, frozenset[str]]:  # a KnownPlaces
        """The GeoNames places and regions that the run's articles in other languages than `lang` name,
        by country; and (`spelled`) their spellings in the run's English articles, with those of the
        names outside the knowledge base (under their ids after `canonical()`)."""
        from rasad.kb.places import place_by_id

        by_country: dict[str, set[str]] = defaultdict(set)
        spellings: dict[str, set[str]] = defaultdict(set)
        countries: dict[str, frozenset[str]] = {}
        types: dict[str, str] = {}
        for (entity_id, other), name in self.names.items():
            if other == lang:
                continue
            if _known(entity_id):
                place = place_by_id(entity_id)
                if place is None:
                    continue
                by_country[place.country].add(entity_id)
                countries[entity_id], types[entity_id] = frozenset({place.country}), "GPE"
            if other != "en":
                continue  # two Arabic-script spellings meet by their keys; a transliteration is evidence
            if _known(entity_id):
                pass
            elif len(skeleton_key(name.surface) or "") >= MIN_SPELLED_SLOTS:
                entity_id = self.mapping.get(entity_id, entity_id)
                countries[entity_id] = countries.get(entity_id, frozenset()) | frozenset(name.countries)
                types.setdefault(entity_id, "GPE" if name.kind == "place" else name.kind)
            else:
                continue
            spellings[entity_id].update(name.surfaces)
        known = KnownPlaces({country: frozenset(ids) for country, ids in by_country.items()})
        known.spelled = {i: Spelled(countries[i], types[i], tuple(sorted(names))) for i, names in spellings.items()}
        return known

    def needs_rewrite(self, article_id: str, mapping: Mapping[str, str]) -> bool:
        """Whether the article holds an id that `mapping` changes."""
        return any(i in mapping for i in self.by_article.get(article_id, ()))


@lru_cache(maxsize=MEMO_WORDS)
def _same_spelling(one: str, other: str) -> bool:
    return same_name(one, other)


def _as_named_elsewhere(entity: Entity, lang: str, named: frozenset[str]) -> Entity:
    """A span linked to a GeoNames place that the run's other languages do not name, given the id of
    the one place of its name they do name (قندهار: Kandahar in Afghanistan, not the Iranian village)."""
    from rasad.kb.link import mention_forms
    from rasad.kb.places import candidates

    if not entity.entity_id or not entity.entity_id.startswith(PLACE_PREFIXES) or entity.entity_id in named:
        return entity
    forms = mention_forms(entity.text, lang)
    ids = {p.id for p in candidates(forms[0][0])} & named if forms else set()
    return replace(entity, entity_id=ids.pop(), rule=NAMED_ELSEWHERE) if len(ids) == 1 else entity


def _main_countries(entity_ids: Iterable[str | None]) -> frozenset[str]:
    """The countries an article names most (its knowledge-base and GeoNames places, each once)."""
    from rasad.kb.entities import kb_entity
    from rasad.kb.places import place_by_id

    counts: Counter[str] = Counter()
    for entity_id in {i for i in entity_ids if i}:
        entity = kb_entity(entity_id)
        if entity is not None:
            country = entity.country if entity.type in PLACE_TYPES else None
        else:
            place = place_by_id(entity_id) if entity_id.startswith(PLACE_PREFIXES) else None
            country = place.country if place else None
        if country:
            counts[country] += 1
    top = max(counts.values(), default=0)
    return frozenset(c for c, n in counts.items() if n == top)


def _unambiguous(pairs: set[tuple[_Key, _Key]]) -> set[tuple[_Key, _Key]]:
    """The pairs without those of an unknown name that is the same name as two linked ids (صعدة as
    two places spelled Saada): which one it is, spelling cannot tell."""
    linked: dict[_Key, set[str]] = defaultdict(set)
    for one, other in pairs:
        if _known(one[0]) != _known(other[0]):
            known, unknown = (one, other) if _known(one[0]) else (other, one)
            linked[unknown].add(known[0])
    ambiguous = {k for k, ids in linked.items() if len(ids) > 1}
    return {(a, b) for a, b in pairs if not ({a, b} & ambiguous and _known(a[0]) != _known(b[0]))}


def rewrite_ids(value: Any, mapping: Mapping[str, str]) -> Any:
    """`value` (an article record, or any part of one) with every `entity_id` in `mapping` replaced;
    an entity span whose id changes gets the link rule `same-name`.

    >>> rewrite_ids({"entities": [{"entity_id": "x:per:1", "link_rule": "stable-id"}]}, {"x:per:1": "x:per:2"})
    {'entities': [{'entity_id': 'x:per:2', 'link_rule': 'same-name'}]}
    """
    if isinstance(value, list):
        return [rewrite_ids(v, mapping) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: rewrite_ids(v, mapping) for k, v in value.items()}
    if out.get("entity_id") in mapping:
        out["entity_id"] = mapping[out["entity_id"]]
        if "link_rule" in out:
            out["link_rule"] = SAME_NAME
    return out


def add_places_named_elsewhere(record: dict[str, Any], known: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    """An Arabic or Persian article record with the places of `known` (named by the run's articles in
    other languages, by country) in the countries the article names, that its text names and the
    article stage left out (`rasad.kb.place_scan` with `context.known`, and by transliteration of their
    spellings in the other languages: `rasad.kb.place_spelling`); an unlinked span a new place
    overlaps gives way to it; a place linked to a homonym of a place the other languages name takes
    that place's id. Rule `gazetteer:run`."""
    from rasad.extract.entities import context_of  # the extract package imports this one's neighbours
    from rasad.kb.place_scan import find_places
    from rasad.kb.place_spelling import spelled_places

    spelled = known.spelled if isinstance(known, KnownPlaces) else {}
    if not (known or spelled) or record.get("lang") not in ("ar", "fa") or not record.get("text"):
        return record
    lookup = known.lookup() if isinstance(known, KnownPlaces) else None
    named = lookup.named if lookup is not None else frozenset().union(*known.values())
    entities = [Entity(**e) for e in record.get("entities") or []]
    relinked = [_as_named_elsewhere(e, record["lang"], named) for e in entities]
    switched = relinked != entities
    entities = relinked
    context = context_of(entities, places=True)
    in_play = frozenset().union(*(known.get(country, frozenset()) for country in context.countries))
    if not in_play and not spelled and not switched:
        return record
    context = replace(context, known=in_play)
    found = find_places(record["text"], record["lang"], context, entities) if in_play else []
    if spelled and lookup is not None:  # كويتا when the English article has Quetta
        found += spelled_places(record["text"], record["lang"], [*entities, *found],
                                lookup.in_play(context.countries), lookup.types, lookup.index)
    if not found and not switched:
        return record

    def overlaps(e: Entity) -> bool:
        return any(f.start < e.end and e.start < f.end for f in found)

    kept = [e for e in entities if not overlaps(e)]
    blocked = [e for e in entities if overlaps(e) and e.entity_id and not e.entity_id.startswith("x:")]
    new = [replace(f, rule=NAMED_ELSEWHERE) for f in found
           if not any(b.start < f.end and f.start < b.end for b in blocked)]
    kept += [e for e in entities if overlaps(e) and not any(n.start < e.end and e.start < n.end for n in new)]
    out = sorted([*kept, *new], key=lambda e: (e.start, e.end))
    return {**record, "entities": [asdict(e) for e in out]}


RewriteJob = tuple[str, bool, str, Any]  # (articles.jsonl line, ids renamed?, language, duplicate sources)
_context: list[tuple[Mapping[str, str], Mapping[str, Mapping[str, frozenset[str]]]]] = []  # this process's


class RewriteContext:
    """What `rewrite_line` needs besides the line (the run's `canonical()` ids and each language's
    `known_places`), as a `rasad.executors.WorkerService`: a pool's workers receive it once each.

    >>> RewriteContext({}, {}).connect({"x:per:1": "x:per:2"}, {})
    >>> rewrite_line(('{"id": "a", "entities": [{"entity_id": "x:per:1"}]}\\n', True, "en", None))
    '{"id": "a", "entities": [{"entity_id": "x:per:2"}]}\\n'
    """

    def __init__(self, same_names: Mapping[str, str], known: Mapping[str, Mapping[str, frozenset[str]]]) -> None:
        self.same_names, self.known = same_names, known

    def start(self) -> tuple[Any, ...]:
        return self.same_names, self.known

    @staticmethod
    def connect(same_names: Mapping[str, str], known: Mapping[str, Mapping[str, frozenset[str]]]) -> None:
        _context[:] = [(same_names, known)]

    def close(self) -> None:
        return None


def rewrite_line(job: RewriteJob) -> str:
    """One line of `articles.jsonl` as `analyze` writes it: the ids of `canonical()` made one across
    scripts (when `renamed`), the places named elsewhere added (`add_places_named_elsewhere`), and the
    other inputs with the same text (`duplicate_sources`). Runs in a pool's workers (`RewriteContext`)."""
    line, renamed, lang, duplicate_sources = job
    same_names, known_places = _context[0]
    known = known_places.get(lang, {})
    if not (duplicate_sources or renamed or known):
        return line
    record = rewrite_ids(json.loads(line), same_names) if renamed else json.loads(line)
    record = add_places_named_elsewhere(record, known)
    if duplicate_sources:
        record["duplicate_sources"] = duplicate_sources
    return dumps_line(record)
