"""One id per name outside the knowledge base across scripts (`rasad.corpus.name_ids`), and its use
when `rasad analyze` writes articles.jsonl."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.corpus.name_ids import SAME_NAME, UnknownNames, rewrite_ids

Mention = tuple[str, str, str, str]  # article language, entity id, type, surface


def _canonical(mentions: list[Mention]) -> dict[str, str]:
    names = UnknownNames()
    for n, (lang, entity_id, entity_type, surface) in enumerate(mentions):
        names.add(f"a{n}", lang, [(entity_id, entity_type, surface)])
    return names.canonical()


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # a person in three scripts: the Latin spelling's id for all
        ([("ar", "x:per:a", "PER", "فريد الحكيمي"), ("fa", "x:per:b", "PER", "فرید الحکیمی"),
          ("en", "x:per:c", "PER", "Farid al-Hakimi")], {"x:per:a": "x:per:c", "x:per:b": "x:per:c"}),
        # a ship
        ([("ar", "x:misc:a", "MISC", "نجمة الصباح"), ("en", "x:misc:b", "MISC", "Najmat al-Sabah")],
         {"x:misc:a": "x:misc:b"}),
        # a village the linker missed in Arabic but linked in English takes the GeoNames id
        ([("ar", "x:loc:a", "LOC", "الكديرة"), ("en", "geo:42", "GPE", "al-Kudayra")], {"x:loc:a": "geo:42"}),
        # without a Latin spelling, the most mentioned one
        ([("ar", "x:per:a", "PER", "سلمى الزين"), ("ar", "x:per:a", "PER", "سلمى الزين"),
          ("fa", "x:per:b", "PER", "سلما الزین")], {"x:per:b": "x:per:a"}),
        # different names, or one name for a person and for a place, stay apart
        ([("ar", "x:per:a", "PER", "حسن"), ("en", "x:per:b", "PER", "Hussein")], {}),
        ([("ar", "x:per:a", "PER", "الكديرة"), ("en", "x:loc:b", "LOC", "al-Kudayra")], {}),
        # but the English model's person or organisation may be the Arabic article's place
        ([("ar", "x:loc:a", "LOC", "الكديرة"), ("en", "x:per:b", "PER", "al-Kudayra")], {"x:loc:a": "x:per:b"}),
        # Hamid is حامد or حميد, but not both: the first pair in id order holds
        ([("ar", "x:per:a", "PER", "حامد"), ("en", "x:per:b", "PER", "Hamid"), ("ar", "x:per:c", "PER", "حميد")],
         {"x:per:a": "x:per:b"}),
        # two Arabic spellings are no evidence: only spellings in two languages link
        ([("ar", "x:loc:a", "LOC", "سيئون"), ("ar", "geo:1", "GPE", "سيون")], {}),
        # a name that is two linked places is neither; linked ids never change
        ([("en", "geo:1", "GPE", "Saada"), ("en", "geo:2", "GPE", "Sa'ada"), ("ar", "x:loc:a", "LOC", "صعدة")], {}),
    ],
)
def test_one_id_per_name_across_scripts(mentions: list[Mention], expected: dict[str, str]) -> None:
    assert _canonical(mentions) == expected


def test_rewrite_changes_ids_everywhere_and_says_why() -> None:
    record = {"entities": [{"entity_id": "x:per:a", "link_rule": "stable-id"},
                           {"entity_id": "org:un", "link_rule": "kb:alias"}],
              "claims": [{"actor": {"text": "فريد", "entity_id": "x:per:a"}, "patient": None}]}
    out = rewrite_ids(record, {"x:per:a": "x:per:c"})
    assert [e["entity_id"] for e in out["entities"]] == ["x:per:c", "org:un"]
    assert [e["link_rule"] for e in out["entities"]] == [SAME_NAME, "kb:alias"]
    assert out["claims"][0]["actor"] == {"text": "فريد", "entity_id": "x:per:c"}


def test_needs_rewrite_only_for_articles_with_a_changed_id() -> None:
    names = UnknownNames()
    names.add("a1", "ar", [("x:per:a", "PER", "فريد الحكيمي"), ("gpe:yemen", "GPE", "اليمن")])
    names.add("a2", "en", [("x:per:c", "PER", "Farid al-Hakimi")])
    names.add("a3", "en", [("gpe:yemen", "GPE", "Yemen")])
    mapping = names.canonical()
    assert mapping == {"x:per:a": "x:per:c"}
    assert [names.needs_rewrite(a, mapping) for a in ("a1", "a2", "a3")] == [True, False, False]


def test_analyze_gives_a_name_one_id_in_arabic_persian_and_english(tmp_path: Path) -> None:
    from rasad.analyze import analyze
    from rasad.outputs import read_articles
    from rasad.settings import Settings

    texts = {
        "a.txt": "قال المتحدث فريد الحكيمي إن القصف استهدف السوق. وأضاف فريد الحكيمي أن الضحايا مدنيون.",
        "b.txt": "فرید الحکیمی، سخنگوی این گروه، گفت بمباران بازار را هدف گرفت. "
                 "فرید الحکیمی افزود قربانیان غیرنظامی بودند.",
        "c.txt": "The spokesman Farid al-Hakimi said the shelling hit the market. "
                 "Farid al-Hakimi added the dead were civilians.",
    }
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    analyze([corpus], tmp_path / "out", Settings(workers=1, progress=False, report=False, store=False))
    ids = {e["entity_id"] for r in read_articles(tmp_path / "out") for e in r["entities"]
           if "الحكيمي" in e["text"] or "الحکیمی" in e["text"] or "Hakimi" in e["text"]}
    assert len(ids) == 1 and next(iter(ids)).startswith("x:per:"), ids


# --- places that another language's article names ----------------------------------------------------


def _record(text: str, lang: str, entities: list[dict[str, object]] | None = None) -> dict[str, object]:
    return {"id": "a1", "lang": lang, "text": text, "entities": entities or []}


def test_known_places_come_from_the_other_languages() -> None:
    names = UnknownNames()
    names.add("a1", "en", [("geo:91772", "GPE", "Safwan"), ("gpe:iraq", "GPE", "Iraq")])
    names.add("a2", "ar", [("geo:98245", "GPE", "الزبير")])
    assert names.known_places("fa") == {"IQ": {"geo:91772", "geo:98245"}}
    assert names.known_places("ar") == {"IQ": {"geo:91772"}}


def _iraq(text: str) -> list[dict[str, object]]:
    """The article's mention of Iraq, which tells which country it is about."""
    start = text.index("عراق")
    return [{"start": start, "end": start + 4, "text": "عراق", "type": "GPE", "entity_id": "gpe:iraq",
             "source": "gazetteer", "rule": "gazetteer:kb", "score": None, "link_rule": "kb:alias"}]


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        # a town of 23,000 with no place word is found when the English article names it
        ("معترضان در صفوان نزدیک مرز عراق لاستیک آتش زدند", {"IQ": {"geo:91772"}}, [("صفوان", "geo:91772")]),
        ("معترضان در صفوان نزدیک مرز عراق لاستیک آتش زدند", {}, []),
        # only in an article about its country
        ("معترضان در صفوان نزدیک مرز عراق لاستیک آتش زدند", {"KW": {"geo:91772"}}, []),
        # a common word is not, even then (انبار "depot")
        ("یک انبار سوخت در حومه شهری در عراق منفجر شد", {"IQ": {"geo:99062"}}, []),
    ],
)
def test_places_named_elsewhere_are_found(text: str, known: dict[str, set[str]],
                                          expected: list[tuple[str, str]]) -> None:
    from rasad.corpus.name_ids import NAMED_ELSEWHERE, add_places_named_elsewhere

    record = _record(text, "fa", _iraq(text))
    out = add_places_named_elsewhere(record, {c: frozenset(ids) for c, ids in known.items()})
    added = [e for e in out["entities"] if e["rule"] == NAMED_ELSEWHERE]  # type: ignore[union-attr]
    assert [(e["text"], e["entity_id"]) for e in added] == expected
    assert len(out["entities"]) == 1 + len(expected)  # type: ignore[arg-type]


def test_a_place_named_elsewhere_replaces_an_unlinked_span() -> None:
    from rasad.corpus.name_ids import add_places_named_elsewhere

    text = "معترضان در صفوان نزدیک مرز عراق لاستیک آتش زدند"
    start = text.index("صفوان")
    unlinked = {"start": start, "end": start + 5, "text": "صفوان", "type": "LOC", "entity_id": "x:loc:1",
                "source": "model", "rule": "ner:crf-fa", "score": 0.6, "link_rule": "stable-id"}
    person = {**unlinked, "type": "PER", "entity_id": "x:per:1"}  # Safwan is a man's name too
    known = {"IQ": frozenset({"geo:91772"})}
    out = add_places_named_elsewhere(_record(text, "fa", [unlinked, *_iraq(text)]), known)
    assert [(e["text"], e["entity_id"]) for e in out["entities"]] == [  # type: ignore[union-attr]
        ("صفوان", "geo:91772"), ("عراق", "gpe:iraq")]
    assert add_places_named_elsewhere(_record(text, "fa", [person, *_iraq(text)]), known)["entities"] == [
        person, *_iraq(text)]
