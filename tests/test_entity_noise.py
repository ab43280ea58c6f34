"""Regressions (issue 7): God, currency words, bare common nouns and descriptions are not entities;
linked entities and real names are kept."""

from __future__ import annotations

import pytest

from rasad.article import Entity
from rasad.eval.datelines import analyze_text
from rasad.extract.entities import entities_stage
from rasad.extract.entity_noise import is_noise
from rasad.settings import Settings


@pytest.mark.parametrize(
    ("text", "type_", "entity_id", "lang", "noise"),
    [
        ("الله", "MISC", "x:misc:a", "ar", True),
        ("دولار", "MISC", "x:misc:b", "ar", True),
        ("والدولار", "MISC", "x:misc:b", "ar", True),
        ("ريال", "ORG", "x:org:c", "ar", True),
        ("ميليشيا", "ORG", "x:org:d", "ar", True),
        ("الريف", "LOC", "x:loc:e", "ar", True),
        ("خبير سوري", "PER", "x:per:f", "ar", True),
        ("مصدر أمني", "PER", "x:per:g", "ar", True),
        ("ناشطون محليون", "PER", "x:per:h", "ar", True),
        ("دلار", "MISC", "x:misc:i", "fa", True),
        ("دولاراً", "MISC", "x:misc:m", "ar", True),  # accusative of a currency
        ("ريالا", "MISC", "x:misc:n", "ar", True),
        ("جنيه إسترليني", "MISC", "x:misc:o", "ar", True),
        ("اليورو والجنيه الإسترليني", "MISC", "x:misc:p", "ar", True),  # only currency words
        ("عبد الله", "PER", "x:per:q", "ar", False),
        ("ولله", "MISC", "x:misc:t", "ar", True),
        ("الله الرحمن الرحيم", "PER", "x:per:u", "ar", True),  # a religious formula
        ("بسم الله الرحمن الرحيم", "MISC", "x:misc:v", "ar", True),
        ("عبد الرحمن", "PER", "x:per:w", "ar", False),
        ("الريال السعودي", "MISC", "x:misc:y", "ar", True),  # a currency with its nationality
        ("دولارًا أمريكيًا", "MISC", "x:misc:z", "ar", True),
        ("ريال قطري", "ORG", "x:org:a1", "ar", True),
        ("وريال", "ORG", "x:org:a2", "ar", True),
        ("يوان", "MISC", "x:misc:b2", "ar", True),
        ("الشيكل", "MISC", "x:misc:b3", "ar", True),
        ("الله العلي", "PER", "x:per:a3", "ar", True),
        ("رحيم صفوي", "PER", "x:per:a7", "ar", False),  # words of a formula alone are names
        ("حمد المنتشري", "PER", "x:per:a8", "ar", False),
        ("إلين تيري", "PER", "x:per:a9", "ar", False),
        ("السوبر السعودي", "MISC", "x:misc:b1", "ar", False),
        ("الحمد لله", "MISC", "x:misc:a4", "ar", True),
        ("كين", "PER", "x:per:a5", "ar", False),
        ("وليد المعلم", "PER", "x:per:a6", "ar", False),
        ("عبد الرحيم", "PER", "x:per:x", "ar", False),
        ("رام الله", "GPE", "x:gpe:r", "ar", False),
        ("روسيا", "GPE", "x:gpe:s", "ar", False),
        ("خبير", "PER", "x:per:j", "ar", False),  # a lone head noun is not listed as a stop word
        ("خالد الأحمد", "PER", "x:per:k", "ar", False),
        ("ريال مدريد", "ORG", "x:org:l", "ar", False),
        ("الريف", "LOC", "loc:some-kb-place", "ar", False),  # linked to the knowledge base: kept
        ("مصدر أمني", "PER", None, "en", False),
    ],
)
def test_is_noise(text: str, type_: str, entity_id: str | None, lang: str, noise: bool) -> None:
    assert is_noise(Entity(0, len(text), text, type_, entity_id), lang) is noise


def test_stage_output_keeps_names_and_drops_noise() -> None:
    text = "قال خبير سوري في دمشق إن سعر الدولار ارتفع، والحمد لله."
    article = analyze_text(text, "ar")
    article = entities_stage(article, Settings(workers=1))
    texts = [e.text for e in article.entities]
    assert "دمشق" in texts
    assert not {"خبير سوري", "الدولار", "دولار", "الله", "لله"} & set(texts)
