"""Story evidence keys: what an article says that another article reporting the same event would also
say, written so that it is the same in Arabic, Persian and English.

Each article becomes a `StoryKeys`: its event day, and a set of keys of several kinds, each with a
label for the evidence shown to the analyst:

- `e:` a knowledge-base entity id (`e:fac:ghwayran-prison`);
- `t:` a name outside the knowledge base, by its consonant skeleton and folded spelling (`t:sbh:صبحه`);
  `unify_names` then gives the spellings of one name in Arabic, Persian and Latin script one key
  (الصبحة, روستای صبحه and al-Subha village all get the smallest of their keys, `rasad.kb.translit`);
- `n:` a number (`n:750`) and `nc:` a number with what it counts (`nc:750:ISIS members`);
- `d:` a day named in the text (`d:2022-01-20`);
- `c:` an outlet the article cites (`c:Sputnik`);
- `w:` a content word of the title, within one language (`w:ar:حريق`).

How much a shared key counts (its weight) depends on its kind, the entity's type (a prison beats a
country) and how many articles have it (`rasad.corpus.stories_link`).

>>> from rasad.article import Entity, Quantity, Source
>>> a = Article(source=Source(sha256="0", format="txt"), text="", id="a1", lang="ar", published="2022-01-21",
...             entities=[Entity(0, 6, "الصبحة", "GPE", "x:gpe:1")], cited_outlets=["Sputnik"],
...             quantities=[Quantity(0, 3, "750", 750.0, counted="ISIS members")])
>>> sorted(article_keys(a).keys)
['c:Sputnik', 'n:750', 'nc:750:isis', 't:sbh:صبحه']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from itertools import combinations

from rasad.article import Article
from rasad.kb.link import describe
from rasad.kb.names import WORD, arabic_word_key, is_arabic_script, name_key
from rasad.kb.translit import blocking_keys, romanize, same_name, skeleton_key
from rasad.text.data import read_words

# The article fields the keys are built from (the corpus stage's `reads`).
KEY_FIELDS = ("lang", "title", "outlet", "published", "entities", "times", "quantities", "cited_outlets")
_NUMBER_KINDS = frozenset({"count", "money", "percent"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
MIN_TITLE_WORD = 3  # letters
MAX_NAME_BLOCK = 300  # names sharing one blocking key compared pairwise; a larger block by skeleton only


@dataclass
class StoryKeys:
    """One article's story evidence: keys (key → kind) with labels, languages and days."""

    id: str
    lang: str
    outlet: str | None
    published: str | None
    event_day: int | None  # date ordinal: published, else the latest full day the text names
    month_day: tuple[int, int] | None  # a day named without its year (--04-13), when no event_day
    keys: dict[str, str] = field(default_factory=dict)  # key → kind (entity type for e:/t: keys)
    labels: dict[str, str] = field(default_factory=dict)  # key → readable label


def _ordinal(value: str | None) -> int | None:
    if value and _DAY.match(value):
        try:
            return date.fromisoformat(value).toordinal()
        except ValueError:
            return None
    return None


@cache
def _title_stopwords(lang: str) -> frozenset[str]:
    return read_words(lang, "function_words.txt") if lang in ("ar", "fa") else frozenset()


def entity_label(entity_id: str, surface: str) -> str:
    """The English label of an entity: the knowledge base's `name_en`, else the name romanized.

    >>> entity_label("gpe:hasakah", "الحسكة"), entity_label("x:gpe:1", "الصبحة")
    ('Hasakah', 'al-Sbha')
    """
    name = _kb_name(entity_id) if not entity_id.startswith("x:") else None
    if name:
        return name
    return romanize(surface) if is_arabic_script(surface) else surface


def display(key: str, label: str) -> str:
    """A key's label as shown in English: names outside the knowledge base romanized.

    >>> display("t:sbh", "الصبحة"), display("e:gpe:hasakah", "Hasakah")
    ('al-Sbha', 'Hasakah')
    """
    return entity_label("x:", label) if key.startswith("t:") else label


@lru_cache(maxsize=100_000)
def _kb_name(entity_id: str) -> str | None:
    info = describe(entity_id)
    return info.name_en if info else None


def _title_words(title: str | None, lang: str) -> list[str]:
    if not title:
        return []
    stop = _title_stopwords(lang)
    words = []
    for word in WORD.findall(title):
        key = arabic_word_key(word) if is_arabic_script(word) else word.casefold()
        if len(key) >= MIN_TITLE_WORD and word not in stop and key not in stop and not key.isdigit():
            words.append(key)
    return words


def article_keys(article: Article) -> StoryKeys:
    """The story evidence keys of one article (see the module doc)."""
    keys: dict[str, str] = {}
    labels: dict[str, str] = {}

    def add(key: str, kind: str, label: str) -> None:
        if key not in keys:
            keys[key] = kind
            labels[key] = label

    for entity in article.entities:
        if entity.entity_id and not entity.entity_id.startswith("x:"):
            add("e:" + entity.entity_id, entity.type, entity_label(entity.entity_id, entity.text))
        else:
            skeleton = skeleton_key(entity.text)
            if skeleton:  # romanized when shown: `display`
                add(f"t:{skeleton}:{name_key(entity.text)}", "name:" + entity.type, entity.text)
    for quantity in article.quantities:
        if quantity.value is None or quantity.kind not in _NUMBER_KINDS or quantity.value < 2:
            continue
        number = f"{quantity.value:g}"
        add("n:" + number, "number", quantity.text)
        if quantity.counted:  # the first word: `4 children` meets `4 children killed`
            add(f"nc:{number}:{quantity.counted.split()[0].casefold()}", "counted", f"{number} {quantity.counted}")
    days = sorted(t.value for t in article.times if t.value and _DAY.match(t.value))
    for day in days:
        add("d:" + day, "date", day)
    for outlet in article.cited_outlets:
        add("c:" + outlet, "cited", outlet)
    for word in _title_words(article.title, article.lang):
        add(f"w:{article.lang}:{word}", "word", word)
    event_day = _ordinal(article.published) or (_ordinal(days[-1]) if days else None)
    month_day = None
    if event_day is None:
        for t in article.times:
            match = _MONTH_DAY.match(t.value or "")
            if match:
                month_day = (int(match[1]), int(match[2]))
    return StoryKeys(article.id, article.lang, article.outlet, article.published, event_day, month_day,
                     keys, labels)


def unify_names(articles: Sequence[StoryKeys], name_keys: dict[str, frozenset[str]] | None = None) -> int:
    """Give the spellings of one name outside the knowledge base one key (the smallest of the group),
    in place; returns the number of keys renamed. Spellings in articles of different languages are
    one name when `rasad.kb.translit.same_name` links them (candidates meet through `blocking_keys`,
    never all pairs); within one language, when their consonant skeletons are equal. `name_keys`: the
    blocking keys of names already derived (those derived here are added to it).

    >>> said = [StoryKeys(i, lang, None, None, None, None, {key: "name:LOC"}, {key: name})
    ...         for i, lang, key, name in [("a", "ar", "t:sbh:صبحه", "الصبحة"), ("b", "en", "t:sbh:subh", "al-Subha"),
    ...                                    ("c", "ar", "t:sbx:سبخه", "السبخة")]]
    >>> unify_names(said), [sorted(a.keys) for a in said]
    (1, [['t:sbh:subh'], ['t:sbh:subh'], ['t:sbx:سبخه']])
    """
    names: dict[str, str] = {}
    langs: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for key in article.keys:
            if key.startswith("t:"):
                names.setdefault(key, article.labels.get(key, ""))
                langs[key].add(article.lang)
    groups = _Groups(names)
    for chunk in _candidates(names, {} if name_keys is None else name_keys):
        for one, other in combinations(chunk, 2):
            cross = langs[one] | langs[other] != langs[one] & langs[other]
            if cross and not groups.same(one, other) and same_name(names[one], names[other]):
                groups.join(one, other)
    first_of: dict[tuple[str, str], str] = {}
    for key in sorted(names):  # the same skeleton in one language: one key
        for lang in sorted(langs[key]):
            groups.join(first_of.setdefault((lang, key.split(":")[1]), key), key)
    renamed = {key: groups.find(key) for key in names if groups.find(key) != key}
    for article in articles:
        for key in [k for k in article.keys if k in renamed]:
            kind, label = article.keys.pop(key), article.labels.pop(key)
            if renamed[key] not in article.keys:
                article.keys[renamed[key]] = kind
                article.labels[renamed[key]] = label
    return len(renamed)


class _Groups:
    """Union-find over keys; a group is named by its smallest key."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def same(self, one: str, other: str) -> bool:
        return self.find(one) == self.find(other)

    def join(self, one: str, other: str) -> None:
        a, b = self.find(one), self.find(other)
        self.parent[max(a, b)] = min(a, b)


def _candidates(names: dict[str, str], name_keys: dict[str, frozenset[str]]) -> Iterator[list[str]]:
    """Keys whose names share a blocking key (a block too large to compare pairwise is cut down to
    keys of one skeleton); `name_keys` caches each name's blocking keys."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in sorted(names):
        found = name_keys.get(names[key])
        if found is None:
            found = name_keys[names[key]] = blocking_keys(names[key])
        for block in found:
            blocks[block].append(key)
    for members in blocks.values():
        if len(members) <= MAX_NAME_BLOCK:
            yield members
            continue
        by_skeleton: dict[str, list[str]] = defaultdict(list)
        for key in members:
            by_skeleton[key.split(":")[1]].append(key)
        yield from (keys for keys in by_skeleton.values() if len(keys) <= MAX_NAME_BLOCK)
