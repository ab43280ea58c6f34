"""Error types. Each says what went wrong, names the input, and says how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class RasadError(Exception):
    """Base class: errors the CLI turns into a clean message (no traceback)."""


class InputError(RasadError):
    """One input could not be read or analysed. Recorded in errors.jsonl; the run goes on."""

    def __init__(self, source: str, error: str, detail: str = "") -> None:
        super().__init__(f"{source}: {error}" + (f" ({detail})" if detail else ""))
        self.source = source
        self.error = error
        self.detail = detail

    def record(self) -> ErrorRecord:
        return ErrorRecord(source=self.source, error=self.error, detail=self.detail)


class UsageError(RasadError):
    """The command was given a wrong argument (the CLI exits with code 2)."""


class StageError(RasadError):
    """A stage broke its contract (returned something other than an Article, unknown stage...)."""


class ModelMissingError(RasadError):
    """A shipped model file is missing from the installation."""


@dataclass
class ErrorRecord:
    """One line of errors.jsonl: `{source, error, detail}`."""

    source: str
    error: str
    detail: str = ""
    stage: str | None = None

    def as_dict(self) -> dict[str, Any]:
        r"""The errors.jsonl record; always valid UTF-8 (a stray surrogate is written as `\udcff`).

        >>> ErrorRecord("bad\udcff.txt", "empty file").as_dict()["source"]
        'bad\\udcff.txt'
        """
        d: dict[str, Any] = {"source": _utf8(self.source), "error": _utf8(self.error), "detail": _utf8(self.detail)}
        if self.stage:
            d["stage"] = self.stage
        return d


def _utf8(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
