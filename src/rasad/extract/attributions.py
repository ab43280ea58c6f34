"""Attributions: on whose word an article says what it says.

For each sentence, a reporting cue (a verb such as قال / گفت / said, a relay verb such as نقلت … عن,
or a phrase such as بحسب / به گزارش / according to; `lang/<iso>/attribution.tsv`) is tied to the noun
phrase of its source:

- Arabic verbs open their clause (VSO): the source follows the verb, unless a source phrase comes
  first ("مصادر ميدانية تؤكد أن");
- Persian verbs close it (SOV): the source opens the clause ("منابع محلی … خبر دادند");
- English sources come before the verb ("officials said") or right after it ("said the ministry").

A source phrase ends at a stop word (a complementizer, a preposition, a time word), at punctuation,
or after `MAX_SOURCE_WORDS` words. Its kind: a person the entities stage tagged (`named_person`,
linked by entity id), else the first source noun in it (`مصادر` anonymous, `وزارة` official,
`وكالة` outlet, `تقرير` document; an analyst's title points back to the person named before it), else
an entity or outlet in it. An indefinite official with no name ("a Hezbollah official", "مسؤول أمني")
is anonymous, and so is any source the text says would not be named. "المصادر" / "این منابع" point
back to the last anonymous source and take its cited outlet.

The chain of each attribution is the article's outlet → the outlet credited in the same sentence
(`outlet_evidence`, "لـ سانا", "به خبرگزاری اسپوتنیک", "told Reuters") → the source.

>>> from rasad.article import Article, Source, Sentence
>>> art = Article(Source(sha256="x", format="txt"), "وذكرت مصادر أهلية أن الجسر انهار.", lang="ar")
>>> art.sentences = [Sentence(0, len(art.text))]
>>> [(a.source, a.source_kind, a.verb) for a in find_attributions(art)]
[('مصادر أهلية', 'anonymous', 'reported')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from rasad.article import Article, Attribution, Entity, OutletCitation, Sentence
from rasad.extract.phrases import CONJUNCTIONS, SentenceWords, SpanIndex, definite_ar, key
from rasad.kb.outlets import fold_text, registry
from rasad.pipeline import article_stage
from rasad.settings import Settings
from rasad.text.data import read_tsv

LANGS = ("ar", "fa", "en")
MAX_SOURCE_WORDS = 9
MAX_CLAUSE_WORDS = 60  # how far back a clause's start is looked for (a text with no punctuation stays linear)
RECENT = 20  # earlier attributions an anaphor, a surname or a title may point back to
KINDS = ("named_person", "official", "outlet", "anonymous", "document")


@dataclass(frozen=True)
class Lexicon:
    """One language's cues, as tuples of word keys (`matching_key`) mapped to their values."""

    verbs: dict[tuple[str, ...], str]
    via: dict[tuple[str, ...], str]
    preps: dict[tuple[str, ...], str]
    stops: frozenset[tuple[str, ...]]
    continuers: frozenset[str]
    nouns: dict[str, str]
    anaphors: dict[tuple[str, ...], str]
    anonymity: tuple[tuple[str, ...], ...]
    words: dict[str, frozenset[str]]  # one-word classes: clause, indefinite, definite, relay_from
    longest: int = 1  # words in the longest phrase
    starts: frozenset[str] = frozenset()  # first words of all phrases (a quick reject)


@cache
def lexicon(lang: str) -> Lexicon:
    """The cues of `lang` from `lang/<lang>/attribution.tsv`."""
    tables: dict[str, dict[tuple[str, ...], str]] = {}
    for row in read_tsv(lang, "attribution.tsv"):
        kind, phrase, value = row[0], row[1], (row[2] if len(row) > 2 else "")
        words = tuple(key(w) for w in phrase.split())
        if not words:
            raise ValueError(f"lang/{lang}/attribution.tsv: empty phrase in row {row!r}")
        tables.setdefault(kind, {})[words] = value
    unknown = set(tables) - {"verb", "via", "prep", "stop", "continue", "noun", "anaphor", "anonymity", *_WORD_CLASSES}
    if unknown:
        raise ValueError(f"lang/{lang}/attribution.tsv: unknown kinds {sorted(unknown)}")
    nouns = {" ".join(k): v for k, v in tables.get("noun", {}).items()}
    bad = set(nouns.values()) - {"anonymous", "official", "outlet", "document", "person", "unnamed"}
    if bad:
        raise ValueError(f"lang/{lang}/attribution.tsv: unknown noun kinds {sorted(bad)}")
    phrases = [p for kind in ("verb", "via", "prep", "stop", "anaphor") for p in tables.get(kind, {})]
    return Lexicon(
        longest=max(len(p) for p in phrases),
        starts=frozenset(p[0] for p in phrases),
        verbs=tables.get("verb", {}),
        via=tables.get("via", {}),
        preps=tables.get("prep", {}),
        stops=frozenset(tables.get("stop", {})),
        continuers=frozenset(" ".join(k) for k in tables.get("continue", {})),
        nouns=nouns,
        anaphors=tables.get("anaphor", {}),
        anonymity=tuple(tables.get("anonymity", {})),
        words={name: frozenset(" ".join(k) for k in tables.get(name, {})) for name in _WORD_CLASSES},
    )


_WORD_CLASSES = ("clause", "indefinite", "definite", "relay_from")


@dataclass
class _Found:
    """A cue and its source phrase, as word indexes into one sentence."""

    cue_start: int
    cue_end: int
    src_start: int
    src_end: int
    verb: str
    rule: str
    relay: tuple[int, int] | None = None  # the outlet that relays the source, e.g. "نقلت وكالة X عن"


def _source_after(words: SentenceWords, lex: Lexicon, i: int, lang: str = "") -> tuple[int, int]:
    """The source phrase starting at word i: up to a stop word, a clause break or MAX_SOURCE_WORDS
    (empty when word i is a stop: "وأوضح أن …" names no source). In Arabic a definite phrase ends at
    the first word without ال that is not part of a name: "قيادة التحالف | تقارير"."""
    end = i
    definite = False
    if i < len(words.keys) and words.breaks[i]:  # وأضاف: "…" — a quotation, not a source, follows
        return i, i
    while end < len(words.keys) and end - i < MAX_SOURCE_WORDS:
        if words.phrase_at(end, lex.stops, lex.longest, conj=False):
            break
        if end > i and (words.breaks[end] or words.phrase_at(end, lex.verbs, lex.longest, conj=True)):
            break
        if lang == "ar" and end > i and definite and not definite_ar(words.keys[end]) \
                and not words.named[end] and words.keys[end] not in lex.continuers:
            break
        if end == i and words.named[i] and words.entity_end[i] > i + 1:  # "مديرية الدفاع المدني | السيطرة"
            after = words.entity_end[i]
            if after < len(words.keys) and _noun_kind(words, lex, after, after + 1) is not None:
                end = after  # "a World Health Organization report": the noun after the name heads the phrase
                continue
            return i, after if after >= len(words.keys) or not words.named[after] else after + 1
        definite = definite or definite_ar(words.keys[end]) or words.named[end]
        end += 1
    return i, end


def _noun_kind(words: SentenceWords, lex: Lexicon, start: int, end: int) -> tuple[str, int] | None:
    """The kind of the first source noun in words[start:end] and its index."""
    for i in range(start, end):
        for n in (2, 1):
            phrase = " ".join(words.keys[i:i + n]) if i + n <= end else ""
            for candidate in (phrase, *_stripped(phrase)):
                if candidate in lex.nouns:
                    return lex.nouns[candidate], i
    return None


def _stripped(noun: str) -> Iterator[str]:
    """A noun key without a conjunction and without the Arabic article: والمصادر → المصادر, مصادر."""
    if noun[:1] in CONJUNCTIONS and len(noun) > 3:
        noun = noun[1:]
        yield noun
    if noun.startswith("ال") and len(noun) > 4:
        yield noun[2:]


def _cues(words: SentenceWords, lex: Lexicon, lang: str) -> Iterator[_Found]:
    """Every cue of the sentence with its source phrase."""
    i = 0
    starts, conj = words.starts, lang == "ar"
    while i < len(words.keys):
        first = words.keys[i]
        if first not in starts and not (conj and first[1:] in starts):
            i += 1  # no phrase of any table starts here (`phrase_at`'s own test, once for the three)
            continue
        prep = words.phrase_at(i, lex.preps, lex.longest, conj=lang == "ar")
        if prep:
            s, e = _source_after(words, lex, i + prep[0], lang)
            if e > s:
                yield _Found(i, i + prep[0], s, e, prep[1], f"{lang}:prep")
            i += prep[0]
            continue
        via = words.phrase_at(i, lex.via, lex.longest, conj=lang == "ar") if lang == "ar" else None
        if via:
            found = _relay(words, lex, i, via[0], via[1], lang)
            if found:
                yield found
                i = found.src_end
                continue
        verb = words.phrase_at(i, lex.verbs, lex.longest, conj=lang == "ar")
        if verb:
            found = _verb_source(words, lex, i, verb[0], verb[1], lang)
            if found:
                yield found
            i += verb[0]
            continue
        i += 1


def _relay(words: SentenceWords, lex: Lexicon, i: int, n: int, verb: str, lang: str) -> _Found | None:
    """"نقلت وكالة سانا عن مصادر أهلية": the relaying outlet, then the source after عن."""
    s, e = _source_after(words, lex, i + n, lang)
    clause_start = _clause_start(words, i)
    relay = (s, e) if e > s else None
    if relay is not None and not _names_outlet(words, lex, *relay):
        return None  # "نقل البيانات عن بعد": a transfer, not a relay
    if relay is None and clause_start < i:  # "وكالة سانا نقلت عن …": the relaying outlet came first
        relay = (clause_start, i)
    j = e
    relay_from = lex.words["relay_from"]
    while j < len(words.keys) and j - e < 4 and words.keys[j] not in relay_from:
        j += 1
    if j < len(words.keys) and words.keys[j] in relay_from:
        src = _source_after(words, lex, j + 1, lang)
        if src[1] > src[0]:
            return _Found(i, j + 1, src[0], src[1], verb, f"{lang}:relay", relay)
    return None


def _names_outlet(words: SentenceWords, lex: Lexicon, s: int, e: int) -> bool:
    noun = _noun_kind(words, lex, s, e)
    if noun is not None and noun[0] == "outlet":
        return True
    return _outlet_in(" ".join(t.text for t in words.tokens[s:e])) is not None


def _clause_start(words: SentenceWords, i: int, clause_words: frozenset[str] = frozenset()) -> int:
    """The first word of the clause holding word i: after punctuation, or (Persian, English) after
    a conjunction: "… حمله کردند و | منابع محلی خبر دادند"."""
    start = i
    while start > 0 and i - start < MAX_CLAUSE_WORDS and not words.breaks[start] \
            and words.keys[start - 1] not in clause_words:
        start -= 1
    return start


def _verb_source(words: SentenceWords, lex: Lexicon, i: int, n: int, verb: str, lang: str) -> _Found | None:
    clause = _clause_start(words, i, lex.words["clause"])
    if lang == "ar":
        before = _noun_kind(words, lex, clause, i)
        if before is not None and i - clause <= MAX_SOURCE_WORDS:  # "مصادر ميدانية تؤكد أن"
            s, e = _trim_before(words, lex, clause, i)
            return _Found(i, i + n, s, e, verb, "ar:source-verb")
        s, e = _source_after(words, lex, i + n, lang)
        return _Found(i, i + n, s, e, verb, "ar:verb-source") if e > s else None
    if lang == "fa" or i > clause:
        s, e = _trim_before(words, lex, clause, i)
        if e > s:
            return _Found(i, i + n, s, e, verb, f"{lang}:source-verb")
    if lang == "en":  # "…," said the ministry
        s, e = _source_after(words, lex, i + n, lang)
        if e > s:
            return _Found(i, i + n, s, e, verb, "en:verb-source")
    return None


def _trim_before(words: SentenceWords, lex: Lexicon, clause: int, verb_at: int) -> tuple[int, int]:
    """The source phrase opening a clause: from the clause start to the first stop word."""
    start = clause
    if start < verb_at and words.phrase_at(start, lex.stops, lex.longest, conj=False):
        start += 1  # a clause opened by "و"/"that"-like words
    end = start
    while end < verb_at and end - start < MAX_SOURCE_WORDS:
        if end > start and words.phrase_at(end, lex.stops, lex.longest, conj=False):
            break
        end += 1
    return start, end


def _credit_in(citations: Sequence[OutletCitation], start: int, end: int) -> OutletCitation | None:
    for citation in citations:
        if citation.role != "publisher" and start <= citation.start < end:
            return citation
    return None


@dataclass
class _Source:
    kind: str
    entity_id: str | None = None


def _classify(
    words: SentenceWords, lex: Lexicon, lang: str, s: int, e: int, article: Article,
    entities: SpanIndex[Entity], anonymous_said: bool, previous: Sequence[Attribution],
) -> _Source:
    start, end = words.tokens[s].start, words.tokens[e - 1].end
    inside = [x for x in entities.starting_in(start, end) if x.end <= end]
    if _outlet_in(article.text[start:end]) is not None:  # "گروه بین‌الملل دفاع‌پرس", "مراسل الوطن"
        return _Source("outlet")
    people = [x for x in inside if x.type == "PER"]
    noun = _noun_kind(words, lex, s, e)
    if people and not anonymous_said and (noun is None or noun[0] != "document"):
        return _Source("named_person", people[0].entity_id)
    if noun is not None:
        kind, at = noun
        if kind == "person":  # "الخبير السوري", "the analyst": the person named before (or after) it
            named = next((a for a in reversed(previous) if a.source_kind == "named_person"), None)
            return _Source("named_person", named.entity_id if named else None)
        if anonymous_said or (kind == "unnamed" and _indefinite(words, lex, lang, s, at)):
            return _Source("anonymous")
        return _Source("official" if kind == "unnamed" else kind)
    surname = _known_person(words, s, e, previous)
    if surname is not None:
        return surname
    body = [x for x in inside if x.type in ("ORG", "GPE", "LOC") and x.start == start]
    if body:  # "وقال مجلس الأمن", not "أكد استعداد لبنان" (a statement about Lebanon, no source)
        return _Source("official", body[0].entity_id)
    return _Source("")


def _outlet_in(text: str) -> str | None:
    """The first registry outlet named in `text` (a source phrase or the words around a cue)."""
    for match in registry().scan(fold_text(text)):
        if not match.alias.ambiguous or match.quoted or match.has_noun:
            return match.outlet.name
    return None


def _known_person(words: SentenceWords, s: int, e: int, previous: Sequence[Attribution]) -> _Source | None:
    """"وأضاف رحمون": a short source that is part of a person named earlier in the article."""
    if e - s > 2:
        return None
    text = " ".join(words.keys[s:e])
    for earlier in reversed(previous):
        if earlier.source_kind == "named_person" and text in [*key(earlier.source).split(" "), key(earlier.source)]:
            return _Source("named_person", earlier.entity_id)
    return None


def _contains(keys: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(keys[i:i + n]) == phrase for i in range(len(keys) - n + 1))


def _indefinite(words: SentenceWords, lex: Lexicon, lang: str, s: int, at: int) -> bool:
    """An indefinite head noun: "a Hezbollah official", "مسؤول أمني", "یک مقام" (not "المسؤول")."""
    head = words.keys[at]
    if lang == "en":  # "a Hezbollah official", "Kurdish security officials"; not "the ministry's official"
        first = words.keys[s]
        return first in lex.words["indefinite"] or (first not in lex.words["definite"] and not words.named[s])
    if lang == "fa":
        return at == s or words.keys[at - 1] in lex.words["indefinite"]
    following = words.keys[at + 1] if at + 1 < len(words.keys) else ""
    return not definite_ar(head) and not definite_ar(following) and not words.named[min(at + 1, len(words.keys) - 1)]


def find_attributions(article: Article) -> list[Attribution]:
    """The attributions of `article`, in text order (needs `sentences`, `entities`, `outlet_evidence`)."""
    lang = article.lang if article.lang in LANGS else None
    if lang is None:
        return []
    lex = lexicon(lang)
    entities, evidence = SpanIndex(article.entities), SpanIndex(article.outlet_evidence)
    out: list[Attribution] = []
    for sentence in article.sentences:
        out.extend(_sentence_attributions(article, sentence, lex, lang, out[-RECENT:],
                                          entities.starting_in(sentence.start, sentence.end),
                                          evidence.starting_in(sentence.start, sentence.end)))
    _resolve_forward(out)
    return out


def _resolve_forward(attributions: list[Attribution]) -> None:
    """A title named before its person ("الخبير السوري" …, later "رحمون") takes the nearest named
    person after it."""
    for i, attribution in enumerate(attributions):
        if attribution.source_kind == "named_person" and attribution.entity_id is None:
            later = next((a for a in attributions[i + 1:i + 1 + RECENT]
                          if a.entity_id and a.source_kind == "named_person"), None)
            if later is not None:
                attribution.entity_id = later.entity_id


def _sentence_attributions(
    article: Article, sentence: Sentence, lex: Lexicon, lang: str, previous: list[Attribution],
    entities: Sequence[Entity], evidence: Sequence[OutletCitation],
) -> list[Attribution]:
    text = article.text[sentence.start:sentence.end]
    words = SentenceWords.of(text, sentence.start, lex.starts, entities)
    sentence_entities = SpanIndex(entities)
    present = set(words.keys)
    anonymous_said = any(phrase[0] in present and _contains(words.keys, phrase) for phrase in lex.anonymity)
    found: list[Attribution] = []
    for cue in _cues(words, lex, lang):
        src_start, src_end = words.tokens[cue.src_start].start, words.tokens[cue.src_end - 1].end
        recent = [*previous, *found[-RECENT:]][-RECENT:]
        source = _classify(words, lex, lang, cue.src_start, cue.src_end, article, sentence_entities, anonymous_said,
                           recent)
        if not source.kind:
            continue
        anaphor = words.phrase_at(cue.src_start, lex.anaphors, lex.longest, conj=lang == "ar")
        cited = _credit_in(evidence, sentence.start, sentence.end)
        cited_name = cited.outlet if cited else _outlet_in(_between(article.text, words, cue))
        if cue.relay is not None and cited_name is None:
            r_start, r_end = words.tokens[cue.relay[0]].start, words.tokens[cue.relay[1] - 1].end
            cited_name = article.text[r_start:r_end]
        if anaphor is not None and anaphor[0] == cue.src_end - cue.src_start and cited_name is None:
            antecedent = next((a for a in reversed(recent) if a.source_kind == "anonymous"), None)
            cited_name = antecedent.cited_outlet if antecedent else None
        if source.kind == "outlet" and cited_name and cited_name == _outlet_in(article.text[src_start:src_end]):
            cited_name = None  # the source is the outlet itself
        cue_start, cue_end = words.tokens[cue.cue_start].start, words.tokens[cue.cue_end - 1].end
        start, end = min(cue_start, src_start), max(cue_end, src_end)
        found.append(Attribution(
            start=start, end=end, text=article.text[start:end],
            source=article.text[src_start:src_end], source_kind=source.kind,
            source_start=src_start, source_end=src_end, verb=cue.verb,
            cited_outlet=cited_name, entity_id=source.entity_id,
            chain=_chain(article.outlet, cited_name, article.text[src_start:src_end], source.kind),
            rule=cue.rule,
        ))
    return found


def _between(text: str, words: SentenceWords, cue: _Found) -> str:
    """The words between the source and its verb ("منابع آگاه | به ایرنا | گفتند"), or after the
    source up to the clause's end ("قال X | لسانا | إن")."""
    if cue.src_end <= cue.cue_start:
        a, b = cue.src_end, cue.cue_start
    else:
        a, b = cue.src_end, cue.src_end
        while b < len(words.keys) and b - a < 4 and not words.breaks[b]:
            b += 1
    if b <= a:
        return ""
    return text[words.tokens[a].start:words.tokens[b - 1].end]


def _chain(outlet: str | None, cited: str | None, source: str, kind: str) -> list[dict[str, str]]:
    """outlet → cited outlet → source, leaving out the links the article does not give."""
    chain = []
    if outlet:
        chain.append({"role": "outlet", "name": outlet})
    if cited and cited != outlet:
        chain.append({"role": "cited_outlet", "name": cited})
    chain.append({"role": "source", "name": source, "kind": kind})
    return chain


@article_stage(
    "attributions",
    requires=("text", "lang", "sentences", "entities", "outlet", "outlet_evidence"),
    assigns=("attributions",),
)
def attributions_stage(article: Article, settings: Settings) -> Article:
    """Who each statement is attributed to: the source, its kind, the credited outlet, the chain."""
    article.attributions = find_attributions(article)
    return article
