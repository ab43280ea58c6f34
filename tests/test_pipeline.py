"""The stage registry and runner: order checks, contract checks, errors naming the input."""

from __future__ import annotations

import pytest

from rasad.article import Article, RawDocument, Source, content_id
from rasad.errors import InputError, StageError
from rasad.pipeline import REGISTRY, Stage, analyze_document, article_stage, resolve
from rasad.settings import Settings


def _raw(text: str = "نص تجريبي طويل بما يكفي لتحليله هنا") -> RawDocument:
    return RawDocument(source=Source(path="t.txt", sha256="0", format="txt"), text=text)


def test_default_pipeline_order_is_valid() -> None:
    names = [s.name for s in resolve(None)]
    assert names[:5] == ["normalize", "clean", "langid", "letters", "segment"]
    assert names.index("metadata") < names.index("times")


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(StageError, match="unknown stage"):
        resolve(["normalize", "no-such-stage"])


def test_text_change_after_offsets_is_refused() -> None:
    with pytest.raises(StageError, match="changes the text after offsets"):
        resolve(["langid", "segment", "normalize"])


def test_missing_requirement_is_refused() -> None:
    with pytest.raises(StageError, match="requires"):
        resolve(["letters"])  # needs lang from langid


def test_stage_must_return_an_article() -> None:
    bad = Stage("bad", lambda a, s: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(StageError, match="returned NoneType"):
        analyze_document(_raw(), Settings(), [bad])


def test_stage_crash_becomes_an_input_error_naming_the_input() -> None:
    def boom(article: Article, settings: Settings) -> Article:
        raise ValueError("kaput")

    with pytest.raises(InputError) as info:
        analyze_document(_raw(), Settings(), [Stage("boom", boom)])
    assert info.value.source == "t.txt" and "boom" in info.value.error


def test_ids_are_content_derived() -> None:
    article = analyze_document(_raw(), Settings(), [])
    assert article.id == content_id(article.text)
    assert analyze_document(_raw(), Settings(), []).id == article.id


def test_duplicate_registration_is_refused() -> None:
    @article_stage("test.once")
    def once(article: Article, settings: Settings) -> Article:
        return article

    with pytest.raises(StageError, match="registered twice"):
        article_stage("test.once")(lambda a, s: a)
    del REGISTRY["test.once"]


def test_settings_validate() -> None:
    with pytest.raises(ValueError, match="workers"):
        Settings(workers=0)


def test_article_round_trips_through_dict() -> None:
    article = analyze_document(_raw(), Settings(), resolve(None))
    again = Article.from_dict(article.as_dict())
    assert again.as_dict() == article.as_dict()


def test_analysing_articles_freezes_the_loaded_models_out_of_the_garbage_collectors_sight(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from rasad import pipeline

    monkeypatch.setattr(pipeline, "_analysed_here", 0)
    before = gc.get_threshold()
    try:
        texts = ["Hello world. " * 5, "Another text, long enough to be read. " * 3]
        settings = Settings(workers=1, progress=False, stages=("normalize",))
        outcomes = list(pipeline.run_articles([_raw(t) for t in texts], settings))
        assert len(outcomes) == 2
        assert all(o.error is None for o in outcomes)
        assert pipeline._analysed_here >= 2
        assert gc.get_threshold() == pipeline.GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
