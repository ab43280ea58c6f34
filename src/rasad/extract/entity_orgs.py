"""Organisations named in Arabic and Persian text by the words organisation names are made of.

The tagger misses many organisations outside the knowledge base (مجلس القيادة الرئاسي، وزارت برق)
or cuts them at a place inside them (ارتش ملی [سومالی]). A name here opens with a head word of the
lexicon (`lang/<iso>/org_words.tsv`: council, ministry, front ...) and runs over the words that follow
as long as each is a lexicon word, a place or its adjective (التونسي, تونس), or a function word between
two of them (و, لل, با); one proper name may end it when the tagger has an unlinked span on it that is no person's
(بلوچ in کمیته همبستگی بلوچ). A name
needs two words; a head of the kind `force` (army, forces, guard, police) needs three (قوات الأمن, "the
security forces", and ارتش مالی, "the Malian army", are descriptions). Rule `pattern:org-words`.

>>> [e.text for e in find_org_names("أعلنت وزارة الصناعة أن قوات الأمن و الجيش الوطني الصومالي", "ar", [])]
['وزارة الصناعة', 'الجيش الوطني الصومالي']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from rasad.article import Entity
from rasad.kb.link import stable_id
from rasad.kb.names import WORD, arabic_variants, arabic_word_key, letters_offset, word_spans
from rasad.kb.org_names import kind_word, opens_name, org_words, place_concept, word_entry
from rasad.text.fold import ZWNJ

RULE = "pattern:org-words"
MIN_WORDS = 2
MIN_WORDS_FORCE = 3
_GAP = re.compile(r"[ \u00a0]+")


def _concept(word: str, lang: str) -> str | None:
    """The word's lexicon concept ("" for a function word), a place concept, or None."""
    entry = word_entry(word, lang)
    if entry is not None:
        return "" if entry.role == "skip" else entry.concept
    return place_concept(word, lang)


def _name_at(text: str, lang: str, words: Sequence[tuple[int, int, str]], i: int,
             tagged: bytearray) -> tuple[int, int] | None:
    """The words [i, j) of an organisation's name opening at word i, or None."""
    head = word_entry(words[i][2], lang)
    if head is None or head.role not in ("head", "force"):
        return None
    if kind_word(words[i][2], lang) and i + 1 < len(words) and opens_name(words[i + 1][2], lang):
        return None  # حزب جبهة العمل, قوات فيلق الحدود: the name opens at the second head
    last, parts = i, 1
    j = i + 1
    while j < len(words) and _GAP.fullmatch(text[words[j - 1][1] : words[j][0]]):
        concept = _concept(words[j][2], lang)
        if concept is None:
            start, end, _ = words[j]
            if last == j - 1 and any(tagged[start:end]):
                last, parts = j, parts + 1
            break
        if concept and _opens_another(words[j][2], words[j - 1][2], lang):
            break  # قوات الأمن والجيش: two names
        if concept:
            last, parts = j, parts + 1
        j += 1
    if parts < (MIN_WORDS_FORCE if head.role == "force" else MIN_WORDS):
        return None
    return i, last + 1


def _opens_another(word: str, before: str, lang: str) -> bool:
    """A head word after "and" (والجيش, و الجيش, و ارتش) opens another name."""
    entry = word_entry(word, lang)
    if entry is None or entry.role not in ("head", "force"):
        return False
    previous = word_entry(before, lang)
    joined = word.startswith("و") and word_entry(word[1:], lang) == entry and word_entry(word[:2], lang) is None
    return joined or (previous is not None and previous.role == "skip")


def find_org_names(text: str, lang: str, entities: Iterable[Entity]) -> list[Entity]:
    """Organisation names in an Arabic or Persian `text`, with stable ids (`entities`: the spans found
    so far, whose words may end a name)."""
    if lang not in ("ar", "fa"):
        return []
    tagged = bytearray(len(text) + 1)
    for e in entities:
        if e.type != "PER" and not _linked(e):  # a linked name after a name is another entity (وداعش)
            tagged[e.start : e.end] = b"\x01" * (e.end - e.start)
    words = word_spans(text)
    out: list[Entity] = []
    i = 0
    while i < len(words):
        found = _name_at(text, lang, words, i, tagged)
        if found is None:
            i += 1
            continue
        start, end = words[found[0]][0], words[found[1] - 1][1]
        start += _clitic(words[found[0]][2], lang)
        name = text[start:end]
        out.append(Entity(start, end, name, "ORG", stable_id(name, "ORG", lang), source="pattern", rule=RULE,
                          link_rule="stable-id"))
        i = found[1]
    return out


def _clitic(word: str, lang: str) -> int:
    """Characters of a proclitic to leave out of the span (والجيش, ومجلس, للهلال)."""
    folded = arabic_word_key(word.replace(ZWNJ, ""))
    if folded in org_words(lang):
        return 0
    cut = next((v.cut_start for v in arabic_variants(word) if v.cut_start and v.key in org_words(lang)), 0)
    return letters_offset(word, cut) if cut else 0


def _linked(entity: Entity) -> bool:
    return bool(entity.entity_id) and not str(entity.entity_id).startswith("x:")


def _one_word_before(entity: Entity, name: Entity) -> bool:
    return len(WORD.findall(name.text[: entity.start - name.start])) == 1


def _before_place(name: Entity, inside: list[Entity], lang: str) -> Entity | None:
    """The name without a linked place it ends with (الحرس الوطني | التونسي: the place stays a place,
    and the run links the name by its concepts and the article's country); None when less than two
    words would be left."""
    last = max(inside, key=lambda e: e.end, default=None)
    if last is None or last.end != name.end or not _linked(last) or last.type not in ("GPE", "LOC", "FAC"):
        return name
    text = name.text[: last.start - name.start].rstrip()
    if len(WORD.findall(text)) < MIN_WORDS:
        return None
    return replace(name, end=name.start + len(text), text=text, entity_id=stable_id(text, "ORG", lang))


def with_org_names(entities: list[Entity], names: list[Entity], lang: str = "ar") -> list[Entity]:
    """`entities` with the organisation names added: a name takes the place of the places, the
    unlinked spans and the knowledge-base organisations inside it (الاتحاد الأفريقي in بعثة الاتحاد
    الأفريقي للدعم) but a linked place it ends with (`_before_place`), and gives way to any span it
    cuts across, to any person inside it, to a knowledge-base organisation it opens with or that
    follows its head word (سازمان داعش is ISIS), and to a span of the same extent."""
    out = list(entities)
    for name in names:
        inside = [e for e in out if e.start < name.end and name.start < e.end]
        if any(e.start < name.start or e.end > name.end for e in inside):
            continue
        if any(e.type == "PER" or (_linked(e) and e.type not in ("GPE", "LOC", "FAC")
                                   and (e.start == name.start or (e.end == name.end and _one_word_before(e, name))))
               for e in inside):
            continue
        if any(e.start == name.start and e.end == name.end for e in inside):
            continue
        kept = _before_place(name, inside, lang)
        if kept is None:
            continue
        inside = [e for e in inside if e.start < kept.end]
        out = [e for e in out if e not in inside] + [kept]
    return sorted(out, key=lambda e: (e.start, e.end))
