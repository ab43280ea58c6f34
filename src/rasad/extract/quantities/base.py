"""The scanner's state over one text and its helpers over tokens and context phrases."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rasad.article import Quantity, TimeExpression
from rasad.extract.counted import events, glossary
from rasad.extract.numbers import Lexicon, clitic_variants, lexicon, written_forms

from .found import Found
from .tokens import tokenize


@dataclass(frozen=True)
class PhraseEdges:
    """The first and last words of a table of context phrases, and the folded words whose
    `clitic_variants` may be a one-word phrase (`written_forms`): a quick reject before the lookups."""

    firsts: frozenset[str]
    lasts: frozenset[str]
    single_forms: frozenset[str]


_EDGES: dict[tuple[int, str], tuple[dict[tuple[str, ...], str], PhraseEdges]] = {}


def phrase_edges(phrases: dict[tuple[str, ...], str], lang: str) -> PhraseEdges:
    """`PhraseEdges` of a phrase table (the lexicon's tables live as long as the process: memoised
    per table, which is kept so that its id stays its own)."""
    known = _EDGES.get((id(phrases), lang))
    if known is None or known[0] is not phrases:
        edges = PhraseEdges(frozenset(k[0] for k in phrases if k), frozenset(k[-1] for k in phrases if k),
                            written_forms((k[0] for k in phrases if len(k) == 1), lang))
        known = _EDGES[(id(phrases), lang)] = (phrases, edges)
    return known[1]


class ScannerBase:
    """One text's tokens, language data and what earlier passes found; helpers over tokens."""

    def __init__(self, text: str, lang: str, times: Sequence[TimeExpression] = ()) -> None:
        self.text = text
        self.lang = lang if lang in ("ar", "fa", "en") else "und"
        self.lex: Lexicon = lexicon(lang)
        self.toks = tokenize(text)
        self.times = [t for t in times if t.end > t.start]
        self.gloss = glossary()
        self.taken: set[int] = set()
        self.month_end: dict[int, int] = {}  # token index of a month name -> token index after it
        self.main_group = self._main_group()
        self.events = events(self.lang)
        self.last_event: tuple[str, str] | None = None  # the event of the last counted number
        word_toks = [t for t in self.toks if t.kind == "word"]
        self.disaster = self.events.is_disaster([t.text for t in word_toks], [t.norm for t in word_toks])

    def word(self, i: int) -> str:
        return self.toks[i].norm if 0 <= i < len(self.toks) else ""

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "word"

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i and j touch (no space between)."""
        return 0 <= i < j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def phrase_at(self, i: int, phrases: dict[tuple[str, ...], str] | None) -> tuple[int, str] | None:
        """Longest context phrase starting at token i: (length, label)."""
        if not phrases:
            return None
        if 0 <= i < len(self.toks):
            edges, norm = phrase_edges(phrases, self.lang), self.toks[i].norm
            if norm not in edges.firsts and norm not in edges.single_forms:
                return None  # no phrase begins with the word, nor with it without a clitic: most words
        for n in (3, 2, 1):
            if i + n > len(self.toks):
                continue
            key = tuple(self.toks[k].norm for k in range(i, i + n))
            if key in phrases:
                return n, phrases[key]
            if n == 1 and self.is_word(i):
                for variant in clitic_variants(self.toks[i].text, self.lang):
                    if (variant,) in phrases:
                        return 1, phrases[(variant,)]
        return None

    def phrase_before(self, i: int, phrases: dict[tuple[str, ...], str] | None) -> int | None:
        """Length of the longest phrase ending just before token i."""
        if not phrases:
            return None
        if 0 < i <= len(self.toks):
            edges, norm = phrase_edges(phrases, self.lang), self.toks[i - 1].norm
            if norm not in edges.lasts and norm not in edges.single_forms:
                return None  # no phrase ends with the word, nor with it without a clitic: most words
        for n in (3, 2, 1):
            if i - n < 0:
                continue
            key = tuple(self.toks[k].norm for k in range(i - n, i))
            if key in phrases:
                return n
            if n == 1 and any((v,) in phrases for v in clitic_variants(self.toks[i - 1].text, self.lang)):
                return 1
        return None

    def role(self, name: str) -> dict[tuple[str, ...], str]:
        return self.lex.context.get(name, {})

    def _main_group(self) -> str | None:
        counts: Counter[str] = Counter()
        words = [t.text for t in self.toks if t.kind == "word"]
        begins = self.gloss.beginnings(("group",), self.lang)
        starters = {w for w, folded in {(t.text, t.norm) for t in self.toks if t.kind == "word"}
                    if begins.may_begin(folded) and self.gloss.may_start(w, self.lang, ("group",))}
        for k in range(len(words)):
            if words[k] not in starters:
                continue
            hit = self.gloss.match(words[k : k + 4], self.lang, ("group",))
            if hit:
                counts[hit[0].label] += 1
        return counts.most_common(1)[0][0] if counts else None

    def token_range(self, start: int, end: int) -> list[int]:
        """Indices of the tokens inside [start, end) (tokens are in text order and do not overlap)."""
        first = bisect_left(self.toks, start, key=lambda t: t.start)
        last = first
        while last < len(self.toks) and self.toks[last].end <= end:
            last += 1
        return list(range(first, last))

    def quantity(self, start: int, end: int, value: float | None, kind: str, rule: str) -> Quantity:
        return Quantity(start=start, end=end, text=self.text[start:end], value=value, kind=kind, rule=rule)

    def start_token(self, found: Found) -> int:
        """Token index where the expression's span starts (approximators and الـ included)."""
        k = found.first
        if found.span_start is not None:
            while k > 0 and self.toks[k - 1].start >= found.span_start:
                k -= 1
        return k

    def clause_words(self, start: int, step: int, limit: int) -> list[int]:
        """Up to `limit` word tokens from `start` going by `step`, stopping at a break or a number."""
        out: list[int] = []
        k = start
        while 0 <= k < len(self.toks) and len(out) < limit:
            tok = self.toks[k]
            if tok.kind != "word" or k in self.taken or (step > 0 and tok.newline_before and out):
                break
            out.append(k)
            if step < 0 and tok.newline_before:
                break
            k += step
        return out
