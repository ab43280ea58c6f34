"""Transliteration keys: do two spellings of a name outside the knowledge base, in Arabic, Persian or
Latin script, write the same name?

A name is read as its *forms*: a consonant skeleton (one slot per consonant, each slot holding the
classes a Latin spelling may write it with: ض is d or z, ق is q, g or gh, ch is چ or ش) and, between
the slots, the vowels the spelling writes: the long vowels, glides and glottal stops of the script
(alef A, waw W, yeh Y, hamza/ain G, ta marbuta E) or the Latin vowel letters. Ambiguous spellings
give several forms (a final ه is a consonant or a vowel, a Latin v is a consonant or a waw, a joined
al- is an article or not). The article (ال, al-, as-), descriptor words (قرية, village) and doubled
letters are dropped first.

Two names are the same (`same_name`) when a form of each has the same slots and compatible vowels:
every long vowel the script writes has a Latin vowel of its quality (Hussein's ei is the ي of حسين,
Mahmoud's ou the و of محمود), and a Latin long-vowel spelling (ee, ei, ou, y, w) stands where the
script writes that vowel; Arabic and Persian spellings write the same long vowels. Letter tables are
data: `lang/ar/skeleton.tsv`, `lang/ar/translit_vowels.tsv`, `lang/en/skeleton.tsv`,
`lang/en/translit_vowels.tsv`, `lang/en/translit_rules.tsv`, `lang/en/name_articles.tsv`.

`skeleton_key` is a name's consonant skeleton (its first form's classes); `blocking_keys` are
coarser keys (classes that spellings confuse merged) under which names that may be the same meet.

>>> same_name("قرية الصبحة", "al-Subha village") and same_name("روستای صبحه", "الصبحة")
True
>>> same_name("حسين", "Hassan"), same_name("حسين", "Hussein"), same_name("محمود", "Muhammad")
(False, True, False)
>>> romanize("الصبحة")
'al-Sbha'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from rasad.kb.names import WORD, is_arabic_script, strip_accents
from rasad.text.data import read_tsv, read_words
from rasad.text.fold import TRANSLIT, TRANSLIT_KEY
from rasad.text.tokens import article

MIN_CONSONANTS = 2  # one consonant collides too often to be evidence
MAX_FORMS = 64  # ambiguous spellings multiply forms: keep the first ones
MIN_JOINED_PREFIX = 3  # letters before an article inside a word (سیدالشهدا) for it to count as one
MIN_SLOTS_FOR_SLACK = 4  # Arabic and Persian spellings of a name this long may differ by one long vowel
LATIN_VOWELS = frozenset("aeiouyw")
MUTE_FINAL = frozenset({"", "e"})  # a final Latin gap an unwritten vowel explains (Sirte, Zidane)
FINAL_A = frozenset("AEIG")  # what a final Latin a can write: alef, ta marbuta, Persian yeh, ain
CLOSED = "-"  # in an Arabic-script gap: the short vowel of a closed syllable (see `_mark_closed`)
_LATIN_MARKS = re.compile(r"[ʿʾʼʻ'’`´‘]")
_LATIN_WORD = re.compile(r"[a-z]+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_SPLIT_DIGRAPHS = frozenset({"th", "sh", "dh"})

class Slot(frozenset[str]):
    """The classes of one consonant slot; `primary` is the class its spelling is first read as,
    `script` what it is compared with when both names are in Arabic script."""

    primary: str
    script: frozenset[str]

    def __new__(cls, primary: str, also: tuple[str, ...] = (), script: tuple[str, ...] = ()) -> Slot:
        slot = super().__new__(cls, (primary, *also))
        slot.primary = primary
        slot.script = frozenset(script) or frozenset(slot)
        return slot


_T = Slot("t")
_V = Slot("v", ("f",))
_X = Slot("x")
_KS = (Slot("k", ("g",)), Slot("s"))


@dataclass(frozen=True)
class Form:
    """One reading of a name: consonant slots, and the vowels before, between and after them
    (`gaps` has one more item than `slots`); `latin` says whether gaps hold Latin vowel letters or
    Arabic-script vowel symbols."""

    slots: tuple[Slot, ...]
    gaps: tuple[str, ...]
    latin: bool


# --- data -----------------------------------------------------------------------------------------


def _classes(rows: tuple[tuple[str, ...], ...]) -> dict[str, Slot]:
    out = {}
    for row in rows:
        also, script = (tuple(c for c in (row[n].split(",") if len(row) > n else []) if c) for n in (2, 3))
        out[row[0]] = Slot(row[1], also, script)
    return out


@cache
def _arabic_consonants() -> dict[str, Slot]:
    return _classes(read_tsv("ar", "skeleton.tsv"))


@cache
def _arabic_vowels() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("ar", "translit_vowels.tsv")}


@cache
def _latin_consonants() -> tuple[tuple[str, Slot], ...]:
    """Latin spellings → classes, longest first (digraphs before letters)."""
    return tuple(sorted(_classes(read_tsv("en", "skeleton.tsv")).items(), key=lambda r: -len(r[0])))


@cache
def _latin_markers() -> tuple[tuple[str, str, bool], ...]:
    """Latin long-vowel spellings: (spelling, symbol, an ain explains it too)."""
    return tuple((row[0], row[1], len(row) > 2 and row[2] == "ain") for row in read_tsv("en", "translit_vowels.tsv"))


@cache
def _vowel_letters() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("en", "translit_vowel_letters.tsv")}


@cache
def _latin_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(row[0]), row[1] if len(row) > 1 else "") for row in read_tsv("en", "translit_rules.tsv"))


@cache
def _latin_articles() -> dict[str, str]:
    return {row[0]: row[1] if len(row) > 1 else "" for row in read_tsv("en", "name_articles.tsv")}


@cache
def _joined(kind: str) -> tuple[str, ...]:
    return tuple(r[1] for r in read_tsv("ar", "translit_joined.tsv") if r[0] == kind)


@cache
def _role(role: str) -> tuple[str, ...]:
    """Letters with a position-dependent reading (`lang/ar/translit_roles.tsv`)."""
    return next((tuple(r[1].split()) for r in read_tsv("ar", "translit_roles.tsv") if r[0] == role), ())


@cache
def _drop_words() -> frozenset[str]:
    return read_words("", "translit_drop.txt")


@cache
def _super_classes() -> dict[str, str]:
    """Each class → the smallest class it can be confused with through any spelling (union-find)."""
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        parent.setdefault(c, c)
        while parent[c] != c:
            c = parent[c]
        return c

    for slot in [*_arabic_consonants().values(), *(s for _, s in _latin_consonants())]:
        first, *rest = sorted(slot)
        find(first)
        for other in rest:
            a, b = find(first), find(other)
            parent[max(a, b)] = min(a, b)
    return {c: find(c) for c in parent}


# --- reading a name into forms --------------------------------------------------------------------

Unit = tuple[str, object]  # ("C", Slot) or ("V", symbol or letter)
Choice = tuple[tuple[Unit, ...], ...]  # the alternative unit runs of one stretch of a name


def _forms(choices: list[Choice], latin: bool) -> tuple[Form, ...]:
    forms: list[Form] = []
    for picked in product(*choices):
        slots: list[Slot] = []
        gaps = [""]
        for units in picked:
            for kind, value in units:
                if kind == "V":
                    gaps[-1] += str(value)
                elif isinstance(value, Slot):
                    slots.append(value)
                    gaps.append("")
        forms.append(Form(tuple(slots), tuple(gaps), latin))
        if len(forms) >= MAX_FORMS:
            break
    return tuple(dict.fromkeys(forms))


def _split_joined(word: str) -> list[str]:
    for prefix in _joined("prefix"):
        if word.startswith(prefix + article("ar")) and len(word) > len(prefix) + 3:
            return [prefix, *_split_joined(word[len(prefix) :])]
    for suffix in _joined("suffix"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return [*_split_joined(word[: -len(suffix)]), suffix]
    return [word]


def _arabic_part(part: str, first: bool, last: bool, compound: bool = False) -> Choice:
    """The unit runs of one Arabic-script word: with and without its article, final heh as h or a vowel."""
    stems = [part]
    if part.startswith(article("ar")) and len(part) >= 4:
        stems = [part[2:], part] if first else [part[2:]]
    runs: list[tuple[Unit, ...]] = []
    for stem in stems:
        letters: list[list[Unit]] = [[]]
        prothetic = stem.startswith(_role("prothetic")) and stem[2:3] in _arabic_consonants()
        for i, ch in enumerate(stem):
            end = i == len(stem) - 1
            options = _arabic_letter(ch, i, end, last, prothetic)
            letters = [[*run, unit] for run in letters for unit in options][:MAX_FORMS]
        for run in letters:
            units = tuple(u for u in run if u[1] != "")
            runs.append(units if compound else _mark_closed(units))
    return tuple(dict.fromkeys(runs))


def _mark_closed(run: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """Mark the last vowel of a three-consonant word that writes no long vowel (حمد, كرم) as short:
    a Latin i there (Hamid, Karim) writes the ي of another name (حميد, كريم)."""
    consonants = [n for n, (kind, _) in enumerate(run) if kind == "C"]
    if len(consonants) != 3 or any(kind == "V" for kind, _ in run[consonants[0] : consonants[-1]]):
        return run
    return (*run[: consonants[-1]], ("V", CLOSED), *run[consonants[-1] :])


def _arabic_letter(ch: str, i: int, end: bool, last_word: bool, prothetic: bool) -> list[Unit]:
    consonant = _arabic_consonants().get(ch)
    if ch in _role("heh") and end and i >= 2 and consonant:  # a consonant, or a vowel (Persian شبوه, ZWNJ خامنه‌ای)
        return [("C", consonant), ("V", "E")] if last_word else [("C", consonant), ("V", "E"), ("C", _T)]
    if ch in _role("ta_marbuta"):
        return [("V", "E")] if last_word else [("V", "E"), ("C", _T)]  # هيئة تحرير: Hayat Tahrir
    if ch in _role("waw") and i > 0:
        return [("V", "W"), ("C", _V)]  # a waw, or a foreign v (یوآو Yoav)
    if consonant is not None:
        return [("C", consonant)]
    symbol = _arabic_vowels().get(ch, "")
    if i == 0 and ch in _role("seat"):
        symbol = "" if prothetic else "G"
    elif ch in _role("farsi_yeh") and end and i > 0:
        symbol = "I"  # Persian final yeh: long i, or an Arabic alef maqsura (موسی)
    return [("V", symbol)]


def _arabic_forms(name: str) -> tuple[Form, ...]:
    words = [w for w in WORD.findall(TRANSLIT_KEY(name)) if w not in _drop_words()]
    parts = [p for w in words for p in _split_joined(w)]
    choices = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        runs = _arabic_part(part, n == 0, last, compound=n > 0 and parts[n - 1] in _joined("compound"))
        inner = part.find(article("ar"), MIN_JOINED_PREFIX)
        if inner > 0 and len(part) - inner >= 5:  # سیدالشهدا: a name joined to the next with its article
            runs += tuple(a + b for a in _arabic_part(part[:inner], n == 0, False)
                          for b in _arabic_part(part[inner:], False, last))
        choices.append(tuple(dict.fromkeys(runs)))
    return _forms(choices, latin=False)


def _latin_words(name: str) -> list[str]:
    text = _LATIN_MARKS.sub("", strip_accents(name).casefold())
    for pattern, replacement in _latin_rules():
        text = pattern.sub(replacement, text)
    return [w for w in _LATIN_WORD.findall(text) if w not in _drop_words()]


def _latin_part(word: str, following: str, first: bool) -> Choice:
    articles = _latin_articles()
    if word in articles and following and following.startswith(articles[word]):
        # al-Sham, as-Salif, Ed Damazin; a plain al before a consonant may be آل (Al Murrah)
        family = not articles[word] and following[0] not in LATIN_VOWELS
        return ((), *(_latin_runs(word) if family else []))
    stems = [word]
    consonants = sum(ch not in LATIN_VOWELS for ch in word[2:])
    if word.startswith("al") and len(word) > 4 and (not first or (word[2] not in LATIN_VOWELS and consonants >= 3)):
        stems.append(word[2:])  # a joined article: Alzubaidi, Alezzi, Albukamal
    runs: list[tuple[Unit, ...]] = []
    for stem in stems:
        for variant in ([stem, _FINAL_H.sub("", stem)] if _FINAL_H.search(stem) and len(stem) > 3 else [stem]):
            runs.extend(_latin_runs(variant))
    return tuple(dict.fromkeys(runs))


def _latin_runs(word: str) -> list[tuple[Unit, ...]]:
    runs: list[list[Unit]] = [[]]
    i = 0
    single = ""  # the last consonant when it was spelled with one letter
    while i < len(word):
        ch = word[i]
        if ch in LATIN_VOWELS:
            options: list[list[Unit]] = [[("V", ch)]]
            single = ""
            i += 1
        elif ch == single:
            i += 1  # a doubled consonant: Hassan
            continue
        elif ch == "v":
            options = [[("C", _V)], [("V", "w")]]  # Javad, Mousavi: a waw
            i += 1
        elif ch == "x":
            options = [[("C", _X)], [("C", _KS[0]), ("C", _KS[1])]]  # Zaxo, Galaxy
            i += 1
        else:
            for spelling, slot in _latin_consonants():
                if word.startswith(spelling, i):
                    options = [[("C", slot)]]
                    if spelling in _SPLIT_DIGRAPHS:  # Fathi, Ishaq, Adham: a consonant and h
                        options.append([("C", _latin_slot(spelling[0])), ("C", _latin_slot("h"))])
                    i += len(spelling)
                    break
            else:
                i += 1
                continue
        single = ch if ch not in LATIN_VOWELS and options == [[("C", _latin_slot(ch))]] else ""
        runs = [run + option for run in runs for option in options][:MAX_FORMS]
    return [tuple(run) for run in runs]


def _latin_slot(spelling: str) -> Slot:
    return dict(_latin_consonants()).get(spelling, Slot(spelling))


def _latin_forms(name: str) -> tuple[Form, ...]:
    words = _latin_words(name)
    following = [*words[1:], ""][: len(words)]
    return _forms([_latin_part(w, f, n == 0) for n, (w, f) in enumerate(zip(words, following, strict=True))],
                  latin=True)


@lru_cache(maxsize=200_000)
def forms(name: str) -> tuple[Form, ...]:
    """The readings of a name with at least `MIN_CONSONANTS` consonants (none for a shorter name).

    >>> [len(f.slots) for f in forms("Deir ez-Zor")]
    [4]
    """
    found = _arabic_forms(name) if is_arabic_script(name) else _latin_forms(name)
    if not found or len(found[0].slots) < MIN_CONSONANTS:  # the first reading: waw a vowel, not a v
        return ()
    return tuple(f for f in found if len(f.slots) >= MIN_CONSONANTS)


# --- comparing forms ------------------------------------------------------------------------------


def _script_gap_ok(script: str, latin: str, initial: bool, final: bool) -> bool:
    """Whether a Latin gap spells the vowels an Arabic-script gap writes (see the module doc)."""
    script = script.replace("N", "G")  # an ain reads like a glottal stop in Latin
    if CLOSED in script:
        if "i" in latin:
            return False
        script = script.replace(CLOSED, "")
    needs = _vowel_letters()
    for symbol in set(script) & set(needs):
        if not any(letter in needs[symbol] for letter in latin):
            return False
    written = set(script.replace("I", "YA"))
    for spelling, symbol, ain in _latin_markers():
        if spelling in latin and symbol not in written and not (ain and "G" in written):
            return False
    if not script:
        return latin in MUTE_FINAL if final else len(latin) <= 1
    if final and latin.endswith("a") and not set(script) & FINAL_A:
        return False  # Mahdia is not مهدي
    return not (initial and "G" in script and not latin)  # أنصار is not Nasser


def _seat_readings(gap: str, final: bool) -> set[str]:
    """An Arabic-script gap without its hamza (or read as the yeh or alef it sits on: رضائي, رضایی),
    and without a ZWNJ heh inside a name (خامنه‌ای); an ain (N) stays."""
    gap = gap.replace(CLOSED, "")
    gap = gap.replace("E", "") if not final else gap[:-1].replace("E", "") + gap[-1:]
    return {gap.replace("G", seat) for seat in ("", "Y", "A")}


def _same_vowels(a: str, b: str) -> bool:
    return len(a) == len(b) and all(x == y or {x, y} in ({"I", "Y"}, {"I", "A"}) for x, y in zip(a, b, strict=True))


def _scripts_gaps_ok(a: Form, b: Form) -> bool:
    """Arabic and Persian write the same long vowels (hamza and ain aside); inside a long name one yeh
    or alef more or less (ميرسك, مرسک) is a spelling difference, at its ends (a nisba) it is not."""
    slack = 1 if len(a.slots) >= MIN_SLOTS_FOR_SLACK else 0
    last = len(a.gaps) - 1
    for n, (x, y) in enumerate(zip(a.gaps, b.gaps, strict=True)):
        xs, ys = _seat_readings(x, n == last), _seat_readings(y, n == last)
        if any(_same_vowels(p, q) for p in xs for q in ys):
            continue
        if slack and n not in (0, last) and any(_one_more(p, q) or _one_more(q, p) for p in xs for q in ys):
            slack -= 1
            continue
        return False
    return True


def _one_more(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one more yeh or alef."""
    return len(longer) == len(shorter) + 1 and any(
        longer[i] in "YAI" and _same_vowels(longer[:i] + longer[i + 1 :], shorter) for i in range(len(longer)))


def _latin_gap_ok(one: str, other: str) -> bool:
    return bool(one) == bool(other) or len(one + other) <= 1


def _gaps_ok(a: Form, b: Form) -> bool:
    if not a.latin and not b.latin:
        return _scripts_gaps_ok(a, b)
    last = len(a.gaps) - 1
    for n, (x, y) in enumerate(zip(a.gaps, b.gaps, strict=True)):
        if a.latin and b.latin:
            ok = _latin_gap_ok(x, y)
        else:
            script, latin = (y, x) if a.latin else (x, y)
            ok = _script_gap_ok(script, latin, n == 0, n == last)
        if not ok:
            return False
    return True


def forms_match(a: Form, b: Form) -> bool:
    """Same number of slots, a class in common in each slot (the letters' script classes when both
    are in Arabic script), and compatible vowels."""
    if len(a.slots) != len(b.slots):
        return False
    pairs = zip(a.slots, b.slots, strict=True)
    same = all(x.script & y.script for x, y in pairs) if not (a.latin or b.latin) else all(x & y for x, y in pairs)
    return same and _gaps_ok(a, b)


@lru_cache(maxsize=200_000)
def same_name(one: str, other: str) -> bool:
    """Whether two names, in any scripts, are spellings of the same name.

    >>> same_name("الصبحة", "al-Subha"), same_name("الصبحة", "السبخة")
    (True, False)
    >>> same_name("عبدالرحمن الشبواني", "Abdurrahman Shabwani"), same_name("سعيد", "Saad")
    (True, False)
    """
    return any(forms_match(a, b) for a in forms(one) for b in forms(other))


def _key(form: Form, classes: dict[str, str] | None) -> str:
    return "".join(min(classes[c] for c in slot) if classes else slot.primary for slot in form.slots)


@lru_cache(maxsize=200_000)
def skeleton_key(name: str) -> str | None:
    """The consonant skeleton of a name's first reading; None when too short to be evidence.

    >>> skeleton_key("دير الزور"), skeleton_key("Deir ez-Zor"), skeleton_key("دیر الزور")
    ('drzr', 'drzr', 'drzr')
    >>> skeleton_key("أبو") is None
    True
    """
    found = forms(name)
    return _key(found[0], None) if found else None


def blocking_keys(name: str) -> frozenset[str]:
    """Coarse keys of a name (classes that spellings confuse merged): names that `same_name` links
    always share one, so candidates are found through them, never by comparing all pairs."""
    classes = _super_classes()
    return frozenset(_key(f, classes) for f in forms(name))


# --- romanization ---------------------------------------------------------------------------------


@cache
def _romanization() -> dict[str, str]:
    return {row[0]: row[1] if len(row) > 1 else "" for row in read_tsv("ar", "translit.tsv")}


def romanize(name: str) -> str:
    """A rough Latin spelling of an Arabic-script name (short vowels are not written in the script),
    from `lang/ar/translit.tsv`, with waw and yeh read as vowels between consonants and as glides
    elsewhere; used for the English names of entities outside the knowledge base.

    >>> romanize("مصعب الحلبي"), romanize("يوسف الحوثي"), romanize("جواد")
    ("Ms'b al-Hlbi", 'Yusf al-Huthi', 'Jwad')
    """
    letters = _romanization()
    glides = {**{ch: "w" for ch in _role("waw")}, **{ch: "y" for ch in _role("yeh")}}
    vowels = {**{ch: "u" for ch in _role("waw")}, **{ch: "i" for ch in _role("yeh")}}
    words = []
    for word in TRANSLIT(name).split():  # without diacritics, tatweel and ZWNJ
        out: list[str] = []
        vocalic = False  # the last letter was a waw or yeh read as a vowel
        for i, ch in enumerate(word):
            if ch in glides:
                following = word[i + 1 : i + 2]
                glide = i == 0 or vocalic or word[i - 1] in _role("alef") or following in _role("alef")
                out.append(glides[ch] if glide else vowels[ch])
                vocalic = not glide
            else:
                out.append("a" if i == 0 and ch in _role("ain") else letters.get(ch, ch))
                vocalic = False
        latin = "".join(out)
        if word.startswith(article("ar")) and len(word) > 3:
            words.append("al-" + latin[2:3].upper() + latin[3:])
        else:
            words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)
