"""Incremental monitoring: `rasad ingest --store`, `rasad watch` and the alerts they write."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from local_server import Site, serve
from rasad.cli import main
from rasad.corpus.runner import (
    CORPUS_REGISTRY,
    DEFAULT_CORPUS_STAGES,
    Corpus,
    CorpusOutput,
    corpus_stage,
    resolve_corpus,
    run_corpus_stages,
)
from rasad.monitor.alerts import AlertOptions, Snapshot, find_alerts
from rasad.monitor.ingest import ingest
from rasad.monitor.watch import watch
from rasad.settings import Settings
from rasad.store.duck import Store

# Held back from the first poll: each joins a story of the first poll and triggers alerts.
LATER = ("06-ar-irna-tanf-drone.txt",  # a new outlet for the Tanf story, and a contradiction (2 drones, not 3)
         "19-ar-alwatan-deirezzor-bread-copy.txt",  # SANA's bread text recycled by Al-Watan
         "03-fa-tasnim-detainee-transfer.txt")  # Persian joins the detainee-transfer story
FIRST = ("01-ar-sana-detainee-transfer.txt", "02-ar-sputnik-detainee-transfer.txt",
         "04-en-reuters-detainee-transfer.html", "05-ar-almayadeen-tanf-drone.html", "07-en-afp-tanf-drone.txt",
         "08-fa-defapress-tanf-drone.txt", "14-fa-irna-tehran-book-fair.html", "16-ar-sana-deirezzor-bread.txt",
         "17-en-afp-deirezzor-bread.txt", "18-fa-irna-deirezzor-bread.json")
CATALOGUE = [{"id": "narrative:irna-line", "name": "IRNA line", "kind": "catalogue", "articles": [],
              "first_seen": "2021-03-01", "last_seen": "2021-06-01",
              "timeline": [{"date": "2021-06-01", "count": 1}]}]


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def irna_narrative() -> Iterator[str]:
    """A stand-in for the narratives stage: the catalogued narrative of `narratives.json` (a fixture
    the test writes) carried by every IRNA article, with its first and last dates."""

    @corpus_stage("test.narratives", reads=("outlet", "published"), outputs=("narratives.json",), whole_store=True)
    def narratives(corpus: Corpus, settings: Settings) -> CorpusOutput:
        carried = sorted((a.published or "", a.id) for a in corpus.articles() if a.outlet == "IRNA")
        dates = [d for d, _ in carried if d]
        record = {**CATALOGUE[0], "articles": [i for _, i in carried],
                  "first_seen": min(dates, default=None), "last_seen": max(dates, default=None)}
        return CorpusOutput(files={"narratives.json": [record]})

    yield "test.narratives"
    del CORPUS_REGISTRY["test.narratives"]


def test_watch_picks_up_new_files_and_writes_the_alerts(tmp_path: Path, examples_dir: Path,
                                                        irna_narrative: str) -> None:
    """Acceptance: `watch` over a folder picks up the files added between two polls and writes each
    kind of alert, to alerts.jsonl and to a webhook."""
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    for name in FIRST:
        shutil.copy(examples_dir / name, inbox)
    settings = Settings(workers=1, progress=False, report=False,
                        corpus_stages=(*(s for s in DEFAULT_CORPUS_STAGES if s != "narratives"), irna_narrative))
    site = Site()
    with serve(site):
        polls = watch([inbox], store, settings, AlertOptions(quiet_days=30, webhook=f"{site.base}/hook", min_score=0),
                      every=0, max_iterations=3)
        first = next(polls)
        assert first is not None and first.added == len(FIRST) and first.alerts == []
        stories_before = {s["id"]: s["articles"] for s in json.loads((store / "stories.json").read_text("utf-8"))}
        # The narrative catalogue as a monitor keeps it: last seen months before the new articles.
        (store / "narratives.json").write_text(json.dumps(CATALOGUE), encoding="utf-8")
        for name in LATER:
            shutil.copy(examples_dir / name, inbox)
        second = next(polls)
        third = next(polls)
    assert second is not None and second.added == 3 and second.skipped == 0
    assert third is None  # nothing new in the folder: no ingest at all
    kinds = sorted(a["kind"] for a in second.alerts)
    assert kinds == ["narrative_reappeared", "new_contradiction", "story_new_language", "story_new_outlet",
                     "story_new_outlet", "story_new_outlet", "text_recycled_by_new_outlet"]
    written = _lines(store / "alerts.jsonl")
    assert [a["id"] for a in written] == [a["id"] for a in second.alerts]
    assert [json.loads(body)["id"] for body in site.posted] == [a["id"] for a in written]
    by_kind = {a["kind"]: a for a in written}
    assert by_kind["narrative_reappeared"]["last_seen_before"] == "2021-06-01"
    assert by_kind["narrative_reappeared"]["quiet_days"] >= 30
    assert by_kind["text_recycled_by_new_outlet"]["outlet"] == "Al-Watan (Syria)"
    assert by_kind["text_recycled_by_new_outlet"]["earlier_outlets"] == ["SANA"]
    assert by_kind["story_new_language"]["languages"] == ["fa"]
    assert sorted(v["value"] for v in by_kind["new_contradiction"]["values"]) == [2.0, 3.0]
    stories_after = {s["id"]: s["articles"] for s in json.loads((store / "stories.json").read_text("utf-8"))}
    for story_id, members in stories_before.items():  # existing stories keep their ids and members
        if len(members) > 1:
            assert set(members) <= set(stories_after[story_id])
    assert len(_lines(store / "articles.jsonl")) == len(FIRST) + len(LATER)
    _assert_same_as_a_full_run(store, tmp_path / "full", settings)


def _assert_same_as_a_full_run(store: Path, full: Path, settings: Settings) -> None:
    """The incremental outputs are those of the corpus stages run afresh over the same store (reuse
    aside: pairs between earlier articles keep the evidence weighed when they were found)."""
    shutil.copytree(store, full)
    with Store(full / "rasad.duckdb") as db:
        for table in ("entity_seen", "claims_story_members", "reuse_pairs"):
            db.con.execute(f"DROP TABLE {table}")
        run_corpus_stages(db, full, settings, resolve_corpus(settings.corpus_stages))
    for name in ("entities.json", "stories.json", "claim_clusters.json", "contradictions.json"):
        assert (store / name).read_text("utf-8") == (full / name).read_text("utf-8"), name  # byte for byte
    pairs = [[(r["a"], r["b"], r["kind"]) for r in json.loads((folder / "reuse.json").read_text("utf-8"))]
             for folder in (store, full)]
    assert pairs[0] and pairs[0] == pairs[1]


def test_ingest_twice_adds_nothing_and_keeps_the_outputs(tmp_path: Path, examples_dir: Path) -> None:
    inputs = [examples_dir / "16-ar-sana-deirezzor-bread.txt", examples_dir / "17-en-afp-deirezzor-bread.txt"]
    settings = Settings(workers=1, progress=False, report=False)
    first = ingest(inputs, tmp_path / "store", settings)
    stories = (tmp_path / "store" / "stories.json").read_text("utf-8")
    again = ingest(inputs, tmp_path / "store", settings)
    assert (first.added, first.skipped) == (2, 0)
    assert (again.added, again.skipped, again.total, again.alerts) == (0, 2, 2, [])
    assert (tmp_path / "store" / "stories.json").read_text("utf-8") == stories
    assert len(_lines(tmp_path / "store" / "articles.jsonl")) == 2


def _narrative(last_seen: str, articles: list[str], kind: str) -> dict[str, Any]:
    return {"id": "narrative:n1", "name": "Border closure", "kind": kind, "articles": articles,
            "first_seen": "2023-01-01", "last_seen": last_seen, "timeline": []}


@pytest.mark.parametrize(("last_seen", "published", "kind", "alert"), [
    ("2024-01-01", "2024-03-01", "catalogue", True),  # 60 quiet days
    ("2024-01-01", "2024-01-20", "catalogue", False),  # 19 days: still the same wave
    ("2024-01-01", None, "catalogue", False),  # the new article's date unknown: last_seen is the same day
    ("2024-01-01", "2024-03-01", "candidate", False),  # discovered, not catalogued
])
def test_a_narrative_reappears_only_after_a_quiet_period(last_seen: str, published: str | None, kind: str,
                                                         alert: bool) -> None:
    before = Snapshot(narratives={"narrative:n1": _narrative(last_seen, ["old"], kind)})
    after = Snapshot(narratives={"narrative:n1": _narrative(published or last_seen, ["old", "new"], kind)})
    alerts = find_alerts(before, after, {"new": {"outlet": "IRNA", "lang": "fa", "published": published}},
                         AlertOptions(quiet_days=30))
    assert [a["kind"] for a in alerts] == (["narrative_reappeared"] if alert else [])


def test_no_alert_for_what_was_already_known() -> None:
    pair = {"a": "old1", "b": "old2", "kind": "duplicate", "similarity": 1.0, "a_outlet": "SANA",
            "b_outlet": "Tishreen"}
    copy = {**pair, "b": "new", "b_outlet": "Tishreen"}  # Tishreen carried this text before
    snapshot = Snapshot(reuse=[pair], contradictions={"ct:1": {"id": "ct:1", "values": []}})
    after = Snapshot(reuse=[pair, copy], contradictions={"ct:1": {"id": "ct:1", "values": []}})
    assert find_alerts(snapshot, after, {"new": {"outlet": "Tishreen"}}) == []


def test_cli_watch_and_ingest(tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(examples_dir / "13-en-reuters-hasakah-wheat.txt", inbox)
    store = str(tmp_path / "store")
    assert main(["watch", str(inbox), "--store", store, "--every", "0", "--max-iterations", "2",
                 "--workers", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "poll 1: rasad: 1 new articles" in out and "poll 2: nothing new" in out
    assert main(["ingest", str(inbox), "--store", store, "--workers", "1", "--no-progress"]) == 0
    assert "0 new articles, 1 already in the store" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "0"], "--workers must be 1 or more"),
    (["--webhook", "ftp://x"], "is not an http(s) URL"),
    (["--quiet-days", "-1"], "--quiet-days must be 0 or more"),
])
def test_cli_usage_errors_are_one_line(tmp_path: Path, args: list[str], message: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path), "--store", str(tmp_path / "s"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_ingest_into_a_folder_whose_corpus_stages_never_ran(tmp_path: Path, examples_dir: Path) -> None:
    """A stage without previous rows (here reuse and claims, not run by the first analysis) computes
    everything: the pair of the two earlier articles is found."""
    from rasad.analyze import analyze

    store = tmp_path / "store"
    first = [examples_dir / "16-ar-sana-deirezzor-bread.txt", examples_dir / "19-ar-alwatan-deirezzor-bread-copy.txt"]
    analyze(first, store, Settings(workers=1, progress=False, report=False, corpus_stages=("stories",)))
    summary = ingest([examples_dir / "17-en-afp-deirezzor-bread.txt"], store,
                     Settings(workers=1, progress=False, report=False))
    assert summary.added == 1 and summary.total == 3
    reuse = json.loads((store / "reuse.json").read_text("utf-8"))
    old = {json.loads(line)["id"] for line in (store / "articles.jsonl").read_text("utf-8").splitlines()[:2]}
    assert any({r["a"], r["b"]} == old for r in reuse)
    entities = json.loads((store / "entities.json").read_text("utf-8"))
    assert old <= {a for e in entities for a in e["articles"]}


def _ingest_first_then_later(tmp_path: Path, examples_dir: Path, settings: Settings,
                             between: Callable[[], None] | None = None) -> Any:
    """Ingest FIRST into `tmp_path/store`, call `between`, then ingest LATER too; the second summary."""
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    for name in FIRST:
        shutil.copy(examples_dir / name, inbox)
    ingest([inbox], store, settings)
    if between:
        between()
    for name in LATER:
        shutil.copy(examples_dir / name, inbox)
    return ingest([inbox], store, settings)


def test_incremental_outputs_equal_a_full_run_with_the_default_stages(tmp_path: Path, examples_dir: Path) -> None:
    """Two ingests (the second reading back the cached story keys, shingles and narrative matches)
    give the outputs the corpus stages give afresh over the same store, narratives.json included."""
    store, settings = tmp_path / "store", Settings(workers=1, progress=False, report=False)
    second = _ingest_first_then_later(tmp_path, examples_dir, settings)
    assert second.added == len(LATER)
    with Store(store / "rasad.duckdb") as db:  # the caches hold every article, each once
        for table in ("story_keys", "reuse_shingles", "narrative_seen"):
            assert db.count(table) == len(FIRST) + len(LATER), table
        collection = [r[0] for r in db.con.execute("SELECT article_id FROM collection ORDER BY position").fetchall()]
        assert sorted(db.positions_all().values()) == list(range(len(FIRST) + len(LATER)))  # the new ones appended
        assert collection[-len(LATER):] == second.added_ids
        text = (store / "reuse.json").read_text("utf-8")  # new pairs added to the kept ones, the kept
        pairs = json.loads(text)  # ones copied from the earlier file: still one well-formed file
        assert pairs and db.count("reuse_pairs") == len(pairs)
        assert text == json.dumps(pairs, ensure_ascii=False, indent=1)
        rows = {(r["a"], r["b"], r["kind"]): r for r in db.iter_rows("reuse_pairs")}
        assert all(rows[p["a"], p["b"], p["kind"]]["passages"] == p["passages"] for p in pairs)
    _assert_same_as_a_full_run(store, tmp_path / "full", settings)
    narratives = [json.loads((folder / "narratives.json").read_text("utf-8")) for folder in (store, tmp_path / "full")]
    assert narratives[0] and narratives[0] == narratives[1]


def _story(sid: str, size: int, outlets: list[str]) -> dict[str, Any]:
    return {"id": sid, "title_en": sid, "articles": [f"{sid}-{n}" for n in range(size)], "outlets": outlets,
            "languages": ["ar"]}


@pytest.mark.parametrize(("size_before", "min_score", "expected"), [
    (1, 0.5, []),  # a new article joins a lone article of another outlet: below the default threshold
    (1, 0.0, [("story_new_outlet", 0.3, "low")]),  # --alert-min-score 0 keeps every alert
    (3, 0.5, [("story_new_outlet", 0.5, "medium")]),
    (9, 0.5, [("story_new_outlet", 0.7, "medium")]),  # the score stops growing at five articles
    (9, 0.8, []),
])
def test_story_alerts_score_by_the_story_size(size_before: int, min_score: float,
                                              expected: list[tuple[str, float, str]]) -> None:
    before = Snapshot(stories={"story:x": _story("story:x", size_before, ["Al Riyadh"])})
    grown = _story("story:x", size_before, ["Al Riyadh", "Okaz"])
    grown["articles"].append("new")
    alerts = find_alerts(before, Snapshot(stories={"story:x": grown}), {"new": {"outlet": "Okaz", "lang": "ar"}},
                         AlertOptions(min_score=min_score))
    assert [(a["kind"], a["score"], a["severity"]) for a in alerts] == expected


def test_alerts_come_highest_score_first_and_weak_ones_are_left_out() -> None:
    """One run's flood: many lone stories gaining an outlet, one big story gaining a language, one
    new contradiction. The default threshold keeps the two that matter (both 0.9)."""
    lone = {f"story:{n}": _story(f"story:{n}", 1, ["Al Madina"]) for n in range(50)}
    big = _story("story:big", 6, ["Al Riyadh"])
    before = Snapshot(stories={**lone, "story:big": big})
    after_stories = {sid: {**s, "articles": [*s["articles"], f"new{sid}"], "outlets": ["Al Madina", "Okaz"]}
                     for sid, s in lone.items()}
    after_stories["story:big"] = {**big, "articles": [*big["articles"], "newbig"], "languages": ["ar", "fa"]}
    contradiction = {"id": "ct:1", "story": "story:big", "slot": "killed", "values": [{"value": 3, "article": "a"}]}
    after = Snapshot(stories=after_stories, contradictions={"ct:1": contradiction})
    new = {f"new{sid}": {"outlet": "Okaz", "lang": "ar"} for sid in lone} | {"newbig": {"outlet": "IRNA", "lang": "fa"}}
    everything = find_alerts(before, after, new, AlertOptions(min_score=0))
    kept = find_alerts(before, after, new)
    assert len(everything) == 52
    assert [(a["kind"], a["score"]) for a in kept] == [("story_new_language", 0.9), ("new_contradiction", 0.9)]
    assert [a["score"] for a in everything] == sorted((a["score"] for a in everything), reverse=True)


def test_a_cache_table_of_another_shape_is_rebuilt(tmp_path: Path, examples_dir: Path) -> None:
    """A cache table an older rasad wrote with other columns is not built on (its rows would be taken
    for complete): the stage computes afresh, and the outputs are still a full run's."""
    store, settings = tmp_path / "store", Settings(workers=1, progress=False, report=False)

    def older_shapes() -> None:  # an older shape, and only part of the rows
        with Store(store / "rasad.duckdb") as db:
            db.con.execute("CREATE OR REPLACE TABLE entity_seen (entity_id VARCHAR, mentions INTEGER)")
            db.con.execute("INSERT INTO entity_seen VALUES ('gpe:syria', 1)")
            db.con.execute("CREATE OR REPLACE TABLE reuse_shingles (id VARCHAR, shingles VARCHAR)")

    assert _ingest_first_then_later(tmp_path, examples_dir, settings, between=older_shapes).added == len(LATER)
    with Store(store / "rasad.duckdb") as db:
        assert db.count("reuse_shingles") == len(FIRST) + len(LATER)
    _assert_same_as_a_full_run(store, tmp_path / "full", settings)
