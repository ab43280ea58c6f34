"""English entities from a gazetteer and patterns (no model): KB aliases, GeoNames places, people
after a title or before a speech verb, organizations by their head word.

Patterns and word lists live in `lang/en/entity_patterns.json`.

>>> from rasad.kb.link import LinkContext
>>> found = english_entities("US forces moved ISIS detainees to al-Hasakah, spokesman John Doe said.",
...                          LinkContext())
>>> [(e.text, e.type, e.entity_id) for e in found][:3]
[('US forces', 'ORG', 'org:us-forces'), ('ISIS', 'ORG', 'org:isis'), ('al-Hasakah', 'GPE', 'gpe:hasakah')]
>>> found[3].text, found[3].type
('John Doe', 'PER')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from rasad.article import Entity
from rasad.kb.entities import knowledge_base, rank_hits
from rasad.kb.link import MIN_POPULATION_WHOLE, LinkContext, link_mention, link_place, stable_id
from rasad.kb.names import latin_key, strip_accents
from rasad.kb.places import Place
from rasad.text.tokens import pattern

_TOKEN = pattern("en_name")  # U.S., al-Assad's, O'Brien (rasad.text.tokens)
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed)[\-‘’']")
_LETTERS = re.compile(r"[^A-Za-z]")
# A ministry named in lower case by what it is for (`the health ministry`, `Libya's interior ministry`).
_LOWERCASE_MINISTRY = re.compile(r"\b((?:[a-z]+ ){1,2})ministry\b")


_Titles = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def capitalized(self) -> bool:
        """`Hasakah`, `al-Hasakah`, `2022` (an article in front does not count)."""
        word = _ARTICLE.sub("", self.text)
        return word[:1].isupper() or word[:1].isdigit()


@cache
def patterns() -> dict[str, Any]:
    """The English pattern lists (loaded once)."""
    raw = (files("rasad") / "lang" / "en" / "entity_patterns.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@cache
def _openers() -> tuple[str, ...]:
    return tuple(o + " " for o in patterns()["org_openers"])


@cache
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], _Titles]:
    p = patterns()
    titles = tuple(sorted((tuple(t.split()) for t in p["person_titles"]), key=len, reverse=True))
    return (
        frozenset(p["speech_verbs"]),
        frozenset(p["org_heads"]),
        frozenset(p["connectors"]),
        frozenset(p["not_names"]),
        titles,
    )


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    return text[a.end : b.start] in (" ", "-")


def _kb_match(text: str, toks: list[_Tok], i: int) -> tuple[Entity, int] | None:
    kb = knowledge_base()
    j = i
    while j + 1 < len(toks) and j + 1 - i < kb.max_words and _adjacent(text, toks[j], toks[j + 1]):
        j += 1
    for last in range(j, i - 1, -1):
        start, end = toks[i].start, toks[last].end
        span = text[start:end]
        hits = tuple(h for h in kb.by_key.get(latin_key(span), ()) if h.lang == "en")
        good = []
        for hit in hits:
            letters = _LETTERS.sub("", hit.alias)
            if letters.isupper() and len(letters) <= 5:
                if _LETTERS.sub("", span) == letters:  # acronyms: exact case (US, IS, SDF)
                    good.append(hit)
            elif toks[i].capitalized or not hit.alias[:1].isupper():
                good.append(hit)
        if good:
            entity = rank_hits(tuple(good), "en", None)[0]
            return Entity(start, end, span, entity.type, entity.id, source="gazetteer", rule="gazetteer:kb",
                          link_rule="kb:alias"), last - i + 1
    return None


def _town_with_word_before(text: str, toks: list[_Tok], i: int, entity: Entity) -> Entity | None:
    """A knowledge-base place with the capitalized word before it, when the two name a town of
    `MIN_POPULATION_WHOLE` people or more (`PORT SUDAN` is the town, not Sudan)."""
    if i == 0 or entity.type not in ("GPE", "LOC") or not _adjacent(text, toks[i - 1], toks[i]):
        return None
    if not toks[i - 1].capitalized or toks[i - 1].text in _sets()[3]:
        return None
    span = text[toks[i - 1].start : entity.end]
    found = link_place(span, "en", LinkContext())
    if found is None or found.place is None or found.cut_start or found.cut_end:
        return None
    if found.place.population < MIN_POPULATION_WHOLE:
        return None
    return Entity(toks[i - 1].start, entity.end, span, "GPE", found.id, source="gazetteer",
                  rule="en:capitalized-place", link_rule=found.rule)


def _runs(text: str, toks: list[_Tok], taken: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of capitalized tokens (connectors allowed inside), as token index ranges."""
    _, _, connectors, not_names, _ = _sets()
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if taken[i] or not toks[i].capitalized or toks[i].text in not_names or toks[i].text.isdigit():
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and not taken[j + 1] and _adjacent(text, toks[j], toks[j + 1]):
            nxt = toks[j + 1]
            name_word = nxt.capitalized and not nxt.text.isdigit()
            connector = nxt.text.casefold() in connectors and j + 2 < len(toks) and toks[j + 2].capitalized
            if name_word or connector:
                j += 1
            else:
                break
        while j > i and toks[j].text.casefold() in connectors:
            j -= 1
        runs.append((i, j))
        i = j + 1
    return runs


def _title_before(toks: list[_Tok], i: int, text: str) -> int:
    """How many tokens before index i form a person title (0 if none)."""
    *_, titles = _sets()
    for title in titles:
        n = len(title)
        if i - n < 0:
            continue
        words = [t.text.rstrip(".") for t in toks[i - n : i]]
        if [w.casefold() for w in words] == [w.casefold().rstrip(".") for w in title]:
            return n
    return 0


def _classify(text: str, toks: list[_Tok], i: int, j: int, context: LinkContext) -> Entity | None:
    speech, heads, _, not_names, titles = _sets()
    # A title at the start of the run (President Joe Doe): the name is what follows.
    for title in titles:
        n = len(title)
        if j - i + 1 > n and [t.text.rstrip(".").casefold() for t in toks[i : i + n]] == [
            w.rstrip(".").casefold() for w in title
        ]:
            return _entity(text, toks, i + n, j, "PER", "en:title+name", context)
    if toks[j].text in heads or text[toks[i].start : toks[j].end].startswith(_openers()):
        return _entity(text, toks, i, j, "ORG", "en:org-head-word", context)
    if _title_before(toks, i, text):
        return _entity(text, toks, i, j, "PER", "en:title+name", context)
    if 2 <= j - i + 1 <= 4 and j + 1 < len(toks) and toks[j + 1].text in speech:
        return _entity(text, toks, i, j, "PER", "en:name+speech-verb", context)
    span = text[toks[i].start : toks[j].end]
    if j - i < 3 and span not in not_names:
        found = link_mention(span, None, "en", context)
        if found is not None and found.place is None:  # a KB name the alias pass did not take: Sanaa, not SANA
            found = link_place(span, "en", context)
        place = found.place if found is not None else None
        if found is not None and place is not None and (found.entity is not None or _own_name(span, place, context)):
            return Entity(toks[i].start, toks[j].end, span, found.type, found.id, source="gazetteer",
                          rule="en:capitalized-place", link_rule=found.rule)
    return None


def _own_name(span: str, place: Place, context: LinkContext) -> bool:
    """Whether a capitalized span names a place by its own name, not by one of its alternate names
    (a capitalized word may be one): the same letters (`Marib` for `Ma'rib`, `al-Bayda` for `Al Bayda`),
    or the same name key for a region, a place in a country the article names, or a city of 100,000+
    (`Misrata` for `Misratah`)."""
    if _plain(span) == _plain(place.name):
        return True
    notable = place.is_region or place.country in context.countries or place.population >= 100_000
    return notable and latin_key(span) == latin_key(place.name)


def _plain(name: str) -> str:
    return _LETTERS.sub("", _ARTICLE.sub("", strip_accents(name).casefold().replace(" ", "-", 1)))


def _entity(text: str, toks: list[_Tok], i: int, j: int, kind: str, rule: str, ctx: LinkContext) -> Entity:
    """A capitalized-name pattern's entity (`source` "pattern"; `rule` names the pattern), linked."""
    start, end = toks[i].start, toks[j].end
    span = text[start:end]
    found = link_mention(span, kind, "en", ctx)
    if found is not None and found.cut_start == 0 and found.cut_end == 0:
        return Entity(start, end, span, found.type, found.id, source="pattern", rule=rule, link_rule=found.rule)
    return Entity(start, end, span, kind, stable_id(span, kind, "en"), source="pattern", rule=rule,
                  link_rule="stable-id")


def _split_at_and(text: str, toks: list[_Tok], i: int, j: int, context: LinkContext) -> list[Entity]:
    """Places on each side of `and` in a run that is no name as a whole (`Benghazi and Misrata`)."""
    cuts = [k for k in range(i + 1, j) if toks[k].text == "and"]
    if not cuts:
        return []
    parts = list(zip([i, *(k + 1 for k in cuts)], [*(k - 1 for k in cuts), j], strict=True))
    found = [_classify(text, toks, a, b, context) for a, b in parts]
    return [e for e in found if e is not None and e.rule == "en:capitalized-place"]


def english_entities(text: str, context: LinkContext) -> list[Entity]:
    """Entities in English text: KB aliases first (longest match), then capitalized-name patterns."""
    toks = _tokens(text)
    taken = [False] * len(toks)
    out: list[Entity] = []
    i = 0
    while i < len(toks):
        found = _kb_match(text, toks, i)
        if found is None:
            i += 1
            continue
        entity, used = found
        whole = _town_with_word_before(text, toks, i, entity)
        if whole is not None and out and out[-1].end > whole.start:
            whole = None
        out.append(whole or entity)
        for k in range(i - (whole is not None), i + used):
            taken[k] = True
        i += used
    for i, j in _runs(text, toks, taken):
        named = _classify(text, toks, i, j, context)
        if named is not None:
            out.append(named)
        else:  # Benghazi and Misrata: the names on each side of "and"
            out += _split_at_and(text, toks, i, j, context)
    return sorted(out, key=lambda e: (e.start, -e.end))


def lowercase_ministries(text: str) -> list[Entity]:
    """Ministries named in lower case by the concepts of `lang/en/org_words.tsv` before `ministry`
    (the model and the capitalized-name patterns see no name there); ids as `_entity` gives them.

    >>> [(e.text, e.type) for e in lowercase_ministries("Sudan's health ministry said; a new ministry")]
    [('health ministry', 'ORG')]
    """
    from rasad.kb.org_names import word_entry

    out = []
    for m in _LOWERCASE_MINISTRY.finditer(text):
        words = m.group(1).split()
        while words and not _ministry_word(words[0], word_entry):
            words = words[1:]  # "the", "its", "said the": not part of the name
        if not words or not all(_ministry_word(w, word_entry) for w in words):
            continue
        start = m.end() - len(" ".join([*words, "ministry"]))
        span = text[start : m.end()]
        out.append(Entity(start, m.end(), span, "ORG", stable_id(span, "ORG", "en"), source="pattern",
                          rule="en:ministry-lowercase", link_rule="stable-id"))
    return out


def _ministry_word(word: str, entry: Any) -> bool:
    found = entry(word, "en")
    return found is not None and found.role not in ("skip", "head", "force") and bool(found.concept)

