"""Transliteration keys: one name in Arabic, Persian and Latin script gets one key; different names don't."""

from __future__ import annotations

import pytest

from rasad.kb.translit import romanize, skeleton_key

SAME_NAME = [
    ("الصبحة", "صبحه", "al-Subha"),
    ("قرية الصبحة", "روستای صبحه", "Subha village"),
    ("دير الزور", "دیر الزور", "Deir ez-Zor"),
    ("غويران", "غویران", "Ghwayran"),
    ("سيمالكا", "سیمالکا", "Semalka"),
    ("القامشلي", "قامشلی", "Qamishli"),
    ("تل تمر", "تل تمر", "Tall Tamr"),
    ("عمر رحمون", "عمر رحمون", "Omar Rahmoun"),
    ("الشحيل", "شحیل", "al-Shuhayl"),
    ("خربة غزالة", "خربه غزاله", "Khirbet Ghazaleh"),
]

DIFFERENT_NAMES = [
    ("الصبحة", "السبخة"),  # h and kh
    ("الصبحة", "al-Sabkha"),
    ("الرقة", "الرياض"),
    ("Raqqa", "Riyadh"),
    ("تل تمر", "تل أبيض"),
    ("الشدادي", "الشعيطات"),
    ("غويران", "Ghazaleh"),
]


@pytest.mark.parametrize(("arabic", "persian", "latin"), SAME_NAME)
def test_one_name_one_key_across_scripts(arabic: str, persian: str, latin: str) -> None:
    key = skeleton_key(arabic)
    assert key is not None
    assert skeleton_key(persian) == key
    assert skeleton_key(latin) == key


@pytest.mark.parametrize(("one", "other"), DIFFERENT_NAMES)
def test_different_names_different_keys(one: str, other: str) -> None:
    assert skeleton_key(one) != skeleton_key(other)


@pytest.mark.parametrize("name", ["أبو", "Al", "و", ""])
def test_too_short_for_evidence(name: str) -> None:
    assert skeleton_key(name) is None


@pytest.mark.parametrize(("name", "latin"), [("الصبحة", "al-Sbha"), ("غويران", "Ghwyran")])
def test_romanize(name: str, latin: str) -> None:
    assert romanize(name) == latin
