"""Persian claim frames (SOV: "نیروها ۳۰ زندانی را از … به … منتقل کردند"): a trigger's actor and
patient, and where a coordinated clause starts (`_after_coordinated_verb`). Used by
`rasad.extract.claims._frame`; the phrase primitives are in `rasad.extract.claims_lexicon`.
"""

from __future__ import annotations

from rasad.extract.claims_lexicon import (
    MAX_ROLE_WORDS,
    ClaimLexicon,
    Span,
    _agent_phrase,
    _can_act,
    _opens_place,
    _phrase,
    _skip_timed,
    _Trigger,
)
from rasad.extract.phrases import SentenceWords


def _frame_fa(words: SentenceWords, lex: ClaimLexicon, trig: _Trigger, lo: int, hi: int, triggers: set[int],
              timed: list[bool], quantity_words: Span | None = None) -> tuple[Span | None, Span | None]:
    """A Persian frame's actor and patient (SOV: "نیروها ۳۰ زندانی را از … به … منتقل کردند").

    - the subject opens the clause (after a verb and و, a clause of its own, which shares the first
      one's subject when it has none: "… کرده و ۷۵۰ تروریست را … خارج کردند"), after its time words
      ("بامداد امروز") and stop words (none if a preposition opens it: "در جریان حملات …"), and ends at a
      stop word (یک، این), a number, or the end of a name followed by more words ("ارتش اسرائیل | مدعی شد");
    - an active verb's patient runs from the subject to the object marker را; a meeting's other party
      follows a `partner` word ("با همتای روس خود دیدار کرد");
    - a counted phrase right before را is the patient of a clause without a subject of its own;
    - a passive's subject is its patient, and its actor follows an agent marker ("توسط نیروهای قسد",
      "از سوی ارتش") or sits between the trigger and its light verb ("مورد حمله رژیم صهیونیستی قرار گرفت").
    """
    if trig.part == "noun":  # "برای حمله به …": a noun's actor and object belong to another verb
        return None, None
    own = _after_coordinated_verb(words, lex, lo, trig.start)
    start, subject = _subject_fa(words, lex, own, trig.start, triggers, timed)
    obj = next((i for i in range(start, trig.start) if words.keys[i] in lex.roles["object"]), None)
    if own > lo and trig.part == "verb" and (subject is None or (obj == subject[1] and (
            not _can_act(words, lex, subject[0]) or (quantity_words and subject[0] <= quantity_words[0] < obj)))):
        shared = _subject_fa(words, lex, lo, own, triggers, timed)[1]  # "نیروها … کرده و ۷۵۰ تروریست را … خارج کردند"
        if shared:
            return shared, ((start, obj) if obj is not None and obj > start else None)
    if trig.part == "passive":
        agent = _agent_phrase(words, lex, lo, trig.start, triggers)
        light = next((i for i in range(trig.end, min(hi, trig.end + MAX_ROLE_WORDS))
                      if words.keys[i] in lex.roles["light_verb"]), None)
        if agent is None and light is not None and light > trig.end:
            agent = (trig.end, light)
        return agent, subject
    if obj is not None and subject and subject[1] == obj and quantity_words and subject[0] <= quantity_words[0] < obj:
        return None, subject  # no subject of its own: "(ارتش گفت) سه پهپاد را رهگیری کرد"
    if obj is not None:
        first = _skip_timed(timed, subject[1] if subject else start, obj)
        return subject, ((first, obj) if obj > first else None)
    partner = next((i for i in range(start, trig.start) if words.keys[i] in lex.roles["partner"]), None)
    if partner is not None and trig.action in lex.roles["partner_action"]:
        return subject, _phrase(words, lex, partner + 1, trig.start, triggers)
    return subject, None


def _subject_fa(words: SentenceWords, lex: ClaimLexicon, lo: int, hi: int, triggers: set[int],
                timed: list[bool]) -> tuple[int, Span | None]:
    """Where a Persian clause's words start (after time and stop words) and its subject phrase there:
    none if a preposition opens it ("در جریان حملات داعش، …": an adverbial); it ends with a name."""
    start = lo
    while start < hi and (timed[start] or words.keys[start] in lex.roles["stop"]):
        start += 1
    subject = _phrase(words, lex, start, hi, triggers) if start < hi else None
    if subject and _opens_place(words, lex, start):
        subject = None
    if subject:  # a time after the subject ends it: "بالگردهای آمریکایی | بامداد سه‌شنبه … را … منتقل کردند"
        end = next((i for i in range(subject[0], subject[1]) if timed[i]), subject[1])
        subject = (subject[0], end) if end > subject[0] else None
    return start, _cut_after_name(words, subject)


def _after_coordinated_verb(words: SentenceWords, lex: ClaimLexicon, lo: int, trig: int) -> int:
    """Where a Persian trigger's own clause starts after an earlier verb and و ("… تبدیل شده و
    آمریکایی‌ها سرکرده‌ها را … منتقل می‌کنند"): after the last such و before the trigger."""
    for i in range(trig - 1, lo, -1):
        if words.keys[i] in lex.roles["coordinator"] and words.keys[i - 1] in lex.roles["verb_end"]:
            return i + 1
    return lo


def _cut_after_name(words: SentenceWords, span: Span | None) -> Span | None:
    """A phrase that opens with a name (after at most two words) ends with it: "ارتش اسرائیل مدعی شد" →
    "ارتش اسرائیل"."""
    if span is None:
        return None
    for i in range(span[0], min(span[1], span[0] + 3)):
        if words.named[i]:
            return (span[0], min(span[1], words.entity_end[i]))
    return span
