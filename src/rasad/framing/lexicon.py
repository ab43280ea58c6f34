"""Loaded labels and their neutral counterparts, found in text (`lang/<iso>/loaded_terms.tsv`).

Each entry is matched word by word on rasad's matching key: Arabic and Persian words through
`rasad.kb.names.arabic_word_key` (alef, hamza, ta marbuta, yeh, diacritics and ZWNJ folded, the
article ال dropped), English words case-folded. The first word of an Arabic match may carry the
proclitics و ف ب ل ك (لل for li + al-), cut as the knowledge-base gazetteer cuts them
(`arabic_variants`), and left out of the span. A one-word Arabic entry written with the article
(المقاومة, "the resistance") matches only a word written with it (not مقاومة السمنة, "resisting
obesity"); one written without (إرهابيين) matches both. Only spaces, hyphens, tatweel and ZWNJ may stand
between the words of a match, and quotation marks (ميليشيا “قسد”, whose closing quote the span then
takes); other punctuation or a line break ends it, but for the dots of `U.S.`. The longest entry wins.

>>> [(t.text, t.neutral, t.category) for t in find_loaded_terms("وأكد أن الاحتلال الأمريكي ينهب النفط", "ar")]
[('الاحتلال الأمريكي', 'US forces', 'occupation')]
>>> [t.text for t in find_loaded_terms("وقصفت طائرات التحالف مواقع لميليشيا قسد", "ar")]
['ميليشيا قسد']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from rasad.article import LoadedTerm
from rasad.kb.names import arabic_variants, arabic_word_key, letters_offset
from rasad.limits import MEMO_WORDS
from rasad.text.data import read_tsv
from rasad.text.normalize import matching_key
from rasad.text.tokens import Token, article, pattern, proclitics, tokenize

LANGS = ("ar", "fa", "en")
ARABIC_SCRIPT = frozenset({"ar", "fa"})
ARTICLE = article("ar")  # ال
_CLITIC_LETTERS = 5  # a form of a word is its folded key without up to three proclitic letters (ولل) and ال
ARTICLE_PROCLITICS = frozenset(p.prefix for p in proclitics("ar", "names") if p.restore == ARTICLE)  # لل: li + al-
WORD = pattern("name")  # letters, digits, marks and ZWNJ: a Persian word with its suffix is one word
_JOINERS = " \t\u00a0\u200c\u0640-\"“”«»‘’'"  # what may stand between the words of one label: ميليشيا “قسد”
_OPENING, _CLOSING = "\"“«‘", "\"”»’"


@dataclass(frozen=True)
class Entry:
    """One row of a lexicon: the label as listed, its neutral counterpart, category and notes."""

    term: str
    neutral: str
    category: str
    notes: str = ""
    article: bool = False  # an Arabic one-word term written with ال: matches only words with the article


@dataclass(frozen=True)
class Lexicon:
    """The entries of one language by their word keys, and the first keys (a quick reject)."""

    lang: str
    entries: dict[tuple[str, ...], Entry]
    firsts: frozenset[str]
    longest: int


def word_key(word: str, lang: str) -> str:
    """The matching key of one word: folded Arabic script without its article, or case-folded Latin.

    >>> word_key("الأمريكيّة", "ar") == word_key("امريكيه", "ar"), word_key("Zionist", "en")
    (True, 'zionist')
    """
    return arabic_word_key(word) if lang in ARABIC_SCRIPT else matching_key(word, lang)


def _words(text: str) -> list[Token]:
    return tokenize(text, "name")


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of `lang` (read once per process); empty for a language without one.

    >>> lexicon("fa").entries[("رژيم", "صهيونيستي")].neutral
    'Israel'
    """
    entries: dict[tuple[str, ...], Entry] = {}
    if lang in LANGS:
        for row in read_tsv(lang, "loaded_terms.tsv"):
            term, neutral, category = row[0].strip(), row[1].strip(), row[2].strip()
            key = tuple(word_key(w.text, lang) for w in _words(term))
            article = lang == "ar" and len(key) == 1 and matching_key(term).startswith(ARTICLE)
            entry = Entry(term, neutral, category, row[3].strip() if len(row) > 3 else "", article)
            known = entries.get(key)
            if key and (known is None or (known.article and not article)):  # the first row, or the broader
                entries[key] = entry
    return Lexicon(lang, entries, frozenset(k[0] for k in entries), max((len(k) for k in entries), default=0))


@lru_cache(maxsize=MEMO_WORDS)
def _first_forms(word: str, lang: str) -> tuple[tuple[str, int, bool], ...]:
    """(key, letters cut at the start, written with the article) of the forms of `word` that begin a
    label of `lang`'s lexicon (most words: none): Arabic without its proclitics too (لل is li + al-)."""
    firsts = lexicon(lang).firsts
    if lang != "ar":
        key = word_key(word, lang)
        return ((key, 0, False),) if key in firsts else ()
    folded = matching_key(word, lang).replace(" ", "")
    if not any(folded[cut:] in firsts for cut in range(min(_CLITIC_LETTERS, len(folded) - 1) + 1)):
        return ()  # no tail of the word that could be a form of it begins a label: most words
    return tuple((v.key, v.cut_start,
                  folded[v.cut_start:].startswith(ARTICLE) or folded[:v.cut_start] in ARTICLE_PROCLITICS)
                 for v in arabic_variants(word) if v.key in firsts)


Words = list[tuple[int, int, str]]  # (start, end, word), offsets into a text


def words_in(text: str, start: int = 0, end: int | None = None) -> Words:
    """`(start, end, word)` of the words (`name` tokens) of `text[start:end]`, offsets into `text`."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, len(text) if end is None else end)]


def find_loaded_terms(text: str, lang: str, start: int = 0, end: int | None = None,
                      words: Words | None = None) -> list[LoadedTerm]:
    """The loaded labels of `lang`'s lexicon in `text[start:end]` (offsets into `text`); `words`:
    `words_in(text, start, end)`, when the caller has them.

    >>> [(t.text, t.term) for t in find_loaded_terms("هاجم تروریست‌های آمریکایی", "fa")]
    [('تروریست\u200cهای آمریکایی', 'تروریست\u200cهای آمریکایی')]
    >>> [t.neutral for t in find_loaded_terms("Officials in the Kiev regime said", "en")]
    ['Ukrainian government']
    """
    lex = lexicon(lang)
    if not lex.entries:
        return []
    words = words_in(text, start, end) if words is None else words
    beginning = {word for word in {w for _, _, w in words} if _first_forms(word, lang)}  # most words begin none
    found: list[LoadedTerm] = []
    i = 0
    for at in [k for k, (_, _, word) in enumerate(words) if word in beginning]:
        if at < i:
            continue  # inside the label found before
        i = at
        match = _longest_at(text, words, i, _first_forms(words[i][2], lang), lex)
        if match is None:
            i += 1
            continue
        length, cut, entry = match
        first, last = words[i], words[i + length - 1]
        span_start, span_end = first[0] + (letters_offset(first[2], cut) if cut else 0), last[1]
        if text[span_end:span_end + 1] in _CLOSING and any(q in text[span_start:span_end] for q in _OPENING):
            span_end += 1  # the closing quote of a quoted name inside the label
        found.append(LoadedTerm(span_start, span_end, text[span_start:span_end], entry.neutral, entry.category,
                                entry.term, f"framing:lexicon-{lang}"))
        i += length
    return found


def _longest_at(text: str, words: list[tuple[int, int, str]], i: int, forms: tuple[tuple[str, int, bool], ...],
                lex: Lexicon) -> tuple[int, int, Entry] | None:
    """(words, letters cut, entry) of the longest label starting at word i (whose first-word `forms`
    begin a label), or None."""
    run = 1  # how many words from i stand joined by spaces or hyphens only
    while run < lex.longest and i + run < len(words):
        previous, gap = words[i + run - 1], text[words[i + run - 1][1]:words[i + run][0]].strip(_JOINERS)
        if gap and not (gap == "." and len(previous[2]) == 1):  # the dots of an abbreviation join: U.S.
            break
        run += 1
    rest = [word_key(w[2], lex.lang) for w in words[i + 1:i + run]]
    for length in range(run, 0, -1):
        for first, cut, with_article in forms:  # the word as written first, then without its proclitics
            entry = lex.entries.get((first, *rest[:length - 1]))
            if entry is not None and (with_article or not entry.article or length > 1):
                return length, cut, entry
    return None
