"""Read the language data files under `rasad/lang/<iso>/` (TSV and word lists), once per process.

>>> char_map("ar", "canonical_letters.tsv")[ord("ی")]
'ي'
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rasad.errors import ModelMissingError


def _read(lang: str, name: str) -> str:
    folder = files("rasad") / "lang"
    resource = (folder / lang / name) if lang else (folder / name)
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        where = f"lang/{lang}/{name}" if lang else f"lang/{name}"
        raise ModelMissingError(
            f"language data file {where} is missing from the installation; reinstall rasad"
        ) from exc


@cache
def read_tsv(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of `lang/<lang>/<name>` (or `lang/<name>` when `lang` is "", for files that cover every
    language); `#` lines and blank lines are skipped."""
    rows = []
    for line in _read(lang, name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(line.split("\t")))
    return tuple(rows)


@cache
def read_words(lang: str, name: str) -> frozenset[str]:
    """A one-word-per-line list (first column if tab-separated); `#` lines skipped."""
    return frozenset(row[0].strip() for row in read_tsv(lang, name) if row[0].strip())


@cache
def char_map(lang: str, name: str) -> dict[int, str]:
    """A `from<TAB>to` character table as a `str.translate` map."""
    return {ord(row[0]): row[1] for row in read_tsv(lang, name)}
