"""What a number counts: map the noun phrase after a number to an English label.

The glossary is data (`rasad/lang/counted_glossary.tsv`): noun stems in Arabic, Persian and English,
group names (داعش → ISIS) and anaphors (التنظيم → the group the article names most).

>>> glossary().noun(["إرهابيي"], "ar")[0].label
'terrorists'
>>> glossary().label_with_group(glossary().noun(["تروریست"], "fa")[0], "ISIS")
'ISIS members'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rasad.extract.numbers import clitic_variants, fold

# Endings stripped (on folded words) to reach a glossary stem: plural, oblique, nisba, Persian plural/ezafe.
SUFFIXES = ("هاي", "ها", "ين", "ون", "ات", "ان", "يي", "ي", "ه", "ا", "s", "es")
MIN_STEM = 3


@dataclass(frozen=True)
class GlossaryEntry:
    lang: str
    words: tuple[str, ...]  # folded
    label: str
    role: str  # noun | group | anaphor | counter
    with_group: str = ""
    raw: str = ""  # the term as written in the glossary


def stems(word: str) -> list[str]:
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
    return out


def word_forms(word: str, lang: str) -> list[str]:
    """All forms a text word may match: clitic variants, then their stems."""
    forms: list[str] = []
    for variant in clitic_variants(word, lang):
        for stem in stems(variant):
            if stem not in forms:
                forms.append(stem)
    return forms


class Glossary:
    """Lookup of counted nouns, groups and anaphors by folded word sequence."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.entries = tuple(entries)
        # Per language: its own entries first, then the others; longest terms first.
        self._ordered = {lang: self._ordered_for(lang) for lang in ("ar", "fa", "en", "und")}

    def _ordered_for(self, lang: str) -> tuple[GlossaryEntry, ...]:
        own = [e for e in self.entries if e.lang == lang]
        rest = [e for e in self.entries if e.lang != lang]
        return tuple(sorted(own, key=lambda e: -len(e.words)) + sorted(rest, key=lambda e: -len(e.words)))

    def match(
        self, words: Sequence[str], lang: str, roles: Sequence[str]
    ) -> tuple[GlossaryEntry, int] | None:
        """The longest entry with a role in `roles` matching at the start of `words`, and its length."""
        forms = [word_forms(w, lang) for w in words[:4]]
        best: tuple[GlossaryEntry, int] | None = None
        for exact_pass in (True, False):
            for entry in self._ordered.get(lang, self._ordered["und"]):
                if entry.role not in roles or len(entry.words) > len(words):
                    continue
                if best and len(entry.words) <= best[1]:
                    continue
                if entry.lang == "en" and entry.role == "group" and entry.words[-1].isascii():
                    ok = " ".join(words[: len(entry.words)]) == entry.raw
                elif exact_pass:
                    ok = all(k in clitic_variants(w, lang) for k, w in zip(entry.words, words, strict=False))
                else:
                    ok = all(
                        set(stems(k)) & set(f) for k, f in zip(entry.words, forms, strict=False)
                    )
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
        return entry.label


@cache
def _lines() -> tuple[tuple[str, ...], ...]:
    text = (files("rasad") / "lang" / "counted_glossary.tsv").read_text(encoding="utf-8")
    return tuple(
        tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def glossary() -> Glossary:
    """The counted-noun glossary, loaded once per process."""
    entries = []
    for row in _lines():
        lang, term, label, role = row[0], row[1], row[2], row[3]
        with_group = row[4] if len(row) > 4 else ""
        entries.append(GlossaryEntry(lang, tuple(fold(term).split()), label, role, with_group, term))
    return Glossary(entries)
