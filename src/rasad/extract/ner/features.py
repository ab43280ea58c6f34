"""CRF features for Arabic and Persian NER.

A token is described by its normalized form, a clitic-stripped (Arabic) or suffix-stripped (Persian)
stem, affixes, shape, gazetteer membership, word-cluster ids learned from unlabeled news text and
cluster ids of multilingual (e5) word vectors, plus the same for its neighbours (±2).

>>> norm("أَحمد", "ar"), norm("می‌شود", "fa"), norm("علي", "fa")
('احمد', 'میشود', 'علی')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rasad.text.fold import NER_AR, NER_FA, fold
from rasad.text.tokens import proclitics, suffixes

_LATIN = re.compile(r"[A-Za-z]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


@dataclass
class Resources:
    """Lookup tables used by the features: word → cluster paths, word → gazetteer labels, word →
    cluster ids of its multilingual e5 vector (several granularities)."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: dict[str, frozenset[str]] = field(default_factory=dict)
    vectors: dict[str, tuple[str, ...]] = field(default_factory=dict)


def norm(word: str, lang: str) -> str:
    """Fold a word for lookup: no diacritics or tatweel, one alef/yeh/kaf form, ASCII digits,
    no ZWNJ in Persian, lower-case Latin (`rasad.text.fold.NER_AR`, `NER_FA`)."""
    return fold(word, NER_FA if lang == "fa" else NER_AR)


def stem(word: str, lang: str) -> tuple[str, str]:
    """(stem, stripped affix) of a normalized word: Arabic proclitics و ف ب ل ك + ال, Persian
    plural/adjective suffixes.

    >>> stem("والرئيس", "ar"), stem("کتابها", "fa")
    (('رئيس', 'وال'), ('کتاب', 'ها'))
    """
    if lang == "fa":
        for suf in suffixes("fa", "ner"):
            if word.endswith(suf) and len(word) - len(suf) >= 3:
                return word[: -len(suf)], suf
        return word, ""
    for pre in _ar_prefixes():
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            return word[len(pre) :], pre
    return word, ""


@cache
def _ar_prefixes() -> tuple[str, ...]:
    """Arabic proclitics stripped for the stem feature (lang/ar/proclitics.tsv, used by: ner)."""
    return tuple(p.prefix for p in proclitics("ar", "ner"))


def shape(word: str) -> str:
    if word.isdigit():
        return "D"
    if any(c.isdigit() for c in word):
        return "DX"
    if _LATIN.search(word):
        return "L"
    if _ARABIC_LETTER.search(word):
        return "A"
    return "P"


def _token_base(word: str, lang: str, res: Resources) -> dict[str, str]:
    """The per-token descriptors that neighbours also reuse."""
    n = norm(word, lang)
    st, affix = stem(n, lang)
    base = {"w": n, "st": st, "af": affix, "s3": n[-3:], "sh": shape(n)}
    cl = res.clusters.get(n) or res.clusters.get(st)
    if cl:
        for i, c in enumerate(cl):
            if c:
                base[f"c{i}"] = c
    vc = res.vectors.get(n) or res.vectors.get(st)
    if vc:
        for i, c in enumerate(vc):
            if c:
                base[f"e{i}"] = c
    gz = res.gazetteer.get(n) or res.gazetteer.get(st)
    if gz:
        base["gz"] = "|".join(sorted(gz))
    return base


def sentence_features(words: list[str], lang: str, res: Resources) -> list[list[str]]:
    """Feature strings for each word of one sentence."""
    bases = [_token_base(w, lang, res) for w in words]
    out: list[list[str]] = []
    n_words = len(words)
    for i, word in enumerate(words):
        b = bases[i]
        n = b["w"]
        f = [
            "bias",
            "w=" + n,
            "st=" + b["st"],
            "af=" + b["af"],
            "sh=" + b["sh"],
            "len=" + str(min(len(n), 8)),
        ]
        for k in (1, 2, 3, 4):
            if len(n) > k:
                f.append(f"p{k}=" + n[:k])
                f.append(f"s{k}=" + n[-k:])
        if "\u200c" in word:
            f.append("zwnj")
        for key in ("c0", "c1", "c2", "c3", "c4", "c5"):
            if key in b:
                f.append(f"{key}=" + b[key])
        for key in ("e0", "e1", "e2", "e3"):
            if key in b:
                f.append(f"{key}=" + b[key])
        if "gz" in b:
            f.extend("gz=" + g for g in b["gz"].split("|"))
        if i == 0:
            f.append("BOS")
        if i == n_words - 1:
            f.append("EOS")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n_words:
                nb = bases[j]
                f.append(f"{off}:w=" + nb["w"])
                if off in (-1, 1):
                    f.append(f"{off}:st=" + nb["st"])
                    f.append(f"{off}:s3=" + nb["s3"])
                    f.append(f"{off}:sh=" + nb["sh"])
                    if "c1" in nb:
                        f.append(f"{off}:c1=" + nb["c1"])
                    if "c2" in nb:
                        f.append(f"{off}:c2=" + nb["c2"])
                    if "c4" in nb:
                        f.append(f"{off}:c4=" + nb["c4"])
                    if "e1" in nb:
                        f.append(f"{off}:e1=" + nb["e1"])
                else:
                    if "c0" in nb:
                        f.append(f"{off}:c0=" + nb["c0"])
                    if "e0" in nb:
                        f.append(f"{off}:e0=" + nb["e0"])
                if "gz" in nb:
                    f.extend(f"{off}:gz=" + g for g in nb["gz"].split("|"))
        prev = bases[i - 1]["w"] if i > 0 else "<s>"
        nxt = bases[i + 1]["w"] if i + 1 < n_words else "</s>"
        f.append("bg-=" + prev + "|" + n)
        f.append("bg+=" + n + "|" + nxt)
        out.append(f)
    return out


def add_helper_features(feats: list[list[str]], tags: list[str]) -> None:
    """Append another model's tags (a tagger trained on a different corpus) as features, in place:
    its tag, its type and its tags for the neighbours.

    >>> f = [["bias"], ["bias"]]
    >>> add_helper_features(f, ["B-PER", "O"])
    >>> f[0]
    ['bias', 'hp=B-PER', 'hpt=PER', 'hp+1=O']
    """
    for i, f in enumerate(feats):
        f.append("hp=" + tags[i])
        f.append("hpt=" + tags[i][2:])
        if i > 0:
            f.append("hp-1=" + tags[i - 1])
        if i + 1 < len(feats):
            f.append("hp+1=" + tags[i + 1])
