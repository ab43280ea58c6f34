"""Stage registry and runner.

A *stage* is a named, registered function. Per-article stages take an `Article` and the
`Settings` and return the Article: they are pure (no I/O, no global state besides lazily loaded,
read-only models), so the same functions run in a local process pool or on Spark. Stages declare
what they `requires` and `assigns`; the runner checks the order and what each stage returns.

>>> @article_stage("demo.upper", assigns=("title",))
... def _upper(article, settings):
...     article.title = (article.title or "").upper()
...     return article
>>> "demo.upper" in REGISTRY
True
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rasad.article import Article, RawDocument, content_id
from rasad.errors import ErrorRecord, InputError, StageError
from rasad.executors import Executor, make_executor
from rasad.limits import time_limit
from rasad.settings import Settings

StageFunc = Callable[[Article, Settings], Article]
S = TypeVar("S")

# Fields that hold offsets into `text`: once a stage has assigned one of them, no later stage
# may change `text` (the offsets would no longer point at the right characters).
SPAN_FIELDS = frozenset(
    {"paragraphs", "sentences", "dateline", "outlet_evidence", "entities", "times", "quantities",
     "attributions", "claims", "loaded_terms", "persuasion"}
)


# What an Article holds before any stage runs: what ingest read from the input.
INPUT_FIELDS = frozenset({"source", "text", "title", "input_meta"})


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""


REGISTRY: dict[str, Stage] = {}

# The default per-article pipeline, in order (`rasad stages` prints it).
DEFAULT_STAGES: tuple[str, ...] = (
    "normalize",
    "clean",
    "langid",
    "letters",
    "segment",
    "metadata",
    "entities",
    "times",
    "quantities",
    "attributions",
    "claims",
    "framing",
)


def article_stage(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register a per-article stage under `name` (a decorator)."""

    def register(func: StageFunc) -> StageFunc:
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise StageError(f"stage {name!r} is registered twice ({REGISTRY[name].func} and {func})")
        REGISTRY[name] = Stage(name, func, tuple(requires), tuple(assigns), (func.__doc__ or "").strip())
        return func

    return register


def load_stages() -> None:
    """Import the modules that register the built-in stages (cheap: models load lazily)."""
    import rasad.stages  # noqa: F401


def lookup(registry: Mapping[str, S], names: Sequence[str] | None, default: Sequence[str], kind: str) -> list[S]:
    """The registered stages called `names` (`default` when None), in that order; refuses unknown names."""
    load_stages()
    wanted = list(names) if names is not None else list(default)
    unknown = [n for n in wanted if n not in registry]
    if unknown:
        raise StageError(f"unknown {kind}(s) {unknown}; available: {sorted(registry)}")
    return [registry[n] for n in wanted]


def resolve(names: Sequence[str] | None) -> list[Stage]:
    """Look up stages by name and check that requirements come first and text changes precede spans."""
    stages = lookup(REGISTRY, names, DEFAULT_STAGES, "stage")
    assigned: set[str] = set(INPUT_FIELDS)
    for stage in stages:
        missing = [r for r in stage.requires if r not in assigned]
        if missing:
            raise StageError(f"stage {stage.name!r} requires {missing}, which no earlier stage assigns")
        if "text" in stage.assigns and assigned & SPAN_FIELDS:
            raise StageError(
                f"stage {stage.name!r} changes the text after offsets were assigned "
                f"({sorted(assigned & SPAN_FIELDS)}); move it earlier"
            )
        assigned.update(stage.assigns)
    return stages


def analyze_document(raw: RawDocument, settings: Settings, stages: Sequence[Stage]) -> Article:
    """Run the per-article stages on one raw document. Raises `InputError` naming the input
    (also when it takes longer than `settings.max_article_seconds`)."""
    with time_limit(settings.max_article_seconds, raw.source.name):
        return _run_stages(raw, settings, stages)


def _run_stages(raw: RawDocument, settings: Settings, stages: Sequence[Stage]) -> Article:
    article = Article.from_raw(raw)
    for stage in stages:
        try:
            result = stage.func(article, settings)
        except InputError:
            raise
        except Exception as exc:  # a stage bug must not take the other inputs down
            raise InputError(raw.source.name, f"stage {stage.name!r} failed", repr(exc)) from exc
        if not isinstance(result, Article):
            raise StageError(f"stage {stage.name!r} returned {type(result).__name__}, not Article")
        article = result
    if len(article.text.strip()) < settings.min_text_chars:
        raise InputError(
            raw.source.name,
            "no article text left after cleaning",
            f"{len(article.text.strip())} characters; is this a real article?",
        )
    article.id = content_id(article.text)
    return article


@dataclass
class Outcome:
    """The result for one raw document: an Article or an error record."""

    article: Article | None = None
    error: ErrorRecord | None = None


# The cyclic garbage collector walks every tracked object it has not been told to skip: after the
# first articles, the loaded models' tables are most of them. `gc.freeze()` moves what is alive then
# (models loaded so far) out of its sight; a model a later language needs is frozen at the next mark.
# A larger first-generation threshold lets the short-lived objects of an article go by reference
# counting before a collection runs. Together they save about a tenth of the article stages' CPU.
GC_FREEZE_AFTER = frozenset({1, 16, 256, 4096})  # articles analysed by this process
GC_THRESHOLD = (20_000, 20, 20)
_analysed_here = 0


def _after_article() -> None:
    global _analysed_here
    _analysed_here += 1
    if _analysed_here in GC_FREEZE_AFTER:
        if _analysed_here == 1:
            gc.set_threshold(*GC_THRESHOLD)
        gc.freeze()


def _analyze_one(job: tuple[RawDocument, Settings, tuple[str, ...] | None]) -> Outcome:
    raw, settings, names = job
    try:
        return Outcome(article=analyze_document(raw, settings, _cached_stages(names)))
    except InputError as exc:
        return Outcome(error=exc.record())
    except (StageError, KeyboardInterrupt):
        raise
    except Exception as exc:  # outside the stages (ids, records): still one input's failure, not the run's
        return Outcome(error=ErrorRecord(raw.source.name, "could not analyse", f"{exc!r}; please report this bug"))
    finally:
        _after_article()


def _crashed(job: tuple[RawDocument, Settings, tuple[str, ...] | None], error: BaseException) -> Outcome:
    """The outcome of a document whose worker process died while analysing it."""
    return Outcome(
        error=ErrorRecord(
            job[0].source.name,
            "the worker process analysing this input died",
            f"{error}; the other inputs were analysed. Run it alone with --workers 1 to see the cause.",
        )
    )


_STAGE_CACHE: dict[tuple[str, ...] | None, list[Stage]] = {}


def _cached_stages(names: tuple[str, ...] | None) -> list[Stage]:
    if names not in _STAGE_CACHE:
        _STAGE_CACHE[names] = resolve(names)
    return _STAGE_CACHE[names]


def run_articles(
    raws: Iterable[RawDocument],
    settings: Settings,
    on_done: Callable[[Outcome], None] | None = None,
    executor: Executor | None = None,
) -> Iterator[Outcome]:
    """Analyse raw documents on `executor` (default: serial for one worker, else a process pool of
    `settings.workers`, closed at the end); yields one Outcome per document, in input order."""
    resolve(settings.stages)  # fail fast on a bad stage list, before any work starts
    # Models load lazily in the process that analyses: with a pool, in each worker (only what its
    # articles need), never in this process, which only reads inputs and writes results.
    jobs = ((raw, settings, settings.stages) for raw in raws)
    running = executor or make_executor(settings.workers, settings.engine)
    try:
        for outcome in running.map(_analyze_one, jobs, on_crash=_crashed):
            if on_done:
                on_done(outcome)
            yield outcome
    finally:
        if executor is None:
            running.close()
