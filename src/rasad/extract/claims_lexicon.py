"""The claim lexicon of a language (triggers, role words, sense classes from `lang/<iso>/claim_*.tsv`)
and the phrase primitives the Arabic, Persian and English frames share: a role phrase (`_phrase`),
what can act (`_can_act`, `_agentive`), an agent phrase after "by" / توسط (`_agent_phrase`).

>>> claim_lexicon("en").triggers[("moved",)]
('transfer', 'verb', '')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rasad.extract.phrases import CONJUNCTIONS, SentenceWords, definite_ar, key
from rasad.text.data import read_tsv

MAX_ROLE_WORDS = 6
_ROLE_KINDS = ("origin", "destination", "location", "negation", "hedge", "stop", "object", "passive_aux", "place",
               "complementizer", "place_link", "agent", "relay", "relay_not", "relative", "launch", "passive_next",
               "agent_not", "light_verb", "preposition", "by", "partner", "partner_action", "aux", "anaphor",
               "place_extend", "coordinator", "verb_end", "name_link")
@dataclass(frozen=True)
class ClaimLexicon:
    """One language's triggers (word keys → (action, part, needs)), role words and sense classes."""

    triggers: dict[tuple[str, ...], tuple[str, str, str]]  # → (action, part, needs)
    roles: dict[str, frozenset[str]]
    longest: int
    starts: frozenset[str]
    senses: dict[str, frozenset[str]]  # sense class → word keys (claim_senses.tsv)
    # the head of a light-verb trigger → its light verbs' word keys → (action, part, needs): "آزاد" →
    # {("شدند",): ("release", "passive", "")}, for a head joined to another by و ("آزاد و … بازگردانده شدند")
    heads: dict[tuple[str, ...], dict[tuple[str, ...], tuple[str, str, str]]] = field(default_factory=dict)


@cache
def claim_lexicon(lang: str) -> ClaimLexicon:
    triggers: dict[tuple[str, ...], tuple[str, str, str]] = {}
    verb_ends: set[str] = set()
    heads: dict[tuple[str, ...], dict[tuple[str, ...], tuple[str, str, str]]] = {}
    senses: dict[str, set[str]] = {"offtopic": set()}
    for row in read_tsv(lang, "claim_senses.tsv"):
        senses.setdefault(row[0], set()).add(row[1] if row[1].startswith("<") else _bare(key(row[1])))
    for row in read_tsv(lang, "claim_events.tsv"):
        if len(row) < 3 or row[2] not in ("verb", "noun", "passive"):
            raise ValueError(f"lang/{lang}/claim_events.tsv: bad row {row!r} (form, action, verb|noun|passive)")
        needs = row[3] if len(row) > 3 else ""
        if needs and needs not in senses:
            raise ValueError(f"lang/{lang}/claim_events.tsv: {row[0]!r} needs an unknown sense class {needs!r}")
        for form in _light_verb_forms(lang, row[0]):
            triggers[tuple(key(w) for w in form.split())] = (row[1], row[2], needs)
            if "<" in row[0]:
                verb_ends.add(key(form.split()[-1]))
        head, _, light = row[0].partition("<")
        if light.endswith(">") and head.strip():
            for cls, verb in _light_verbs(lang):
                if f"<{cls}>" == f"<{light}":
                    heads.setdefault(tuple(key(w) for w in head.split()), {})[tuple(key(w) for w in verb.split())] = \
                        (row[1], row[2], needs)
    roles: dict[str, set[str]] = {kind: set() for kind in _ROLE_KINDS}
    roles["verb_end"] = verb_ends  # the last words of compound verbs: a clause ends there
    for row in read_tsv(lang, "claim_roles.tsv"):
        if row[0] not in roles:
            raise ValueError(f"lang/{lang}/claim_roles.tsv: unknown kind {row[0]!r}")
        roles[row[0]].add(" ".join(key(w) for w in row[1].split()))
    return ClaimLexicon(
        triggers=triggers,
        roles={k: frozenset(v) for k, v in roles.items()},
        longest=max(len(t) for t in triggers),
        starts=frozenset(t[0] for t in triggers),
        senses={k: frozenset(v) for k, v in senses.items()},
        heads=heads,
    )


def _light_verb_forms(lang: str, form: str) -> list[str]:
    """A trigger form with its light-verb class spelled out (`lang/<iso>/claim_light_verbs.tsv`):
    "منتقل <کرد>" → ["منتقل کرد", "منتقل کردند", "منتقل کرده", …]; a form without a class as it is."""
    if "<" not in form:
        return [form]
    head, _, rest = form.partition("<")
    name, _, tail = rest.partition(">")
    forms = [f"{head}{verb}{tail}" for cls, verb in _light_verbs(lang) if cls == name]
    if not forms:
        raise ValueError(f"lang/{lang}/claim_events.tsv: {form!r} names an unknown light verb <{name}>")
    return forms


@cache
def _light_verbs(lang: str) -> tuple[tuple[str, ...], ...]:
    return read_tsv(lang, "claim_light_verbs.tsv")


_CLITICS = ("لل", "ب", "ل", "ك")


def _bare(word: str) -> str:
    """A word key without the Arabic article: القوات → قوات (other words as they are)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _variants(word: str) -> set[str]:
    """A word key, then without a leading و/ف, a preposition (ب ل ك، لل), the article and a final
    tanween alif: وبالقوات → {وبالقوات, بالقوات, القوات, قوات}."""
    out = {word}
    if word[:1] in CONJUNCTIONS and len(word) > 3:
        word = word[1:]
        out.add(word)
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            out.add(word[len(clitic):])
    out |= {_bare(w) for w in out}
    out |= {w[:-1] for w in out if w.endswith("ا") and len(w) > 3}  # the alif of tanween: مريضاً → مريض
    return out


@dataclass
class _Trigger:
    start: int  # word index
    end: int
    action: str
    part: str  # verb | noun | passive
    needs: str = ""  # a sense class that must stand near the trigger (claim_senses.tsv)


def _phrase(words: SentenceWords, lex: ClaimLexicon, start: int, limit: int, triggers: set[int],
            arabic: bool = False, place: bool = False) -> tuple[int, int]:
    """A role phrase from word `start`: up to a preposition, stop word, trigger or `limit`. In Arabic a
    definite phrase also ends at the first word without ال outside a name: "الطائرات الحربية | مواقع"."""
    stops = lex.roles["stop"] | lex.roles["origin"] | lex.roles["destination"] | lex.roles["location"] \
        | lex.roles["object"]
    if place:  # "the town of Rutba"
        stops = stops - lex.roles["place_link"]
    end = start
    definite = False
    while end < limit and end - start < MAX_ROLE_WORDS:
        if end > start and (words.keys[end] in stops or end in triggers or words.breaks[end]
                            or words.keys[end][:1].isdigit()):  # a number opens the patient: "القوات | 40 سجيناً"
            break
        if arabic and definite and not definite_ar(words.keys[end]) and not words.named[end] \
                and not _in_name(words, lex, end):
            break
        definite = definite or (arabic and (definite_ar(words.keys[end]) or words.named[end]))
        end += 1
    return start, end


Span = tuple[int, int]


def _skip_timed(timed: list[bool], start: int, end: int) -> int:
    """The first word from `start` (before `end`) that is not part of a time expression."""
    while start < end and timed[start]:
        start += 1
    return start


def _agent_phrase(words: SentenceWords, lex: ClaimLexicon, lo: int, hi: int, triggers: set[int]) -> Span | None:
    """The phrase after the first agent marker in words [lo, hi): "توسط نیروهای قسد", "از سوی ارتش", "by
    Saudi warplanes"."""
    for i in range(lo, hi - 1):
        n = 1 if words.keys[i] in lex.roles["by"] else 2 if f"{words.keys[i]} {words.keys[i + 1]}" in lex.roles["by"] \
            else 0
        if n and i + n < hi:
            return _phrase(words, lex, i + n, hi, triggers)
    return None


def _can_act(words: SentenceWords, lex: ClaimLexicon, i: int) -> bool:
    """Word i is a name or an agent noun ("مسؤول عن" is "responsible for", no agent)."""
    if i + 1 < len(words.keys) and f"{words.keys[i]} {words.keys[i + 1]}" in lex.roles["agent_not"]:
        return False
    return words.named[i] or _agent_noun(words.keys[i], lex)


def _opens_place(words: SentenceWords, lex: ClaimLexicon, i: int) -> bool:
    """Word i is a place preposition: the phrase it opens is an origin, destination or location."""
    return words.keys[i] in lex.roles["origin"] | lex.roles["destination"] | lex.roles["location"]


def _agentive(words: SentenceWords, lex: ClaimLexicon, span: tuple[int, int] | None,
              trim: bool = False) -> tuple[int, int] | None:
    """The actor phrase if a word in it can act: a named entity or an agent noun (قوات، الجيش،
    نیروهای، troops); a phrase with no such word is no actor ("ونحن", "وعندما", "هذه المباراة").
    With `trim` (Arabic) the phrase starts at that word: what comes before it in a subject-first
    clause is a verb or a preposition ("وشنت | طائرات التحالف", "بوزير الإسكان | ماجد الحقيل")."""
    if span is None:
        return None
    first = next((i for i in range(*span) if _can_act(words, lex, i)), None)
    if first is None:
        return None
    return (first, span[1]) if trim else span


def _agent_noun(word: str, lex: ClaimLexicon) -> bool:
    """An agent noun, also after the conjunction و and the article ال: والقوات، القوات، قوات."""
    agents = lex.roles["agent"]
    bare = word[1:] if word[:1] in CONJUNCTIONS and word not in agents else word
    return bare in agents or (bare.startswith("ال") and bare[2:] in agents)


def _in_name(words: SentenceWords, lex: ClaimLexicon, i: int) -> bool:
    """Word i is a name link (بن، أبو) or stands next to one: "الأمير خالد بن سلمان" is one name."""
    links = lex.roles["name_link"]
    return words.keys[i] in links or (i + 1 < len(words.keys) and words.keys[i + 1] in links) \
        or (i > 0 and words.keys[i - 1] in links)


def _content(words: SentenceWords, lex: ClaimLexicon, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A role phrase without a leading preposition or stop word; None when nothing is left."""
    if span is None:
        return None
    s, e = span
    skip = lex.roles["stop"] | lex.roles["origin"] | lex.roles["destination"] | lex.roles["location"]
    while s < e and (words.keys[s] in skip or words.keys[s][:1].isdigit()):
        s += 1
    return (s, e) if e > s else None
