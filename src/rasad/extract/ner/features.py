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
from functools import cache, lru_cache

from rasad.text.fold import NER_AR, NER_FA, fold
from rasad.text.tokens import proclitics, suffixes

_LATIN = re.compile(r"[A-Za-z]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


@dataclass(eq=False)  # compared (and hashed) by identity: it keys the feature cache
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


@dataclass(frozen=True)
class TokenFeatures:
    """The feature strings one word contributes: its own, and as the neighbour at -2, -1, +1, +2."""

    word: str  # the normalized form (for the bigram features)
    own: tuple[str, ...]
    as_neighbour: dict[int, tuple[str, ...]]


# Words whose feature strings are kept (about 3 kB each): the most frequent words of news text
# come back in almost every article (77% of tokens hit the cache on 1,000 SaudiNewsNet articles).
FEATURE_CACHE_WORDS = 16_384


@lru_cache(maxsize=FEATURE_CACHE_WORDS)
def _token_features(word: str, lang: str, res: Resources) -> TokenFeatures:
    b = _token_base(word, lang, res)
    n = b["w"]
    f = ["bias", "w=" + n, "st=" + b["st"], "af=" + b["af"], "sh=" + b["sh"], "len=" + str(min(len(n), 8))]
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
    neighbour: dict[int, tuple[str, ...]] = {}
    for off in (-2, -1, 1, 2):
        nf = [f"{off}:w=" + n]
        if off in (-1, 1):
            nf.append(f"{off}:st=" + b["st"])
            nf.append(f"{off}:s3=" + b["s3"])
            nf.append(f"{off}:sh=" + b["sh"])
            nf.extend(f"{off}:{key}=" + b[key] for key in ("c1", "c2", "c4", "e1") if key in b)
        else:
            nf.extend(f"{off}:{key}=" + b[key] for key in ("c0", "e0") if key in b)
        if "gz" in b:
            nf.extend(f"{off}:gz=" + g for g in b["gz"].split("|"))
        neighbour[off] = tuple(nf)
    return TokenFeatures(n, tuple(f), neighbour)


def sentence_features(words: list[str], lang: str, res: Resources) -> list[list[str]]:
    """Feature strings for each word of one sentence (a word's own strings are cached)."""
    tokens = [_token_features(word, lang, res) for word in words]
    out: list[list[str]] = []
    n_words = len(words)
    for i, token in enumerate(tokens):
        f = list(token.own)
        if i == 0:
            f.append("BOS")
        if i == n_words - 1:
            f.append("EOS")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n_words:
                f.extend(tokens[j].as_neighbour[off])
        prev = tokens[i - 1].word if i > 0 else "<s>"
        nxt = tokens[i + 1].word if i + 1 < n_words else "</s>"
        f.append("bg-=" + prev + "|" + token.word)
        f.append("bg+=" + token.word + "|" + nxt)
        out.append(f)
    return out


# The tagger's cache keeps only the strings the CRF knows, as bytes (about 1.9 kB a word): this many
# words take the memory 16,384 full entries took, and lift the hit rate from 77% to 81% (1,000 articles).
ITEM_CACHE_WORDS = 28_672


@lru_cache(maxsize=ITEM_CACHE_WORDS)
def _token_items(
    word: str, lang: str, res: Resources, known: frozenset[str]
) -> tuple[str, tuple[bytes, ...], dict[int, tuple[bytes, ...]]]:
    """A word's `TokenFeatures` for tagging: only the strings in `known`, UTF-8 encoded."""
    token = _token_features.__wrapped__(word, lang, res)

    def kept(strings: tuple[str, ...]) -> tuple[bytes, ...]:
        return tuple([s.encode() for s in strings if s in known])

    return token.word, kept(token.own), {off: kept(f) for off, f in token.as_neighbour.items()}


def sentence_items(
    words: list[str], lang: str, res: Resources, known: frozenset[str], extra: tuple[str, ...] = ()
) -> list[list[bytes]]:
    """`sentence_features` with `extra` appended to every word, keeping only the strings in `known`
    (the attributes a CRF model has; it ignores the others), in order and UTF-8 encoded: what the
    tagger needs, at a fraction of the cost.

    >>> known = frozenset({"w=دمشق", "-1:w=في", "EOS"})
    >>> [b.decode() for b in sentence_items(["في", "دمشق"], "ar", Resources(), known)[1]]
    ['w=دمشق', 'EOS', '-1:w=في']
    """
    tokens = [_token_items(word, lang, res, known) for word in words]
    tail = [s.encode() for s in extra if s in known]
    bos, eos = b"BOS" if "BOS" in known else None, b"EOS" if "EOS" in known else None
    out: list[list[bytes]] = []
    n_words = len(words)
    for i, (word, own, _) in enumerate(tokens):
        f = list(own)
        if i == 0 and bos:
            f.append(bos)
        if i == n_words - 1 and eos:
            f.append(eos)
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n_words:
                f.extend(tokens[j][2][off])
        prev = tokens[i - 1][0] if i > 0 else "<s>"
        nxt = tokens[i + 1][0] if i + 1 < n_words else "</s>"
        before, after = "bg-=" + prev + "|" + word, "bg+=" + word + "|" + nxt
        if before in known:
            f.append(before.encode())
        if after in known:
            f.append(after.encode())
        f.extend(tail)
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
