"""Assigning an article and its claims to catalogue narratives, with a score and the evidence.

Text is folded with `rasad.text.fold.NARRATIVE` (letter variants, marks, tatweel, hamza, ZWNJ as a space,
Arabic-Indic digits, ASCII letters lower-cased; offsets kept), so spelling variants match. An
Arabic-script phrase may carry proclitics (و ف ب ل ك, and لل for ال) and any ending, and its words may be
written apart, with a ZWNJ or joined (Persian sites that strip ZWNJs); a Latin phrase matches whole
words (a trailing `*` allows any ending).

The score adds `CLAIM_POINTS` per claim that fits a claim pattern (at most `MAX_CLAIMS` counted),
`PHRASE_POINTS` per distinct key phrase (at most `MAX_PHRASES`) and `ENTITY_POINTS` when the article
names an entity of every key-entity group. An article is assigned when the score reaches the
narrative's `min_score` and at least one claim or phrase matched (key entities alone never assign).
Phrases are found left to right without overlapping: of two overlapping phrases, the one that starts
first (at one start, the longer) counts.

>>> from rasad.narratives.catalogue import Narrative
>>> n = Narrative("x", "X", "d", phrases={"ar": ("إعادة تدوير",)})
>>> [m.text for m in phrase_hits("وقال إن الهدف هو اعادة تدويرهم", "ar", phrase_matchers((n,))["x"])]
['اعادة تدوير']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from rasad.article import Article
from rasad.narratives.catalogue import PHRASE_LANGS, ClaimPattern, Narrative
from rasad.text.fold import NARRATIVE, FoldedText, fold, fold_text
from rasad.text.tokens import proclitic_letters

CLAIM_POINTS = 2.0
PHRASE_POINTS = 1.0
ENTITY_POINTS = 1.0
MAX_CLAIMS = 3
MAX_PHRASES = 4
SNIPPET = 40  # characters of context on each side of a matched phrase
RULE_CLAIM = "narrative:claim-pattern"
RULE_PHRASE = "narrative:phrase"
RULE_ENTITIES = "narrative:entities"
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def fold_for_match(text: str) -> str:
    """The folding phrases and texts are compared in (offsets kept).

    >>> fold_for_match("الأمريكیة ISIS")
    'الامريكيه isis'
    """
    return fold(text, NARRATIVE)


def term_pattern(term: str) -> str:
    """The regex (over folded text) of one phrase or role word; a word ending in `*` takes any ending.

    >>> bool(re.fullmatch(term_pattern("recycl* ISIS"), "recycling isis"))
    True
    """
    stem = term.endswith("*")
    words = [w for w in fold_for_match(term).split() if w.rstrip("*")]
    if not words:
        return r"(?!x)x"

    def word(w: str) -> str:
        return re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "")

    if _ARABIC_SCRIPT.search(words[0]):
        body = r"\s*".join(word(w) for w in words)
        clitics = proclitic_letters("ar", "conj", "prep")
        if words[0].startswith("ال"):
            body = rf"(?:[{clitics}]{{0,2}}ال|[وف]?لل)" + body[len("ال"):]
            return rf"(?<!\w){body}"
        return rf"(?<!\w)[{clitics}]{{0,2}}{body}"
    body = r"\s+".join(word(w) for w in words)
    return rf"(?<!\w){body}" + ("" if stem else r"(?!\w)")


@dataclass(frozen=True)
class PhraseMatcher:
    """The key phrases of one narrative in one language: a regex per phrase, and an anchor (the
    phrase's longest folded word) that must occur in the folded text before the regex runs."""

    phrases: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class PhraseHit:
    phrase: str  # the catalogue's phrase
    lang: str
    start: int
    end: int
    text: str  # the article's text at [start, end)
    field: str  # text | title
    snippet: str = ""  # the match with some context, for reading


def _anchor(phrase: str) -> str:
    """The longest folded word of a phrase (without `*` or a leading ال, which proclitics may change)."""
    words = [w.rstrip("*") for w in fold_for_match(phrase).split()]
    longest = max(words, key=len, default="")
    return longest[2:] if longest.startswith("ال") and len(longest) > 3 else longest


@cache
def _compile(phrases: tuple[str, ...]) -> PhraseMatcher:
    return PhraseMatcher(phrases, tuple(re.compile(term_pattern(p)) for p in phrases),
                         tuple(_anchor(p) for p in phrases))


@lru_cache(maxsize=8)
def _prepare(text: str) -> FoldedText:
    """`text` folded once for all the narratives matched against it."""
    return fold_text(text, NARRATIVE)


def phrase_matchers(narratives: Sequence[Narrative]) -> dict[str, dict[str, PhraseMatcher]]:
    """Per narrative id, per language, the compiled phrase matcher."""
    return {n.id: {lang: _compile(tuple(words)) for lang, words in n.phrases.items() if words} for n in narratives}


def phrase_hits(text: str, lang: str, matchers: dict[str, PhraseMatcher], field_name: str = "text") -> list[PhraseHit]:
    """The key phrases found in `text`: the article's language's phrases (all languages' when the
    article's language has none)."""
    langs = [lang] if lang in matchers else [x for x in PHRASE_LANGS if x in matchers]
    if not langs or not text:
        return []
    prepared = _prepare(text)
    found: list[tuple[int, int, str, str]] = []
    for code in langs:
        matcher = matchers[code]
        for phrase, regex, anchor in zip(matcher.phrases, matcher.regexes, matcher.anchors, strict=True):
            if anchor in prepared.folded:
                found.extend((m.start(), m.end(), phrase, code) for m in regex.finditer(prepared.folded))
    hits: list[PhraseHit] = []
    last_end = -1
    for f_start, f_end, phrase, code in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
        if f_start < last_end:
            continue  # overlaps a phrase found before (left to right, longest first)
        last_end = f_end
        start, end = prepared.span(f_start, f_end)
        hits.append(PhraseHit(phrase, code, start, end, text[start:end], field_name))
    return hits


@cache
def _term_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(term_pattern(t) for t in terms if ":" not in t) or r"(?!x)x")


def _role_fits(claim: dict[str, Any], role: str, alternatives: tuple[str, ...]) -> bool:
    span = claim.get(role) or {}
    if span.get("entity_id") and span["entity_id"] in alternatives:
        return True
    texts = [span.get("text") or ""]
    if role == "patient":
        texts.append((claim.get("quantity") or {}).get("counted") or "")
    regex = _term_regex(alternatives)
    return any(t and regex.search(fold_for_match(t)) for t in texts)


def claim_fits(claim: dict[str, Any], pattern: ClaimPattern, sentence_entities: Iterable[str]) -> bool:
    """Whether a claim (a record of `articles.jsonl`'s `claims`) fills the pattern.

    >>> claim = {"action": "transfer", "actor": {"text": "قوات الاحتلال", "entity_id": "org:us-forces"},
    ...          "patient": {"text": "إرهابيي داعش", "entity_id": None}, "sentence": "نقلت قوات الاحتلال إرهابيي داعش"}
    >>> claim_fits(claim, ClaimPattern(actor=("org:us-forces",), action=("transfer",), patient=("داعش",)), [])
    True
    """
    if pattern.action and claim.get("action") not in pattern.action:
        return False
    for role in ("actor", "patient"):
        alternatives = getattr(pattern, role)
        if alternatives and not _role_fits(claim, role, alternatives):
            return False
    if pattern.mentions:
        entities = set(sentence_entities)
        if not entities & set(pattern.mentions) and not _term_regex(pattern.mentions).search(
                fold_for_match(str(claim.get("sentence") or ""))):
            return False
    return True


@dataclass
class Assignment:
    """One article's fit to one narrative: the score and what matched."""

    narrative: str
    article: str
    score: float
    claims: list[dict[str, Any]] = field(default_factory=list)
    phrases: list[PhraseHit] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)

    def evidence(self) -> dict[str, Any]:
        """The evidence as written to narratives.json: claims, phrases (with snippets), entities."""
        return {
            "claims": self.claims,
            "phrases": [{"phrase": h.phrase, "lang": h.lang, "field": h.field, "start": h.start, "end": h.end,
                         "text": h.text, "snippet": h.snippet, "rule": RULE_PHRASE}
                        for h in self.phrases],
            "entities": {"ids": self.entities, "rule": RULE_ENTITIES} if self.entities else None,
        }


def _snippet(text: str, start: int, end: int) -> str:
    left, right = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    return ("…" if left else "") + text[left:right].replace("\n", " ") + ("…" if right < len(text) else "")


def _claim_evidence(claim: dict[str, Any], pattern_index: int, pattern: ClaimPattern) -> dict[str, Any]:
    return {"claim": claim.get("id"), "start": claim.get("start"), "end": claim.get("end"),
            "action": claim.get("action"), "english": claim.get("english"), "pattern": pattern_index,
            "matched": pattern.describe(), "rule": RULE_CLAIM}


def assign(article: Article, narrative: Narrative, matchers: dict[str, PhraseMatcher]) -> Assignment | None:
    """The article's fit to the narrative, or None when it does not reach `min_score`."""
    entity_ids = {e.entity_id for e in article.entities if e.entity_id}
    claims: list[dict[str, Any]] = []
    for claim in article.claims:
        start, end = claim.get("start") or 0, claim.get("end") or 0
        inside = [e.entity_id for e in article.entities if e.entity_id and start <= e.start < end]
        for index, pattern in enumerate(narrative.claims):
            if claim_fits(claim, pattern, inside):
                claims.append(_claim_evidence(claim, index, pattern))
                break
    hits = phrase_hits(article.text, article.lang, matchers)
    if article.title and article.title not in article.text[: len(article.title) + 200]:
        hits += phrase_hits(article.title, article.lang, matchers, "title")
    distinct = {fold_for_match(h.phrase) for h in hits}
    groups = [sorted(entity_ids & set(g)) for g in narrative.entities]
    entities = sorted({i for g in groups for i in g}) if groups and all(groups) else []
    score = (CLAIM_POINTS * min(len(claims), MAX_CLAIMS) + PHRASE_POINTS * min(len(distinct), MAX_PHRASES)
             + (ENTITY_POINTS if entities else 0.0))
    if score < narrative.min_score or not (claims or hits):
        return None
    hits = [replace(h, snippet=_snippet(article.title or "" if h.field == "title" else article.text, h.start, h.end))
            for h in hits]
    return Assignment(narrative.id, article.id, round(score, 2), claims, hits, entities)


def phrase_claims(article: Article, hits: Iterable[PhraseHit]) -> list[str]:
    """Ids of the article's claims whose sentence holds one of the phrase hits."""
    out = []
    spans = [(h.start, h.end) for h in hits if h.field == "text"]
    for claim in article.claims:
        start, end = claim.get("start") or 0, claim.get("end") or 0
        if any(start <= s and e <= end for s, e in spans):
            out.append(str(claim.get("id")))
    return out
