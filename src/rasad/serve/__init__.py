"""`rasad serve DIR`: a local web UI and JSON API over an analysis folder (needs the `serve` extra).

Search is spelling-blind in Arabic and Persian and crosses scripts through entity names
(`rasad.serve.search`); analysts' annotations live in the folder's store and are exported to
`annotations.jsonl` (`rasad.serve.folder`); the app and its security rules are in `rasad.serve.app`;
the shapes of its answers and pure helpers over records in `rasad.serve.records`.

Example::

    serve(Path("out"))                                  # http://127.0.0.1:8765/
    serve(Path("out"), host="0.0.0.0", token=None)      # prints a generated access token
"""

from __future__ import annotations

import secrets
from pathlib import Path

from rasad.errors import RasadError

INSTALL_HINT = "rasad serve needs FastAPI, uvicorn and tantivy: pip install 'rasad[serve]'"
DEFAULT_PORT = 8765


class MissingExtraError(RasadError):
    """An optional dependency is not installed; the message says how to install it."""


def check_installed() -> None:
    """Raise `MissingExtraError` (with the pip command) when the `serve` extra is missing."""
    import importlib.util

    missing = [m for m in ("fastapi", "uvicorn", "tantivy") if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtraError(f"{INSTALL_HINT} (missing: {', '.join(missing)})")


def needs_token(host: str) -> bool:
    """Whether listening on `host` requires an access token (anything but the loopback address).

    >>> needs_token("127.0.0.1"), needs_token("0.0.0.0"), needs_token("::1")
    (False, True, False)
    """
    return host not in ("127.0.0.1", "localhost", "::1")


def serve(folder: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, token: str | None = None,
          index_dir: Path | None = None) -> None:
    """Serve `folder` until interrupted; prints the address (with the access token when one is needed)."""
    check_installed()
    import uvicorn

    from rasad.serve.app import LOCAL_HOSTS, create_app
    from rasad.serve.folder import AnalysisFolder

    if needs_token(host) and not token:
        token = secrets.token_urlsafe(24)
    data = AnalysisFolder(folder, index_dir)
    app = create_app(data, token, LOCAL_HOSTS)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"rasad serve: {len(data.articles):,} articles from {folder}; open {address}", flush=True)
    if token:
        print(f"rasad serve: access token {token} (every request must carry it)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        data.close()
