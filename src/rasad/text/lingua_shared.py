"""One lingua detector for all the workers of a process pool.

lingua's language models take about 237 MB in each process that uses them (the Arabic-script and the
Latin-script ones), and the `langid` stage needs them only for short paragraphs (a few in a hundred
articles). A `SharedLingua` runs one small server process (started with `spawn`, so it holds none of
its parent's pages) that builds the detector on first use; each pool worker connects to it
(`connect`, the pool's initializer), and `rasad.text.langid` then sends its short texts there
instead of loading the models itself. The answers are the same: the server runs the same function.

>>> confidences("Hello there, how are you?")[0][0]
'en'
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from functools import cache
from multiprocessing.connection import wait
from multiprocessing.managers import BaseManager
from typing import Any

from rasad.text.data import read_tsv

Confidences = list[tuple[str, float]]
"""(ISO 639-1 code, confidence) in lingua's order, those above 0.001."""


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    names = [row[0] for row in read_tsv("", "langid_lingua.txt")]
    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in names)).build()


def confidences(text: str) -> Confidences:
    """lingua's confidence values for `text`, in this process (the languages of `langid_lingua.txt`)."""
    return [(value.language.iso_code_639_1.name.lower(), float(value.value))
            for value in _detector().compute_language_confidence_values(text) if value.value > 0.001]


class _Lingua:
    """The object a worker's proxy calls in the server."""

    def confidences(self, text: str) -> Confidences:
        return confidences(text)


class _Manager(BaseManager):
    pass


_Manager.register("Lingua", callable=_Lingua)

_remote: Any = None  # this worker's proxy (`connect`), None when lingua runs in this process
_MASKS = hasattr(signal, "pthread_sigmask")  # POSIX signal masks (elsewhere, no alarm either)


def remote_confidences(text: str) -> Confidences | None:
    """lingua's confidence values from the shared server, or None when this process has none.

    The article time limit's alarm (`rasad.limits`) is held back during the call: interrupted between
    sending and reading, the connection would hand this answer to the next text. When the server has
    died (killed, out of memory), this process stops asking it and gets None, so the caller runs
    lingua itself from then on (the same answers, at the cost of loading the models here): one dead
    server does not fail the language of every later article.
    """
    global _remote
    if _remote is None:
        return None
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM}) if _MASKS else None
    try:
        return list(_remote.confidences(text))
    except (OSError, EOFError):  # the connection is refused, reset or closed: no server any more
        _remote = None
        return None
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a pending alarm fires now


def connect(address: Any, authkey: bytes) -> None:
    """Use the server at `address` from this process (a pool worker's initializer)."""
    global _remote
    manager = _Manager(address=address, authkey=authkey)
    manager.connect()
    _remote = manager.Lingua()  # type: ignore[attr-defined]  # registered above


def _exit_with_parent() -> None:
    """In the server: end when the process that started it ends, even when killed (SIGKILL leaves no
    chance to call `close`)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class SharedLingua:
    """The server process, started on `start` (which gives `connect`'s arguments) and stopped on
    `close`: a `rasad.executors.WorkerService`."""

    connect = staticmethod(connect)

    def __init__(self) -> None:
        self._manager: _Manager | None = None
        self._authkey = b""

    def start(self) -> tuple[Any, bytes]:
        """Start the server (once); its (address, authkey)."""
        if self._manager is None:
            self._authkey = os.urandom(32)
            self._manager = _Manager(authkey=self._authkey, ctx=multiprocessing.get_context("spawn"))
            self._manager.start(initializer=_exit_with_parent)
        return self._manager.address, self._authkey

    def close(self) -> None:
        if self._manager is not None:
            self._manager.shutdown()
            self._manager = None
