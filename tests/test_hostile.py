"""Hostile inputs beside a valid article: each bad input gets its one-line error in errors.jsonl,
naming it, and every other input is still analysed. Also the command line's usage errors, and the
linear-time helpers that replaced quadratic scans of long lines (checked against the plain scans).
"""

from __future__ import annotations

import contextlib
import json
import os
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.analyze import analyze
from rasad.article import Article, Entity, RawDocument
from rasad.cli import main
from rasad.errors import InputError
from rasad.extract.entities import merge
from rasad.extract.quantities import find_quantities
from rasad.ingest.repair import display_path, replace_lone_surrogates
from rasad.limits import time_limit
from rasad.pipeline import REGISTRY, article_stage
from rasad.settings import Settings
from rasad.text.segment import split_paragraphs, split_sentences

VALID_EN = (
    "The river authority in Northvale opened two new flood gates on Tuesday after heavy rain. "
    "Engineers said the gates would protect about 3,000 homes along the eastern bank."
)
VALID_AR = ("افتتحت بلدية المدينة الساحلية جسراً جديداً فوق النهر يوم الخميس، "
            "وقال المهندسون إن الجسر يخدم نحو ألفي سيارة يومياً.")
VALID_FA = ("شهرداری شهر ساحلی روز پنجشنبه پل تازه‌ای روی رودخانه افتتاح کرد "
            "و مهندسان گفتند این پل روزانه به دو هزار خودرو خدمت می‌دهد.")
SPIN = "SPIN-FOREVER"


def _spin_stage(article: Article, settings: Settings) -> Article:
    """Test stage: loops forever on a text holding SPIN, and swallows ordinary exceptions while doing so."""
    while SPIN in article.text:
        with contextlib.suppress(Exception):  # a careless stage must not be able to swallow the time limit
            sum(range(1000))
    return article


def _jsonl(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def spin_stage() -> Iterator[str]:
    """A stage that never ends on a text holding SPIN, registered only while these tests run."""
    name = "test.hostile.spin"
    article_stage(name, assigns=("title",))(_spin_stage)
    yield name
    REGISTRY.pop(name, None)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, spin_stage: str) -> tuple[list[dict[str, Any]],
                                                                                    list[dict[str, Any]]]:
    from rasad.text.langid import detect_language

    detect_language(VALID_EN)  # load the language models before the clock runs
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "valid.txt").write_text(VALID_EN, encoding="utf-8")
    # Lone surrogates written as JSON escapes: at the end, and in the middle of the text.
    (folder / "surrogate_end.json").write_text('{"text": "' + VALID_AR + '\\udfff"}', encoding="utf-8")
    (folder / "surrogate_mid.json").write_text('{"text": "' + VALID_FA[:30] + '\\ud800' + VALID_FA[30:] + '"}',
                                               encoding="utf-8")
    # File names that are not UTF-8: one readable article, one empty file.
    def not_utf8(name: bytes) -> Path:
        return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))

    not_utf8(b"note-\xff\xfe.txt").write_text(VALID_EN.replace("Northvale", "Southport"), encoding="utf-8")
    not_utf8(b"empty-\xff.txt").write_bytes(b"")
    # JSON Lines: nested far too deep between two valid records; and a line too deep to parse.
    deep = "[" * 900 + json.dumps(VALID_EN) + "]" * 900
    _jsonl(folder / "deep.jsonl", [
        json.dumps({"title": "first", "text": VALID_EN.replace("Tuesday", "Monday")}),
        '{"title": "deep", "text": ' + deep + "}",
        '{"title": "deeper", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"title": "last", "text": VALID_EN.replace("Tuesday", "Friday")}),
    ])
    (folder / "text_true.json").write_text('{"text": true}', encoding="utf-8")
    (folder / "text_object.json").write_text('{"text": {"body": 1}}', encoding="utf-8")
    (folder / "long_line.txt").write_text("كلمة " * 2_000, encoding="utf-8")  # 10,000 characters
    (folder / "spin.txt").write_text(VALID_EN + " " + SPIN, encoding="utf-8")
    os.symlink("loop_b", folder / "loop_a")
    os.symlink("loop_a", folder / "loop_b")
    os.symlink("no_such_file.txt", folder / "dangling.txt")

    out = folder.parent / (folder.name + "-out")
    settings = Settings(workers=1, progress=False, report=False, store=False, max_article_chars=5_000,
                        max_article_seconds=2.0, stages=("normalize", "clean", "langid", spin_stage))
    summary = analyze([folder], out, settings)
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert summary.articles == len(articles)
    return articles, errors


def _error_for(errors: list[dict[str, Any]], source_end: str) -> dict[str, Any]:
    found = [e for e in errors if e["source"].endswith(source_end)]
    assert len(found) == 1, (source_end, errors)
    return found[0]


@pytest.mark.parametrize(("source_end", "error"), [
    ("deep.jsonl#2", "record nested too deep"),
    ("deep.jsonl#3", "invalid JSON line"),
    ("text_true.json#1", "text is not a string"),
    ("text_object.json#1", "text is not a string"),
    ("long_line.txt", "article too long"),
    ("spin.txt", "analysis took too long"),
    ("loop_a", "symbolic link loop"),
    ("loop_b", "symbolic link loop"),
    ("dangling.txt", "broken link"),
    ("empty-\\xff.txt", "empty file"),
])
def test_each_hostile_input_gets_its_one_line_error(hostile_run: Any, source_end: str, error: str) -> None:
    _, errors = hostile_run
    record = _error_for(errors, source_end)
    assert record["error"] == error
    assert "\n" not in record["error"] + record["detail"]


def test_the_valid_inputs_beside_them_are_analysed(hostile_run: Any) -> None:
    articles, _ = hostile_run
    paths = sorted(a["source"]["path"].rsplit("/", 1)[-1] + f"#{a['source'].get('record')}" for a in articles)
    assert paths == ["deep.jsonl#1", "deep.jsonl#4", "note-\\xff\\xfe.txt#None", "surrogate_end.json#1",
                     "surrogate_mid.json#1", "valid.txt#None"]


@pytest.mark.parametrize("name", ["surrogate_end.json", "surrogate_mid.json"])
def test_lone_surrogates_become_replacement_characters_and_are_counted(hostile_run: Any, name: str) -> None:
    articles, _ = hostile_run
    [article] = [a for a in articles if a["source"]["path"].endswith(name)]
    assert article["text"].count("\ufffd") == 1
    assert article["normalization"]["replacement_chars"] == 1
    assert article["lang"] in ("ar", "fa")


def test_every_output_line_is_valid_utf8(hostile_run: Any) -> None:
    articles, errors = hostile_run
    assert articles and errors
    for record in [*articles, *errors]:
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate


@pytest.mark.parametrize(("text", "expected", "count"), [
    ("خبر\udfff", "خبر\ufffd", 1),
    ("\ud800خبر\udc00", "\ufffdخبر\ufffd", 2),
    ("emoji \ud83d\ude00 joined", "emoji 😀 joined", 0),  # a pair written as two escapes
    ("بدون مشكلة", "بدون مشكلة", 0),
])
def test_replace_lone_surrogates(text: str, expected: str, count: int) -> None:
    assert replace_lone_surrogates(text) == (expected, count)


@pytest.mark.parametrize(("name", "shown"), [
    (os.fsdecode(b"akhbar-\xe1.txt"), "akhbar-\\xe1.txt"),
    ("خبر.txt", "خبر.txt"),
])
def test_display_path(name: str, shown: str) -> None:
    assert display_path(name) == shown
    shown.encode("utf-8")


def test_time_limit_cannot_be_swallowed_by_a_stage() -> None:
    with pytest.raises(InputError, match="took too long") as info, time_limit(0.05, "slow.txt"):
        while True:
            with contextlib.suppress(Exception):
                sum(range(1000))
    assert info.value.source == "slow.txt"


def test_time_limit_is_lifted_after_the_block() -> None:
    import signal

    with time_limit(5, "quick.txt"):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_time_limit_counts_cpu_time_so_waiting_on_a_busy_machine_is_not_an_error() -> None:
    import time

    with time_limit(0.05, "patient.txt"):  # waits 4 times the limit, computes almost nothing
        time.sleep(0.2)


def test_time_limit_has_a_wall_clock_backstop_for_a_block_that_only_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from rasad import limits

    monkeypatch.setattr(limits, "WALL_FACTOR", 2)
    with pytest.raises(InputError, match="took too long"), time_limit(0.05, "stuck.txt"):
        time.sleep(5)


# --- the command line ----------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "0"], "--workers must be 1 or more"),
    (["--workers", "-1"], "--workers must be 1 or more"),
    (["--stages", ","], "names no stage"),
    (["--max-article-chars", "0"], "--max-article-chars must be 1 or more"),
    (["--max-article-seconds", "-2"], "--max-article-seconds must be 0"),
    (["--max-file-mb", "0"], "--max-file-mb must be 1 or more"),
])
def test_bad_options_are_one_line_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               args: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text(VALID_EN, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(("out", "message"), [
    ("", "--out is empty"),
    ("a.txt", "is a file, not a folder"),
    ("a.txt/sub", "cannot write to --out"),
])
def test_bad_out_folders_are_one_line_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch, out: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(VALID_EN, encoding="utf-8")
    assert main(["analyze", "a.txt", "--out", out, "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "articles.jsonl").exists()


def test_empty_input_argument_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(VALID_EN, encoding="utf-8")
    assert main(["analyze", "", "--out", "out"]) == 2
    assert "input path is empty" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# --- linear-time helpers agree with the plain scans they replaced ---------------------------------

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.sampled_from(["model", "gazetteer"])),
                 max_size=25)


@given(spans)
def test_entity_merge_matches_the_pairwise_overlap_check(items: list[tuple[int, int, str]]) -> None:
    from rasad.extract.entities import _SOURCE_RANK

    entities = [Entity(s, s + n, "x" * n, "PER", None, source) for s, n, source in items]
    ranked = sorted(entities, key=lambda e: (True, -(e.end - e.start), _SOURCE_RANK.get(e.source, 3), e.start))
    kept: list[Entity] = []
    for entity in ranked:
        if all(entity.end <= k.start or entity.start >= k.end for k in kept):
            kept.append(entity)
    assert merge(entities) == sorted(kept, key=lambda e: e.start)


@pytest.mark.parametrize(("tail", "expected"), [
    ("قال د. أحمد إن العدد 3.5 مليون. وأضاف: «انتهى الأمر. نعم». ثم غادر",
     ["قال د. أحمد إن العدد 3.5 مليون.", "وأضاف: «انتهى الأمر. نعم».", "ثم غادر"]),
    ("Dr. Lee met U.S. envoys on 25 . 01 . 2022 . Then she left.",
     ["Dr. Lee met U.S. envoys on 25 . 01 . 2022 .", "Then she left."]),
])
def test_sentences_at_the_end_of_a_long_line(tail: str, expected: list[str]) -> None:
    text = "كلمة " * 20_000 + "انتهى. " + tail  # one 100,000-character line before the sentences
    found = [text[s.start:s.end] for s in split_sentences(text, split_paragraphs(text), "ar")]
    assert found[-len(expected):] == expected


@pytest.mark.parametrize(("text", "counted"), [
    ("لبناني قال إن 500 ليرة في المدينة سوري", "Lebanese pounds"),  # equally near: the earlier one
    ("سوري قال إن 500 ليرة في المدينة لبناني", "Syrian pounds"),
    ("قال إن 500 ليرة في المدينة سوري", "Syrian pounds"),
    ("بلغ 500 ليرة لبنانية", "Lebanese pounds"),  # right after the currency
    ("بلغ السعر 500 ليرة", "lira"),  # no country named
])
def test_bare_currency_takes_the_nearest_nationality(text: str, counted: str) -> None:
    assert [q.counted for q in find_quantities(text, "ar")] == [counted]


def test_bisect_finds_the_same_tokens_as_a_scan() -> None:
    from rasad.extract.quantities.base import ScannerBase

    scanner = ScannerBase("في 12 آذار 2023 وصل 40 شخصاً إلى المدينة", "ar")
    starts = [t.start for t in scanner.toks]
    for start in range(0, 45, 3):
        for end in range(start, 46, 4):
            plain = [k for k, t in enumerate(scanner.toks) if t.start >= start and t.end <= end]
            assert scanner.token_range(start, end) == plain, (start, end)
    assert bisect_left(starts, 0) == 0


def test_a_failure_outside_the_stages_is_one_inputs_error() -> None:
    from rasad.article import RawDocument, Source
    from rasad.pipeline import run_articles

    # A RawDocument built by library code, not by ingest: its lone surrogate reaches the content id.
    bad = RawDocument(Source(sha256="0", format="txt", path="built.txt"), VALID_EN + "\udfff")
    good = RawDocument(Source(sha256="1", format="txt", path="good.txt"), VALID_EN)
    settings = Settings(workers=1, progress=False, stages=("normalize",))
    outcomes = list(run_articles([bad, good], settings))
    assert outcomes[0].error is not None and outcomes[0].error.source == "built.txt"
    assert outcomes[1].article is not None


@given(spans)
def test_timex_choice_matches_the_pairwise_overlap_check(items: list[tuple[int, int, str]]) -> None:
    from rasad.extract.timex.mentions import Mention, _choose

    cands = [Mention(s, s + n, "clock") for s, n, _ in items]
    chosen: list[Mention] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in chosen):
            chosen.append(c)
    assert _choose(cands) == sorted(chosen, key=lambda c: c.start)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=12), st.integers(0, 50), st.integers(1, 6))
def test_number_inside_a_time_matches_a_scan(times: list[tuple[int, int]], start: int, length: int) -> None:
    from rasad.article import TimeExpression
    from rasad.extract.quantities.kinds import KindClassifier

    spans_ = [TimeExpression(s, s + n, "x" * n, None) for s, n in times]
    scanner = KindClassifier("نص " * 20, "ar", spans_)
    end = start + length
    assert scanner._inside_time(start, end) == any(t.start < end and start < t.end for t in spans_)


def test_a_json_list_without_objects_is_one_error(tmp_path: Path) -> None:
    from rasad.ingest import read_inputs

    (tmp_path / "numbers.json").write_text(json.dumps(list(range(5000))), encoding="utf-8")
    [item] = list(read_inputs([tmp_path / "numbers.json"], Settings(workers=1)))
    assert not isinstance(item, RawDocument) and item.error == "JSON is not a list of objects"
    assert "5,000 values of type int" in item.detail


def test_many_bad_records_do_not_flood_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps({"title": f"bad {n}"}) for n in range(200)] + [json.dumps({"text": VALID_EN})]
    _jsonl(tmp_path / "mostly_bad.jsonl", lines)
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "mostly_bad.jsonl"), "--out", str(out), "--no-progress",
                 "--no-report", "--no-store", "--workers", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 51 and "all are listed in" in err[-1]
    assert len((out / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == 200
