"""Stage contracts: every stage reads only what it requires or assigns and writes only what it assigns;
what ingest read from the input's container travels in `input_meta`, so stages re-run from
`articles.jsonl`; `--workers 1` and `--workers 2` write the same bytes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from rasad.analyze import analyze
from rasad.article import Article, InputMeta, RawDocument, Source
from rasad.contracts import ARTICLE_FIELDS, check_stage
from rasad.errors import StageError
from rasad.extract.metadata import metadata_stage
from rasad.ingest import read_inputs
from rasad.outputs import ARTICLES
from rasad.pipeline import DEFAULT_STAGES, INPUT_FIELDS, REGISTRY, Stage, StageFunc, load_stages, resolve
from rasad.settings import Settings

SETTINGS = Settings(workers=1, progress=False)

# Own texts, written for these tests: (name, text, container metadata).
ARTICLES_OWN = [
    (
        "ar-agency",
        "وصول قافلة مساعدات إلى ريف حلب الشمالي\n"
        "حلب - سانا - الأربعاء 8 آذار 2023\n"
        "وصلت أمس قافلة تضم 25 شاحنة محملة بالمواد الغذائية إلى بلدة تل رفعت، وقال مدير الهلال الأحمر "
        "في حديث لسبوتنيك إن نحو 3000 عائلة ستستفيد منها خلال الأسبوع المقبل.",
        {},
    ),
    (
        "fa-lead",
        "افتتاح پل جدید در اهواز\n"
        "به گزارش خبرگزاری تسنیم، پل دوم شهر اهواز روز ۱۸ فروردین ۱۴۰۲ با حضور استاندار خوزستان افتتاح شد. "
        "این پل ۴۵۰ متر طول دارد و هزینه ساخت آن بیش از دو هزار میلیارد ریال بوده است.",
        {},
    ),
    (
        "en-wire",
        "Floods cut roads in northeast Syria\n"
        "QAMISHLI, Syria, March 12 (Reuters) - Heavy rain flooded at least 40 villages near Qamishli on "
        "Sunday, a local official said, and about 1,200 families left their homes. "
        "Ahmad Khalil, a spokesman for the council, said crews were working to reopen the road to Hasakah.",
        {},
    ),
    (
        "ar-html-meta",
        "أعلنت وزارة الزراعة السورية أن موسم القمح في محافظة الحسكة تجاوز 300 ألف طن هذا العام، "
        "مقارنة بنحو 200 ألف طن في العام الماضي، بحسب ما قاله معاون الوزير.",
        {"published": "2023-06-02T09:15:00+03:00", "url": "https://www.sana.sy/?p=1234567",
         "site_name": "SANA", "lang_hint": "ar", "author": "هيئة التحرير"},
    ),
    (
        "en-hint-other",
        "The port reopened on Tuesday after a two-week strike, the harbour authority said, and 18 ships "
        "were waiting to unload grain. Officials expect the backlog to clear within ten days.",
        {"lang_hint": "fr-FR", "url": "https://example.org/2024/02/06/port-reopens"},
    ),
]


def _raw(name: str, text: str, meta: dict[str, str]) -> RawDocument:
    return RawDocument(Source(sha256="0" * 64, format="html" if meta else "txt", path=f"{name}.txt"), text,
                       **meta)


def _own_raws() -> list[RawDocument]:
    return [_raw(name, text, meta) for name, text, meta in ARTICLES_OWN]


def _every_stage_in_order() -> list[Stage]:
    """The default pipeline, then any other registered stage (run after it, with everything assigned)."""
    load_stages()
    extra = sorted(set(REGISTRY) - set(DEFAULT_STAGES))
    return [REGISTRY[name] for name in (*DEFAULT_STAGES, *extra)]


def _contract_problems(raw: RawDocument) -> tuple[list[str], Article]:
    article = Article.from_raw(raw)
    problems = []
    for stage in _every_stage_in_order():
        report = check_stage(stage, article, SETTINGS)
        problems += [f"{raw.source.name}: {p}" for p in report.problems()]
        article = stage.func(article, SETTINGS)
    return problems, article


# --- the guard itself ------------------------------------------------------------------------------


def _reads_title(article: Article, settings: Settings) -> Article:
    article.lang = "ar" if article.title else "und"
    return article


def _writes_in_place(article: Article, settings: Settings) -> Article:
    article.published = "2023-01-01"
    return article


def _writes_by_replace(article: Article, settings: Settings) -> Article:
    return replace(article, outlet="SANA")


def _mutates_a_list(article: Article, settings: Settings) -> Article:
    article.cited_outlets.append("Sputnik")
    return article


def _sets_a_stray_attribute(article: Article, settings: Settings) -> Article:
    article.scratch = 1  # type: ignore[attr-defined]
    return article


def _keeps_its_contract(article: Article, settings: Settings) -> Article:
    return replace(article, lang="ar" if article.text else "und")


@pytest.mark.parametrize(
    ("func", "requires", "assigns", "expected"),
    [
        (_reads_title, ("text",), ("lang",), ["reads undeclared field(s) ['title']"]),
        (_writes_in_place, (), (), ["writes undeclared field(s) ['published']"]),
        (_writes_by_replace, (), (), ["writes undeclared field(s) ['outlet']"]),
        (_mutates_a_list, (), (), ["reads undeclared field(s) ['cited_outlets']",
                                   "writes undeclared field(s) ['cited_outlets']"]),
        (_sets_a_stray_attribute, (), (), ["sets attributes that are not Article fields ['scratch']"]),
        (_keeps_its_contract, ("text",), ("lang",), []),
    ],
)
def test_guard_catches_undeclared_access(func: StageFunc, requires: tuple[str, ...], assigns: tuple[str, ...],
                                         expected: list[str]) -> None:
    article = Article.from_raw(_raw("t", "نص قصير", {}))
    article.title = "عنوان"
    before = article.as_dict()
    report = check_stage(Stage("probe", func, requires, assigns), article, SETTINGS)
    assert [p.split(" ", 2)[2] for p in report.problems()] == expected
    assert article.as_dict() == before  # the guard works on a copy


# --- every registered stage ------------------------------------------------------------------------


def test_declarations_name_article_fields() -> None:
    stages = _every_stage_in_order()
    assert len(stages) >= len(DEFAULT_STAGES)
    for stage in stages:
        assert set(stage.requires) <= ARTICLE_FIELDS, stage.name
        assert set(stage.assigns) <= ARTICLE_FIELDS, stage.name
    assert INPUT_FIELDS <= ARTICLE_FIELDS


@pytest.mark.parametrize("index", range(len(ARTICLES_OWN)), ids=[a[0] for a in ARTICLES_OWN])
def test_every_stage_keeps_its_contract_on_own_articles(index: int) -> None:
    problems, article = _contract_problems(_own_raws()[index])
    assert problems == []
    assert article.lang in ("ar", "fa", "en")
    assert article.sentences  # the stages did run
    assert Article.from_dict(article.as_dict()).as_dict() == article.as_dict()  # rules, scores, input_meta too


def test_every_stage_keeps_its_contract_on_the_seeds(seed_files: list[Path]) -> None:
    raws = [r for r in read_inputs(seed_files, SETTINGS) if isinstance(r, RawDocument)]
    assert len(raws) == len(seed_files)
    problems = []
    for raw in raws:
        problems += _contract_problems(raw)[0]
    assert problems == []


def test_own_articles_exercise_every_span_type() -> None:
    articles = [_contract_problems(raw)[1] for raw in _own_raws()]
    assert any(a.dateline for a in articles)
    assert any(a.input_meta.site_name for a in articles)
    for name in ("entities", "times", "quantities", "outlet_evidence"):
        assert any(getattr(a, name) for a in articles), name


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["quantities"], "requires \\['lang', 'times', 'dateline'\\]"),
        (["normalize", "langid", "times"], "requires \\['published'\\]"),
        (["normalize", "langid", "segment", "clean"], "changes the text after offsets"),
    ],
)
def test_runner_enforces_requires_order(names: list[str], message: str) -> None:
    with pytest.raises(StageError, match=message):
        resolve(names)


def test_runner_accepts_a_stage_list_in_contract_order() -> None:
    names = ["normalize", "clean", "langid", "metadata"]
    assert [s.name for s in resolve(names)] == names


# --- input metadata is part of the article ---------------------------------------------------------


def test_input_meta_holds_everything_ingest_reads_besides_text_and_title() -> None:
    from dataclasses import fields

    container = {f.name for f in fields(RawDocument)} - {"source", "text", "title"}
    assert container == {f.name for f in fields(InputMeta)}


def test_input_meta_round_trips_through_as_dict() -> None:
    article = Article.from_raw(_raw(*ARTICLES_OWN[3]))
    assert article.input_meta == InputMeta(**ARTICLES_OWN[3][2])
    assert Article.from_dict({**article.as_dict(), "id": "x"}).input_meta == article.input_meta
    old_record = {"id": "x", "source": {"sha256": "0", "format": "txt"}, "text": "t"}  # before input_meta
    assert Article.from_dict(old_record).input_meta == InputMeta()


def test_metadata_stage_reruns_from_articles_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(
        '<html lang="ar"><head><meta property="og:site_name" content="SANA">'
        '<meta property="article:published_time" content="2023-06-02T09:15:00+03:00">'
        '<link rel="canonical" href="https://www.sana.sy/?p=1234567"><title>موسم القمح</title></head>'
        f"<body><article><p>{ARTICLES_OWN[3][1]}</p><p>{ARTICLES_OWN[0][1].splitlines()[2]}</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    (folder / "agency.txt").write_text(ARTICLES_OWN[0][1], encoding="utf-8")
    out = tmp_path / "out"
    analyze([folder], out, Settings(workers=1, progress=False, report=False, store=False))
    records = [json.loads(line) for line in (out / ARTICLES).read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        rerun = metadata_stage(Article.from_dict(record), SETTINGS)
        assert rerun.as_dict() == Article.from_dict(record).as_dict() == record
    page = next(r for r in records if r["source"]["path"].endswith("page.html"))
    assert page["input_meta"]["site_name"] == "SANA"
    assert (page["published"], page["published_source"], page["outlet"]) == ("2023-06-02", "metadata", "SANA")
    # Without its input metadata the same text gives another date: the re-run did use input_meta.
    bare = Article.from_dict({**page, "input_meta": {}, "published": None, "published_source": None})
    assert metadata_stage(bare, SETTINGS).published_source != "metadata"


# --- workers ---------------------------------------------------------------------------------------


def test_one_and_two_workers_write_identical_articles(tmp_path: Path, examples_dir: Path,
                                                      seeds_dir: Path) -> None:
    written = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}"
        analyze([examples_dir, seeds_dir], out, Settings(workers=workers, progress=False, report=False, store=False))
        written.append((out / ARTICLES).read_bytes())
    assert written[0].count(b"\n") >= 20
    assert written[0] == written[1]
