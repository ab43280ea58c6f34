"""`rasad serve` in a real browser (Playwright driving Debian's Chromium at /usr/bin/chromium; never
`playwright install`): search finds spelling variants across scripts, Arabic text is right-to-left, a
planted XSS article runs nothing, an annotation survives a server restart, and no page logs a console
error or sends a request anywhere but the server. Screenshots of the main views are saved under
$RASAD_ARTIFACTS/serve (default: the temp folder's rasad-artifacts/serve)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from serve_corpus import NARRATIVE_ID, XSS_TITLE, build_folder

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
ARTIFACTS = Path(os.environ.get("RASAD_ARTIFACTS", Path(tempfile.gettempdir()) / "rasad-artifacts")) / "serve"
START_TIMEOUT = 60.0  # seconds for the server to answer (it may build its index first)


class Server:
    """`rasad serve DIR` in a subprocess on a free 127.0.0.1 port."""

    def __init__(self, folder: Path, *options: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        env = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        # A file, not a pipe (a pipe nobody reads can fill and block the server); closed in stop().
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        command = [sys.executable, "-m", "rasad", "serve", str(folder), "--port", str(self.port), *options]
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + START_TIMEOUT
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.log.seek(0)
                output = self.log.read()
                self.stop()
                pytest.fail(f"rasad serve did not start: {output}")
            time.sleep(0.1)  # polling for the port, not waiting on a result

    def _answers(self) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    analysed = build_folder(tmp_path_factory.mktemp("serve-browser") / "analysed")
    copy = analysed.with_name("served")
    shutil.copytree(analysed, copy)
    return copy


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[Server]:
    running = Server(folder)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page, with the console errors it logged and the requests it sent off the server."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", lambda r: None if r.url.startswith((base + "/", "data:"))
                     else self.outside.append(r.url))

    def open(self, hash_route: str) -> Page:
        return self.rendered(lambda: self.page.goto(f"{self.base}/#{hash_route}"))

    def rendered(self, action: Callable[[], object]) -> Page:
        """Do `action` and wait until the page has rendered the view it leads to (no string
        evaluation: the page's CSP forbids eval)."""
        body = self.page.locator("body")
        before = body.get_attribute("data-rendered") if self.page.url.startswith(self.base) else None
        action()
        if before is None:
            self.page.wait_for_selector("body[data-rendered]")
        else:
            expect(body).not_to_have_attribute("data-rendered", before)
        return self.page

    def clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.outside == [], f"requests off the server: {self.outside}"
        self.page.close()


@pytest.fixture()
def watched(browser: Browser, server: Server) -> Iterator[Watched]:
    page = Watched(browser, server.base)
    yield page
    page.clean()


def result_ids(page: Page) -> list[str]:
    return sorted(page.eval_on_selector_all(".result", "nodes => nodes.map(n => n.dataset.id)"))


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_finds_spelling_variants_across_scripts(watched: Watched) -> None:
    found = {}
    for query in ("الحسكة", "حسکه", "Hasakah"):
        page = watched.open("/search")
        page.fill("input[name=q]", query)
        watched.rendered(lambda: watched.page.press("input[name=q]", "Enter"))
        found[query] = result_ids(page)
    assert len(found["الحسكة"]) == 3
    assert found["حسکه"] == found["الحسكة"] == found["Hasakah"]
    screenshot(page, "search-hasakah")


def test_arabic_text_is_right_to_left_and_english_left_to_right(watched: Watched) -> None:
    page = watched.open("/search?q=الحسكة&lang=ar")
    page.click(".result a.title")
    page.wait_for_selector("#article-text")
    direction = "el => getComputedStyle(el).direction"
    assert page.eval_on_selector("#article-text", direction) == "rtl"
    assert page.eval_on_selector("#article-title", direction) == "rtl"
    assert page.eval_on_selector("#article-text mark.GPE", "el => el.textContent") == "الحسكة"
    marked = page.eval_on_selector_all("#article-text mark.hit", "nodes => nodes.map(n => n.textContent)")
    assert marked and set(marked) == {"الحسكة"}  # the search's matches, marked in the text
    screenshot(page, "article-ar")
    page = watched.open("/search?q=Hasakah&lang=en")
    page.click(".result a.title")
    page.wait_for_selector("#article-text")
    assert page.eval_on_selector("#article-text", direction) == "ltr"


def test_a_planted_xss_article_runs_nothing(watched: Watched) -> None:
    page = watched.open("/search?q=خبيث")
    assert page.text_content(".result a.title") == XSS_TITLE
    page.click(".result a.title")
    page.wait_for_selector("#article-text")
    assert page.text_content("#article-title") == XSS_TITLE
    assert "window.__xss=3" in (page.text_content("#article-text") or "")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.eval_on_selector_all("main script, main img, main a[href^='javascript']", "n => n.length") == 0
    screenshot(page, "article-xss")


def test_values_of_either_direction_are_isolated(watched: Watched) -> None:
    """Every piece of Arabic-script text from the data sits in its own isolated element (dir / <bdi>),
    so it cannot reorder the English around it (a result's title among its outlet and date, the
    hostile title's markup); facet options, which no element can isolate, carry their label between
    FSI and PDI."""
    isolated = {"isolate", "plaintext", "isolate-override"}
    for route in ("/search?q=خبيث", "/search?q=حسکه", "/stories", f"/narrative/{NARRATIVE_ID}"):
        page = watched.open(route)
        found = page.evaluate("""() => [...document.querySelectorAll('main *:not(option)')]
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && /[\u0600-\u06ff]/.test(n.data)))
            .map(el => [el.tagName, getComputedStyle(el.closest('main [dir], main bdi') || el).unicodeBidi])""")
        assert found, route
        assert [f for f in found if f[1] not in isolated] == [], route
    page = watched.open("/search?q=حسکه")
    options = page.eval_on_selector_all("select[name=narrative] option", "nodes => nodes.map(n => n.textContent)")
    assert "\u2068شبكة المياه تنهار بسبب الإهمال\u2069 (3)" in options
    watched.rendered(lambda: page.select_option("select[name=narrative]", NARRATIVE_ID))
    assert len(result_ids(page)) == 3


def test_every_view_loads_without_errors(watched: Watched) -> None:
    for route, selector in (("/stories", ".story"), ("/claims", "tr[data-id]"), ("/narratives", "svg.timeline rect"),
                            (f"/narrative/{NARRATIVE_ID}", "tbody tr"),
                            ("/annotations", ".count"), ("/search", ".result")):
        page = watched.open(route)
        page.wait_for_selector(selector)
        assert page.query_selector(".error") is None, route
        shown = page.text_content("main") or ""
        assert not [word for word in ("[object", "undefined", "null") if word in shown], (route, shown[:300])
        screenshot(page, route.strip("/").replace("/", "-"))


def test_an_annotation_persists_across_a_server_restart(browser: Browser, folder: Path, server: Server) -> None:
    server.stop()  # this test restarts the server on the same folder
    first = Server(folder)
    try:
        watched = Watched(browser, first.base)
        page = watched.open("/search?q=حسکه&lang=fa")
        page.click(".result a.title")
        form = "form.annot[data-kind=article]"
        page.wait_for_selector(form)
        page.select_option(f"{form} select", "misleading")
        page.fill(f"{form} textarea", "عنوان گمراه‌کننده است")
        page.click(f"{form} button")
        page.wait_for_selector(f"{form} .saved")
        article_url = page.url
        watched.clean()
    finally:
        first.stop()
    second = Server(folder)
    try:
        watched = Watched(browser, second.base)
        page = watched.page
        page.goto(article_url.replace(first.base, second.base))
        page.wait_for_selector(form)
        assert page.eval_on_selector(f"{form} select", "el => el.value") == "misleading"
        assert page.eval_on_selector(f"{form} textarea", "el => el.value") == "عنوان گمراه‌کننده است"
        watched.open("/annotations").wait_for_selector(".verdict.misleading")
        screenshot(page, "annotations")
        watched.clean()
    finally:
        second.stop()
    assert "misleading" in (folder / "annotations.jsonl").read_text(encoding="utf-8")


def test_with_a_token_the_page_works_after_the_first_visit_and_not_without(browser: Browser, folder: Path) -> None:
    token = "browser-test-token-0123456789"
    guarded = Server(folder, "--token", token)
    try:
        watched = Watched(browser, guarded.base)
        page = watched.page
        page.goto(f"{guarded.base}/?token={token}#/search?q=Hasakah")  # the address rasad serve prints
        page.wait_for_selector(".result")
        assert token not in page.url  # redirected: the cookie carries it now
        assert len(result_ids(page)) == 3
        watched.clean()
        context = browser.new_context()  # another browser profile: no cookie
        try:
            assert context.new_page().goto(f"{guarded.base}/").status == 401
        finally:
            context.close()
    finally:
        guarded.stop()
