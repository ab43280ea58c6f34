"""Corpus stages: analyses over the whole collection (entities, reuse, stories, claims, narratives).

A corpus stage is registered with `@corpus_stage(...)` and declares, like an article stage, what it
reads and what it writes: the article fields it `reads` (it gets only those), the tables of earlier
corpus stages it `requires`, the store `tables` it writes and the output files (`outputs`) it
writes. Its signature is `(corpus: Corpus, settings: Settings) -> CorpusOutput`. It reads articles
through the store, streamed (`corpus.articles()`), never as one list, and returns rows and file
contents; the runner checks them against the declaration and writes them.

>>> from rasad.store.schema import Table
>>> @corpus_stage("demo.langs", reads=("lang",), tables=(Table("demo_langs", {"lang": "VARCHAR"}),),
...               outputs=("demo_langs.json",))
... def _langs(corpus, settings):
...     rows = [{"lang": lang} for lang in sorted({a.lang for a in corpus.articles()})]
...     return CorpusOutput(tables={"demo_langs": rows}, files={"demo_langs.json": rows})
>>> "demo.langs" in CORPUS_REGISTRY
True
>>> del CORPUS_REGISTRY["demo.langs"]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasad.article import Article
from rasad.corpus.patched import PatchedRecords
from rasad.errors import ErrorRecord, StageError
from rasad.outputs import ARTICLES, ERRORS, PARTIAL, REPORT, STORE, write_json_atomic
from rasad.settings import Settings
from rasad.store.schema import Table, core_tables, serialized_fields

if TYPE_CHECKING:
    from rasad.store.duck import Store

# Files the runner itself owns: no corpus stage may write them.
_RESERVED_FILES = frozenset({ARTICLES, PARTIAL, ERRORS, STORE, REPORT})


@dataclass
class CorpusOutput:
    """What a corpus stage produces: rows per declared table (any iterable, streamed into the
    store) and a JSON value per declared output file."""

    tables: dict[str, Iterable[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, Any] = field(default_factory=dict)
    # Tables whose rows are added to the rows an earlier run left (by key) instead of replacing them:
    # an incremental run returns only its new rows (caches such as `story_keys`, `reuse_shingles`).
    appended: frozenset[str] = frozenset()
    # Rows an incremental run deletes from an appended table, by key (one-column keys): a story that
    # a lone article gave up, say.
    removed: dict[str, list[Any]] = field(default_factory=dict)


class Corpus:
    """A corpus stage's view of the collection: the articles (only the declared fields) and the
    tables of the earlier stages it requires."""

    def __init__(self, store: Store, stage: CorpusStage, added: frozenset[str] | None = None) -> None:
        self._store = store
        self._stage = stage
        self._added = added

    def added(self) -> frozenset[str] | None:
        """The ids of the articles `rasad ingest` adds to the store in this run (None in `rasad
        analyze`: everything is computed afresh). An incremental stage recomputes only what they touch
        and keeps its `previous` rows for the rest."""
        return self._added

    def articles(self, batch_size: int = 1000, fields: Sequence[str] | None = None,
                 only: Collection[str] | None = None, in_order: bool = False) -> Iterator[Article]:
        """This run's articles in output order (a stage declared with `whole_store=True`: every
        article in the store, earlier runs' too, by id), streamed; undeclared fields are left empty.
        A stage that reads in passes can ask a pass for `fields` (some of its declared `reads`) and
        for `only` some articles (ids, read by id: DuckDB extracts nothing else; with `in_order`, in
        the collection's order, all held at once)."""
        if fields is not None and set(fields) - set(self._stage.reads):
            raise StageError(f"corpus stage {self._stage.name!r} reads article field(s) "
                             f"{sorted(set(fields) - set(self._stage.reads))} without declaring them in reads=")
        found = self._store.iter_articles(fields=self._stage.reads if fields is None else fields,
                                          batch_size=batch_size, whole_store=self._stage.whole_store, only=only)
        if not in_order or only is None:
            return found
        position = self._store.positions(only)
        return iter(sorted(found, key=lambda a: (position.get(a.id, len(position)), a.id)))

    def previous(self, table: str, columns: Sequence[str] | None = None, where: str | None = None,
                 params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows an earlier run of this stage wrote to its own `table` (none on a first run): what
        an incremental stage keeps stable, such as story ids. With `columns`, only those; with `where`
        (an SQL condition, `?` for each of `params`), only the rows an incremental run touches:
        `previous("entity_seen", where="entity_id IN (SELECT unnest(?))", params=[ids])`."""
        if table not in {t.name for t in self._stage.tables}:
            raise StageError(f"corpus stage {self._stage.name!r} reads previous rows of {table!r}, which it "
                             "does not write")
        if not self._store.has_table(table):
            return iter(())
        return self._store.iter_rows(table, columns=columns, where=where, params=params)

    def ordered_ids(self) -> list[str]:
        """The ids of the articles `articles()` yields, in that order (no record parsed)."""
        if self._stage.whole_store:
            return self._store.ids()
        return [i for i, _ in sorted(self._store.positions_all().items(), key=lambda item: item[1])]

    def ids(self) -> set[str]:
        """The ids of the articles `articles()` yields (read from the store's index, no record parsed)."""
        if self._stage.whole_store:
            return set(self._store.ids())
        return set(self._store.positions_all())

    def has_previous(self, table: str) -> bool:
        """Whether an earlier run of this stage wrote its own `table`, with today's columns, into this
        store (an incremental stage builds on its previous rows only then; else it computes everything)."""
        declared = {t.name: t for t in self._stage.tables}
        if table not in declared:
            raise StageError(f"corpus stage {self._stage.name!r} asks for previous rows of {table!r}, which it "
                             "does not write")  # a table of another shape (an older rasad's) does not count
        return self._store.has_table(table) and self._store.columns(table) == list(declared[table].columns)

    def rows(self, table: str, columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """The rows of `table`, written by an earlier corpus stage this one `requires` (only `columns`,
        when given: DuckDB reads no more)."""
        if table not in self._stage.requires:
            raise StageError(f"corpus stage {self._stage.name!r} reads table {table!r} without declaring it "
                             f"in requires=")
        return self._store.iter_rows(table, columns=columns)


CorpusFunc = Callable[[Corpus, Settings], CorpusOutput]


@dataclass(frozen=True)
class CorpusStage:
    name: str
    func: CorpusFunc
    reads: tuple[str, ...] = ()  # article fields
    requires: tuple[str, ...] = ()  # tables written by earlier corpus stages
    tables: tuple[Table, ...] = ()  # store tables it writes (replaced on every run)
    outputs: tuple[str, ...] = ()  # files it writes into the output folder
    doc: str = ""
    whole_store: bool = False  # read every article in the store, not only this run's (incremental stages)


CORPUS_REGISTRY: dict[str, CorpusStage] = {}

# The default corpus stages, in order (`rasad stages` prints them after the article stages).
DEFAULT_CORPUS_STAGES: tuple[str, ...] = ("entities", "stories", "reuse", "claims",  # reuse reads the stories
                                          "narratives")


def corpus_stage(
    name: str,
    *,
    reads: Sequence[str] = (),
    requires: Sequence[str] = (),
    tables: Sequence[Table] = (),
    outputs: Sequence[str] = (),
    whole_store: bool = False,
) -> Callable[[CorpusFunc], CorpusFunc]:
    """Register a corpus stage under `name` (a decorator); the declaration is checked here.
    With `whole_store`, the stage reads every article in the store (earlier runs into the same output
    folder too), not only this run's: for incremental stages such as stories."""

    def register(func: CorpusFunc) -> CorpusFunc:
        if name in CORPUS_REGISTRY and CORPUS_REGISTRY[name].func is not func:
            raise StageError(f"corpus stage {name!r} is registered twice ({CORPUS_REGISTRY[name].func} and {func})")
        unknown = [f for f in reads if f not in serialized_fields()]
        if unknown:
            raise StageError(f"corpus stage {name!r} reads unknown article field(s) {unknown}")
        core = {t.name for t in core_tables()} & {t.name for t in tables}
        if core:
            raise StageError(f"corpus stage {name!r} may not write the store's core table(s) {sorted(core)}")
        reserved = _RESERVED_FILES & set(outputs)
        if reserved or any(Path(o).name != o for o in outputs):
            raise StageError(f"corpus stage {name!r}: outputs must be plain file names other than "
                             f"{sorted(_RESERVED_FILES)} (got {list(outputs)})")
        CORPUS_REGISTRY[name] = CorpusStage(name, func, tuple(reads), tuple(requires), tuple(tables),
                                            tuple(outputs), (func.__doc__ or "").strip(), whole_store)
        return func

    return register


def resolve_corpus(names: Sequence[str] | None) -> list[CorpusStage]:
    """Look up corpus stages by name; check that required tables come from earlier stages and that
    no two stages write the same table or file."""
    from rasad.pipeline import lookup

    stages = lookup(CORPUS_REGISTRY, names, DEFAULT_CORPUS_STAGES, "corpus stage")
    written: dict[str, str] = {}
    for stage in stages:
        missing = [t for t in stage.requires if t not in written]
        if missing:
            raise StageError(f"corpus stage {stage.name!r} requires table(s) {missing}, which no earlier "
                             "corpus stage writes")
        for target in [t.name for t in stage.tables] + list(stage.outputs):
            if target in written:
                raise StageError(f"corpus stages {written[target]!r} and {stage.name!r} both write {target!r}")
            written[target] = stage.name
    return stages


def run_corpus_stages(
    store: Store,
    out_dir: Path,
    settings: Settings,
    stages: Sequence[CorpusStage],
    on_error: Callable[[ErrorRecord], None] | None = None,
    added: frozenset[str] | None = None,
) -> dict[str, Path]:
    """Run `stages` in order over the store's collection; write their tables and files.

    A stage that raises is reported through `on_error` (the run goes on without its outputs); a
    stage that breaks its declaration raises `StageError`. Returns the files written, by name.
    `added`: the articles an incremental run (`rasad ingest`) adds, for `Corpus.added()`.
    """
    files: dict[str, Path] = {}
    for stage in stages:
        try:
            output = stage.func(Corpus(store, stage, added), settings)
            if not isinstance(output, CorpusOutput):
                raise StageError(f"corpus stage {stage.name!r} returned {type(output).__name__}, not CorpusOutput")
            _check_declared(stage, output)
            for table in stage.tables:
                if table.name in output.appended and store.has_table(table.name):
                    store.upsert_rows(table, output.tables[table.name])
                    store.delete_rows(table, output.removed.get(table.name, []))
                else:
                    store.replace_table(table, output.tables[table.name])
        except StageError:
            raise
        except Exception as exc:  # one corpus stage's bug must not cost the other outputs
            if on_error:
                on_error(ErrorRecord(f"corpus stage {stage.name}", "corpus stage failed", repr(exc), stage.name))
            continue
        for name in stage.outputs:
            if isinstance(output.files[name], PatchedRecords):  # an incremental run's changed records only
                output.files[name].write(out_dir / name)
            else:
                write_json_atomic(out_dir / name, output.files[name])
            files[Path(name).stem] = out_dir / name
    return files


def _check_declared(stage: CorpusStage, output: CorpusOutput) -> None:
    declared_tables = {t.name for t in stage.tables}
    if not output.appended <= declared_tables:
        raise StageError(f"corpus stage {stage.name!r} appends to undeclared table(s) "
                         f"{sorted(output.appended - declared_tables)}")
    if set(output.tables) != declared_tables or set(output.files) != set(stage.outputs):
        raise StageError(
            f"corpus stage {stage.name!r} declared tables {sorted(declared_tables)} and files "
            f"{sorted(stage.outputs)} but returned tables {sorted(output.tables)} and files {sorted(output.files)}")


def pair_table(name: str, **extra: str) -> Table:
    """A table of article pairs with their evidence, the shape every pairwise corpus stage uses:
    `a`, `b` (article ids), `kind`, `score`, `rule` and `evidence` (JSON: the spans, entities,
    numbers or passages that tie the pair), plus `extra` columns. Key: (a, b, kind).

    >>> list(pair_table("reuse_pairs", passages="JSON").columns)
    ['a', 'b', 'kind', 'score', 'rule', 'evidence', 'passages']
    """
    columns = {"a": "VARCHAR", "b": "VARCHAR", "kind": "VARCHAR", "score": "DOUBLE", "rule": "VARCHAR",
               "evidence": "JSON", **extra}
    return Table(name, columns, key=("a", "b", "kind"))
