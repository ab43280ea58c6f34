"""The shared lingua server's client: answers come back whole, even when the article's alarm is due."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasad.text import lingua_shared


class _MaskReporter:
    """Stands in for the server's proxy: reports the signal mask it was called under."""

    def confidences(self, text: str) -> list[tuple[str, float]]:
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, set())
        return [("ar", 1.0 if signal.SIGALRM in blocked else 0.0)]


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks only")
def test_the_alarm_is_held_back_during_a_remote_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lingua_shared, "_remote", _MaskReporter())
    assert lingua_shared.remote_confidences("خبر عاجل") == [("ar", 1.0)]
    assert signal.SIGALRM not in signal.pthread_sigmask(signal.SIG_BLOCK, set()), "the mask is restored"


def test_without_a_server_the_caller_runs_lingua_itself() -> None:
    assert lingua_shared.remote_confidences("The news of the day") is None
    assert lingua_shared.confidences("The news of the day")[0][0] == "en"


_START_AND_HANG = """
import sys, time
from rasad.text.lingua_shared import SharedLingua
if __name__ == "__main__":
    server = SharedLingua()
    server.start()
    print(server._manager._process.pid, flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has exited
        return stat.read().split(") ")[-1][0] != "Z"


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_the_server_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "start_and_hang.py"
    script.write_text(_START_AND_HANG, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    server_pid = int(parent.stdout.readline())
    assert _alive(server_pid)
    parent.kill()  # SIGKILL: no chance to shut the server down
    parent.wait()
    for _ in range(300):  # the server notices within a moment; allow a busy machine
        if not _alive(server_pid):
            break
        time.sleep(0.1)
    else:
        os.kill(server_pid, signal.SIGKILL)
        pytest.fail("the lingua server outlived its killed parent")


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="kills a process")
def test_later_articles_get_their_language_when_the_server_dies(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasad.article import Article, Source
    from rasad.settings import Settings
    from rasad.text.stages import langid_stage

    monkeypatch.setattr(lingua_shared, "_remote", None)  # put back as it was when the test ends
    server = lingua_shared.SharedLingua()
    try:
        lingua_shared.connect(*server.start())
        assert lingua_shared.remote_confidences("Power cut across the old town") is not None
        assert server._manager is not None
        process = server._manager._process
        os.kill(process.pid, signal.SIGKILL)  # the server dies mid-run
        process.join(30)
        assert not process.is_alive()
        # short texts (under `langid.SHORT_TEXT` characters), none asked before: lingua decides them
        titles = [("Floods close the coastal road again", "en"), ("سیل جاده ساحلی را بست", "fa"),
                  ("الفيضانات تغلق الطريق الساحلي مجدداً", "ar")]
        articles = [langid_stage(Article(Source(sha256=str(n), format="txt"), text), Settings())
                    for n, (text, _) in enumerate(titles)]
        assert [a.lang for a in articles] == [lang for _, lang in titles]
        assert lingua_shared._remote is None, "the dead server is asked no more"
    finally:
        server.close()
