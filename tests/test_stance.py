"""Stance between two claims: pair features, the linear model, and the shipped model on clear cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.claims.stance import LABELS, load_model, predict
from rasad.claims.stance.features import GROUPS, pair_features, stem
from rasad.claims.stance.linear import LinearModel, fit
from rasad.eval.stance import score
from rasad.text.normalize import matching_key


@pytest.mark.parametrize(
    ("s1", "s2", "feature"),
    [
        ("ارتفاع أسعار القمح في الأسواق", "انخفاض أسعار القمح في الأسواق", "ant_rise"),
        ("الوزارة تؤكد إغلاق المعبر", "الوزارة تنفي إغلاق المعبر", "ant_confirm"),
        ("هدوء على الحدود الشمالية", "اشتباكات على الحدود الشمالية", "ant_calm"),
        ("الشركة توافق على الصفقة", "الشركة ترفض الصفقة", "ant_accept"),
        ("الذهب يصعد مع تراجع الدولار", "الذهب يهبط مع تراجع الدولار", "anchor_conflict"),
        ("المحكمة تصدر حكما بإعدام المتهم", "المحكمة تعلن براءة المتهم", "ant_arrest"),
    ],
)
def test_opposite_meanings_are_found(s1: str, s2: str, feature: str) -> None:
    assert pair_features(s1, s2, GROUPS[:-1])[feature] == 1.0


def test_the_same_direction_on_both_sides_is_no_conflict() -> None:
    f = pair_features("صعود الذهب وهبوط الدولار", "صعود للذهب اليوم وهبوط الدولار", ("antonyms", "anchor"))
    assert "anchor_conflict" not in f and "ant" not in f
    assert f["anchor_same"] == 1.0


@pytest.mark.parametrize(
    ("s1", "s2", "expected"),
    [
        ("الفريق لم يفز بالبطولة", "الفريق فاز بالبطولة", {"lneg-لم"}),
        ("الرئيس يزور القاهرة", "الرئيس لن يزور القاهرة", {"lneg+لن"}),
        ("المصنع يعمل", "المصنع يعمل", set()),
    ],
)
def test_negation_on_one_side(s1: str, s2: str, expected: set[str]) -> None:
    f = pair_features(s1, s2, ("negation",))
    assert {k for k in f if k.startswith(("lneg-", "lneg+"))} == expected
    assert f.get("lneg_xor", 0.0) == float(bool(expected))


@pytest.mark.parametrize(
    ("s1", "s2", "expected"),
    [
        ("مقتل 5 جنود في هجوم", "مقتل ٥ جنود في هجوم", "num_same"),
        ("مقتل 5 جنود في هجوم", "مقتل 15 جنديا في هجوم", "num_diff"),
        ("إصابة 3 و4 في حادثين", "إصابة 3 في حادث", "num_overlap"),
        ("وصول 40 سجينا", "وصول عشرات السجناء", "num_one"),
    ],
)
def test_number_mismatch(s1: str, s2: str, expected: str) -> None:
    f = pair_features(s1, s2, ("numbers",))
    assert [k for k in f if k.startswith("num_")] == [expected]


def test_overlap_and_word_differences() -> None:
    f = pair_features("الجيش يدخل المدينة", "الجيش يغادر المدينة", ("overlap", "diff", "diffpair"))
    assert f["jac"] == pytest.approx(0.5)
    assert f["-يدخل"] == f["+يغادر"] == f["يدخل>يغادر"] == 1.0


def test_stems_drop_clitics_and_suffixes_but_keep_three_letters() -> None:
    assert stem(matching_key("وبالمفاوضات")) == "مفاوض"
    assert stem(matching_key("لها")) == "لها"


def test_cosine_group_needs_the_cosine() -> None:
    with pytest.raises(ValueError, match="cosine"):
        pair_features("أ", "ب", ("cosine",))
    with pytest.raises(ValueError, match="unknown"):
        pair_features("أ", "ب", ("vibes",))


def test_linear_model_learns_saves_and_loads(tmp_path: Path) -> None:
    rows = [{"bias": 1.0, "up": 1.0}, {"bias": 1.0, "down": 1.0}, {"bias": 1.0, "far": 1.0}] * 5
    model = fit(rows, [0, 1, 2] * 5, labels=LABELS, l2=0.1, iterations=300)
    assert [model.predict(r)[0] for r in rows[:3]] == list(LABELS)
    path = tmp_path / "m.tsv.gz"
    model.save(path)
    again = LinearModel.load(path)
    assert again.labels == LABELS
    probs = again.predict({"bias": 1.0, "down": 1.0})[1]
    assert max(probs, key=lambda k: probs[k]) == "disagree"
    assert sum(probs.values()) == pytest.approx(1.0)


def test_score_macro_f1_counts_a_never_predicted_class_as_zero() -> None:
    result = score(["agree", "disagree", "other"], ["agree", "disagree", "agree"], LABELS)
    assert result["per_class"]["other"]["f1"] == 0.0
    assert result["macro_f1"] == pytest.approx((2 / 3 + 1 + 0) / 3, abs=1e-4)


@pytest.mark.parametrize(
    ("s1", "s2", "expected"),
    [
        ("ارتفاع أسعار النفط في الأسواق العالمية", "انخفاض أسعار النفط في الأسواق العالمية", "disagree"),
        ("الحكومة تؤكد توقيع الاتفاق مع النقابة", "الحكومة تنفي توقيع الاتفاق مع النقابة", "disagree"),
        ("وزير المالية: التضخم يتراجع هذا الشهر", "وزير المالية: التضخم يرتفع هذا الشهر", "disagree"),
        ("مقتل 5 أشخاص في انفجار بالعاصمة", "مقتل 12 شخصا في انفجار بالعاصمة", "disagree"),
        ("الشرطة تعتقل 3 مشتبه بهم في السرقة", "اعتقال ثلاثة مشتبه بهم في السرقة على يد الشرطة", "agree"),
        ("الجيش ينسحب من البلدة", "الجيش ينسحب من البلدة", "agree"),
        ("البرلمان يقر ميزانية العام المقبل", "افتتاح معرض للكتاب في المدينة القديمة", "other"),
        ("الأمطار تغمر شوارع المدينة الساحلية", "فريق كرة السلة يخسر المباراة النهائية", "other"),
    ],
)
def test_shipped_model_on_clear_pairs(s1: str, s2: str, expected: str) -> None:
    label, probs = predict(s1, s2)
    assert label == expected
    assert set(probs) == set(LABELS) and sum(probs.values()) == pytest.approx(1.0)


def test_predict_many_matches_predict() -> None:
    pairs = [("الذهب يرتفع", "الذهب ينخفض"), ("الذهب يرتفع", "صعود الذهب")]
    assert [label for label, _ in load_model().predict_many(pairs)] == [predict(a, b)[0] for a, b in pairs]
