"""English model entities (spaCy NER) made into rasad entities, and merged with the gazetteer's.

Each model span loses a person's title (`Grand Ayatollah Ali al-Sistani` → `Ali al-Sistani`, titles
from `lang/en/entity_patterns.json`) and a trailing lowercase place word (`Shabwa province` →
`Shabwa`, `lang/en/place_words.txt`); an all-lowercase span (`foreign ministry`) is dropped. It is
then linked like an Arabic or Persian model entity (`rasad.extract.entities.link_entity`: a KB id, a
GeoNames id, or a stable id). Two corrections for what the small model gets wrong on this region:
an acronym alias links only when the case matches (`Sanaa` is not `SANA`), and a PER or ORG span
the linker knows only as a GeoNames place becomes a GPE (`Misrata`, `Wad Madani` tagged as people),
a GeoNames link by an alternate name alone, outside the article's countries, is not taken, and a
name right after a vessel word (`the tanker Sounion`, `lang/en/vessel_words.txt`) or with a ship
prefix (`USS`, `lang/en/vessel_prefixes.txt`) is a ship, MISC. A name that is the first half of a
hyphenated modifier (`Iran-aligned groups`, `US-led coalition`) is left out, as the gazetteer does.

Merging (`merge_english`): a linked gazetteer span strictly inside a longer model span gives way to
it (`United Nations Interim Force in Lebanon` is one organization, not `United Nations` and
`Lebanon`); a name pattern (`en:name+speech-verb`, `en:org-head-word`) that overlaps a model span
with another extent or type gives way to it (`World Food Programme said` is an organization); then
`merge` decides as for Arabic and Persian (linked, then longer, then gazetteer over pattern over model).

>>> from rasad.kb.link import LinkContext
>>> [(e.text, e.type) for e in model_entities("Fighters entered Misrata on Monday.", LinkContext())]
[('Misrata', 'GPE')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from rasad.article import Entity
from rasad.extract.entities import STABLE_ID, link_entity, merge
from rasad.extract.entities_en import patterns
from rasad.kb.entities import kb_entity
from rasad.kb.link import LinkContext, link_mention, link_place, stable_id
from rasad.kb.names import latin_key
from rasad.kb.places import Place, place_by_id
from rasad.text.data import read_words

# Pattern rules that give way to an overlapping model span (a title before a name is kept).
WEAK_PATTERNS = frozenset({"en:name+speech-verb", "en:org-head-word"})
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_NOT_IN_NAME = re.compile(r"[\n\r()\[\]{}|]")
_DANGLING = re.compile(r"(?: (?:of|and|the|for))+$")  # a connector the model left at a span's end
_COMPOUND_AFTER = re.compile(r"-[a-z]")  # Iran-aligned, US-led: a modifier, not a mention of the country


@cache
def _titles() -> tuple[str, ...]:
    """Person titles, casefolded, longest first, each with its trailing space."""
    words = {t.casefold().replace(".", "") for t in patterns()["person_titles"]}
    return tuple(sorted((w + " " for w in words), key=len, reverse=True))


def _without_title(entity: Entity, text: str) -> Entity:
    if entity.type != "PER":
        return entity
    for _ in range(2):  # Grand Ayatollah, Crown Prince: at most two titles in a row
        folded = entity.text.casefold().replace(".", "")
        title = next((t for t in _titles() if folded.startswith(t) and len(folded) > len(t)), None)
        if title is None:
            break
        cut = len(title) + entity.text[: len(title)].count(".")
        entity = replace(entity, start=entity.start + cut, text=text[entity.start + cut : entity.end])
    return entity


def _without_place_word(entity: Entity, text: str) -> Entity:
    head, _, last = entity.text.rpartition(" ")
    if head and last.islower() and last in read_words("en", "place_words.txt"):
        end = entity.start + len(head)
        return replace(entity, end=end, text=text[entity.start : end])
    return entity


def _acronym_case_fits(entity: Entity) -> bool:
    """False when the KB entity was found only through an acronym written in another case."""
    known = kb_entity(entity.entity_id) if entity.entity_id else None
    if known is None:
        return True
    key = latin_key(entity.text)
    matching = [a for a in known.aliases.get("en", ()) if latin_key(a) == key]
    return not matching or any(not _ACRONYM.match(a) or a == entity.text for a in matching)


def _as_place(entity: Entity, context: LinkContext, surnames: frozenset[str]) -> Entity:
    """A PER or ORG span that only GeoNames knows, as the place (the model mistypes unknown towns).

    Only when the place is in the knowledge base, bears this very name (`Misrata`, `Misratah`) or lies
    in a country the article names (GeoNames' alternate names alone give `Tai` → Taizhou). Never an
    acronym (`KUNA`, `WAM` are agencies) or a word of a person's name in the same text (`Hussein`).
    """
    if (entity.type not in ("PER", "ORG") or not str(entity.entity_id).startswith("x:")
            or _ACRONYM.match(entity.text) or entity.text in surnames):
        return entity
    found = link_mention(entity.text, "GPE", "en", context)
    if found is not None and found.place is None:
        found = link_place(entity.text, "en", context)  # Sanaa, not the agency SANA
    if found is None or found.place is None or found.cut_start or found.cut_end:
        return entity
    if found.entity is None and not _plausible(found.place, entity.text, context):
        return entity
    return replace(entity, type=found.type, entity_id=found.id, link_rule=found.rule)


def _plausible(place: Place, name: str, context: LinkContext) -> bool:
    """A GeoNames place bears this very name or lies in a country the article names."""
    return latin_key(place.name) == latin_key(name) or place.country in context.countries


def _checked_place(entity: Entity, context: LinkContext) -> Entity:
    """A model span linked to a GeoNames place (not in the KB) only by an unlikely alternate name
    (`Joura` → Orange, California) keeps its type and gets a stable id instead."""
    if entity.link_rule != "geonames" or not str(entity.entity_id).startswith("geo:"):
        return entity
    place = place_by_id(str(entity.entity_id))
    if place is None or _plausible(place, entity.text, context):
        return entity
    return replace(entity, entity_id=stable_id(entity.text, entity.type, "en"), link_rule=STABLE_ID)


def _first_line(entity: Entity, text: str) -> Entity:
    """The span up to a line break or bracket (the model sometimes runs `Pentagon` into a dateline)."""
    cut = _NOT_IN_NAME.search(entity.text)
    if cut is None:
        return entity
    kept = entity.text[: cut.start()].rstrip(" -–—,")
    return replace(entity, end=entity.start + len(kept), text=kept)


@cache
def _after_vessel_word() -> re.Pattern[str]:
    words = "|".join(sorted(read_words("en", "vessel_words.txt"), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})s?(?: (?:named|called))?(?:, the)? $", re.IGNORECASE)


def _as_ship(entity: Entity, text: str) -> Entity:
    """A name right after a vessel word, or with a ship prefix (`USS Carney`), is a ship: MISC."""
    first = entity.text.split(" ", 1)[0]
    before = text[max(0, entity.start - 40) : entity.start]
    if entity.type == "MISC" or not (
        first in read_words("en", "vessel_prefixes.txt") or _after_vessel_word().search(before)
    ):
        return entity
    return replace(entity, type="MISC")


def _without_owner(entity: Entity, text: str) -> list[Entity]:
    """An organisation span without a dangling connector (`… Army of`); then a span `X of Y` whose
    `X` is a knowledge-base organisation and the whole is not, as `X` and (two or three capitalized
    words) the person `Y` (`Libyan National Army of Khalifa Haftar`: Haftar is its commander)."""
    if entity.type == "ORG" and _DANGLING.search(entity.text):  # `Libyan National Army of`
        kept = _DANGLING.sub("", entity.text)
        entity = replace(entity, end=entity.start + len(kept), text=kept)
    head, of, tail = entity.text.partition(" of ")
    if entity.type != "ORG" or not of or link_mention(entity.text, "ORG", "en", LinkContext()) is not None:
        return [entity]
    found = link_mention(head, "ORG", "en", LinkContext())
    if found is None or found.entity is None or found.type != "ORG" or found.cut_start or found.cut_end:
        return [entity]
    parts = [replace(entity, end=entity.start + len(head), text=head)]
    words = tail.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
        start = entity.start + len(head) + len(of)
        parts.append(replace(entity, start=start, text=tail, type="PER"))
    return parts


def _places_at_and(entity: Entity, context: LinkContext) -> list[Entity]:
    """A span `X and Y` of no known name whose both sides are GeoNames places in the article's countries,
    as the two places (`Metlaoui and Redeyef` tagged as one organisation)."""
    left, joined, right = entity.text.partition(" and ")
    if not joined or " and " in right or link_mention(entity.text, entity.type, "en", context) is not None:
        return [entity]
    sides = [(entity.start, left), (entity.end - len(right), right)]
    places = [link_place(name, "en", context) for _, name in sides]
    if any(p is None or p.place is None or p.cut_start or p.cut_end or p.place.country not in context.countries
           for p in places):
        return [entity]
    return [replace(entity, start=start, end=start + len(name), text=name, type="GPE") for start, name in sides]


def model_entities(text: str, context: LinkContext) -> list[Entity]:
    """The spaCy model's entities in English `text`, trimmed and linked."""
    from rasad.extract.ner.english import predict_english  # spaCy loads lazily on first call

    found = [_as_ship(_without_place_word(_without_title(_first_line(e, text), text), text), text)
             for e in predict_english(text)]
    found = [part for e in found for owned in _without_owner(e, text) for part in _places_at_and(owned, context)]
    surnames = frozenset(w for e in found if e.type == "PER" for w in e.text.split()[1:])
    out = []
    for entity in found:
        if entity.text == entity.text.casefold() or _COMPOUND_AFTER.match(text, entity.end):
            continue
        linked = link_entity(entity, text, "en", context)
        if linked is None:
            continue
        if not _acronym_case_fits(linked):
            linked = replace(entity, entity_id=stable_id(entity.text, entity.type, "en"), link_rule=STABLE_ID)
        out.append(_as_place(_checked_place(linked, context), context, surnames))
    return same_name_same_entity(out)


def same_name_same_entity(entities: list[Entity]) -> list[Entity]:
    """One entity per name in an article: unlinked model mentions of a name (by `latin_key`; an
    acronym only in capitals) take the id and type of a linked mention of it, else the type most of
    its mentions got (the first on a tie).

    >>> found = [Entity(0, 8, "al-Subha", "GPE", "x:gpe:1"), Entity(20, 28, "Al-Subha", "PER", "x:per:1"),
    ...          Entity(40, 48, "al-Subha", "GPE", "x:gpe:1")]
    >>> [(e.type, e.entity_id) for e in same_name_same_entity(found)]
    [('GPE', 'x:gpe:1'), ('GPE', 'x:gpe:1'), ('GPE', 'x:gpe:1')]
    """
    def name_of(entity: Entity) -> str:  # an acronym is its own name (SANA is not Sanaa)
        return latin_key(entity.text) + ("/acronym" if _ACRONYM.match(entity.text) else "")

    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(name_of(entity), []).append(entity)
    chosen: dict[str, Entity] = {}
    for name, mentions in groups.items():
        linked = [e for e in mentions if not str(e.entity_id).startswith("x:")]
        if linked:
            chosen[name] = linked[0]
        else:
            types = [e.type for e in mentions]
            chosen[name] = next(e for e in mentions if e.type == max(types, key=types.count))
    out = []
    for entity in entities:
        best = chosen[name_of(entity)]
        if str(entity.entity_id).startswith("x:") and (best.type, best.entity_id) != (entity.type, entity.entity_id):
            entity = replace(entity, type=best.type, entity_id=best.entity_id, link_rule=best.link_rule)
        out.append(entity)
    return out


def merge_english(rule_based: Iterable[Entity], model: list[Entity]) -> list[Entity]:
    """Gazetteer and pattern entities merged with the model's (see the module's docstring)."""

    def inside_model(e: Entity) -> bool:
        return any(m.start <= e.start and e.end <= m.end and m.end - m.start > e.end - e.start for m in model)

    def model_disagrees(e: Entity) -> bool:
        return any(m.start < e.end and e.start < m.end and (m.start, m.end, m.type) != (e.start, e.end, e.type)
                   for m in model)

    kept = [e for e in rule_based
            if not inside_model(e) and not (e.rule in WEAK_PATTERNS and model_disagrees(e))]
    return merge([*kept, *model])
