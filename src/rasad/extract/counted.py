"""What a number counts: map the noun phrase after a number to an English label.

The glossary is data (`rasad/lang/counted_glossary.tsv`): noun stems in Arabic, Persian and English,
group names (داعش → ISIS) and anaphors (التنظيم → the group the article names most).

>>> glossary().noun(["إرهابيي"], "ar")[0].label
'terrorists'
>>> glossary().label_with_group(glossary().noun(["تروریست"], "fa")[0], "ISIS")
'ISIS members'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rasad.extract.numbers import clitic_variants, fold, written_forms
from rasad.limits import MEMO_WORDS
from rasad.text.data import read_tsv

# Endings stripped (on folded words) to reach a glossary stem: plural, oblique, nisba, Persian plural/ezafe.
SUFFIXES = ("هاي", "ها", "ين", "ون", "ات", "ان", "يي", "ي", "ه", "ا", "s", "es")
MIN_STEM = 3
MEMO_LIMIT = MEMO_WORDS  # memoised lookups kept before the memo is reset


@dataclass(frozen=True)
class GlossaryEntry:
    lang: str
    words: tuple[str, ...]  # folded
    label: str
    role: str  # noun | group | anaphor | counter
    with_group: str = ""
    raw: str = ""  # the term as written in the glossary


@lru_cache(maxsize=MEMO_WORDS)
def stems(word: str) -> tuple[str, ...]:
    """Candidate stems of a folded word, the word itself first: `ارهابيين` → `ارهابي`, ..."""
    out = [word]
    frontier = [word]
    for _ in range(2):
        nxt = []
        for w in frontier:
            for suffix in SUFFIXES:
                if w.endswith(suffix) and len(w) - len(suffix) >= MIN_STEM:
                    stem = w[: -len(suffix)]
                    if stem not in out:
                        out.append(stem)
                        nxt.append(stem)
        frontier = nxt
    return tuple(out)


@lru_cache(maxsize=MEMO_WORDS)
def word_forms(word: str, lang: str) -> frozenset[str]:
    """All forms a text word may match: clitic variants and their stems."""
    return frozenset(stem for variant in clitic_variants(word, lang) for stem in stems(variant))


# Every form of a word (`word_forms`: the folded word without a leading clitic, then without
# endings) is a piece of the folded word. So a word none of whose three-letter pieces opens one of
# some keys (and that holds none of the keys shorter than that) has no form among those keys: a test
# far cheaper than building the forms of every new word.
PIECE = 3


@dataclass(frozen=True)
class Openings:
    """The first `PIECE` letters of some keys, and the keys shorter than that."""

    openings: frozenset[str]
    short: tuple[str, ...]

    @classmethod
    def of(cls, keys: Iterable[str]) -> Openings:
        unique = set(keys)
        return cls(frozenset(k[:PIECE] for k in unique if len(k) >= PIECE),
                   tuple(sorted(k for k in unique if len(k) < PIECE)))

    def may_hold(self, folded: str) -> bool:
        """False when no key can be a piece of `folded` (then no form of the word is a key).

        >>> Openings.of(["ارهابي"]).may_hold("والارهابيين"), Openings.of(["ارهابي"]).may_hold("قال")
        (True, False)
        """
        openings = self.openings
        return any(folded[i : i + PIECE] in openings for i in range(len(folded) - PIECE + 1)) or any(
            k in folded for k in self.short)


HEAD = 5  # letters of a written key compared first: a proclitic and the article (وال) and two more


@dataclass(frozen=True)
class Beginnings:
    """How a folded word must begin for one of its `word_forms` to be one of some keys: each form is
    the start of the word, or of the word after a proclitic (and the article), so one of the keys so
    written (`written_forms`) begins the word. Kept by their first `HEAD` letters, and the shorter
    ones whole: a few set lookups reject most words before their forms are built."""

    heads: frozenset[str]
    short: frozenset[str]
    lengths: tuple[int, ...]  # of the short ones

    @classmethod
    def of(cls, keys: Iterable[str], lang: str) -> Beginnings:
        written = written_forms(keys, lang)
        short = frozenset(w for w in written if len(w) < HEAD)
        heads = frozenset(w[:HEAD] for w in written if len(w) >= HEAD)
        return cls(heads, short, tuple(sorted({len(w) for w in short})))

    def may_begin(self, folded: str) -> bool:
        """False when no form of the word (folded: `fold`) can be one of the keys.

        >>> Beginnings.of(["ارهابي"], "ar").may_begin("والارهابيين"), Beginnings.of(["ارهابي"], "ar").may_begin("قال")
        (True, False)
        """
        return folded[:HEAD] in self.heads or any(folded[:n] in self.short for n in self.lengths)


class Glossary:
    """Lookup of counted nouns, groups and anaphors by folded word sequence.

    Entries are indexed by the stems of their first word, so a lookup only tests the few entries
    whose first word can match; results are memoised per (words, lang, roles).
    """

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.entries = tuple(entries)
        # Per language: its own entries first, then the others; longest terms first.
        self._ordered = {lang: self._ordered_for(lang) for lang in ("ar", "fa", "en", "und")}
        self._rank = {lang: {id(e): n for n, e in enumerate(order)} for lang, order in self._ordered.items()}
        self._by_stem: dict[str, list[GlossaryEntry]] = {}
        for entry in self.entries:
            for stem in stems(entry.words[0]):
                self._by_stem.setdefault(stem, []).append(entry)
        self._memo: dict[tuple[tuple[str, ...], str, tuple[str, ...]], tuple[GlossaryEntry, int] | None] = {}
        self._starts: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        self._openings: dict[tuple[str, ...], Openings] = {}  # per roles: the stems of their entries
        self._beginnings: dict[tuple[tuple[str, ...], str], Beginnings] = {}  # per roles and language

    def _ordered_for(self, lang: str) -> tuple[GlossaryEntry, ...]:
        own = [e for e in self.entries if e.lang == lang]
        rest = [e for e in self.entries if e.lang != lang]
        return tuple(sorted(own, key=lambda e: -len(e.words)) + sorted(rest, key=lambda e: -len(e.words)))

    def _candidates(self, first: str, lang: str) -> list[GlossaryEntry]:
        """Entries whose first word may match the text word `first`, in lookup order."""
        seen: dict[int, GlossaryEntry] = {}
        for form in word_forms(first, lang):
            for entry in self._by_stem.get(form, ()):
                seen[id(entry)] = entry
        rank = self._rank.get(lang, self._rank["und"])
        return sorted(seen.values(), key=lambda e: rank[id(e)])

    def may_start(self, word: str, lang: str, roles: tuple[str, ...]) -> bool:
        """Whether an entry with a role in `roles` may begin with the text word `word`: when not,
        `match` finds nothing (a cheap test, memoised per word, before a lookup per word sequence).

        >>> glossary().may_start("داعش", "ar", ("group",)), glossary().may_start("قال", "ar", ("group",))
        (True, False)
        """
        key = (word, lang, roles)
        if key not in self._starts:
            if len(self._starts) >= MEMO_LIMIT:
                self._starts.clear()
            if not self._role_openings(roles).may_hold(fold(word)):
                self._starts[key] = False  # no stem of such an entry is even a piece of the word
            else:
                forms = word_forms(word, lang)
                self._starts[key] = any(e.role in roles for form in forms for e in self._by_stem.get(form, ()))
        return self._starts[key]

    def beginnings(self, roles: tuple[str, ...], lang: str) -> Beginnings:
        """How a word must begin for `may_start(word, lang, roles)` to hold (a quick reject before it)."""
        found = self._beginnings.get((roles, lang))
        if found is None:
            stems_of_roles = (stem for stem, entries in self._by_stem.items() if any(e.role in roles for e in entries))
            found = self._beginnings[(roles, lang)] = Beginnings.of(stems_of_roles, lang)
        return found

    def _role_openings(self, roles: tuple[str, ...]) -> Openings:
        found = self._openings.get(roles)
        if found is None:
            stems_of_roles = (stem for stem, entries in self._by_stem.items() if any(e.role in roles for e in entries))
            found = self._openings[roles] = Openings.of(stems_of_roles)
        return found

    def match(
        self, words: Sequence[str], lang: str, roles: Sequence[str]
    ) -> tuple[GlossaryEntry, int] | None:
        """The longest entry with a role in `roles` matching at the start of `words`, and its length."""
        if not words:
            return None
        key = (tuple(words[:4]), lang, tuple(roles))
        if key not in self._memo:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = self._match(key[0], lang, key[2])
        return self._memo[key]

    def _match(
        self, words: tuple[str, ...], lang: str, roles: tuple[str, ...]
    ) -> tuple[GlossaryEntry, int] | None:
        candidates = [e for e in self._candidates(words[0], lang) if e.role in roles]
        if not candidates:
            return None  # most word sequences: no entry begins with the first word
        forms = [word_forms(w, lang) for w in words]
        best: tuple[GlossaryEntry, int] | None = None
        for exact_pass in (True, False):
            for entry in candidates:
                if len(entry.words) > len(words):
                    continue
                if best and len(entry.words) <= best[1]:
                    continue
                if entry.lang == "en" and entry.role == "group" and entry.words[-1].isascii():
                    ok = " ".join(words[: len(entry.words)]) == entry.raw
                elif exact_pass:
                    ok = all(k in clitic_variants(w, lang) for k, w in zip(entry.words, words, strict=False))
                else:
                    ok = all(not f.isdisjoint(stems(k)) for k, f in zip(entry.words, forms, strict=False))
                if ok:
                    best = (entry, len(entry.words))
            if best:
                return best
        return best

    def noun(self, words: Sequence[str], lang: str) -> tuple[GlossaryEntry, int] | None:
        return self.match(words, lang, ("noun", "counter", "group"))

    def group(self, words: Sequence[str], lang: str) -> tuple[GlossaryEntry, int] | None:
        return self.match(words, lang, ("group", "anaphor"))

    @staticmethod
    def label_with_group(entry: GlossaryEntry, group: str | None) -> str:
        """The English label of a counted noun, combined with a group name when it takes one."""
        if entry.role == "group":
            return f"{entry.label} members"
        if group and entry.with_group:
            return entry.with_group.format(group=group)
        if group and entry.role == "noun" and group.lower() not in entry.label.lower():
            return f"{group} {entry.label}"  # ۱۲ خودروی داعش → ISIS vehicles
        return entry.label


def _lines() -> tuple[tuple[str, ...], ...]:
    return read_tsv("", "counted_glossary.tsv")


@cache
def glossary() -> Glossary:
    """The counted-noun glossary, loaded once per process."""
    entries = []
    for row in _lines():
        lang, term, label, role = row[0], row[1], row[2], row[3]
        with_group = row[4] if len(row) > 4 else ""
        entries.append(GlossaryEntry(lang, tuple(fold(term).split()), label, role, with_group, term))
    return Glossary(entries)


@dataclass(frozen=True)
class CountedEvents:
    """Event words of one language (what happened to the counted), disaster words and label heads.

    >>> events("ar").at(["ومقتل"])
    ('killed', 'person', 1)
    """

    by_first: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]  # first word -> (words, label, role)
    person_heads: frozenset[str]
    status: frozenset[tuple[str, str]]  # (head, participle) pairs where the head names the event
    lang: str

    def at(self, words: Sequence[str]) -> tuple[str, str, int] | None:
        """The longest event or disaster term at the start of `words`: (label, role, length)."""
        if not words:
            return None
        later: list[str] | None = None  # folded only when a term may start here
        for form in word_forms(words[0], self.lang):
            for terms, label, role in self.by_first.get(form, ()):
                later = [fold(w) for w in words[1:4]] if later is None else later
                if list(terms[1:]) == later[: len(terms) - 1]:
                    return label, role, len(terms)
        return None

    def is_disaster(self, words: Sequence[str], folded: Sequence[str] | None = None) -> bool:
        """Whether any of `words` starts a disaster term (earthquake, flood, accident ...); `folded`:
        the words folded (`fold`), when the caller has them (a quick reject of most words)."""
        begins = _disaster_beginnings(self.lang)
        return any((folded is None or begins.may_begin(folded[n])) and _may_start_disaster(word, self.lang)
                   and (hit := self.at(words[n : n + 4])) is not None and hit[1] == "disaster"
                   for n, word in enumerate(words))


@lru_cache(maxsize=1 << 16)
def _may_start_disaster(word: str, lang: str) -> bool:
    """Whether a form of `word` may be the first word of a disaster term of `lang` (memoised)."""
    if not _disaster_openings(lang).may_hold(fold(word)):
        return False  # the cheap test: most words
    return not events(lang).by_first.keys().isdisjoint(word_forms(word, lang))


@cache
def _disaster_openings(lang: str) -> Openings:
    """The first words of the disaster terms of `lang`'s event lexicon, as `Openings`."""
    by_first = events(lang).by_first
    return Openings.of(first for first, terms in by_first.items() if any(role == "disaster" for _, _, role in terms))


@cache
def _disaster_beginnings(lang: str) -> Beginnings:
    """How a word must begin to be the first word of a disaster term of `lang` (`is_disaster`)."""
    by_first = events(lang).by_first
    firsts = (first for first, terms in by_first.items() if any(role == "disaster" for _, _, role in terms))
    return Beginnings.of(firsts, lang)


@cache
def events(lang: str) -> CountedEvents:
    """The event lexicon of `lang` (plus the English label heads), loaded once per process."""
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    heads: set[str] = set()
    status: set[tuple[str, str]] = set()
    codes = [lang] if lang in ("ar", "fa", "en") else ["ar", "fa", "en"]
    for code in dict.fromkeys([*codes, "en"]):
        for row in read_tsv(code, "counted_events.tsv"):
            term, label, role = row[:3]
            if role == "person_head":
                heads.add(term)
            elif role == "status":
                status.add((term, label))
            elif code in codes:
                words = tuple(fold(term).split())
                by_first.setdefault(words[0], []).append((words, label, role))
    ordered = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in by_first.items()}
    return CountedEvents(ordered, frozenset(heads), frozenset(status), lang)
