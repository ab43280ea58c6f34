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
    base = _word_base(word, lang)
    base.update(_table_base(*token_tables(base["w"], base["st"], res)))
    return base


def _word_base(word: str, lang: str) -> dict[str, str]:
    """The descriptors of the word itself: normalized form, stem, stripped affix, last 3 letters, shape."""
    n = norm(word, lang)
    st, affix = stem(n, lang)
    return {"w": n, "st": st, "af": affix, "s3": n[-3:], "sh": shape(n)}


Tables = tuple[tuple[str, ...] | None, tuple[str, ...] | None, frozenset[str] | None]


def token_tables(n: str, st: str, res: Resources) -> Tables:
    """A normalized word's cluster paths, vector cluster ids and gazetteer labels (by the word, else
    its stem; None when it has none). Words share these objects (`model.read_table`)."""
    return (res.clusters.get(n) or res.clusters.get(st), res.vectors.get(n) or res.vectors.get(st),
            res.gazetteer.get(n) or res.gazetteer.get(st))


def _table_base(cl: tuple[str, ...] | None, vc: tuple[str, ...] | None, gz: frozenset[str] | None) -> dict[str, str]:
    """The descriptors `token_tables` give: c0, c1, ... (clusters), e0, e1, ... (vectors), gz."""
    base: dict[str, str] = {}
    if cl:
        for i, c in enumerate(cl):
            if c:
                base[f"c{i}"] = c
    if vc:
        for i, c in enumerate(vc):
            if c:
                base[f"e{i}"] = c
    if gz:
        base["gz"] = "|".join(sorted(gz))
    return base


@dataclass(frozen=True)
class TokenFeatures:
    """The feature strings one word contributes: its own, and as the neighbour at -2, -1, +1, +2."""

    word: str  # the normalized form (for the bigram features)
    own: tuple[str, ...]
    as_neighbour: dict[int, tuple[str, ...]]


# A feature string is a prefix (up to and including its first "=", or the whole string when it has
# none: "bias") and a value: `("w=", "دمشق")` is "w=دمشق". Kept as pairs, a word's strings are only
# joined when the model knows them (`_token_items`).
Pair = tuple[str, str]
OFFSETS = (-2, -1, 1, 2)
_AFFIX_PREFIXES = tuple((k, f"p{k}=", f"s{k}=") for k in (1, 2, 3, 4))
_OWN_CLUSTERS = tuple((key, key + "=") for key in ("c0", "c1", "c2", "c3", "c4", "c5", "e0", "e1", "e2", "e3"))
_NEIGHBOUR_PREFIXES = {
    off: (f"{off}:w=", f"{off}:st=", f"{off}:s3=", f"{off}:sh=", f"{off}:gz=",
          tuple((key, f"{off}:{key}=") for key in (("c1", "c2", "c4", "e1") if off in (-1, 1) else ("c0", "e0"))))
    for off in OFFSETS
}


def _token_pairs(word: str, lang: str, res: Resources) -> tuple[str, list[Pair], dict[int, list[Pair]]]:
    """A word's features as (prefix, value) pairs: (normalized word, own pairs, pairs as the neighbour
    at each offset). The one definition of the per-token features: the word's own strings
    (`_word_pairs`), then those of its clusters and gazetteer labels (`_table_pairs`)."""
    b = _token_base(word, lang, res)
    own, neighbour = _word_pairs(word, b)
    table_own, table_neighbour = _table_pairs(b)
    own.extend(table_own)
    for off, pairs in zip(OFFSETS, table_neighbour, strict=True):
        neighbour[off].extend(pairs)
    return b["w"], own, neighbour


def _word_pairs(word: str, b: dict[str, str]) -> tuple[list[Pair], dict[int, list[Pair]]]:
    """The pairs of the word itself (`_token_base` descriptors w, st, af, s3, sh): own, and as the
    neighbour at each offset."""
    n = b["w"]
    own: list[Pair] = [("bias", ""), ("w=", n), ("st=", b["st"]), ("af=", b["af"]), ("sh=", b["sh"]),
                       ("len=", str(min(len(n), 8)))]
    for k, prefix, suffix in _AFFIX_PREFIXES:
        if len(n) > k:
            own.append((prefix, n[:k]))
            own.append((suffix, n[-k:]))
    if "\u200c" in word:
        own.append(("zwnj", ""))
    neighbour: dict[int, list[Pair]] = {}
    for off in OFFSETS:
        w, st, s3, sh, _, _ = _NEIGHBOUR_PREFIXES[off]
        nf: list[Pair] = [(w, n)]
        if off in (-1, 1):
            nf += [(st, b["st"]), (s3, b["s3"]), (sh, b["sh"])]
        neighbour[off] = nf
    return own, neighbour


def _table_pairs(b: dict[str, str]) -> tuple[list[Pair], list[list[Pair]]]:
    """The pairs of a word's clusters and gazetteer labels (`_table_base` descriptors): own, and as
    the neighbour at each offset (OFFSETS order)."""
    gazetteer = b["gz"].split("|") if "gz" in b else []
    own: list[Pair] = [(prefix, b[key]) for key, prefix in _OWN_CLUSTERS if key in b]
    own.extend(("gz=", g) for g in gazetteer)
    neighbour: list[list[Pair]] = []
    for off in OFFSETS:
        *_, gz, clusters = _NEIGHBOUR_PREFIXES[off]
        nf: list[Pair] = [(prefix, b[key]) for key, prefix in clusters if key in b]
        nf.extend((gz, g) for g in gazetteer)
        neighbour.append(nf)
    return own, neighbour


# Words whose feature strings are kept (about 3 kB each): the most frequent words of news text
# come back in almost every article (77% of tokens hit the cache on 1,000 SaudiNewsNet articles).
FEATURE_CACHE_WORDS = 16_384


@lru_cache(maxsize=FEATURE_CACHE_WORDS)
def _token_features(word: str, lang: str, res: Resources) -> TokenFeatures:
    n, own, neighbour = _token_pairs(word, lang, res)
    return TokenFeatures(n, tuple(p + v for p, v in own),
                         {off: tuple(p + v for p, v in pairs) for off, pairs in neighbour.items()})


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


def _split(feature: str) -> Pair:
    """A feature string as (prefix, value): `"-1:w=في"` → `("-1:w=", "في")`, `"bias"` → `("bias", "")`."""
    cut = feature.find("=") + 1
    return (feature[:cut], feature[cut:]) if cut else (feature, "")


@dataclass(frozen=True)
class KnownFeatures:
    """The feature strings a CRF model knows, as prefix → values, and its bigram features as
    (left word, right word) → the UTF-8 string: lookups without building the strings it does not know."""

    values: dict[str, frozenset[str]]
    before: dict[tuple[str, str], bytes]  # bg-=PREV|WORD
    after: dict[tuple[str, str], bytes]  # bg+=WORD|NEXT


@cache
def known_features(known: frozenset[str]) -> KnownFeatures:
    """`known` split for `sentence_items` (once per model).

    >>> k = known_features(frozenset({"w=دمشق", "bias", "bg-=في|دمشق"}))
    >>> sorted(k.values), k.before[("في", "دمشق")].decode()
    (['bg-=', 'bias', 'w='], 'bg-=في|دمشق')
    """
    values: dict[str, set[str]] = {}
    bigrams: dict[str, dict[tuple[str, str], bytes]] = {"bg-=": {}, "bg+=": {}}
    for feature in known:
        prefix, value = _split(feature)
        values.setdefault(prefix, set()).add(value)
        if prefix in bigrams:
            # Every "|" may be the joint ("|" is a token too): one entry per reading, all exact.
            for cut, ch in enumerate(value):
                if ch == "|":
                    bigrams[prefix][value[:cut], value[cut + 1 :]] = feature.encode()
    return KnownFeatures({p: frozenset(v) for p, v in values.items()}, bigrams["bg-="], bigrams["bg+="])


def _kept(pairs: list[Pair], known: KnownFeatures) -> tuple[bytes, ...]:
    """The strings of `pairs` that the model knows, in order, UTF-8 encoded."""
    values = known.values
    empty: frozenset[str] = frozenset()
    return tuple([(p + v).encode() for p, v in pairs if v in values.get(p, empty)])


# The tagger's cache keeps only the strings the CRF knows, as bytes (about 1.9 kB a word): this many
# words take the memory 16,384 full entries took, and lift the hit rate from 77% to 81% (1,000 articles).
ITEM_CACHE_WORDS = 28_672


@lru_cache(maxsize=ITEM_CACHE_WORDS)
def _token_items(
    word: str, lang: str, res: Resources, known: frozenset[str]
) -> tuple[str, tuple[bytes, ...], tuple[tuple[bytes, ...], ...]]:
    """A word's features for tagging: (normalized word, own strings, strings as the neighbour at
    -2, -1, +1, +2), only those in `known`, UTF-8 encoded."""
    n, own, neighbour = _token_pairs(word, lang, res)
    split = known_features(known)
    return n, _kept(own, split), tuple(_kept(neighbour[off], split) for off in OFFSETS)


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
    split = known_features(known)
    before, after = split.before, split.after
    tail = [s.encode() for s in extra if s in known]
    bos, eos = b"BOS" if "BOS" in known else None, b"EOS" if "EOS" in known else None
    out: list[list[bytes]] = []
    last = len(words) - 1
    for i, (word, own, _) in enumerate(tokens):
        f = list(own)
        if i == 0 and bos:
            f.append(bos)
        if i == last and eos:
            f.append(eos)
        # The neighbours' strings, as the neighbour at -2, -1, +1, +2 (OFFSETS order).
        if i >= 2:
            f.extend(tokens[i - 2][2][0])
        if i >= 1:
            f.extend(tokens[i - 1][2][1])
        if i < last:
            f.extend(tokens[i + 1][2][2])
        if i + 1 < last:
            f.extend(tokens[i + 2][2][3])
        prev = tokens[i - 1][0] if i > 0 else "<s>"
        nxt = tokens[i + 1][0] if i < last else "</s>"
        if (bigram := before.get((prev, word))) is not None:
            f.append(bigram)
        if (bigram := after.get((word, nxt))) is not None:
            f.append(bigram)
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
