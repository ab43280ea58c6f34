"""Language-independent anchors of an article's sentences: what a translation keeps in every language.

Each sentence becomes a set of keys that read the same in Arabic, Persian and English:

- `e:` a knowledge-base entity id (`e:gpe:deir-ez-zor`);
- `t:` a name outside the knowledge base: its consonant skeleton and folded form (`t:sbh:صبحه`), as the
  stories key it; spellings of one name in other scripts get one key once the collection is read;
- `n:` a number (`n:4`, `n:2017`), or a range (`n:8-13`, and each end when written in digits; a
  vague `عشرات` is `n:20-99`), from quantities and years;
- `d:` a day (`d:2024-03-05`) or `m:` a month (`m:2024-03`) the text names, whatever its calendar.

Numbers are the strongest evidence that two sentences say the same thing, and the most telling when
they disagree: a translation keeps 400 as 400, an independent report may say 450.

>>> from rasad.article import Entity, Quantity, Sentence, Source, TimeExpression
>>> text = "Four children died in al-Subha. Two were wounded."
>>> a = Article(source=Source(sha256="0", format="txt"), text=text, id="a", lang="en",
...             sentences=[Sentence(0, 31), Sentence(32, 49)],
...             entities=[Entity(22, 30, "al-Subha", "GPE", None)],
...             quantities=[Quantity(0, 4, "Four", 4.0), Quantity(32, 35, "Two", 2.0)])
>>> [sorted(s.keys) for s in sentence_anchors(a)]
[['n:4', 't:sbh:subh'], ['n:2']]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rasad.article import Article
from rasad.kb.names import name_key
from rasad.kb.translit import skeleton_key

# The article fields the anchors are built from.
ANCHOR_FIELDS = ("lang", "published", "outlet", "text", "sentences", "entities", "times", "quantities")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_NUMBER_KINDS = frozenset({"count", "money", "percent", "year", "other"})


@dataclass(frozen=True)
class Unit:
    """One sentence: its code-point span, its anchor keys and how many words it has."""

    start: int
    end: int
    keys: frozenset[str]
    words: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


def _number(value: float) -> str:
    """`n:1000000`, `n:2.5`: whole numbers in full, so 1,000,000 and مليون give one key."""
    return f"n:{int(value)}" if value == int(value) and abs(value) < 1e15 else f"n:{value:g}"


def _span_keys(article: Article) -> list[tuple[int, str, str]]:
    """(start, key, text) of every anchor in the article."""
    out: list[tuple[int, str, str]] = []
    for entity in article.entities:
        if entity.entity_id and not entity.entity_id.startswith("x:"):
            out.append((entity.start, "e:" + entity.entity_id, entity.text))
        else:  # the stories' name key: spellings across scripts are unified later (`translation.unify_names`)
            skeleton = skeleton_key(entity.text)
            if skeleton:
                out.append((entity.start, f"t:{skeleton}:{name_key(entity.text)}", entity.text))
    for time in article.times:
        value = time.value or ""
        if _DAY.match(value):
            out.append((time.start, "d:" + value, time.text))
        elif _MONTH.match(value):
            out.append((time.start, "m:" + value, time.text))
        elif _YEAR.match(value):
            out.append((time.start, "n:" + value.lstrip("0"), time.text))
    for quantity in article.quantities:
        if quantity.kind not in _NUMBER_KINDS:
            continue
        at, text = quantity.start, quantity.text
        if quantity.value is not None:
            out.append((at, _number(quantity.value), text))
        elif quantity.low is not None and quantity.high is not None:  # `8 و13`; a vague `عشرات`: 20-99
            low, high = _number(quantity.low), _number(quantity.high)
            out.append((at, f"{low}-{high[2:]}", text))
            if any(c.isdigit() for c in text):  # the ends of a range written in digits are numbers too
                out += [(at, low, text), (at, high, text)]
    return out


def sentence_anchors(article: Article, labels: dict[str, str] | None = None) -> list[Unit]:
    """The article's sentences (or one unit for the whole text when it has none) with their anchors
    (see the module example); `labels`, when given, gets each key's first text in the article."""
    spans = [(s.start, s.end) for s in article.sentences] or ([(0, len(article.text))] if article.text else [])
    starts = [start for start, _ in spans]
    keys: list[set[str]] = [set() for _ in spans]
    for position, key, text in _span_keys(article):
        at = bisect_right(starts, position) - 1
        if at >= 0 and position < spans[at][1]:
            keys[at].add(key)
            if labels is not None:
                labels.setdefault(key, text)
    text = article.text
    return [Unit(start, end, frozenset(k), len(text[start:end].split()))
            for (start, end), k in zip(spans, keys, strict=True)]
