"""The narrative catalogue: storylines defined as data, each with the evidence that marks an article.

A catalogue is a JSON file `{"narratives": [...]}`; each narrative:

- `id` (letters, digits, `-`, `_`, `.`; unique), `name`, `description`;
- `claims`: claim patterns over the roles of extracted claims. Each pattern may give `actor`,
  `patient` (lists of entity ids such as `org:us-forces`, or words matched in the role's text and
  the quantity's `counted`), `action` (the claims' English actions, e.g. `transfer`) and `mentions`
  (entity ids or words, one of which the claim's sentence must hold). Every key given must match;
- `entities`: groups of entity ids; the article names at least one id of every group;
- `phrases`: `{"ar": [...], "fa": [...], "en": [...]}`, matched on folded text (a trailing `*` on an
  English phrase matches any word ending);
- optional `min_score` (default `DEFAULT_MIN_SCORE`).

`load_catalogue(path)` raises `CatalogueError` with one line naming the file and the problem.

>>> narratives = bundled_catalogue()
>>> "us-isis-collusion" in {n.id for n in narratives}
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rasad.errors import UsageError

DEFAULT_MIN_SCORE = 2.0
PHRASE_LANGS = ("ar", "fa", "en")
ROLE_KEYS = ("actor", "patient", "action", "mentions")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_NARRATIVE_KEYS = {"id", "name", "description", "claims", "entities", "phrases", "min_score", "kind", "notes"}


class CatalogueError(UsageError):
    """A narrative catalogue file that cannot be used (the message names the file and the problem)."""


@dataclass(frozen=True)
class ClaimPattern:
    """Roles a claim must fill: each key is a tuple of alternatives (empty: any)."""

    actor: tuple[str, ...] = ()
    patient: tuple[str, ...] = ()
    action: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()

    def describe(self) -> str:
        """A short readable form, e.g. `actor=org:us-forces|gpe:usa action=transfer`."""
        return " ".join(f"{k}={'|'.join(getattr(self, k))}" for k in ROLE_KEYS if getattr(self, k))


@dataclass(frozen=True)
class Narrative:
    id: str
    name: str
    description: str
    claims: tuple[ClaimPattern, ...] = ()
    entities: tuple[tuple[str, ...], ...] = ()
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    min_score: float = DEFAULT_MIN_SCORE
    source: str = "bundled"  # the catalogue file it came from

    def as_dict(self) -> dict[str, Any]:
        """The catalogue record (what `load_catalogue` reads back)."""
        return {
            "id": self.id, "name": self.name, "description": self.description,
            "claims": [{k: list(getattr(p, k)) for k in ROLE_KEYS if getattr(p, k)} for p in self.claims],
            "entities": [list(g) for g in self.entities],
            "phrases": {lang: list(words) for lang, words in self.phrases.items()},
            "min_score": self.min_score,
        }


def _fail(path: str, where: str, problem: str) -> CatalogueError:
    return CatalogueError(f"narrative catalogue {path}: {where}: {problem}")


def _strings(value: Any, path: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, "must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _pattern(value: Any, path: str, where: str) -> ClaimPattern:
    if not isinstance(value, dict):
        raise _fail(path, where, "a claim pattern must be an object with some of " + ", ".join(ROLE_KEYS))
    unknown = set(value) - set(ROLE_KEYS)
    if unknown:
        raise _fail(path, where, f"unknown key(s) {sorted(unknown)}; use {', '.join(ROLE_KEYS)}")
    if not value:
        raise _fail(path, where, "an empty claim pattern would match every claim")
    return ClaimPattern(**{k: _strings(v, path, f"{where}.{k}") for k, v in value.items()})


def parse_narrative(value: Any, path: str, index: int) -> Narrative:
    """One catalogue record, validated; raises `CatalogueError`."""
    where = f"narrative #{index + 1}"
    if not isinstance(value, dict):
        raise _fail(path, where, "must be an object")
    if isinstance(value.get("id"), str):
        where += f" ({value['id']!r})"
    unknown = set(value) - _NARRATIVE_KEYS
    if unknown:
        raise _fail(path, where, f"unknown key(s) {sorted(unknown)}; allowed: {', '.join(sorted(_NARRATIVE_KEYS))}")
    for key in ("id", "name", "description"):
        if not isinstance(value.get(key), str) or not value[key].strip():
            raise _fail(path, where, f"'{key}' must be a non-empty string")
    if not _ID.fullmatch(value["id"]):
        raise _fail(path, where, "'id' may hold only letters, digits and - _ . :")
    claims = value.get("claims", [])
    if not isinstance(claims, list):
        raise _fail(path, where, "'claims' must be a list of claim patterns")
    groups = value.get("entities", [])
    if not isinstance(groups, list):
        raise _fail(path, where, "'entities' must be a list of groups (lists of entity ids)")
    phrases = value.get("phrases", {})
    if not isinstance(phrases, dict) or set(phrases) - set(PHRASE_LANGS):
        raise _fail(path, where, f"'phrases' must be an object keyed by {', '.join(PHRASE_LANGS)}")
    min_score = value.get("min_score", DEFAULT_MIN_SCORE)
    if isinstance(min_score, bool) or not isinstance(min_score, int | float) or min_score <= 0:
        raise _fail(path, where, "'min_score' must be a positive number")
    narrative = Narrative(
        id=value["id"], name=value["name"].strip(), description=value["description"].strip(),
        claims=tuple(_pattern(c, path, f"{where} claims[{i}]") for i, c in enumerate(claims)),
        entities=tuple(_strings(g, path, f"{where} entities[{i}]") for i, g in enumerate(groups)),
        phrases={lang: _strings(words, path, f"{where} phrases.{lang}") for lang, words in phrases.items()},
        min_score=float(min_score), source=path,
    )
    if not narrative.claims and not any(narrative.phrases.values()):
        raise _fail(path, where, "needs claim patterns or key phrases (entities alone mark no narrative)")
    return narrative


def parse_catalogue(data: Any, path: str) -> list[Narrative]:
    """The narratives of a parsed catalogue document; raises `CatalogueError`."""
    if not isinstance(data, dict) or not isinstance(data.get("narratives"), list):
        raise _fail(path, "top level", 'must be an object {"narratives": [...]}')
    narratives = [parse_narrative(v, path, i) for i, v in enumerate(data["narratives"])]
    seen: set[str] = set()
    for n in narratives:
        if n.id in seen:
            raise _fail(path, f"narrative {n.id!r}", "the id is used twice")
        seen.add(n.id)
    return narratives


def load_catalogue(path: str | Path) -> list[Narrative]:
    """Read and validate a catalogue file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
    ...     _ = fh.write('{"narratives": [{"id": "x", "name": "X"}]}')
    >>> load_catalogue(fh.name)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    rasad.narratives.catalogue.CatalogueError: narrative catalogue ...: 'description' must be a non-empty string
    >>> os.unlink(fh.name)
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(f"narrative catalogue {name}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogueError(f"narrative catalogue {name}: cannot read it ({err})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise _fail(name, f"line {err.lineno} column {err.colno}", f"not valid JSON ({err.msg})") from None
    return parse_catalogue(data, name)


@cache
def bundled_catalogue() -> tuple[Narrative, ...]:
    """The starter catalogue shipped in `rasad/narratives/data/catalogue.json`."""
    resource = resources.files("rasad.narratives").joinpath("data/catalogue.json")
    return tuple(parse_catalogue(json.loads(resource.read_text(encoding="utf-8")), "bundled catalogue.json"))


def catalogue(extra_files: Iterable[str | Path] = ()) -> list[Narrative]:
    """The bundled narratives plus those of `extra_files`; a user narrative with a bundled id replaces it."""
    by_id = {n.id: n for n in bundled_catalogue()}
    for path in extra_files:
        for narrative in load_catalogue(path):
            by_id[narrative.id] = narrative
    return list(by_id.values())


def write_catalogue(narratives: Sequence[dict[str, Any]], path: Path) -> None:
    """Write catalogue records (dicts as `Narrative.as_dict` gives) as a catalogue file."""
    path.write_text(json.dumps({"narratives": list(narratives)}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
