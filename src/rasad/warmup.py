"""Load the models and tables the stages use before a process pool forks, so the workers share them.

Stages load their models lazily, once per process. With a pool, every worker would load them again
(seconds each, and memory twice over). `warm_up` runs the stages once, in the parent, on a short
built-in article in each language (`lang/<iso>/warmup.txt`), so that forked workers start with
everything loaded and share those pages (`gc.freeze()` keeps the collector from touching them).
Only caches are filled: results do not change.

>>> from rasad.pipeline import resolve
>>> warm_up(resolve(["normalize", "clean", "langid"]), Settings(workers=1))
3
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

from rasad.article import RawDocument, Source
from rasad.errors import InputError
from rasad.pipeline import Stage, analyze_document
from rasad.settings import Settings
from rasad.text.data import read_tsv
from rasad.text.langid import detect_language

WARM_UP_LANGUAGES = ("ar", "fa", "en")


def warm_up(stages: Sequence[Stage], settings: Settings) -> int:
    """Run `stages` on the built-in warm-up article of each language; return how many ran."""
    done = 0
    for lang in WARM_UP_LANGUAGES:
        text = "\n".join(row[0] for row in read_tsv(lang, "warmup.txt"))
        detect_language(text.split("\n", 1)[0])  # a title: loads the short-text detector too
        raw = RawDocument(Source(sha256=f"warm-up-{lang}", format="txt"), text)
        try:
            analyze_document(raw, settings, stages)
        except InputError:  # a stage that fails on the sample fails again (and is reported) on real input
            continue
        done += 1
    gc.freeze()  # what is loaded now stays out of garbage collection, so its pages stay shared after fork
    return done
