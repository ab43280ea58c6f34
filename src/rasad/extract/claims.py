"""Claims: the check-worthy statements of an article as frames — who did what to whom, how many,
from where, to where, where, when, on whose word, and how sure.

A claim starts at an event trigger (`lang/<iso>/claim_events.tsv`: نقلت، أفرجت، مقتل، منتقل کردند،
moved, struck …, each with a normalised English action) and fills its roles from the clause around it:

- `actor`: the phrase before a verb (Persian, English, an Arabic subject-first clause) or right after it
  (an Arabic verb-first clause); none for a noun trigger (مقتل، انتقال) or a passive;
- `quantity`: the first counted quantity of the clause (from the quantities stage), and `patient` the
  noun it counts (or the phrase after the actor);
- `origin`, `destination`, `location`: the phrase after من / از / from, إلى / به / to, في / در / in
  (`claim_roles.tsv`);
- `time`: the first time expression of the sentence (times stage);
- `attribution`: the sentence's attribution (attributions stage); `certainty` is `denied` (a negation
  before the trigger, or a denial), `alleged` (زعم، claimed), `hedged` (قد، reportedly), `attributed`
  or `asserted`.

Roles point at the entity under them (`entity_id`). `english` renders the frame with the entities'
English names (no translation model is used: see `rasad.extract.claims_english`).

>>> from rasad.article import Article, Quantity, Source, Sentence
>>> text = "نقلت القوات 40 سجيناً من سجن الحسكة إلى قاعدة الشدادي."
>>> art = Article(Source(sha256="x", format="txt"), text, lang="ar")
>>> art.sentences = [Sentence(0, len(art.text))]
>>> art.quantities = [Quantity(12, 14, "40", 40, counted="prisoners", counted_text="سجيناً")]
>>> [(c["action"], c["actor"]["text"], c["origin"]["text"], c["destination"]["text"]) for c in find_claims(art)]
[('transfer', 'القوات', 'سجن الحسكة', 'قاعدة الشدادي')]
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from rasad.article import Article, Attribution, Entity, Quantity, Sentence, TimeExpression
from rasad.extract.claims_english import actions_with, counted_says, label_event, render_claim, summary_en, title_en
from rasad.extract.claims_fa import _after_coordinated_verb, _frame_fa
from rasad.extract.claims_lexicon import (
    MAX_ROLE_WORDS,
    ClaimLexicon,
    Span,
    _agent_noun,
    _agent_phrase,
    _agentive,
    _can_act,
    _content,
    _opens_place,
    _phrase,
    _skip_timed,
    _Trigger,
    _variants,
    claim_lexicon,
)
from rasad.extract.phrases import CONJUNCTIONS, SentenceWords, SpanIndex, definite_ar, key
from rasad.pipeline import article_stage
from rasad.settings import Settings
from rasad.text.data import read_words

LANGS = ("ar", "fa", "en")
QUANTITY_WORDS = 8  # a claim's number stands within this many words after its trigger
MAX_CLAUSE_WORDS = 60  # a clause is cut at this many words each side of its trigger (no punctuation: linear)
MAX_SENTENCE_CHARS = 1000  # a longer sentence is given as the claim's clause only
ROLES = ("actor", "action", "patient", "quantity", "origin", "destination", "location", "time")
_PLACE_TYPES = frozenset({"LOC", "GPE", "FAC"})
_PERSON_TYPES = frozenset({"PER"})
_ACTOR_TYPES = frozenset({"PER", "ORG", "GPE"})  # the entities that can act (no MISC, LOC, FAC, EVENT)


def _triggers(words: SentenceWords, lex: ClaimLexicon, lang: str, skip: Sequence[tuple[int, int]]) -> list[_Trigger]:
    out = []
    i = 0
    while i < len(words.keys):
        found = words.phrase_at(i, lex.triggers, lex.longest, conj=lang == "ar")
        joined = _joined_head(words, lex, i) if found is None and lex.heads else None
        if joined is not None:
            n, (action, part, needs) = joined
        elif found is not None:
            n = found[0]
            action, part, needs = _lookup(words, lex, i, n, lang)
        else:
            i += 1
            continue
        token = words.tokens[i]
        if part == "noun" and i and words.keys[i - 1] in lex.roles["anaphor"]:
            i += n  # "در این حمله": the event told before, no new claim
            continue
        if not any(s <= token.start < e for s, e in skip) and not (action == "transfer" and _relay(words, lex, i + n)):
            # "نقلت وكالة سانا عن": a relay, not a transfer
            if lang == "en" and _after_passive_aux(words, lex, i):
                part = "passive"
            out.append(_Trigger(i, i + n, action, part, needs))
        i += n
    return _without_restated_nouns(out)


JOINED_WORDS = 7  # a light verb shared by two heads joined by و stands this many words after the first


def _joined_head(words: SentenceWords, lex: ClaimLexicon, i: int) -> tuple[int, tuple[str, str, str]] | None:
    """A light-verb trigger's head joined by و to another that carries the light verb ("دیدار و گفت‌وگو
    کرد", "آزاد و به کشور بازگردانده شدند", "کشته و ۱۲ نفر دیگر زخمی شدند"): (the head's length, its
    event), or None."""
    for n in (2, 1):
        table = lex.heads.get(tuple(words.keys[i:i + n]))
        if table is None or i + n >= len(words.keys) or words.keys[i + n] not in lex.roles["coordinator"]:
            continue
        for j in range(i + n + 1, min(len(words.keys), i + n + 1 + JOINED_WORDS)):
            if words.breaks[j]:
                break
            for m in (2, 1):
                event = table.get(tuple(words.keys[j:j + m]))
                if event is not None:
                    return n, event
    return None


def _without_restated_nouns(triggers: list[_Trigger]) -> list[_Trigger]:
    """The triggers without a noun that a verb of the same action follows at once ("شنت طائرات التحالف
    غارات جوية | استهدفت مواقع": one attack, told by the verb, whose subject runs through the noun)."""
    return [t for k, t in enumerate(triggers)
            if not (t.part == "noun" and k + 1 < len(triggers) and triggers[k + 1].action == t.action
                    and triggers[k + 1].part != "noun" and triggers[k + 1].start - t.end <= 1)]


def _after_passive_aux(words: SentenceWords, lex: ClaimLexicon, i: int) -> bool:
    """An English verb after a passive auxiliary, also with adverbs between ("was later escorted")."""
    j = i - 1
    while j >= 0 and words.keys[j] in lex.roles["aux"] and words.keys[j] not in lex.roles["passive_aux"]:
        j -= 1
    return j >= 0 and words.keys[j] in lex.roles["passive_aux"]


def _relay(words: SentenceWords, lex: ClaimLexicon, after: int) -> bool:
    """A reporting use of a transfer verb: a relay word (عن) within the few words after it ("ونقل
    محاميه عن القضاة قولهم": he quoted the judges; "عن طريق" is "by way of")."""
    end = min(after + 4, len(words.keys))
    return any(words.keys[j] in lex.roles["relay"]
               and not (j + 1 < len(words.keys) and words.keys[j + 1] in lex.roles["relay_not"])
               for j in range(after, end))


def _lookup(words: SentenceWords, lex: ClaimLexicon, i: int, n: int, lang: str) -> tuple[str, str, str]:
    phrase = tuple(words.keys[i:i + n])
    if phrase in lex.triggers:
        return lex.triggers[phrase]
    return lex.triggers[(phrase[0][1:], *phrase[1:])]  # after و/ف


SENSE_BEFORE, SENSE_AFTER = 4, 6  # the words before and after a trigger that tell its sense


def _in_sense(words: SentenceWords, lex: ClaimLexicon, trig: _Trigger, clause: tuple[int, int],
              persons: list[bool], counted: str = "") -> bool:
    """Whether the trigger is an event in the sense its action means: no off-topic word (sport) near
    it, and a word of its `needs` class near it or counted by its quantity ("نقل البيانات" moves data,
    not people: no transfer; "الحملة تستهدف الشباب" targets no one with arms: no attack; "أجلت فرق
    الدفاع المدني مساء أمس 200 عائلة": the families are counted further on)."""
    lo, hi = max(clause[0], trig.start - SENSE_BEFORE), min(clause[1], trig.end + SENSE_AFTER)
    near = [i for i in range(lo, hi) if not trig.start <= i < trig.end]
    if any(_variants(words.keys[i]) & lex.senses["offtopic"] for i in near):
        return False
    if not trig.needs:
        return True
    wanted = lex.senses[trig.needs]
    if any(_variants(key(w)) & wanted for w in counted.split()):
        return True
    return any(_variants(words.keys[i]) & wanted or ("<PER>" in wanted and persons[i])
               or ("<NUM>" in wanted and words.keys[i][:1].isdigit() and i >= trig.end) for i in near)


def _clause(words: SentenceWords, at: int, triggers: set[int]) -> tuple[int, int]:
    """The words of the trigger's clause: from the last full stop, colon or line break before it to
    the next one or the next trigger (commas and quotes stay inside: Arabic sets off appositions
    with commas: "نقلت القوات 40 سجيناً، بينهم قادة، من سجن …")."""
    start = at
    while start > 0 and at - start < MAX_CLAUSE_WORDS and not words.hard[start]:
        start -= 1
    end = at + 1
    while end < len(words.keys) and end - at < MAX_CLAUSE_WORDS and not words.hard[end] and end not in triggers:
        end += 1
    return start, end


def _role_after(words: SentenceWords, lex: ClaimLexicon, kind: str, lo: int, hi: int,
                triggers: set[int], places: list[bool], arabic: bool = False) -> tuple[int, int] | None:
    """The place phrase after the first `kind` preposition (من، به، in …) in words [lo, hi): it must
    open with a place (a place entity, or a place noun such as سجن، پایگاه، camp; in Persian and
    English its second word may: "a prison"), and it ends with its first place entity; "من إرهابيي
    التنظيم" ("of the terrorists") is no origin. In Arabic the preposition may follow و ("وفي
    البحر الأحمر") and a location's ب may be attached to its place noun ("بمحافظة شبوة")."""
    for i in range(lo, hi):
        word = words.keys[i]
        if arabic and word[:1] in CONJUNCTIONS and word[1:] in lex.roles[kind]:
            word = word[1:]
        if arabic and kind == "location" and word[:1] == "ب" and len(word) > 3 and _place_noun(word[1:], lex):
            s, e = _phrase(words, lex, i, hi, triggers, place=True)
        elif word in lex.roles[kind] and i + 1 < hi:
            s, e = _phrase(words, lex, i + 1, hi, triggers, place=True)
            opening = range(s, min(e, s + (1 if arabic else 3)))  # "the Iranian port of …"
            if not (e > s and any(places[j] or _place_noun(words.keys[j], lex) for j in opening)):
                continue
        else:
            continue
        named = next((j for j in range(s, e) if places[j]), None)
        if named is not None:  # "مدينة المنصورة بعدن وقد قامت" → مدينة المنصورة
            e = next((j for j in range(named, e) if not places[j]), e)
        return s, e
    return None


def _place_roles(words: SentenceWords, lex: ClaimLexicon, frame: _Frame, span: tuple[int, int],
                 triggers: set[int], places: list[bool], arabic: bool = False) -> None:
    """The frame's origin, destination and location in words `span`. An origin or destination goes on
    through a `place_extend` word and the place after it ("from a prison in Hasakah"), and a location
    inside it is none of its own."""
    for kind in ("origin", "destination", "location"):
        role = _role_after(words, lex, kind, span[0], span[1], triggers, places, arabic=arabic)
        if role and kind != "location" and role[1] + 1 < span[1] and words.keys[role[1]] in lex.roles["place_extend"]:
            s, e = _phrase(words, lex, role[1] + 1, span[1], triggers, place=True)
            if e > s and any(places[j] or _place_noun(words.keys[j], lex) for j in range(s, min(e, s + 2))):
                role = (role[0], e)
        setattr(frame, kind, role)
    if frame.location and any(r and r[0] <= frame.location[0] < r[1] for r in (frame.origin, frame.destination)):
        frame.location = None


def _place_noun(word: str, lex: ClaimLexicon) -> bool:
    return word in lex.roles["place"] or (word.startswith("ال") and word[2:] in lex.roles["place"])


def _role(text: str, words: SentenceWords, span: tuple[int, int] | None, entities: SpanIndex[Entity],
          head: bool = False) -> dict | None:
    """A role's text, offsets and entity: the first linked entity inside it, or with `head` (actor,
    patient) only one that opens the phrase ("المدنيين خارج بلدات سورية" is no Syria)."""
    if span is None or span[1] <= span[0]:
        return None
    start, end = words.tokens[span[0]].start, words.tokens[span[1] - 1].end
    first_word_end = words.tokens[span[0]].end
    inside = [e for e in entities.starting_in(start, first_word_end if head else end) if e.end <= end]
    return {"text": text[start:end], "entity_id": next((e.entity_id for e in inside if e.entity_id), None),
            "start": start, "end": end}


@dataclass
class _Frame:
    actor: tuple[int, int] | None = None
    patient: tuple[int, int] | None = None
    origin: tuple[int, int] | None = None
    destination: tuple[int, int] | None = None
    location: tuple[int, int] | None = None


def _frame(words: SentenceWords, lex: ClaimLexicon, lang: str, trig: _Trigger, clause: tuple[int, int],
           quantity_words: tuple[int, int] | None, triggers: set[int], places: list[bool],
           timed: list[bool]) -> _Frame:
    lo, hi = clause
    lo, roles_lo = _relative_clause(words, lex, lo, _after_complementizer(words, lex, lo, trig.start), trig.start)
    frame = _Frame()
    before = (lo, trig.start)
    after = (trig.end, hi)
    if lang == "fa":  # SOV: actor opens the clause, roles sit between it and the verb
        own = max(roles_lo, _after_coordinated_verb(words, lex, lo, trig.start))
        _place_roles(words, lex, frame, (own, trig.start), triggers, places)
        if frame.location is None and own > roles_lo:  # "… در شهر الحسکه سوء استفاده کرده و … خارج کردند"
            frame.location = _role_after(words, lex, "location", roles_lo, own, triggers, places)
        actor, patient = _frame_fa(words, lex, trig, lo, hi, triggers, timed, quantity_words)
        frame.actor = _agentive(words, lex, _content(words, lex, actor))
        frame.patient = _content(words, lex, patient) if quantity_words is None else None
        return frame
    if lang == "en":
        roles_span = after
        if trig.part == "passive":  # "The crew were transferred to X by Y"
            frame.patient = _subject_en(words, lex, lo, trig.start, lex.roles["place_link"] | lex.roles["place_extend"])
            frame.actor = _agent_phrase(words, lex, trig.end, hi, triggers)
            _place_roles(words, lex, frame, (trig.end, hi), triggers, places)
            frame.actor = _agentive(words, lex, _content(words, lex, frame.actor))
            frame.patient = _content(words, lex, frame.patient) if quantity_words is None else None
            return frame
        if trig.part == "verb" and before[1] > before[0]:
            frame.actor = _subject_en(words, lex, lo, trig.start)
    else:
        frame.actor, patient, roles_from = _frame_ar(words, lex, trig, lo, hi, triggers, timed)
        roles_span = (roles_from, hi)
    _place_roles(words, lex, frame, roles_span, triggers, places, arabic=lang == "ar")
    if lang == "ar":
        if frame.location is None:  # "وفي البحر الأحمر، احتجزت …": a location that opens the clause
            fronted = _role_after(words, lex, "location", lo, trig.start, triggers, places, arabic=True)
            frame.location = fronted if fronted and fronted[0] <= lo + 1 else None
        if frame.location and patient and patient[0] == frame.location[0]:  # "استقبل الرئيس بقصر الاتحادية …"
            patient = _phrase(words, lex, _skip_timed(timed, frame.location[1], hi), hi, triggers, arabic=True) \
                if frame.location[1] < hi else None
        frame.patient = patient if quantity_words is None else None
        if frame.patient and (_opens_place(words, lex, frame.patient[0]) or _coordinated(words, frame.patient[0])):
            frame.patient = None
        frame.patient = _content(words, lex, frame.patient)
        return frame
    if quantity_words is None:
        if lang == "fa":
            obj = next((i for i in range(lo, trig.start) if words.keys[i] in lex.roles["object"]), None)
            if obj is not None:
                start = frame.actor[1] if frame.actor else lo
                frame.patient = (start, obj) if obj > start else None
        elif lang == "en" or trig.part != "verb" or frame.actor is None or frame.actor[0] < trig.start:
            s = trig.end
            frame.patient = _phrase(words, lex, s, hi, triggers) if s < hi and not _opens_place(words, lex, s) else None
        else:
            s = frame.actor[1]
            frame.patient = _phrase(words, lex, s, hi, triggers, arabic=True) if s < hi else None
    if trig.part == "passive":
        frame.patient, frame.actor = frame.actor or frame.patient, None
    frame.actor = _agentive(words, lex, _content(words, lex, frame.actor), trim=lang == "ar")
    frame.patient = _content(words, lex, frame.patient)
    return frame


def _relative_clause(words: SentenceWords, lex: ClaimLexicon, clause: int, lo: int, trig: int) -> tuple[int, int]:
    """Where a trigger's clause and its place roles start. After a relative pronoun whose clause a comma
    closes before the trigger ("یک پهپاد که از جنوب لبنان پرتاب شده بود، بر فراز الجلیل رهگیری شد"),
    the clause starts at `clause` (its subject is the antecedent) and the roles after the comma;
    otherwise both at `lo`."""
    if lo <= clause or words.keys[lo - 1] not in lex.roles["relative"] \
            or (lo >= 2 and words.keys[lo - 2] in lex.roles["verb_end"]):  # "اعلام کردند که": a complementizer
        return lo, lo
    close = next((i for i in range(lo + 1, trig) if words.breaks[i]), None)
    return (clause, close) if close is not None else (lo, lo)


def _frame_ar(words: SentenceWords, lex: ClaimLexicon, trig: _Trigger, lo: int, hi: int, triggers: set[int],
              timed: list[bool]) -> tuple[Span | None, Span | None, int]:
    """An Arabic frame's actor, patient and where its place roles start. Precision first: an actor
    is a phrase that can act (`_agentive`) right before the verb, or opening the words after it;
    otherwise the claim has none rather than a wrong one.

    - a noun trigger has no actor, unless a launch verb follows it ("هجوم شنته المعارضة") or a light
      verb comes before it ("القوات قامت بنقل");
    - a transitive verb followed by a preposition or a break reads as a passive ("نُقلت إلى المستشفى",
      "وقُتل فيه 12 شخصاً"): the phrase before it is its patient;
    - after a relative pronoun ("التفجير الذي استهدف المسجد") the antecedent acts only if it can.
    """
    def after(start: int) -> Span | None:
        start = _skip_timed(timed, start, hi)  # "اتهمت كوريا الجنوبية اليوم الاثنين بيونغيانغ"
        return _phrase(words, lex, start, hi, triggers, arabic=True) if start < hi else None

    if trig.part == "noun":
        light = _light_verb_before(words, lex, lo, trig.start, triggers)
        if light is not None:  # "مروحيات أميركية قامت بنقل", "قامت القوات بنقل", "وتم اعتقال"
            actor = _leading_agent(words, lex, (light + 1, _skip_to_timed(timed, light + 1, trig.start))) \
                if light + 1 < trig.start else \
                _agentive(words, lex, _subject_ar(words, lex, lo, light, triggers), trim=True)
            return actor, after(trig.end), trig.end
        if trig.end < hi and words.keys[trig.end] in lex.roles["launch"]:
            actor = _leading_agent(words, lex, after(trig.end + 1))
            return actor, None, actor[1] if actor else trig.end + 1
        if trig.action in actions_with("noun_subject"):  # "هجوم القوات العراقية على الفلوجة"
            actor = _leading_agent(words, lex, after(trig.end))
            if actor:
                return actor, after(actor[1]), actor[1]
        return None, after(trig.end), trig.end
    relative = trig.start > lo and words.keys[trig.start - 1] in lex.roles["relative"]
    before = _subject_ar(words, lex, lo, trig.start - 1 if relative else trig.start, triggers)
    if trig.part == "passive":
        return None, before or after(trig.end), trig.end
    if trig.action in _transitive_actions() and (
            trig.end >= hi or words.breaks[trig.end] or words.keys[trig.end] in lex.roles["passive_next"]):
        return None, before, trig.end
    if relative:  # "التفجير الإرهابي الذي استهدف": the antecedent acts only if it can
        antecedent = _antecedent(words, lo, trig.start - 1)
        # only an agent noun: a name before الذي is as often the one it befalls ("فلان الذي اعتقل سنتين")
        actor = antecedent if antecedent and _agent_noun(words.keys[antecedent[0]], lex) else None
        obj = after(trig.end)
        return (actor, obj, trig.end) if actor else (None, obj or antecedent, trig.end)
    actor = _subject_np(words, lex, _content(words, lex, before), triggers)
    if actor:
        return actor, after(trig.end), trig.end
    shared = _shared_subject(words, lex, lo, trig, triggers)
    if shared:  # "إن قوات حرس الحدود ضبطت … وقتلت أربعة مهربين": the subject of the first verb
        return shared, after(trig.end), trig.end
    if _fronted_subject(words, lex, before, timed):  # "وكان زوج المعلمة قد اتهم": a subject that cannot act
        return None, after(trig.end), trig.end
    post = _leading_agent(words, lex, after(trig.end))
    if post and trig.action in _transitive_actions() and _clause_ends(words, post[1], hi, timed):
        return None, post, trig.end  # "والثانية قتلت الجندي فلان.": one phrase after the verb is its object
    if post:
        return post, after(post[1]), post[1]
    return None, after(trig.end), trig.end


LIGHT_VERB_WORDS = MAX_ROLE_WORDS + 2  # a light verb stands this many words before its noun at most


def _light_verb_before(words: SentenceWords, lex: ClaimLexicon, lo: int, noun: int, triggers: set[int]) -> int | None:
    """The light verb that carries an Arabic noun trigger, also after و and with its subject between
    ("قامت القوات بنقل", "وتم اعتقال", "ألقت قوات الأمن القبض", "شنت طائرات حربية فجر اليوم غارات"):
    the nearest one before it in its clause, with no break or other trigger between."""
    for i in range(noun - 1, max(lo, noun - LIGHT_VERB_WORDS) - 1, -1):
        word = words.keys[i]
        if word in lex.roles["light_verb"] or (word[:1] in CONJUNCTIONS and word[1:] in lex.roles["light_verb"]):
            return i
        if i in triggers or words.breaks[i]:
            return None
    return None


def _skip_to_timed(timed: list[bool], start: int, end: int) -> int:
    """The first word from `start` (before `end`) in a time expression, or `end`."""
    return next((i for i in range(start, end) if timed[i]), end)


def _shared_subject(words: SentenceWords, lex: ClaimLexicon, lo: int, trig: _Trigger,
                    triggers: set[int]) -> Span | None:
    """The subject a verb joined by و/ف shares with the first verb of its clause: the phrase that can act
    at the clause's start (after a complementizer), right before or after that verb ("القوات ضبطت …
    وقتلت", "نفذت قوات الاحتلال عملية … واعتقلت"); none for a verb without a conjunction."""
    word = words.keys[trig.start]
    if trig.end - trig.start != 1 or word[:1] not in CONJUNCTIONS or (word,) in lex.triggers:
        return None
    own = _after_complementizer(words, lex, lo, trig.start)
    first = next((i for i in range(own, min(trig.start, own + 2)) if _can_act(words, lex, i)), None)
    if first is None:
        return None
    span = _phrase(words, lex, first, trig.start, triggers, arabic=True)
    return span if span[1] < trig.start else None


def _subject_np(words: SentenceWords, lex: ClaimLexicon, span: Span | None, triggers: set[int]) -> Span | None:
    """The subject in a phrase right before a verb: it starts at its first word that can act, at most
    one word in (a verb or a particle before it: "وشنت | طائرات التحالف"), and runs as one noun
    phrase up to the verb, or up to a second phrase that can act itself, the antecedent of the verb
    ("وشنت طائرات التحالف | غارات جوية | استهدفت"); "أمانة القصيم بإعادة النجر | ونقل" has none."""
    if span is None:
        return None
    first = next((i for i in range(span[0], min(span[1], span[0] + 2)) if _can_act(words, lex, i)), None)
    if first is None:
        return None
    _, end = _phrase(words, lex, first, span[1], triggers, arabic=True)
    if end < span[1] and _can_act(words, lex, end) and _phrase(words, lex, end, span[1], triggers, arabic=True)[1] \
            == span[1]:
        return first, end
    return (first, span[1]) if end == span[1] else None


def _clause_ends(words: SentenceWords, at: int, hi: int, timed: list[bool]) -> bool:
    """Nothing but a time phrase follows word `at` in its clause (up to punctuation)."""
    while at < hi and timed[at] and not words.breaks[at]:
        at += 1
    return at >= hi or words.breaks[at]


def _leading_agent(words: SentenceWords, lex: ClaimLexicon, span: Span | None) -> Span | None:
    """The phrase if its first word (after prepositions and stop words) can act; else None."""
    span = _content(words, lex, span)
    return span if span and _can_act(words, lex, span[0]) else None


def _subject_ar(words: SentenceWords, lex: ClaimLexicon, lo: int, end: int, triggers: set[int]) -> Span | None:
    """The Arabic phrase right before word `end` (a verb): back to a stop word, a preposition, a
    complementizer, a relative pronoun, another trigger or punctuation, at most MAX_ROLE_WORDS
    ("إن قوات الاحتلال | اعتقلت"); a hedge right before the verb is skipped ("القوات قد | نقلت")."""
    while end > lo and words.keys[end - 1] in lex.roles["hedge"]:
        end -= 1
    stops = lex.roles["stop"] | lex.roles["origin"] | lex.roles["destination"] | lex.roles["location"] \
        | lex.roles["complementizer"] | lex.roles["relative"] | lex.roles["object"]
    start = end
    while start > lo and end - start < MAX_ROLE_WORDS and words.keys[start - 1] not in stops \
            and start - 1 not in triggers and not words.breaks[start]:
        start -= 1
    if start > lo and not words.breaks[start] and _preposition(words, lex, start - 1):
        return None  # "تتحرك من المدينة المنورة | وتنقل": the object of a preposition is no subject
    if start < end and _preposition(words, lex, start):  # "وفي لحج | سيطرت"
        return None
    return (start, end) if end > start else None


def _antecedent(words: SentenceWords, lo: int, pronoun: int) -> Span | None:
    """The noun phrase a relative pronoun refers to: the name right before it, else the run of
    definite words before it with the construct head in front ("قوات | الاحتلال | التي", "وأدان
    الوزير | التفجير الإرهابي | الذي" → التفجير الإرهابي)."""
    start = pronoun
    if start > lo and words.named[start - 1]:
        while start > lo and words.named[start - 1] and not words.breaks[start]:
            start -= 1
        return (start, pronoun) if pronoun > start else None
    while start > lo and definite_ar(words.keys[start - 1]) and not words.named[start - 1] and not words.breaks[start]:
        start -= 1
    if start > lo and start < pronoun and not words.named[start - 1] and not words.breaks[start] \
            and not definite_ar(words.keys[start - 1]):
        start -= 1  # the construct head: قوات الاحتلال
    return (start, pronoun) if pronoun > start else None


def _fronted_subject(words: SentenceWords, lex: ClaimLexicon, span: Span | None, timed: list[bool]) -> bool:
    """The phrase right before a verb is a subject-first noun phrase (not a time word, a particle or
    a fronted prepositional phrase): then the words after the verb are no subject."""
    if span is None or _opens_place(words, lex, span[0]) or _preposition(words, lex, span[0]):
        return False
    function = _function_words()
    return any(not timed[i] and len(words.keys[i]) > 2 and words.keys[i] not in lex.roles["stop"]
               and words.keys[i] not in function for i in range(*span))


@cache
def _function_words() -> frozenset[str]:
    """Arabic particles and connectives (`lang/ar/function_words.txt`: كما، ثم، حيث), as keys."""
    return frozenset(key(w) for w in read_words("ar", "function_words.txt"))


def _preposition(words: SentenceWords, lex: ClaimLexicon, i: int) -> bool:
    """Word i is a preposition, also after و/ف: وفي، ومن، وعلى."""
    word = words.keys[i]
    bare = word[1:] if word[:1] in CONJUNCTIONS and len(word) > 2 else word
    return bare in lex.roles["preposition"] or bare in lex.roles["location"] | lex.roles["origin"] \
        | lex.roles["destination"]


def _coordinated(words: SentenceWords, i: int) -> bool:
    """Word i opens a coordinated clause, not an object: وطرد العرب، وتم تبادل (و + a word, no name)."""
    return words.keys[i][:1] == "و" and len(words.keys[i]) > 3 and not words.named[i]


def _transitive_actions() -> frozenset[str]:
    """The actions whose verbs take an object (`lang/en/claim_actions.tsv`)."""
    return actions_with("transitive")


def _after_complementizer(words: SentenceWords, lex: ClaimLexicon, lo: int, trig: int) -> int:
    """Where the trigger's own clause starts: after the last complementizer before it
    ("ذكرت مصادر أن | القوات نقلت")."""
    for i in range(trig - 1, lo - 1, -1):
        if words.keys[i] in lex.roles["complementizer"]:
            return i + 1
    return lo


def _subject_en(words: SentenceWords, lex: ClaimLexicon, lo: int, verb: int,
                keep: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The noun phrase right before an English verb, after the last preposition or conjunction (but
    the words `keep`, within one comma-free phrase); an auxiliary right before the verb is no part of
    it ("The men had | smuggled", "were | transferred")."""
    while verb > lo and words.keys[verb - 1] in lex.roles["aux"] | lex.roles["passive_aux"]:
        verb -= 1
    start = verb
    stops = (lex.roles["stop"] | lex.roles["origin"] | lex.roles["destination"] | lex.roles["location"]) - keep
    while start > lo and words.keys[start - 1] not in stops and verb - start < MAX_ROLE_WORDS \
            and not (keep and words.breaks[start]):
        start -= 1
    return (start, verb) if verb > start else None


def _only_function_words(words: SentenceWords, lex: ClaimLexicon, lo: int, hi: int) -> bool:
    """Arabic words before a verb that are no subject: a conjunction, a time word, a fronted adverbial
    ("وفي مأرب شرق اليمن، قتل …": a phrase that opens with a preposition)."""
    first = words.keys[lo]
    bare = first[1:] if first[:1] in CONJUNCTIONS and len(first) > 2 else first
    prepositions = lex.roles["location"] | lex.roles["origin"] | lex.roles["destination"]
    if bare in prepositions:
        return True
    return all(words.keys[i] in lex.roles["stop"] or words.keys[i] in lex.roles["location"]
               or len(words.keys[i]) <= 2 for i in range(lo, hi))


def _quantity_for(quantities: SpanIndex[Quantity], words: SentenceWords, lex: ClaimLexicon, lo: int, hi: int,
                  trig: _Trigger, lang: str, timed: list[bool]) -> Quantity | None:
    """The first counted quantity in the clause (after the trigger, at most QUANTITY_WORDS words on,
    except in Persian) whose counted label fits the action ("مقتل شرطي وإصابة ثلاثة": 3 wounded
    is no count of the killing). In Persian it is in the trigger's own clause (after a coordinated verb:
    "… توقیف کرد و ۱۱ خدمه آن را بازداشت نمود"), after a noun trigger ("از دستگیری ۱۴ قاچاقچی"); an
    English passive's stands before it ("two soldiers were killed")."""
    if lang == "fa":
        first = trig.end if trig.part == "noun" else _after_coordinated_verb(words, lex, lo, trig.start)
        start = words.tokens[min(first, hi - 1)].start
    elif lang == "en" and trig.part == "passive":
        start = words.tokens[max(lo, trig.start - QUANTITY_WORDS)].start
    else:
        start = words.tokens[trig.end - 1].end
    last, counted = trig.end, 0  # QUANTITY_WORDS words on, not counting time words ("مساء الاثنين")
    while last < hi and counted < QUANTITY_WORDS:
        counted += not timed[last]
        last += 1
    end = words.tokens[hi - 1].end if lang == "fa" else words.tokens[last - 1].end
    durations = _durations(lang)
    return next((q for q in quantities.starting_in(start, end) if q.end <= end and q.kind == "count"
                 and q.counted not in _durations("en") and key(q.counted_text or "") not in durations
                 and _fits(q.counted or "", trig.action)), None)


def _fits(label: str, action: str) -> bool:
    """A counted label fits an action unless it counts another event: 'people wounded' is no count of
    a killing, 'people killed' none of an attack (`claim_actions.tsv`, fifth column)."""
    event = label_event(label)
    return event is None or event not in counted_says(action, column=4)


@cache
def _durations(lang: str) -> frozenset[str]:
    """Duration and repetition nouns (`lang/<iso>/duration_units.txt`), as matching keys."""
    return frozenset(key(w) for w in read_words(lang, "duration_units.txt"))


def _word_span(words: SentenceWords, start: int, end: int) -> tuple[int, int] | None:
    """The words [first, last) that overlap [start, end) (bisection: no scan of the sentence)."""
    first = bisect_right([t.end for t in words.tokens], start)
    last = bisect_left([t.start for t in words.tokens], end)
    return (first, last) if last > first else None


def _certainty(words: SentenceWords, lex: ClaimLexicon, trig: _Trigger, attribution: Attribution | None,
               hedged: bool) -> str:
    negated = any(words.keys[i] in lex.roles["negation"] for i in range(max(0, trig.start - 2), trig.start))
    if negated or (attribution is not None and attribution.verb in ("denied", "denies")):
        return "denied"
    if attribution is not None and attribution.verb in ("claimed", "claims", "alleged"):
        return "alleged"
    if hedged:
        return "hedged"
    return "attributed" if attribution is not None else "asserted"


def _claim_id(article_text: str, start: int, end: int, action: str) -> str:
    digest = hashlib.sha1(f"{article_text[start:end]}|{action}".encode()).hexdigest()
    return f"c{digest[:12]}"


def find_claims(article: Article) -> list[dict[str, Any]]:
    """The claim frames of `article`, in text order (needs sentences, entities, times, quantities,
    attributions)."""
    if article.lang not in LANGS:
        return []
    lex = claim_lexicon(article.lang)
    claims: list[dict[str, Any]] = []
    spans = _Spans(SpanIndex(article.entities), SpanIndex(article.attributions), SpanIndex(article.times),
                   SpanIndex(article.quantities))
    for sentence in article.sentences:
        claims.extend(_sentence_claims(article, sentence, lex, spans))
    return claims


@dataclass(frozen=True)
class _Spans:
    """The article's spans by start, to take one sentence's without scanning them all."""

    entities: SpanIndex[Entity]
    attributions: SpanIndex[Attribution]
    times: SpanIndex[TimeExpression]
    quantities: SpanIndex[Quantity]


def _sentence_claims(article: Article, sentence: Sentence, lex: ClaimLexicon, spans: _Spans) -> list[dict[str, Any]]:
    text = article.text
    entity_list = spans.entities.starting_in(sentence.start, sentence.end)
    entities = SpanIndex(entity_list)
    words = SentenceWords.of(text[sentence.start:sentence.end], sentence.start, lex.starts, entity_list)
    attributions = spans.attributions.starting_in(sentence.start, sentence.end)
    relays = [(a.start, a.end) for a in attributions if a.rule and a.rule.endswith(":relay")]
    found = _triggers(words, lex, article.lang, relays)
    if not found:
        return []
    trigger_words = {t.start for t in found}
    places = _typed_words(words, entity_list, _PLACE_TYPES)
    persons = _typed_words(words, entity_list, _PERSON_TYPES)
    times = spans.times.starting_in(sentence.start, sentence.end)
    timed = _covered(words, times)
    able = replace(words, named=_typed_words(words, entity_list, _ACTOR_TYPES))  # "named" = can act
    attribution = attributions[0] if attributions else None
    quantities = SpanIndex(spans.quantities.starting_in(sentence.start, sentence.end))
    hedged = any(k in lex.roles["hedge"] for k in words.keys)
    sentence_text = text[sentence.start:sentence.end]
    out = []
    for trig in found:
        lo, hi = _clause(words, trig.start, trigger_words)
        quantity = _quantity_for(quantities, words, lex, lo, hi, trig, article.lang, timed)
        if not _in_sense(words, lex, trig, (lo, hi), persons, quantity.counted_text or "" if quantity else ""):
            continue
        q_words = _word_span(words, quantity.start, quantity.end) if quantity else None
        own_lo, told_by = lo, None  # the claim keeps its whole clause; its roles come after the attribution
        if article.lang in _CLAUSE_AFTER_ATTRIBUTION:
            own_lo, told_by = _after_attribution(able, lex, attributions, lo, trig.start)
        frame = _frame(able, lex, article.lang, trig, (own_lo, hi), q_words, trigger_words - {trig.start}, places,
                       timed)
        if frame.actor is None and trig.part == "verb":
            frame.actor = told_by  # "ارتش اسرائیل مدعی شد سه پهپاد را رهگیری کرده است": no subject of its own
        patient = _role(text, words, frame.patient, entities, head=True)
        if quantity is not None and quantity.counted_text:
            at = text.find(quantity.counted_text, quantity.start, sentence.end)
            if at >= 0:
                patient = {"text": quantity.counted_text, "entity_id": None, "start": at,
                           "end": at + len(quantity.counted_text)}
        actor = _role(text, words, frame.actor, entities, head=True)
        if actor and patient and actor["start"] < patient["end"] and patient["start"] < actor["end"]:
            actor = None  # "قتل سبعة مسلحين": the counted noun after a verb is its patient (a passive reading)
        start, end = words.tokens[lo].start, words.tokens[hi - 1].end
        time = _time_role(times)
        claim = {
            "id": _claim_id(text, start, end, trig.action),
            "start": start,
            "end": end,
            "sentence": sentence_text if len(sentence_text) <= MAX_SENTENCE_CHARS else text[start:end],
            "trigger": text[words.tokens[trig.start].start:words.tokens[trig.end - 1].end],
            "actor": actor,
            "action": trig.action,
            "patient": patient,
            "quantity": _quantity_role(quantity),
            "origin": _role(text, words, frame.origin, entities),
            "destination": _role(text, words, frame.destination, entities),
            "location": _role(text, words, frame.location, entities),
            "time": time,
            "attribution": _attribution_role(attribution),
            "certainty": _certainty(words, lex, trig, attribution, hedged),
            "rule": f"{article.lang}:{trig.part}-frame",
        }
        if not _check_worthy(claim, entities):
            continue
        claim["english"] = render_claim(claim, article)
        out.append(claim)
    return out


_ACTING_SOURCES = ("official", "named_person")  # an outlet, a document or "sources" tell, they do not act
_CLAUSE_AFTER_ATTRIBUTION = ("fa", "en")  # Arabic clauses keep their own rules (_after_complementizer)


def _after_attribution(words: SentenceWords, lex: ClaimLexicon, attributions: Sequence[Attribution], lo: int,
                       trig: int) -> tuple[int, Span | None]:
    """Where a claim's clause starts: after an attribution that ends before its trigger ("به گفته منابع
    محلی، | نیروها … بمباران کردند", "According to the army, | troops …"); and that attribution's
    source if it can act (the actor of a clause without a subject of its own)."""
    before = [a for a in attributions if a.end <= words.tokens[trig].start]
    if not before:
        return lo, None
    last = max(before, key=lambda a: a.end)
    first = bisect_left([t.start for t in words.tokens], last.end)
    source = None
    if last.source_start is not None and last.source_end is not None and last.source_kind in _ACTING_SOURCES:
        source = _agentive(words, lex, _word_span(words, last.source_start, last.source_end))
    return max(lo, min(first, trig)), source


def _covered(words: SentenceWords, spans: Sequence[TimeExpression]) -> list[bool]:
    """For each word, whether it lies in one of `spans` (linear in words + spans)."""
    inside = [False] * len(words.tokens)
    starts, ends = [t.start for t in words.tokens], [t.end for t in words.tokens]
    for span in spans:
        for i in range(bisect_left(starts, span.start), bisect_right(ends, span.end)):
            inside[i] = True
    return inside


def _typed_words(words: SentenceWords, entities: Sequence[Entity], types: frozenset[str]) -> list[bool]:
    """For each word, whether it lies in an entity of one of `types` (linear in words + entities)."""
    inside = [False] * len(words.tokens)
    starts, ends = [t.start for t in words.tokens], [t.end for t in words.tokens]
    for entity in entities:
        if entity.type in types:
            for i in range(bisect_left(starts, entity.start), bisect_right(ends, entity.end)):
                inside[i] = True
    return inside


def _check_worthy(claim: dict[str, Any], entities: SpanIndex[Entity]) -> bool:
    """A claim says at least two of: who did it, to what, where or when (a number counts for two), and
    names something checkable: an entity rasad linked (in one of its roles), a number, or who did what
    where ("الطيران الحربي استهدف منزلاً في بلدة …")."""
    who = claim["actor"] is not None
    what = claim["patient"] is not None
    where = any(claim[r] is not None for r in ("origin", "destination", "location", "time"))
    roles = [claim[r] for r in ("actor", "patient", "origin", "destination", "location") if claim[r]]
    linked = any(e.entity_id and e.end <= role["end"] for role in roles
                 for e in entities.starting_in(role["start"], role["end"]))
    numbered = claim["quantity"] is not None
    placed = who and what and any(claim[r] is not None for r in ("origin", "destination", "location"))
    return who + what + where + 2 * numbered >= 2 and (linked or numbered or placed)


def _quantity_role(quantity: Quantity | None) -> dict[str, Any] | None:
    if quantity is None:
        return None
    return {"text": quantity.text, "entity_id": None, "start": quantity.start, "end": quantity.end,
            "value": quantity.value, "low": quantity.low, "high": quantity.high,
            "approximate": quantity.approximate, "counted": quantity.counted}


def _time_role(times: list[TimeExpression]) -> dict[str, Any] | None:
    if not times:
        return None
    t = times[0]
    return {"text": t.text, "entity_id": None, "start": t.start, "end": t.end, "value": t.value}


def _attribution_role(attribution: Attribution | None) -> dict[str, Any] | None:
    if attribution is None:
        return None
    return {"text": attribution.source, "entity_id": attribution.entity_id, "start": attribution.source_start,
            "end": attribution.source_end, "source_kind": attribution.source_kind,
            "cited_outlet": attribution.cited_outlet, "verb": attribution.verb}


@article_stage(
    "claims",
    requires=("text", "lang", "sentences", "entities", "times", "quantities", "attributions", "outlet"),
    assigns=("claims", "title_en", "summary_en"),
)
def claims_stage(article: Article, settings: Settings) -> Article:
    """Claim frames with roles, certainty and an English rendering; the article's title_en and summary_en."""
    article.claims = find_claims(article)
    article.title_en = title_en(article)
    article.summary_en = summary_en(article)
    return article
