"""Reading one number at a token: digits (with a scale word), number words and compounds, vague
amounts (`المئات`, `dozens`) and Arabic duals of counted nouns (`طائرتين`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rasad.extract.counted import GlossaryEntry, glossary
from rasad.extract.numbers import (
    NumberWord,
    as_number,
    as_teen,
    ascii_digits,
    can_follow,
    clitic_variants,
    compose,
    compose_since,
    fold,
    has_conjunction,
    lexicon,
    lookup_vague,
    lookup_word,
    parse_digits,
    written_forms,
)
from rasad.limits import MEMO_WORDS
from rasad.text.tokens import proclitic_letters

from .dates import DateScanner
from .found import Found

_DECIMAL_COMMA = re.compile(r"(\d+),(\d{1,2})")
# Arabic dual endings, and what the singular ends with instead
DUAL_SUFFIXES = (("تان", "ة"), ("تين", "ة"), ("ان", ""), ("ين", ""))
DUAL_ENDINGS = tuple(suffix for suffix, _ in DUAL_SUFFIXES)


class NumberParser(DateScanner):
    """Parses the number expression starting at a token into a `Found`."""

    def starts(self) -> list[int]:
        """The token indices where `parse_at` or `dual_at` can find anything, in order: digits, or a
        word that is a number word, a vague amount or a dual noun (one memoised test per distinct word)."""
        lex_lang, lang = self.lex.lang, self.lang
        forms, duals = _number_forms(lex_lang), DUAL_ENDINGS if lang == "ar" else ()
        return [i for i, tok in enumerate(self.toks)
                if tok.kind == "num" or (tok.kind == "word" and (tok.norm in forms or tok.text.endswith(duals))
                                         and _word_may_start(tok.text, lex_lang, lang))]

    def parse_at(self, i: int) -> Found | None:
        tok = self.toks[i]
        if tok.kind == "num":
            return self.parse_digits_at(i)
        if tok.kind != "word":
            return None
        vague = self.parse_vague_at(i)
        return vague or self.parse_words_at(i)

    def parse_digits_at(self, i: int) -> Found | None:
        value = parse_digits(self.toks[i].text) or self.decimal_comma(i)
        if value is None:
            return None
        found = Found(i, i + 1, value, digits=True)
        j = i + 1
        if self.is_word(j) and not self.toks[j].newline_before and not self.phrase_at(j, self.role("percent")):
            entry = lookup_word(self.toks[j].text, self.lex)
            if entry and (
                entry.type in ("scale", "plural", "hundred")
                or (entry.type == "abbrev" and self.adjacent(i, j))
            ):
                factor = 100 if entry.type == "hundred" else entry.value
                found.value = as_number(round(value * factor, 6))
                found.last = j + 1
            elif self.adjacent(i, j) and self.word(j) in ("st", "nd", "rd", "th"):
                found.ordinal, found.last = True, j + 1
        prev = i - 1
        if (self.is_word(prev) and self.adjacent(prev, i)
                and (self.word(prev) == "ال" or self.toks[prev].text.endswith("\u0640"))):
            found.definite, found.span_start = True, self.toks[prev].start  # الـ62
        return found

    def decimal_comma(self, i: int) -> float | None:
        """`2,5 مليار`, `13,6 في المائة`: a comma before one or two digits is a decimal comma when a scale
        word or a percent follows."""
        m = _DECIMAL_COMMA.fullmatch(self.toks[i].text)
        if m is None:
            return None
        entry = lookup_word(self.toks[i + 1].text, self.lex) if self.is_word(i + 1) else None
        percent = i + 1 < len(self.toks) and self.phrase_at(i + 1, self.role("percent")) is not None
        if not percent and (entry is None or entry.type not in ("scale", "plural")):
            return None
        return float(f"{parse_digits(m.group(1))}.{ascii_digits(m.group(2))}")

    def parse_vague_at(self, i: int) -> Found | None:
        rng = lookup_vague(self.toks[i].text, self.lex)
        if rng is None:
            return None
        low, high = rng
        j = i + 1
        k = j + 1 if self.word(j) == "of" and self.is_word(j + 1) else j
        entry = lookup_word(self.toks[k].text, self.lex) if self.is_word(k) else None
        scale_range = lookup_vague(self.toks[k].text, self.lex) if self.is_word(k) else None
        if entry and entry.type in ("scale", "plural") and entry.value >= 1000 and low < 1000:
            low, high, j = low * entry.value, (high + 1) * entry.value - 1, k + 1
        elif scale_range and low < 1000 and scale_range[0] >= 2000:  # مئات الآلاف, tens of thousands
            unit = scale_range[0] // 2
            low, high, j = low * unit, (high + 1) * unit - 1, k + 1
        return Found(i, j, None, low=low, high=high, vague=True, approximate=True)

    def parse_words_at(self, i: int) -> Found | None:
        entries: list[NumberWord] = []
        j = i
        since_scale = 0
        while j < len(self.toks):
            tok = self.toks[j]
            if entries and tok.newline_before:
                break
            conj = False
            k = j
            if entries and tok.kind == "punct" and tok.text == "-" and self.adjacent(j - 1, j):
                k = j + 1  # twenty-eight
            elif entries and tok.norm in ("و", "and"):
                conj, k = True, j + 1
            if not self.is_word(k):
                break
            entry = lookup_word(self.toks[k].text, self.lex)
            if entry is None or entry.type in ("block", "abbrev"):
                break
            if not entries and entry.type == "plural":
                break
            if entries:
                conj = conj or has_conjunction(self.toks[k].text, self.lex)
                entry = as_teen(entry, entries[-1], conj)
                if not can_follow(entries[-1], entry, conj, since_scale):
                    break
            entries.append(entry)
            since_scale = 0 if entry.type in ("scale", "plural", "whole") else compose_since(entries)
            j = k + 1
        if not entries:
            return None
        if len(entries) == 1 and not self.single_word_ok(entries[0], j):
            return None
        return Found(i, j, compose(entries), ordinal=any(e.type == "ordinal" for e in entries))

    def single_word_ok(self, entry: NumberWord, nxt: int) -> bool:
        """Weak number words stand alone only before a counter (or, for `weak`, a counted noun)."""
        if entry.flags == "compound":
            return False
        if entry.flags not in ("weak", "article"):
            return True
        words = [t.text for t in self.toks[nxt : nxt + 4] if t.kind == "word"]
        if not words or not self.is_word(nxt):
            return False
        roles = ("counter",) if entry.flags == "article" else ("counter", "noun")
        hit = self.gloss.match(words, self.lang, roles)
        return hit is not None and hit[0].label not in ("times",)

    def dual_at(self, i: int) -> Found | None:
        """An indefinite Arabic dual of a counted noun (مروحيتان، طائرتين، دفعتين) counts two; a dual
        adjective after it (طائرتين مسيرتين) is the same two and names them. Definite duals
        (المسيرتين) refer back to a count already made and are skipped."""
        entry = self.dual_noun(i)
        if entry is None:
            return None
        last = i + 1
        more = self.dual_noun(last)
        if more is not None:
            entry, last = more, last + 1
        found = Found(i, last, 2, kind="count", after=last, dual=True)
        word = self.toks[i].text
        clitic = fold(word[0]) in proclitic_letters("ar", "conj", "prep")
        if len(word) > 5 and clitic and self.dual_noun_text(word[1:]) is not None:
            found.span_start = self.toks[i].start + 1  # وصاروخين: the conjunction is not the number
        found.counted = entry.label
        found.counted_text = self.text[self.toks[i].start : self.toks[last - 1].end]
        return found

    def dual_noun(self, i: int) -> GlossaryEntry | None:
        """The glossary noun whose indefinite Arabic dual is token i, if any."""
        if self.lang != "ar" or not self.is_word(i) or i in self.taken:
            return None
        return self.dual_noun_text(self.toks[i].text)

    def dual_noun_text(self, word: str) -> GlossaryEntry | None:
        """The glossary noun whose indefinite Arabic dual is `word` (see `dual_noun`)."""
        return _dual_noun(word, self.lang)

    @staticmethod
    def dual_not_plural(stem: str) -> bool:
        """Whether `stem` + ين reads as a dual (صاروخين، جنديين) rather than a sound masculine plural:
        participles (مسلحين، معتقلين) and nisba adjectives (مدنيين، سوريين) take the plural ين."""
        bare = fold(stem)
        for prefix in ("و", "ف", "ب", "ل", "ك"):
            if bare.startswith(prefix) and len(bare) > 4:
                bare = bare[1:]
                break
        return not bare.startswith(("م", "ال")) and not bare.endswith("ي")


@cache
def _number_forms(lex_lang: str) -> frozenset[str]:
    """The folded words whose variants may be number words or vague amounts of `lexicon(lex_lang)`
    (`written_forms`): a quick reject before `_word_may_start`."""
    lex = lexicon(lex_lang)
    return written_forms(set(lex.words) | set(lex.vague), lex_lang)


@lru_cache(maxsize=MEMO_WORDS)
def _word_may_start(word: str, lex_lang: str, lang: str) -> bool:
    """`NumberParser.may_start` for a word token: the first tests of `parse_vague_at`,
    `parse_words_at` and `dual_noun`, memoised per word (`lex_lang` names the number lexicon)."""
    lex = lexicon(lex_lang)
    if lookup_vague(word, lex) is not None:
        return True
    entry = lookup_word(word, lex)
    if entry is not None and entry.type not in ("block", "abbrev", "plural"):
        return True
    return lang == "ar" and _dual_noun(word, lang) is not None


@lru_cache(maxsize=MEMO_WORDS)
def _dual_noun(word: str, lang: str) -> GlossaryEntry | None:
    """`NumberParser.dual_noun_text`, memoised: it depends only on the word and the language."""
    if fold(word).startswith("لل") or any(v.startswith("ال") for v in clitic_variants(word, lang)):
        return None
    for suffix, singular in DUAL_SUFFIXES:
        stem = word[: -len(suffix)] + singular if word.endswith(suffix) else ""
        if len(stem) < 3:
            continue
        people_only = len(stem) == 3  # شخصين; short stems are too often other words (شهرين)
        if suffix == "ين" and not NumberParser.dual_not_plural(stem):
            continue
        hit = glossary().match([stem], lang, ("noun",))
        if hit and people_only and hit[0].label != "people":
            continue
        if hit and any(tuple(fold(v).split()) == hit[0].words for v in clitic_variants(stem, lang)):
            return hit[0]
    return None
