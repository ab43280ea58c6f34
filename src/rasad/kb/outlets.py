"""The outlet registry: news outlets, their names in ar/fa/en, their web domains and who owns them.

The data lives in `kb/data/outlets.json`; outlet-type words ("وكالة", "خبرگزاری", ...) in
`lang/<iso>/outlet_cues.tsv`. Three lookups:

- `by_name(text)`: one name as written ("لسانا", "دفاعپرس", "Al-Jazeera") → the `Outlet` or None;
- `by_domain(url_or_host)`: "https://arabic.sputniknews.com/..." → the `Outlet` or None;
- `find_mentions(text)`: every outlet name in a text, with code-point offsets.

Aliases marked *ambiguous* in the data ("الثورة" is also "the revolution", "العالم" is also "the
world") are found by `find_mentions` only after an outlet noun ("صحيفة الثورة") unless
`include_ambiguous=True`; callers that look at credit cues decide for themselves.

>>> reg = registry()
>>> reg.by_name("لسانا").name, reg.by_name("دفاع پرس").name
('SANA', 'Defa Press')
>>> reg.by_domain("https://www.sana.sy/?p=1").name
'SANA'
>>> [(s, e, o.name) for s, e, o in reg.find_mentions("قال لـ سبوتنيك")]
[(7, 14, 'Sputnik')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import NamedTuple
from urllib.parse import urlsplit

from rasad.text.data import read_tsv
from rasad.text.fold import SCAN, FoldedText
from rasad.text.fold import fold_text as fold_text_with
from rasad.text.tokens import WORD, proclitic_letters, proclitics

LANGS = ("ar", "fa", "en")
KINDS = frozenset({"agency", "newspaper", "tv", "radio", "website", "monitor"})
CUES_FILE = "outlet_cues.tsv"
SCAN_MEMO_WORDS = 100_000  # words whose alias-starting readings are memoised (then the memo starts again)

OPEN_QUOTES = "\"'“«‘„‹("
CLOSE_QUOTES = "\"'”»’›)"
# Between the words of an alias: spaces, ZWNJ (folded to a space), dots, hyphens, apostrophes — or
# nothing, so "دفاع‌پرس", "دفاع پرس" and "دفاعپرس" all match.
_GAP = re.compile(r"[ \t.\-'’]*")
_TOKEN = WORD  # runs of \w (rasad.text.tokens)


@cache
def _proclitic_regex() -> str:
    """Arabic proclitics that may be written onto an outlet noun (lang/ar/proclitics.tsv): و/ف (and),
    then ب (by), ل (for/to) or ك (like): `(?:[وف]?[بلك]?)`."""
    return f"(?:[{proclitic_letters('ar', 'conj')}]?[{proclitic_letters('ar', 'prep')}]?)"


# --- folding (rasad.text.fold; these names stay importable from here) ----------------------------


def fold_chars(text: str) -> str:
    """Fold a string the way `fold_text` does, without keeping offsets (for patterns and keys)."""
    return text.translate(SCAN.table)


def fold_text(text: str) -> FoldedText:
    """Fold `text` for matching and keep the offset map (see `rasad.text.fold.FoldedText`).

    >>> f = fold_text("إرنا‌ي")
    >>> f.folded, f.span(0, 4)
    ('ارنا ي', (0, 4))
    """
    return fold_text_with(text, SCAN)


def match_key(text: str) -> str:
    """The lookup key of a name: `rasad.text.normalize.matching_key` without spaces or punctuation.

    >>> match_key("دفاع‌پرس") == match_key("دفاع پرس") == match_key("دفاعپرس")
    True
    >>> match_key("Al-Jazeera") == match_key("al jazeera")
    True
    """
    from rasad.text.normalize import matching_key

    return "".join(c for c in matching_key(text) if c.isalnum())


# --- records -------------------------------------------------------------------------------------


class Alias(NamedTuple):
    text: str
    lang: str
    ambiguous: bool


@dataclass(frozen=True)
class Outlet:
    """One outlet. `name` is the canonical English name used in the output (`SANA`, `Sputnik`)."""

    name: str
    kind: str
    country: str | None
    state_affiliation: str | None
    aliases: tuple[Alias, ...] = field(repr=False)
    domains: tuple[str, ...] = field(repr=False)

    def names(self, lang: str | None = None) -> list[str]:
        """The names of this outlet in `lang` (all languages when None)."""
        return [a.text for a in self.aliases if lang is None or a.lang == lang]


class Mention(NamedTuple):
    """An outlet name found in a text: `text[start:end]` is the name (without proclitics)."""

    start: int
    end: int
    outlet: Outlet


@dataclass(frozen=True)
class OutletMatch:
    """A detailed scan hit, in *folded* coordinates (see `FoldedText`).

    `anchor` is where the name phrase begins: the outlet noun if one precedes the name ("وكالة
    “سانا”"), else the name itself (proclitics such as the ل of "لسانا" stay outside it).
    """

    start: int
    end: int
    anchor: int
    outlet: Outlet
    alias: Alias
    quoted: bool
    has_noun: bool


# --- the registry --------------------------------------------------------------------------------


def _is_acronym(alias: str) -> bool:
    return alias.isascii() and alias.isalpha() and alias.isupper() and len(alias) <= 5


def _scan_key(text: str) -> str:
    """The key an alias has in a text scan: its folded words joined, lower case ("دفاعپرس")."""
    return "".join(_TOKEN.findall(fold_chars(text))).lower()


@dataclass(frozen=True)
class _ScanEntry:
    outlet: Outlet
    alias: Alias
    exact: str | None  # an acronym's exact spelling ("AP"): "ap" in running text is no match


def outlet_nouns() -> tuple[str, ...]:
    """Regex fragments for outlet-type words ("وكالة", "خبرگزاری", ...), folded, longest first."""
    return _outlet_nouns()


@cache
def _outlet_nouns() -> tuple[str, ...]:
    nouns = [fold_chars(row[1]) for lang in LANGS for row in cue_rows(lang) if row[0] == "noun"]
    return tuple(sorted(set(nouns), key=len, reverse=True))


def cue_rows(lang: str) -> list[tuple[str, str, str, str, str]]:
    """Rows of `lang/<lang>/outlet_cues.tsv` padded to 5 columns: kind, before, after, strength, rule."""
    out = []
    for row in read_tsv(lang, CUES_FILE):
        cells = [*(c.strip() for c in row), "", "", "", ""][:5]
        if cells[0] and cells[0] != "kind":
            out.append((cells[0], cells[1], cells[2], cells[3], cells[4]))
    return out


class OutletRegistry:
    """All known outlets with indexes by name key and domain. Use `registry()` to get the shared one."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = tuple(outlets)
        self._by_key: dict[str, Outlet] = {}
        self._by_key_lang: dict[tuple[str, str], Outlet] = {}
        self._ambiguous_keys: set[str] = set()
        self._by_domain: dict[str, Outlet] = {}
        self._by_canonical: dict[str, Outlet] = {}
        for outlet in self.outlets:
            if outlet.name in self._by_canonical:
                raise ValueError(f"outlet {outlet.name!r} is listed twice in outlets.json")
            self._by_canonical[outlet.name] = outlet
            for alias in outlet.aliases:
                key = match_key(alias.text)
                if not key:
                    raise ValueError(f"outlet {outlet.name!r}: alias {alias.text!r} has an empty key")
                self._by_key.setdefault(key, outlet)
                self._by_key_lang.setdefault((alias.lang, key), outlet)
                if alias.ambiguous:
                    self._ambiguous_keys.add(key)
            for domain in outlet.domains:
                self._by_domain[domain.lower().removeprefix("www.").rstrip("/")] = outlet
        self._scan_index: dict[str, _ScanEntry] | None = None
        self._scan_prefixes: frozenset[str] = frozenset()
        # word (lower-cased) -> its readings that start some alias key (most words: none)
        self._scan_starts: dict[str, tuple[tuple[int, str], ...]] = {}
        self._noun_before: re.Pattern[str] | None = None

    def __len__(self) -> int:
        return len(self.outlets)

    def get(self, name: str) -> Outlet | None:
        """The outlet with this canonical English name."""
        return self._by_canonical.get(name)

    def key_owners(self) -> dict[str, list[str]]:
        """Every alias key with the outlets that use it (for data checks: a key should have one)."""
        owners: dict[str, list[str]] = {}
        for outlet in self.outlets:
            for alias in outlet.aliases:
                names = owners.setdefault(match_key(alias.text), [])
                if outlet.name not in names:
                    names.append(outlet.name)
        return owners

    def is_ambiguous(self, name: str) -> bool:
        """True when `name` is (a clitic form of) an alias that is also an everyday word ("الثورة",
        "والعالم"); False for names that are not outlets."""
        found = self._resolve(name)
        return found is not None and found[1] in self._ambiguous_keys

    # -- by name --

    def by_name(self, text: str, lang: str | None = None) -> Outlet | None:
        """The outlet called `text`, tolerant of spelling, proclitics and outlet nouns.

        `lang` only breaks ties between outlets that share a spelling.

        >>> registry().by_name("لـ سانا").name, registry().by_name("وكالة “سبوتنيك”").name
        ('SANA', 'Sputnik')
        >>> registry().by_name("سانا الجديدة") is None
        True
        """
        found = self._resolve(text, lang)
        return found[0] if found else None

    def _resolve(self, text: str, lang: str | None = None) -> tuple[Outlet, str] | None:
        """The outlet and the alias key that matched."""
        text = text.strip().strip(OPEN_QUOTES + CLOSE_QUOTES + " :،,.-–—/")
        if not text:
            return None
        for candidate in self._candidates(text):
            key = match_key(candidate)
            for variant in self._clitic_variants(key):
                found = self._lookup(variant, lang)
                if found:
                    return found, variant
        return None

    def _lookup(self, key: str, lang: str | None) -> Outlet | None:
        if lang is not None and (lang, key) in self._by_key_lang:
            return self._by_key_lang[(lang, key)]
        return self._by_key.get(key)

    def _candidates(self, text: str) -> list[str]:
        out = [text]
        folded = fold_chars(text)
        nouns = "|".join(_outlet_nouns())
        if nouns:
            m = re.match(rf"^\s*{_proclitic_regex()}\s*(?:{nouns})(?!\w)[\s{re.escape(OPEN_QUOTES)}]*", folded)
            if m and m.end() < len(folded):
                out.append(folded[m.end():].strip(CLOSE_QUOTES + " "))
        return out

    @staticmethod
    def _clitic_variants(key: str) -> list[str]:
        variants = [key]
        if not key or not ("\u0600" <= key[0] <= "\u06ff"):
            return variants
        for clitic in proclitics("ar", "outlet_keys"):
            if key.startswith(clitic.prefix) and len(key) - len(clitic.prefix) >= 2:
                rest = key[len(clitic.prefix):]
                variants.append(rest)
                if clitic.restore:
                    variants.append(clitic.restore + rest)  # للميادين → الميادين
        return variants

    # -- by domain --

    def by_domain(self, url_or_host: str) -> Outlet | None:
        """The outlet that owns a host or URL; subdomains and `www.` are accepted.

        >>> registry().by_domain("arabic.sputniknews.com").name
        'Sputnik'
        >>> registry().by_domain("https://www.bbc.com/arabic/articles/x").name
        'BBC Arabic'
        >>> registry().by_domain("notsana.sy") is None
        True
        """
        value = url_or_host.strip().lower()
        if not value:
            return None
        parts = urlsplit(value if "//" in value else "//" + value)
        host = (parts.hostname or "").removeprefix("www.").rstrip(".")
        if not host:
            return None
        segment = parts.path.strip("/").split("/")[0] if parts.path else ""
        labels = host.split(".")
        for i in range(len(labels) - 1):
            suffix = ".".join(labels[i:])
            if segment and f"{suffix}/{segment}" in self._by_domain:
                return self._by_domain[f"{suffix}/{segment}"]
            if suffix in self._by_domain:
                return self._by_domain[suffix]
        return None

    # -- scanning --

    def _build_scan_index(self) -> dict[str, _ScanEntry]:
        if self._scan_index is None:
            index: dict[str, _ScanEntry] = {}
            for outlet in self.outlets:
                for alias in outlet.aliases:
                    key = _scan_key(alias.text)
                    exact = "".join(_TOKEN.findall(alias.text)) if _is_acronym(alias.text) else None
                    previous = index.get(key)
                    if previous is None or (previous.exact is not None and exact is None):
                        index[key] = _ScanEntry(outlet, alias, exact)
            self._scan_prefixes = frozenset(k[:i] for k in index for i in range(1, len(k) + 1))
            nouns = "|".join(_outlet_nouns()) or "(?!)"
            clitic = f"[{proclitic_letters('ar', 'conj', 'prep')}]"
            self._noun_before = re.compile(
                rf"(?<!\w){clitic}?(?P<noun>{nouns})[\s{re.escape(OPEN_QUOTES)}]*$", re.IGNORECASE
            )
            self._scan_index = index
        return self._scan_index

    @staticmethod
    def _first_variants(token: str) -> list[tuple[int, str]]:
        """`(characters skipped, word)` readings of a word: as written, and without Arabic proclitics
        ("لسانا" → "سانا", "للميادين" → "الميادين")."""
        variants = [(0, token)]
        if not ("\u0600" <= token[0] <= "\u06ff"):
            return variants
        for prefix in (p.prefix for p in proclitics("ar", "outlets")):
            if token.startswith(prefix) and len(token) - len(prefix) >= 2:
                rest = token[len(prefix):]
                variants.append((len(prefix), rest))
                if prefix.endswith("ل") and rest.startswith("ل"):
                    variants.append((len(prefix), "ا" + rest))
        return variants

    def _starts(self, token: str) -> tuple[tuple[int, str], ...]:
        """The readings of a (lower-cased) word that begin some alias key, memoised per word: empty
        for most words, which then need no walk."""
        found = self._scan_starts.get(token)
        if found is None:
            if len(self._scan_starts) >= SCAN_MEMO_WORDS:
                self._scan_starts.clear()
            found = tuple(v for v in self._first_variants(token) if v[1] in self._scan_prefixes)
            self._scan_starts[token] = found
        return found

    def _match_at(self, text: str, tokens: list[tuple[int, int]], i: int, index: dict[str, _ScanEntry],
                  starts: tuple[tuple[int, str], ...]) -> tuple[int, int, int, _ScanEntry] | None:
        """The longest alias starting at token `i` (`starts`: its readings that begin a key):
        `(start, end, last token, entry)`."""
        best: tuple[int, int, int, _ScanEntry] | None = None
        token_start = tokens[i][0]
        for skip, first in starts:
            key, j = first, i
            while key in self._scan_prefixes:
                entry = index.get(key)
                if entry is not None and (best is None or tokens[j][1] > best[1]):
                    written = text[token_start + skip:tokens[j][1]]
                    if entry.exact is None or "".join(_TOKEN.findall(written)) == entry.exact:
                        best = (token_start + skip, tokens[j][1], j, entry)
                j += 1
                if j >= len(tokens) or not _GAP.fullmatch(text, tokens[j - 1][1], tokens[j][0]):
                    break
                key += text[tokens[j][0]:tokens[j][1]].lower()
        return best

    def scan(self, folded: FoldedText) -> list[OutletMatch]:
        """Every alias occurrence in a folded text, ambiguous ones included, in folded coordinates.

        A walk over the words with a prefix set of all alias keys: linear in the text length.
        """
        index = self._build_scan_index()
        assert self._noun_before is not None
        text = folded.folded
        tokens = [m.span() for m in _TOKEN.finditer(text)]
        words = [word.lower() for word in _TOKEN.findall(text)]  # the same tokens' texts
        starting = {word for word in set(words) if self._starts(word)}  # most words begin no alias key
        out = []
        i = 0
        for at in [k for k, word in enumerate(words) if word in starting]:
            if at < i:
                continue  # inside the alias found before
            i = at
            found = self._match_at(text, tokens, i, index, self._starts(words[i]))
            if found is None:
                i += 1
                continue
            start, end, last, entry = found
            i = last + 1
            quoted = start > 0 and text[start - 1] in OPEN_QUOTES and end < len(text) and (
                text[end] in CLOSE_QUOTES
            )
            noun = self._noun_before.search(text, max(0, start - 60), self._word_start(text, start))
            anchor = noun.start("noun") if noun else start
            out.append(OutletMatch(start, end, anchor, entry.outlet, entry.alias, quoted, noun is not None))
        return out

    @staticmethod
    def _word_start(text: str, pos: int) -> int:
        """The start of the word holding `pos` (before any proclitic written onto the name)."""
        while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
            pos -= 1
        return pos

    def find_mentions(self, text: str, *, include_ambiguous: bool = False) -> list[Mention]:
        """Outlet names in `text` as `(start, end, outlet)`, offsets into `text`, in text order.

        An ambiguous alias counts only after an outlet noun ("صحيفة الثورة") unless
        `include_ambiguous` is set.

        >>> [o.name for _, _, o in registry().find_mentions("قادة الثورة وصحيفة الثورة وبی‌بی‌سی")]
        ['Al-Thawra', 'BBC']
        """
        folded = fold_text(text)
        out = []
        for match in self.scan(folded):
            if match.alias.ambiguous and not (include_ambiguous or match.has_noun):
                continue
            start, end = folded.span(match.start, match.end)
            out.append(Mention(start, end, match.outlet))
        return out


def _outlet_from_json(item: dict[str, object]) -> Outlet:
    name = item.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"an outlet in outlets.json has no name: {item!r}")
    kind = item.get("kind")
    if kind not in KINDS:
        raise ValueError(f"outlet {name!r}: kind {kind!r} is not one of {sorted(KINDS)}")
    names = item.get("names") or {}
    ambiguous_raw = item.get("ambiguous") or []
    if not isinstance(names, dict) or not isinstance(ambiguous_raw, list):
        raise ValueError(f"outlet {name!r}: `names` must be an object and `ambiguous` a list")
    ambiguous = {match_key(a) for a in ambiguous_raw}
    aliases: list[Alias] = [Alias(name, "en", match_key(name) in ambiguous)]
    for lang, values in names.items():
        if lang not in LANGS:
            raise ValueError(f"outlet {name!r}: unknown language {lang!r} in names")
        for value in values:
            aliases.append(Alias(value, lang, match_key(value) in ambiguous))
    unknown = ambiguous - {match_key(a.text) for a in aliases}
    if unknown:
        raise ValueError(f"outlet {name!r}: ambiguous entries {sorted(unknown)} are not among its names")
    domains = item.get("domains") or []
    country = item.get("country")
    affiliation = item.get("state_affiliation")
    return Outlet(
        name=name,
        kind=str(kind),
        country=country if isinstance(country, str) else None,
        state_affiliation=affiliation if isinstance(affiliation, str) else None,
        aliases=tuple(dict.fromkeys(aliases)),
        domains=tuple(str(d) for d in domains) if isinstance(domains, list) else (),
    )


@cache
def registry() -> OutletRegistry:
    """The outlet registry from the package data, loaded once per process."""
    raw = (files("rasad") / "kb" / "data" / "outlets.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    if not isinstance(data, list):
        raise ValueError("kb/data/outlets.json must hold a list of outlets")
    return OutletRegistry([_outlet_from_json(item) for item in data])
