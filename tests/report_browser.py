"""Opening report.html in Debian's Chromium through Playwright, watching for console errors, page
errors, dialogs and any request that would leave the machine. `playwright install` is never run:
the browser is /usr/bin/chromium (`apt-get install -y chromium`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
ARTIFACTS = Path(os.environ.get("RASAD_ARTIFACTS", Path(__file__).resolve().parents[1] / "artifacts" / "browser"))


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (fails with an install hint when it or Playwright is missing)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise RuntimeError("browser tests need Playwright: pip install -e '.[dev]' "
                           "(never 'playwright install')") from err
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"browser tests need {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watched:
    """A page and what it did: console errors, uncaught errors, dialogs, requests off the machine."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors + [f"dialog {d}" for d in self.dialogs] + \
            [f"request {u}" for u in self.external]


def open_report(browser: Any, path: Path, view: str = "", width: int = 1300) -> Watched:
    """Open `path` (at `#view`) in a new page and wait until the report is ready."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    watched = Watched(page)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.page_errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) else watched.external.append(r.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL_SCHEMES)
               else route.abort())
    page.goto(path.resolve().as_uri() + (f"#{view}" if view else ""))
    page.wait_for_function("window.__rasad && window.__rasad.ready", timeout=60_000)
    return watched


def show(watched: Watched, view: str) -> None:
    """Switch the report to `#view` and wait until it is drawn."""
    if watched.page.evaluate("location.hash") == f"#{view}":
        return
    before = watched.page.evaluate("window.__rasad.renders || 0")
    watched.page.evaluate("v => { location.hash = v; }", view)
    watched.page.wait_for_function("n => (window.__rasad.renders || 0) > n", arg=before)


def screenshot(watched: Watched, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    watched.page.screenshot(path=str(path))
    return path
