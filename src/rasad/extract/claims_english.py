"""English for claims and articles, rendered from structure: no translation model ships with rasad
(none for Arabic or Persian runs offline), so each claim is written from its roles — the entities'
English names from the knowledge base and GeoNames, a rough romanisation for other names, the
quantity's English label — and the article's `title_en` and `summary_en` from its claims.

A translation backend can plug in through `set_translator(func)`: `func(text, lang) -> str | None`
is then asked for the role phrases that have no English name, before romanisation.

>>> claim = {"actor": {"text": "US forces", "entity_id": None}, "action": "transfer",
...          "patient": {"text": "ISIS members", "entity_id": None},
...          "quantity": {"text": "40", "value": 40, "counted": "ISIS members"},
...          "origin": {"text": "Hasakah", "entity_id": "gpe:hasakah"}, "destination": None, "location": None,
...          "time": {"text": "yesterday", "value": "2024-03-04"}, "certainty": "attributed",
...          "attribution": {"text": "local sources", "source_kind": "anonymous", "cited_outlet": "SANA"}}
>>> render_claim(claim, None)
"US forces transferred 40 ISIS members from Hasakah on 2024-03-04 — according to 'local sources' (anonymous), via SANA."
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from rasad.article import Article
from rasad.extract.quantities.render import quantity_label
from rasad.extract.timex import lexicon as timex_lexicon
from rasad.kb.link import describe
from rasad.kb.translit import romanize
from rasad.text.data import read_tsv
from rasad.text.fold import MATCHING_KEY, fold

Translator = Callable[[str, str], "str | None"]
_translator: Translator | None = None
SUMMARY_CLAIMS = 3


def set_translator(func: Translator | None) -> None:
    """Plug in (or remove, with None) a translation backend for role phrases without an English name."""
    global _translator
    _translator = func


@cache
def _past_tense() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("en", "claim_actions.tsv")}


@cache
def actions_with(prop: str) -> frozenset[str]:
    """The actions with a property in `lang/en/claim_actions.tsv` (transitive, motion, noun_subject).

    >>> "transfer" in actions_with("motion"), "kill" in actions_with("motion")
    (True, False)
    """
    rows = read_tsv("en", "claim_actions.tsv")
    return frozenset(row[0] for row in rows if len(row) > 2 and prop in row[2].split(","))


@cache
def counted_says(action: str, column: int = 3) -> tuple[str, ...]:
    """The participles of a counted label that say the action (`claim_actions.tsv`, fourth column:
    kill → ('killed', 'executed')), or with column=4 those that count another event."""
    row = next((r for r in read_tsv("en", "claim_actions.tsv") if r[0] == action), ())
    return tuple(w for w in (row[column].split(",") if len(row) > column else ()) if w and w != "-")


@cache
def event_participles() -> tuple[str, ...]:
    """Every participle a counted label can end with (the labels of `lang/<iso>/counted_events.tsv`)."""
    labels = {row[1] for lang in ("ar", "fa", "en") for row in read_tsv(lang, "counted_events.tsv")
              if len(row) > 1 and row[1] not in ("", "-")}
    return tuple(sorted(labels | {"injured"}))


def label_event(label: str) -> str | None:
    """The participle a counted label ends with: 'people wounded' → 'wounded'; None for 'drones'."""
    return next((p for p in event_participles() if label == p or label.endswith(f" {p}")), None)


@cache
def glosses(lang: str) -> dict[str, str]:
    """Folded phrase → English, from `lang/<lang>/glosses.tsv` for "ar" and "fa" (common sources and
    people named without an entity: مصادر أهلية → local sources).

    >>> glosses("ar")[fold("مسؤول عسكري", MATCHING_KEY)]
    'a military official'
    """
    return {fold(row[0], MATCHING_KEY): row[1] for row in read_tsv(lang, "glosses.tsv") if len(row) > 1}


def english_name(role: dict[str, Any] | None, lang: str = "en") -> str | None:
    """The English of a role phrase: its entity's name, the phrase itself if Latin, its gloss when the
    whole phrase is a common one (`glosses`), a translation if a backend is plugged in, else a
    romanisation."""
    if not role or not role.get("text"):
        return None
    if role.get("entity_id"):
        info = describe(role["entity_id"])
        if info is not None:
            return info.name_en
    text = str(role["text"])
    if text.isascii():
        return text
    key = fold(text, MATCHING_KEY)
    gloss = glosses("ar").get(key) or glosses("fa").get(key)  # Persian text quotes Arabic phrases too
    if gloss:
        return gloss
    if _translator is not None:
        translated = _translator(text, lang)
        if translated:
            return translated
    return romanize(text)


_RELATIVE_ENGLISH = {
    ("day", 0): "today", ("day", -1): "yesterday", ("day", -2): "the day before yesterday",
    ("day", 1): "tomorrow", ("week", 0): "this week", ("week", -1): "last week",
    ("month", 0): "this month", ("month", -1): "last month", ("year", 0): "this year",
    ("year", -1): "last year",
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def time_english(time: dict[str, Any], lang: str) -> str:
    """A claim's time in English: its date when resolved, else the relative day or weekday it names
    (an article without a published date leaves أول من أمس unresolved), else a romanisation.

    >>> time_english({"text": "أول من أمس", "value": None}, "ar")
    'the day before yesterday'
    >>> time_english({"text": "يوم الخميس", "value": None}, "ar")
    'on Thursday'
    """
    if time.get("value"):
        return f"on {time['value']}"
    folded = f" {timex_lexicon.fold(str(time.get('text') or ''))} "
    for language in (lang, *(other for other in ("ar", "fa", "en") if other != lang)):
        relative = [w for w in timex_lexicon.relative_words(language)
                    if (w.kind, w.amount) in _RELATIVE_ENGLISH and f" {w.phrase} " in folded]
        if relative:
            word = max(relative, key=lambda w: len(w.phrase))
            return _RELATIVE_ENGLISH[(word.kind, word.amount or 0)]
        weekday = next((w for w in timex_lexicon.weekdays(language) if f" {w.name} " in folded), None)
        if weekday is not None:
            return f"on {_WEEKDAYS[weekday.isoweekday - 1]}"
    return f"({english_name(time, lang)})"


def render_claim(claim: dict[str, Any], article: Article | None) -> str:
    """One plain English sentence for a claim frame, with its source and the outlet that carried it."""
    lang = article.lang if article is not None else "en"
    past = _past_tense().get(claim["action"], claim["action"])
    verb = {"denied": f"did not {claim['action']}", "alleged": f"allegedly {past}",
            "hedged": f"may have {past}"}.get(claim.get("certainty") or "", past)
    actor = english_name(claim.get("actor"), lang)
    quantity = claim.get("quantity")
    if quantity and quantity.get("counted"):
        thing = quantity_label(quantity)
    else:
        patient = english_name(claim.get("patient"), lang)
        amount = quantity_label({**quantity, "counted": None}) if quantity else ""
        thing = " ".join(x for x in (amount, patient) if x)
    said = next((w for w in (past, *counted_says(claim["action"])) if thing.endswith(f" {w}")), None)
    if said:  # the counted label already says it: "6 people killed", "851 people detained"
        thing = thing[: -len(said) - 1]
    parts = [actor or "", verb if actor else f"{thing} {past}".strip() if thing else past]
    if actor and thing:
        parts.append(thing)
    for role, word in (("origin", "from"), ("destination", "to"), ("location", "in")):
        name = english_name(claim.get(role), lang)
        if name:
            parts.append(f"{word} {name}")
    time = claim.get("time")
    if time:
        parts.append(time_english(time, lang))
    sentence = " ".join(p for p in parts if p).strip()
    sentence = sentence[:1].upper() + sentence[1:]
    source = _source_phrase(claim.get("attribution"), article)
    return f"{sentence} — {source}." if source else f"{sentence}."


def _source_phrase(attribution: dict[str, Any] | None, article: Article | None) -> str:
    outlet = article.outlet if article is not None else None
    if attribution is None:
        return f"reported by {outlet}" if outlet else ""
    name = attribution.get("text") or ""
    kind = attribution.get("source_kind") or ""
    if attribution.get("entity_id") or str(name).isascii():
        who = english_name(attribution, article.lang if article else "en") or name
    else:
        who = f"'{english_name({'text': name}, article.lang if article else 'en')}'"
    if kind == "anonymous" and str(name).isascii():
        who = f"'{name}'"
    cited = attribution.get("cited_outlet")
    if kind == "outlet" and cited:  # "گروه بین‌الملل خبرگزاری تسنیم" is Tasnim, not a romanised phrase
        who = cited
    text = f"according to {who} ({kind})" if kind else f"according to {who}"
    if cited and cited != outlet and cited != who:
        text += f", via {cited}"
    if outlet:
        text += f", reported by {outlet}"
    return text


def title_en(article: Article) -> str | None:
    """The article's English title: its first claim without the source, else its main entities."""
    if article.claims:
        return str(article.claims[0]["english"]).split(" — ")[0].rstrip(".")
    names = []
    for entity in article.entities:
        name = english_name({"text": entity.text, "entity_id": entity.entity_id}, article.lang)
        if name and name not in names:
            names.append(name)
        if len(names) == 3:
            break
    return f"On {', '.join(names)}" if names else None


def summary_en(article: Article) -> str | None:
    """Up to three of the article's claims in English."""
    if not article.claims:
        return None
    return " ".join(str(c["english"]) for c in article.claims[:SUMMARY_CLAIMS])
