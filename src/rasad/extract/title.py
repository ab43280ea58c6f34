"""A headline line at the top of the text, used as the title when metadata has none.

>>> headline_title("انفجار في ريف حمص\\nقالت مصادر محلية إن انفجارا وقع صباح اليوم في ريف حمص.")
'انفجار في ريف حمص'
>>> headline_title("قالت مصادر محلية إن انفجارا وقع صباح اليوم.\\nوأضافت المصادر أن ...") is None
True
"""

from __future__ import annotations

MAX_WORDS = 25
_SENTENCE_END = (".", "!", "?", "؟", "…", ":", "؛", ";", "،", ",")


def headline_title(text: str, skip: tuple[int, int] | None = None) -> str | None:
    """The first line when it reads as a headline: at most 25 words, no final period or colon, and
    a longer body after it. `skip` is a span (e.g. the dateline) that a headline may not overlap.
    """
    lines = [line for line in text.split("\n")]
    offset = 0
    first: tuple[int, str] | None = None
    for line in lines:
        if line.strip():
            first = (offset + len(line) - len(line.lstrip()), line.strip())
            break
        offset += len(line) + 1
    if first is None:
        return None
    start, headline = first
    if skip is not None and start < skip[1] and skip[0] < start + len(headline):
        return None
    words = headline.split()
    if not 2 <= len(words) <= MAX_WORDS or headline.endswith(_SENTENCE_END):
        return None
    body = text[start + len(headline):].strip()
    if len(body.split()) <= len(words):
        return None
    return headline
