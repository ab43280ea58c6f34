"""Features of a pair of claims for stance (agree / disagree / other), as {name: value}.

Groups (a model records the ones it was trained with):
- `overlap`: word-stem Jaccard, the share of each side's stems found in the other, character
  trigram Jaccard, length ratio (raw and in bins);
- `diff`: the stems said by one side only (`-w` in the first claim only, `+w` in the second only);
- `diffpair`: pairs of them (`-w>+v`: a word replaced by another), when few words differ;
- `numbers`: the numbers of both sides the same, overlapping, different, or on one side only;
- `antonyms`: a word of one meaning on one side and of the opposite meaning on the other
  (`lang/ar/stance_antonyms.tsv`), by meaning group;
- `anchor`: the same shared word next to opposite words on the two sides ("الذهب يرتفع" against
  "هبوط الذهب");
- `negation`: a negating word on one side only (`lang/ar/stance_negation.txt`);
- `cosine`: the cosine of the two claims' sentence embeddings (multilingual e5-small), raw and in bins.

>>> f = pair_features("ارتفاع أسعار النفط", "انخفاض أسعار النفط", ("antonyms", "overlap"))
>>> f["ant_rise"], round(f["jac"], 2)
(1.0, 0.5)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rasad.text.data import read_tsv, read_words
from rasad.text.normalize import matching_key
from rasad.text.tokens import proclitics, suffixes, tokenize

GROUPS = ("overlap", "diff", "diffpair", "numbers", "antonyms", "anchor", "negation", "cosine")
COSINE_BINS = (0.75, 0.8, 0.83, 0.85, 0.87, 0.9, 0.93, 0.96)
MAX_DIFF_FOR_PAIRS = 4  # word-replacement pairs only when at most this many stems differ on each side
ANCHOR_WINDOW = (1, -1, 2, -2, 3, -3)  # where an opposite word looks for its shared word, nearest first
_DIGITS = re.compile(r"\d+")
MIN_STEM = 3  # letters a stem keeps when a clitic or suffix is stripped


def stem(word: str) -> str:
    """A folded word without its proclitics (the NER matcher's: و ف ب ل ك ال …) and one suffix
    (`lang/ar/suffixes.tsv`), keeping at least three letters.

    >>> stem(matching_key("والانسحابات")), stem(matching_key("يرتفع"))
    ('انسحاب', 'يرتفع')
    """
    for p in proclitics("ar", "ner"):
        if word.startswith(p.prefix) and len(word) - len(p.prefix) >= MIN_STEM:
            word = word[len(p.prefix):]
            break
    for s in suffixes("ar", "stance"):
        if word.endswith(s) and len(word) - len(s) >= MIN_STEM:
            return word[: -len(s)]
    return word


@dataclass(frozen=True)
class Claim:
    """One side of a pair: its folded words and their stems (numbers kept apart)."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    numbers: frozenset[str]
    key: str  # folded text without spaces (character trigrams)

    @classmethod
    def of(cls, text: str) -> Claim:
        """The claim's words, stems and numbers (digits folded; "و4" counts as 4).

        >>> sorted(Claim.of("قتل ١٢ شخصا و4 جرحى").numbers)
        ['12', '4']
        """
        words = tuple(matching_key(t.text) for t in tokenize(text, "word"))
        numbers = frozenset(n for w in words for n in _DIGITS.findall(w))
        return cls(words, tuple(stem(w) for w in words), numbers, matching_key(text).replace(" ", ""))

    def content(self) -> set[str]:
        return {s for s, w in zip(self.stems, self.words, strict=True) if not w.isdigit()}


@cache
def opposites() -> dict[str, frozenset[tuple[str, str]]]:
    """Stem → the (meaning group, side a|b) it belongs to, from `lang/ar/stance_antonyms.tsv`."""
    table: dict[str, set[tuple[str, str]]] = {}
    for group, side_a, side_b in read_tsv("ar", "stance_antonyms.tsv"):
        for side, cell in (("a", side_a), ("b", side_b)):
            for word in cell.split():
                table.setdefault(stem(matching_key(word)), set()).add((group, side))
    return {k: frozenset(v) for k, v in table.items()}


@cache
def negations() -> frozenset[str]:
    """The folded negating words of `lang/ar/stance_negation.txt`."""
    return frozenset(matching_key(w) for w in read_words("ar", "stance_negation.txt"))


def _meanings(claim: Claim) -> list[tuple[int, str, str]]:
    """(word index, meaning group, side) of each word of the claim found in the antonym table."""
    table = opposites()
    out: list[tuple[int, str, str]] = []
    for i, (word, st) in enumerate(zip(claim.words, claim.stems, strict=True)):
        for key in (word, st):
            if key in table:
                out.extend((i, group, side) for group, side in sorted(table[key]))
                break
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _add_scaled(f: dict[str, float], name: str, value: float) -> None:
    f[name] = value
    f[f"{name}_b{min(int(value * 10), 9)}"] = 1.0


def _overlap(f: dict[str, float], c1: Claim, c2: Claim) -> None:
    t1, t2 = c1.content(), c2.content()
    shared = t1 & t2
    g1 = {c1.key[i:i + 3] for i in range(len(c1.key) - 2)}
    g2 = {c2.key[i:i + 3] for i in range(len(c2.key) - 2)}
    _add_scaled(f, "jac", _jaccard(t1, t2))
    _add_scaled(f, "cov1", len(shared) / len(t1) if t1 else 0.0)
    _add_scaled(f, "cov2", len(shared) / len(t2) if t2 else 0.0)
    _add_scaled(f, "cjac", _jaccard(g1, g2))
    f["lenratio"] = min(len(c1.words), len(c2.words)) / max(len(c1.words), len(c2.words), 1)
    f["n_only1"] = min(len(t1 - t2), 6) / 6
    f["n_only2"] = min(len(t2 - t1), 6) / 6


def _numbers(f: dict[str, float], c1: Claim, c2: Claim) -> None:
    n1, n2 = c1.numbers, c2.numbers
    if n1 and n2:
        f["num_same" if n1 == n2 else ("num_overlap" if n1 & n2 else "num_diff")] = 1.0
    elif n1 or n2:
        f["num_one"] = 1.0


def _antonyms(f: dict[str, float], m1: list[tuple[int, str, str]], m2: list[tuple[int, str, str]]) -> None:
    s1 = {(g, s) for _, g, s in m1}
    s2 = {(g, s) for _, g, s in m2}
    only1, only2 = s1 - s2, s2 - s1
    for group, side in sorted(only1):
        f[f"lex-{group}{side}"] = 1.0
        if (group, "b" if side == "a" else "a") in only2:
            f["ant"] = 1.0
            f["ant_" + group] = 1.0
    for group, side in sorted(only2):
        f[f"lex+{group}{side}"] = 1.0


def _anchored(claim: Claim, meanings: list[tuple[int, str, str]], shared: set[str]) -> dict[tuple[str, str], set[str]]:
    """(shared stem, meaning group) → the sides of the opposite words next to that stem."""
    table = opposites()
    out: dict[tuple[str, str], set[str]] = {}
    for i, group, side in meanings:
        for step in ANCHOR_WINDOW:
            j = i + step
            if 0 <= j < len(claim.stems) and claim.stems[j] in shared and claim.stems[j] not in table:
                out.setdefault((claim.stems[j], group), set()).add(side)
                break
    return out


def _anchor(f: dict[str, float], c1: Claim, c2: Claim, m1: list[tuple[int, str, str]],
            m2: list[tuple[int, str, str]]) -> None:
    shared = {s for s in set(c1.stems) & set(c2.stems) if len(s) >= MIN_STEM}
    a1, a2 = _anchored(c1, m1, shared), _anchored(c2, m2, shared)
    for key in sorted(a1.keys() & a2.keys()):
        if a1[key] != a2[key] and len(a1[key]) == 1 and len(a2[key]) == 1:
            f["anchor_conflict"] = 1.0
            f["anchor_conflict_" + key[1]] = 1.0
        elif a1[key] == a2[key]:
            f["anchor_same"] = 1.0


def _negation(f: dict[str, float], c1: Claim, c2: Claim) -> None:
    neg = negations()
    n1 = {w for w in c1.words if w in neg}
    n2 = {w for w in c2.words if w in neg}
    f["lneg_xor"] = float(bool(n1) != bool(n2))
    f["lneg_both"] = float(bool(n1) and bool(n2))
    for w in sorted(n1 - n2):
        f["lneg-" + w] = 1.0
    for w in sorted(n2 - n1):
        f["lneg+" + w] = 1.0


def pair_features(s1: str, s2: str, groups: Sequence[str], cosine: float | None = None) -> dict[str, float]:
    """The features of the pair (`s1`, `s2`) in `groups` (see the module doc); `cosine` (the
    sentence-embedding cosine of the two) is needed for the `cosine` group.

    >>> sorted(k for k in pair_features("لم يفز الفريق", "فاز الفريق", ("negation",)) if k.startswith("lneg-"))
    ['lneg-لم']
    """
    unknown = set(groups) - set(GROUPS)
    if unknown:
        raise ValueError(f"unknown stance feature groups {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    c1, c2 = Claim.of(s1), Claim.of(s2)
    f: dict[str, float] = {"bias": 1.0}
    only1, only2 = c1.content() - c2.content(), c2.content() - c1.content()
    if "overlap" in groups:
        _overlap(f, c1, c2)
    if "diff" in groups:
        f.update({"-" + w: 1.0 for w in only1})
        f.update({"+" + w: 1.0 for w in only2})
    if "diffpair" in groups and len(only1) <= MAX_DIFF_FOR_PAIRS and len(only2) <= MAX_DIFF_FOR_PAIRS:
        f.update({f"{a}>{b}": 1.0 for a in only1 for b in only2})
    if "numbers" in groups:
        _numbers(f, c1, c2)
    if "antonyms" in groups or "anchor" in groups:
        m1, m2 = _meanings(c1), _meanings(c2)
        if "antonyms" in groups:
            _antonyms(f, m1, m2)
        if "anchor" in groups:
            _anchor(f, c1, c2, m1, m2)
    if "negation" in groups:
        _negation(f, c1, c2)
    if "cosine" in groups:
        if cosine is None:
            raise ValueError("the cosine feature group needs the pair's embedding cosine")
        f["cos"] = cosine
        for t in COSINE_BINS:
            f[f"cos>{t}"] = float(cosine > t)
    return {k: v for k, v in f.items() if v}  # zero-valued features carry nothing
