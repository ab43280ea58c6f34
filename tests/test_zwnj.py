"""Persian ZWNJ repair: words that need a ZWNJ get it back, words that must not get one stay."""

from __future__ import annotations

import pytest

from rasad.text.zwnj import ZwnjLexicon, repair_word, repair_zwnj

Z = "\u200c"


@pytest.mark.parametrize(
    ("stripped", "repaired"),
    [
        ("سرکردههای", f"سرکرده{Z}های"),
        ("بینالملل", f"بین{Z}الملل"),
        ("تروریستها", f"تروریست{Z}ها"),
        ("میشود", f"می{Z}شود"),
        ("دفاعپرس", f"دفاع{Z}پرس"),
        ("درگیریهای", f"درگیری{Z}های"),
        ("ساعتهای", f"ساعت{Z}های"),
        ("نمیتوانند", f"نمی{Z}توانند"),
        ("میخواهد", f"می{Z}خواهد"),
        ("نمیدانم", f"نمی{Z}دانم"),
        ("کتابهایی", f"کتاب{Z}هایی"),
        ("نامههایم", f"نامه{Z}هایم"),
        ("مهمترین", f"مهم{Z}ترین"),
        ("رسانهای", f"رسانه{Z}ای"),
        ("خانهای", f"خانه{Z}ای"),
        ("کردهاند", f"کرده{Z}اند"),
        ("شدهاند", f"شده{Z}اند"),
    ],
)
def test_repairs_stripped_zwnj(stripped: str, repaired: str) -> None:
    assert repair_word(stripped) == repaired


@pytest.mark.parametrize(
    "word",
    [
        "ریشتری",  # Richter (a magnitude), not ریش + تری
        "وینتر",  # a name (Winter), not وین + تر
        "هواپیماهای",  # after ا: no ZWNJ needed
        "خودروهای",  # after و
        "مرزهای",  # after ز
        "شهرهای",  # شهر + های, not شهره + ای
        "ماهی",
        "شاهی",
        "میز",
        "میدان",
        "میلیون",
        "میان",
        "میزان",
        "تنها",
        "آنها",
        "اینها",
        "بهترین",
        "دفتر",
        "بستر",
        "سهام",
        "اتهام",
        "اشتباهات",
        f"می{Z}شود",  # already has its ZWNJ
        "کتاب",
    ],
)
def test_leaves_words_without_zwnj(word: str) -> None:
    assert repair_word(word) == word


def test_repair_zwnj_counts_repairs_in_running_text() -> None:
    text, repairs = repair_zwnj("خبرنگاران میگویند درگیریها در مرزهای شمالی ادامه دارد.")
    assert text == f"خبرنگاران می{Z}گویند درگیری{Z}ها در مرزهای شمالی ادامه دارد."
    assert repairs == 2


def test_repair_keeps_punctuation_and_length_of_other_words() -> None:
    text, repairs = repair_zwnj("«کتابها»، ۲۵ مورد.")
    assert text == f"«کتاب{Z}ها»، ۲۵ مورد."
    assert repairs == 1


def test_custom_lexicon_is_injectable() -> None:
    lexicon = ZwnjLexicon.build([f"می{Z}رود"], {"درخت": 4, "سنگ": 1}, keep=["درختها"])
    assert repair_word("میروند", lexicon) == f"می{Z}روند"
    assert repair_word("درختها", lexicon) == "درختها"  # kept
    assert repair_word("سنگها", lexicon) == "سنگها"  # stem seen once: below min_stem_count
