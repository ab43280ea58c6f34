"""The Arabic and Persian tagger's person spans mended (rasad.extract.entity_people); own strings."""

from __future__ import annotations

import pytest

from rasad.article import Entity
from rasad.extract.entity_people import mend_people


def _span(text: str, name: str, type: str = "PER") -> Entity:
    start = text.index(name)
    return Entity(start, start + len(name), name, type)


@pytest.mark.parametrize(("text", "tagged", "expected"), [
    ("قال الوزير هيثم محمد إبراهيم أمس", "محمد إبراهيم", "هيثم محمد إبراهيم"),  # cut short: a given name before
    ("وأكد القائد علي رضا تنكسيري ذلك", "رضا تنكسيري", "علي رضا تنكسيري"),
    ("وأمر محمد شياع السوداني بإرسال", "محمد شياع", "محمد شياع السوداني"),  # a family name after
    ("وصل خالد بن سلمان أمس", "خالد", "خالد بن سلمان"),  # a nasab after
    ("أصيب كرار عبد الزهرة بطلق ناري", "كرار عبد الزهرة بطلق ناري", "كرار عبد الزهرة"),  # ran past
    ("قال أبو بكر البغدادي", "أبو بكر البغدادي", "أبو بكر البغدادي"),  # بكر after أبو is a name
    ("التقى سمير الحمد بالمسؤولين", "سمير", "سمير"),  # nothing to mend
    ("قال جورج دبليو بوش", "جورج دبليو بوش", "جورج دبليو بوش"),  # a name's last word may open like ب
    ("الممثل ليوناردو دي كابريو", "ليوناردو دي كابريو", "ليوناردو دي كابريو"),
])
def test_person_spans_are_mended(text: str, tagged: str, expected: str) -> None:
    assert [e.text for e in mend_people(text, "ar", [_span(text, tagged)])] == [expected]


def test_a_span_does_not_grow_over_another_entity_or_mend_other_types() -> None:
    text = "قال محمد إبراهيم السوداني"
    person, place = _span(text, "إبراهيم"), _span(text, "السوداني", "GPE")
    assert [e.text for e in mend_people(text, "ar", [person, place])] == ["محمد إبراهيم", "السوداني"]
    organisation = _span(text, "إبراهيم", "ORG")
    assert [e.text for e in mend_people(text, "ar", [organisation])] == ["إبراهيم"]
