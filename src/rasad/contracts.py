"""Checking that a per-article stage touches only the Article fields it declares.

`check_stage(stage, article, settings)` runs one stage on a copy of `article` that records every
field the stage reads (attribute access on the Article, from any function the stage calls) and
compares every field before and after to find what it wrote, in place or through
`dataclasses.replace`. A stage may read what it `requires` or `assigns`, and write what it `assigns`.

>>> from rasad.article import RawDocument, Source
>>> from rasad.pipeline import Stage
>>> from rasad.settings import Settings
>>> def peek(article, settings):
...     article.lang = "ar" if article.title else "und"
...     return article
>>> article = Article.from_raw(RawDocument(Source(sha256="0", format="txt"), "نص", title="عنوان"))
>>> report = check_stage(Stage("peek", peek, requires=("text",), assigns=("lang",)), article, Settings())
>>> sorted(report.reads), sorted(report.writes), report.problems()
(['title'], ['lang'], ["stage 'peek' reads undeclared field(s) ['title']"])
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from dataclasses import dataclass, field, fields
from typing import Any

from rasad.article import Article
from rasad.pipeline import Stage
from rasad.settings import Settings

ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))
_DATACLASSES_FILE = dataclasses.__file__


class _Recorder:
    """The fields read and the non-field attributes set on recording articles of one check."""

    def __init__(self) -> None:
        self.reads: set[str] = set()
        self.foreign: set[str] = set()
        self.paused = False


def _recording_class(recorder: _Recorder) -> type[Article]:
    def getattribute(self: Article, name: str) -> Any:
        # `dataclasses.replace` reads every field to copy it: that is not the stage reading.
        if name in ARTICLE_FIELDS and not recorder.paused and sys._getframe(1).f_code.co_filename != _DATACLASSES_FILE:
            recorder.reads.add(name)
        return object.__getattribute__(self, name)

    def setattr_(self: Article, name: str, value: Any) -> None:
        if name not in ARTICLE_FIELDS:
            recorder.foreign.add(name)
        object.__setattr__(self, name, value)

    return type("RecordingArticle", (Article,), {"__getattribute__": getattribute, "__setattr__": setattr_})


@dataclass
class AccessReport:
    """What one stage run read and wrote, against what the stage declares."""

    stage: Stage
    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)
    foreign: set[str] = field(default_factory=set)  # attributes set that are not Article fields

    def problems(self) -> list[str]:
        """One message per contract breach; empty when the stage keeps its declaration."""
        declared = set(self.stage.requires) | set(self.stage.assigns)
        out = []
        if undeclared := sorted(self.reads - declared):
            out.append(f"stage {self.stage.name!r} reads undeclared field(s) {undeclared}")
        if undeclared := sorted(self.writes - set(self.stage.assigns)):
            out.append(f"stage {self.stage.name!r} writes undeclared field(s) {undeclared}")
        if self.foreign:
            out.append(f"stage {self.stage.name!r} sets attributes that are not Article fields {sorted(self.foreign)}")
        return out


def _snapshot(article: Article) -> dict[str, Any]:
    return {name: copy.deepcopy(object.__getattribute__(article, name)) for name in ARTICLE_FIELDS}


def _changed(article: Article, before: dict[str, Any]) -> set[str]:
    return {name for name in ARTICLE_FIELDS if object.__getattribute__(article, name) != before[name]}


def check_stage(stage: Stage, article: Article, settings: Settings) -> AccessReport:
    """Run `stage` on a recording copy of `article`; report what it read and wrote.

    `article` itself is left untouched. Returns the report; the stage's result is not kept
    (run the stage itself for that).
    """
    recorder = _Recorder()
    before = _snapshot(article)
    recording = _recording_class(recorder)(**copy.deepcopy(before))
    recorder.reads.clear()
    result = stage.func(recording, settings)
    recorder.paused = True
    writes = _changed(recording, before)
    if isinstance(result, Article) and result is not recording:
        writes |= _changed(result, before)
    return AccessReport(stage, set(recorder.reads), writes, set(recorder.foreign))
