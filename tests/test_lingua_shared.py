"""The shared lingua server's client: answers come back whole, even when the article's alarm is due."""

from __future__ import annotations

import signal

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
