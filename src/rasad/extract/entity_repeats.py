"""A GeoNames place linked once in an article is the same place wherever its name recurs there.

The tagger and the place scan judge each mention alone: `بعلبك` after `مدينة` is found, `وبعلبك` in the
headline is not (a town of 30,000 people without a place word may be a common word). Once one mention
is linked, the same name elsewhere in the article (Arabic: behind a proclitic too) gets its id, unless
the name is a common word (`lang/<iso>/place_homographs.txt`, learned homographs) or overlaps another
entity.

>>> from rasad.article import Entity
>>> text = "سيول في بعلبك. وقال محافظ بعلبك إن الأضرار كبيرة في وبعلبك"
>>> found = Entity(8, 13, "بعلبك", "GPE", "geo:277130", rule="gazetteer:geonames", link_rule="geonames")
>>> [(e.start, e.text, e.entity_id) for e in repeat_places(text, [found], "ar")]
[(8, 'بعلبك', 'geo:277130'), (26, 'بعلبك', 'geo:277130'), (53, 'بعلبك', 'geo:277130')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from rasad.article import Entity
from rasad.kb.names import arabic_word_key
from rasad.kb.place_cues import homographs, is_learned_homograph

REPEAT_RULE = "gazetteer:repeat"
MIN_LETTERS = 4  # shorter names recur as parts of other words too often
_ARABIC_CLITICS = "(?:وب|ول|وك|فب|فل|[وفبلك])?"


def _repeatable(entity: Entity, lang: str) -> bool:
    if not (entity.entity_id or "").startswith(("geo:", "adm1:")) or len(entity.text) < MIN_LETTERS:
        return False
    words = entity.text.split()
    common = len(words) == 1 and arabic_word_key(words[0]) in homographs(lang)
    return not common and not is_learned_homograph(entity.text, lang)


def repeat_places(text: str, entities: list[Entity], lang: str) -> list[Entity]:
    """`entities` (sorted, not overlapping) plus the other mentions of their GeoNames places' names."""
    if lang not in ("ar", "fa"):
        return entities
    names = {e.text: e for e in entities if _repeatable(e, lang)}
    if not names:
        return entities
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    clitics = _ARABIC_CLITICS if lang == "ar" else ""
    pattern = re.compile(rf"(?<!\w){clitics}({alternatives})(?!\w)")
    starts = [e.start for e in entities]
    out = list(entities)
    for m in pattern.finditer(text):
        start, end = m.span(1)
        i = bisect_right(starts, start)
        before = entities[i - 1] if i else None
        after = entities[i] if i < len(entities) else None
        if (before is not None and before.end > start) or (after is not None and after.start < end):
            continue  # already an entity, or part of one
        out.append(replace(names[m.group(1)], start=start, end=end, source="gazetteer", rule=REPEAT_RULE,
                           score=None))
    return sorted(out, key=lambda e: e.start)
