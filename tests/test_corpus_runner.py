"""The corpus-stage runner end to end: toy stages read the articles from the store (only the fields
they declare) and write their own tables and files; broken declarations are refused."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest

from rasad.analyze import analyze
from rasad.cli import main
from rasad.corpus.runner import (
    CORPUS_REGISTRY,
    Corpus,
    CorpusOutput,
    corpus_stage,
    pair_table,
    resolve_corpus,
    run_corpus_stages,
)
from rasad.errors import StageError
from rasad.settings import Settings
from rasad.store.duck import Store
from rasad.store.schema import Table

OUTLET_COUNTS = Table("test_outlet_counts", {"outlet": "VARCHAR", "articles": "INTEGER"}, key=("outlet",))
SAME_OUTLET = pair_table("test_same_outlet")
ARTICLE_STAGES = ("normalize", "clean", "langid", "metadata")  # enough to give each article its outlet

# (outlet slug, text): two reports from one outlet, one from another.
RECORDS = [
    ("outlet_a", "وصلت قافلة من عشرين شاحنة محملة بالمساعدات الغذائية إلى مدينة الحسكة صباح اليوم."),
    ("outlet_a", "أعلنت وزارة الصحة افتتاح مستشفى ميداني جديد في ريف دير الزور الشرقي."),
    ("outlet_b", "A convoy of twenty trucks carrying food aid reached the city this morning, officials said."),
]


@pytest.fixture
def toy_stages() -> Iterator[dict[str, list[str]]]:
    """Registers two toy corpus stages for one test; yields what the stages saw."""
    seen: dict[str, list[str]] = {"texts": []}

    @corpus_stage("test.outlet_counts", reads=("outlet",), tables=(OUTLET_COUNTS,),
                  outputs=("outlet_counts.json",))
    def outlet_counts(corpus: Corpus, settings: Settings) -> CorpusOutput:
        """Articles per outlet."""
        counts: Counter[str] = Counter()
        for article in corpus.articles(batch_size=2):
            seen["texts"].append(article.text)
            counts[article.outlet or "unknown"] += 1
        rows = [{"outlet": o, "articles": n} for o, n in sorted(counts.items())]
        return CorpusOutput(tables={OUTLET_COUNTS.name: rows}, files={"outlet_counts.json": rows})

    @corpus_stage("test.same_outlet", reads=("outlet",), requires=(OUTLET_COUNTS.name,), tables=(SAME_OUTLET,))
    def same_outlet(corpus: Corpus, settings: Settings) -> CorpusOutput:
        """Pairs of articles from one outlet (blocked by outlet, never all pairs)."""
        sizes = {row["outlet"]: row["articles"] for row in corpus.rows(OUTLET_COUNTS.name)}
        blocks: dict[str, list[str]] = {}
        for article in corpus.articles():
            blocks.setdefault(article.outlet or "unknown", []).append(article.id)
        pairs = ({"a": a, "b": b, "kind": "same_outlet", "score": 1.0, "rule": "test.same_outlet",
                  "evidence": {"outlet": outlet, "outlet_articles": sizes[outlet]}}
                 for outlet, ids in blocks.items() for a, b in combinations(sorted(ids), 2))
        return CorpusOutput(tables={SAME_OUTLET.name: pairs})

    yield seen
    for name in ("test.outlet_counts", "test.same_outlet"):
        CORPUS_REGISTRY.pop(name, None)


def _inputs(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"source": s, "text": t}, ensure_ascii=False) + "\n" for s, t in RECORDS),
                    encoding="utf-8")
    return path


def _settings(*corpus: str, store: bool = True) -> Settings:
    return Settings(workers=1, progress=False, report=False, store=store, stages=ARTICLE_STAGES,
                    corpus_stages=corpus)


def test_toy_corpus_stages_end_to_end(tmp_path: Path, toy_stages: dict[str, list[str]]) -> None:
    out = tmp_path / "out"
    summary = analyze([_inputs(tmp_path)], out, _settings("entities", "test.outlet_counts", "test.same_outlet"))
    assert summary.articles == 3
    expected = [{"outlet": "outlet_a", "articles": 2}, {"outlet": "outlet_b", "articles": 1}]
    assert json.loads((out / "outlet_counts.json").read_text("utf-8")) == expected
    assert summary.files["outlet_counts"] == out / "outlet_counts.json"
    assert toy_stages["texts"] == ["", "", ""], "a stage gets only the article fields it declares"
    ids = [json.loads(line)["id"] for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    with Store(out / "rasad.duckdb") as store:
        assert list(store.iter_rows(OUTLET_COUNTS.name)) == expected
        pairs = list(store.iter_rows(SAME_OUTLET.name))
        assert store.count("entities") == 0  # no entity stage ran, so the entities table is empty
    assert len(pairs) == 1
    assert {pairs[0]["a"], pairs[0]["b"]} == set(ids[:2])
    assert pairs[0]["evidence"] == {"outlet": "outlet_a", "outlet_articles": 2}


def test_corpus_stages_run_without_a_kept_store(tmp_path: Path, toy_stages: dict[str, list[str]]) -> None:
    out = tmp_path / "out"
    analyze([_inputs(tmp_path)], out, _settings("test.outlet_counts", store=False))
    assert not (out / "rasad.duckdb").exists()
    assert len(json.loads((out / "outlet_counts.json").read_text("utf-8"))) == 2


def test_a_crashing_corpus_stage_is_reported_and_the_others_run(tmp_path: Path,
                                                                toy_stages: dict[str, list[str]]) -> None:
    @corpus_stage("test.crash", reads=("lang",))
    def crash(corpus: Corpus, settings: Settings) -> CorpusOutput:
        raise ZeroDivisionError("kaput")

    try:
        out = tmp_path / "out"
        summary = analyze([_inputs(tmp_path)], out, _settings("test.crash", "test.outlet_counts"))
    finally:
        del CORPUS_REGISTRY["test.crash"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [e["stage"] for e in errors] == ["test.crash"] and "kaput" in errors[0]["detail"]
    assert summary.errors == 1 and (out / "outlet_counts.json").exists()
    with Store(out / "rasad.duckdb") as store:
        assert store.count("errors") == 1


def test_returning_an_undeclared_table_is_a_stage_error(tmp_path: Path) -> None:
    @corpus_stage("test.liar", reads=("lang",))
    def liar(corpus: Corpus, settings: Settings) -> CorpusOutput:
        return CorpusOutput(tables={"secret": []})

    try:
        with pytest.raises(StageError, match="declared tables"):
            analyze([_inputs(tmp_path)], tmp_path / "out", _settings("test.liar"))
    finally:
        del CORPUS_REGISTRY["test.liar"]


def test_reading_an_undeclared_table_is_a_stage_error(tmp_path: Path, toy_stages: dict[str, list[str]]) -> None:
    @corpus_stage("test.peek", reads=("lang",))
    def peek(corpus: Corpus, settings: Settings) -> CorpusOutput:
        list(corpus.rows(OUTLET_COUNTS.name))
        return CorpusOutput()

    try:
        with pytest.raises(StageError, match="without declaring it"):
            analyze([_inputs(tmp_path)], tmp_path / "out", _settings("test.outlet_counts", "test.peek"))
    finally:
        del CORPUS_REGISTRY["test.peek"]


def test_required_table_must_come_from_an_earlier_stage(toy_stages: dict[str, list[str]]) -> None:
    with pytest.raises(StageError, match="requires table"):
        resolve_corpus(["test.same_outlet", "test.outlet_counts"])
    with pytest.raises(StageError, match="unknown corpus stage"):
        resolve_corpus(["entities", "no-such-stage"])


@pytest.mark.parametrize(("declaration", "message"), [
    ({"reads": ("no_such_field",)}, "unknown article field"),
    ({"outputs": ("articles.jsonl",)}, "plain file names"),
    ({"outputs": ("../escape.json",)}, "plain file names"),
    ({"tables": (Table("articles", {"id": "VARCHAR"}),)}, "core table"),
])
def test_bad_declarations_are_refused(declaration: dict[str, object], message: str) -> None:
    with pytest.raises(StageError, match=message):
        corpus_stage("test.bad", **declaration)(lambda corpus, settings: CorpusOutput())  # type: ignore[arg-type]
    assert "test.bad" not in CORPUS_REGISTRY


def test_entities_are_in_the_store_as_in_entities_json(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("قالت مصادر محلية في مدينة الحسكة إن قافلة مساعدات وصلت صباح اليوم إلى المدينة.\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    analyze([path], out, Settings(workers=1, progress=False, report=False))
    records = json.loads((out / "entities.json").read_text("utf-8"))
    assert records, "the text names Hasakah"
    with Store(out / "rasad.duckdb") as store:
        rows = {row["id"]: row for row in store.iter_rows("entities")}
    assert set(rows) == {r["id"] for r in records}
    for record in records:
        row = rows[record["id"]]
        assert row["names"] == record["names"] and row["articles"] == record["articles"]
        assert (row["name_en"], row["mentions"], row["lat"]) == (record["name_en"], record["mentions"], record["lat"])


def test_stages_command_lists_article_then_corpus_stages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stages"]) == 0
    out = capsys.readouterr().out
    assert out.index("article stages") < out.index("normalize") < out.index("corpus stages")
    assert "entities.json" in out.split("corpus stages")[1]


def test_the_example_in_the_developer_guide_runs(tmp_path: Path) -> None:
    import re

    guide = (Path(__file__).resolve().parents[1] / "docs" / "DEVELOPING.md").read_text("utf-8")
    found = re.search(r"## Writing a corpus stage.*?```python\n(.*?)```", guide, re.S)
    assert found, "DEVELOPING.md has a corpus-stage example"
    try:
        exec(compile(found.group(1), "DEVELOPING.md", "exec"), {})

        def record(aid: str, *places: str) -> dict:
            entities = [{"start": 0, "end": 1, "text": "x", "type": "GPE", "entity_id": p} for p in places]
            return {"id": aid, "source": {"sha256": aid, "format": "txt"}, "text": "x", "entities": entities}

        with Store(tmp_path / "s.duckdb") as store:
            store.upsert_articles([record("a", "gpe:hasakah", "gpe:qamishli"), record("b", "gpe:hasakah",
                                   "gpe:qamishli"), record("c", "gpe:tehran")])
            store.set_collection(["a", "b", "c"])
            errors: list[object] = []
            files = run_corpus_stages(store, tmp_path, Settings(), resolve_corpus(["shared_places"]), errors.append)
            assert not errors
            rows = list(store.iter_rows("shared_places"))
        assert files == {"shared_places": tmp_path / "shared_places.json"}
        assert [(r["a"], r["b"], r["evidence"]) for r in rows] == [
            ("a", "b", {"entity_ids": ["gpe:hasakah", "gpe:qamishli"]})]
    finally:
        CORPUS_REGISTRY.pop("shared_places", None)


RUNS = Table("test_runs", {"run": "INTEGER", "seen": "INTEGER"}, key=("run",))


def test_a_whole_store_stage_sees_earlier_runs_and_its_previous_rows(tmp_path: Path) -> None:
    @corpus_stage("test.runs", reads=("lang",), tables=(RUNS,), whole_store=True)
    def runs(corpus: Corpus, settings: Settings) -> CorpusOutput:
        before = list(corpus.previous(RUNS.name))
        row = {"run": len(before) + 1, "seen": sum(1 for _ in corpus.articles())}
        return CorpusOutput(tables={RUNS.name: [*before, row]})

    out = tmp_path / "out"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("أعلنت مديرية الزراعة في الحسكة اليوم بدء موسم تسويق القمح في المراكز الحكومية "
                     "وسط شكاوى الفلاحين من تأخر صرف المستحقات.", encoding="utf-8")
    second.write_text("Officials in Deir ez-Zor said on Sunday that bread queues had returned to the city after "
                      "flour deliveries were delayed for a third week.", encoding="utf-8")
    try:
        analyze([first], out, _settings("test.runs"))
        analyze([second], out, _settings("test.runs"))
    finally:
        del CORPUS_REGISTRY["test.runs"]
    with Store(out / "rasad.duckdb") as store:
        assert sorted((r["run"], r["seen"]) for r in store.iter_rows(RUNS.name)) == [(1, 1), (2, 2)]


def test_reading_previous_rows_of_another_stages_table_is_a_stage_error(tmp_path: Path) -> None:
    @corpus_stage("test.snoop", reads=("lang",))
    def snoop(corpus: Corpus, settings: Settings) -> CorpusOutput:
        list(corpus.previous("entities"))
        return CorpusOutput()

    try:
        with pytest.raises(StageError, match="does not write"):
            analyze([_inputs(tmp_path)], tmp_path / "out", _settings("test.snoop"))
    finally:
        del CORPUS_REGISTRY["test.snoop"]


def test_a_pass_reads_some_fields_of_some_articles_but_no_undeclared_field(tmp_path: Path) -> None:
    seen: list[tuple[str, bool]] = []

    @corpus_stage("test.passes", reads=("lang", "text"))
    def passes(corpus: Corpus, settings: Settings) -> CorpusOutput:
        ids = [a.id for a in corpus.articles(fields=("lang",))]
        seen.extend((a.lang, bool(a.text)) for a in corpus.articles(fields=("lang",), only=ids[:1]))
        list(corpus.articles(fields=("lang", "outlet")))
        return CorpusOutput()

    try:
        with pytest.raises(StageError, match=r"reads article field\(s\) \['outlet'\] without declaring"):
            analyze([_inputs(tmp_path)], tmp_path / "out", _settings("test.passes"))
    finally:
        del CORPUS_REGISTRY["test.passes"]
    assert len(seen) == 1 and all(lang != "und" and not has_text for lang, has_text in seen)
