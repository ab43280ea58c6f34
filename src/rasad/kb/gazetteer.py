"""Find knowledge-base aliases in Arabic and Persian text (longest match, word boundaries).

A match starts at a word boundary; its first word may carry proclitics (و ف ب ل ك, لل), which are
left out of the span: in `وبالحسكة` the entity is `الحسكة`. In Persian, plural and copula suffixes on
the last word are left out the same way (`آمریکاست` → `آمریکا`). Between the words of a name only
spaces and hyphens may stand: a quotation mark ends the name (in `تنظيم “داعش”` the entity is
`داعش`). In Arabic text a one-word match must come from an Arabic alias (Persian العربیه for
Al Arabiya must not fire on Arabic العربية; Persian text may use Arabic names), and a word written
with the article ال must match an alias written with it (السورية, "the Syrian", is not سورية,
"Syria"); in Persian text, a word written without it does not match a Persian alias written with it
(جزیره, "island", is not الجزیره, Al Jazeera). Spans are code-point offsets into the text and
`text[start:end] == entity.text` always.

>>> [(e.text, e.entity_id) for e in find_aliases("ونقلت إلى سجن الصناعة بالحسكة", "ar")]
[('سجن الصناعة', 'fac:ghwayran-prison'), ('الحسكة', 'gpe:hasakah')]
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import cache, lru_cache
from typing import NamedTuple

from rasad.article import Entity
from rasad.kb.entities import knowledge_base, rank_hits
from rasad.kb.names import (
    Span,
    arabic_variants,
    arabic_word_key,
    letters_offset,
    letters_offset_from_end,
    persian_variants,
    word_spans,
)
from rasad.limits import MEMO_WORDS
from rasad.text.normalize import matching_key

# What may separate the words of one name: spaces (no line break), hyphens, tatweel.
_JOINER = re.compile(r"[ \t\u00a0\u200c\-ـ]*")


class _Word(NamedTuple):
    start: int
    end: int
    text: str


def _joined(text: str, left: Span, right: Span) -> bool:
    return _JOINER.fullmatch(text[left[1] : right[0]]) is not None


@cache
def _name_prefixes() -> frozenset[str]:
    """Every key of a KB alias cut before one of its spaces: the first words of a longer name.

    A span of words can only match a name of two or more words when its first words (folded and
    joined) are in this set, which rules out most spans with one lookup.
    """
    prefixes: set[str] = set()
    for key in knowledge_base().by_key:
        prefixes.update(key[:i] for i, ch in enumerate(key) if ch == " ")
    return frozenset(prefixes)


@lru_cache(maxsize=MEMO_WORDS)
def _may_start(word: str, lang: str) -> bool:
    """Whether a KB alias may start at this word: a form of it (`arabic_variants`) is a one-word key
    or the first word of a longer name, or (Persian) the word without a suffix is a one-word key.
    `_longest_at` finds nothing at the other words, most of a text."""
    kb = knowledge_base()
    prefixes = _name_prefixes()
    if lang != "fa" and not _some_tail_is_key(word, kb.by_key, prefixes):
        return False  # the cheap test first: most words are no name's first word
    if any(v.key in kb.by_key or v.key in prefixes for v in arabic_variants(word)):
        return True
    return lang == "fa" and any(v.key in kb.by_key for v in persian_variants(word)[1:])


# A form of a word (`arabic_variants`) is its folded key without a proclitic of up to three letters
# (ولل) and an article: always one of the folded word's tails that start in its first five letters.
_VARIANT_CUT = 5


def _some_tail_is_key(word: str, keys: Container[str], prefixes: frozenset[str]) -> bool:
    """Whether a tail of the folded word (`matching_key`, spaces out) that could be one of its forms
    is a key or a name's first words: when not, no form of the word is."""
    folded = matching_key(word, "ar").replace(" ", "")
    for cut in range(min(_VARIANT_CUT, len(folded) - 1) + 1):
        tail = folded[cut:]
        if tail in keys or tail in prefixes:
            return True
    return False


def find_aliases(text: str, lang: str) -> list[Entity]:
    """KB aliases found in an Arabic-script text, as entities with `source="gazetteer"`.

    >>> [e.text for e in find_aliases("حمله به زندان الصناعه در الحسکه", "fa")]
    ['زندان الصناعه', 'الحسکه']
    """
    kb = knowledge_base()
    words = word_spans(text)  # as `_Word`s only where a name may start: most are not
    out: list[Entity] = []
    i = 0
    while i < len(words):
        if not _may_start(words[i][2], lang):
            i += 1
            continue
        end = i + 1
        limit = min(len(words), i + kb.max_words)
        while end < limit and _joined(text, words[end - 1], words[end]):
            end += 1
        span = [_Word(*w) for w in words[i:end]]
        found = _longest_at(text, span, [arabic_word_key(w.text) for w in span], lang)
        if found is None:
            i += 1
            continue
        entity, used = found
        out.append(entity)
        i += used
    return out


def _longest_at(text: str, span: list[_Word], keys: list[str], lang: str) -> tuple[Entity, int] | None:
    """The longest KB alias at the start of `span` (words joined by spaces or hyphens only; `keys`
    are their `arabic_word_key`s)."""
    kb = knowledge_base()
    prefixes = _name_prefixes()
    firsts = arabic_variants(span[0].text)
    # For each form of the first word: how many words a name starting with it may have here. The
    # prefixes are closed under cutting (every shorter prefix of a prefix is one), so this is the
    # length of the run of spans whose first words are a name's first words.
    longest = []
    for first in firsts:
        prefix, n = first.key, 1
        while n < len(span) and prefix in prefixes:
            prefix += " " + keys[n]
            n += 1
        longest.append(n)
    for n in range(min(len(span), max(longest)), 0, -1):
        chosen = span[:n]
        for first, most in zip(firsts, longest, strict=True):
            if n > most:
                continue  # no name of n words starts with these words
            middle = keys[1 : n - 1]
            lasts = persian_variants(chosen[-1].text) if lang == "fa" else ()
            options: list[tuple[str, int]] = []
            if n == 1:
                options.append((first.key, 0))
                if first.cut_start == 0:
                    options += [(v.key, v.cut_end) for v in lasts[1:]]
            else:
                options.append((" ".join([first.key, *middle, keys[n - 1]]), 0))
                options += [(" ".join([first.key, *middle, v.key]), v.cut_end) for v in lasts[1:]]
            for key, cut_end in options:
                hits = kb.by_key.get(key, ())
                if hits and n == 1:
                    article = matching_key(chosen[0].text, lang)[first.cut_start :].startswith("ال")
                    langs = ("ar", "fa") if lang == "fa" else (lang,)
                    hits = tuple(h for h in hits if h.lang in langs and (h.article or not article)
                                 and (article or not h.article or h.lang != "fa"))  # جزیره is no الجزیره
                if not hits:
                    continue
                entity = rank_hits(hits, lang, None)[0]
                head, last = chosen[0], chosen[-1]
                start = head.start + (letters_offset(head.text, first.cut_start) if first.cut_start else 0)
                end = last.start + letters_offset_from_end(last.text, cut_end) if cut_end else last.end
                return Entity(start, end, text[start:end], entity.type, entity.id, source="gazetteer",
                              rule="gazetteer:kb", link_rule="kb:alias"), n
    return None
