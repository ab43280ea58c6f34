"""`rasad narratives suggest DIR`: a catalogue stub from the candidate narratives of an analysis.

The stub is valid input for `rasad analyze ... --narratives FILE`: each candidate becomes a narrative
with its claim signature as a claim pattern, its top entities and its terms, named `TODO ...` for the
analyst to name, describe and prune.
"""

from __future__ import annotations

import json
from pathlib import Path

from rasad.errors import UsageError
from rasad.narratives.catalogue import parse_catalogue
from rasad.narratives.discover import catalogue_stub
from rasad.outputs import NARRATIVES, read_json


def suggest(out_dir: Path, catalogue_file: Path | None = None, top: int = 10) -> str:
    """The stub's JSON text (written to `catalogue_file` when given).

    >>> suggest(Path("/nonexistent"))
    Traceback (most recent call last):
    rasad.errors.UsageError: /nonexistent has no narratives.json; run 'rasad analyze INPUT --out /nonexistent' first
    """
    if top < 1:
        raise UsageError(f"--top must be 1 or more (got {top})")
    records = read_json(out_dir, NARRATIVES)
    if not isinstance(records, list):
        raise UsageError(f"{out_dir} has no {NARRATIVES}; run 'rasad analyze INPUT --out {out_dir}' first")
    stubs = [catalogue_stub(r) for r in records if isinstance(r, dict) and r.get("kind") == "candidate"][:top]
    document = {"narratives": stubs}
    parse_catalogue(document, "the suggested stub")  # what we write must be a valid catalogue
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if catalogue_file is not None:
        catalogue_file.write_text(text, encoding="utf-8")
    return text
