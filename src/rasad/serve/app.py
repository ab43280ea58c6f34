"""The FastAPI app of `rasad serve`: a JSON API (OpenAPI at /openapi.json) and a small page that uses it.

Security: every response carries a strict Content-Security-Policy; the page builds the DOM from text
(never HTML from data). With a token (required off 127.0.0.1), every request must carry it (the
`rasad_token` cookie set by the first `/?token=...` visit, an `Authorization: Bearer` header, or
`?token=`). Without one, only requests addressed to localhost are answered (no DNS rebinding).
Writes must be JSON from the page's own origin, and small. Files are served from a fixed list: no
route takes a path.

Example::

    app = create_app(AnalysisFolder(Path("out")))
    uvicorn.run(app, host="127.0.0.1", port=8765)
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, Field

from rasad import __version__, outputs
from rasad.serve.folder import MAX_NOTE, AnalysisFolder, AnnotationError, StoreBusyError
from rasad.serve.records import MAX_PAGE, ArticleQuery, Page

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# report.html carries inline scripts and styles (and its own CSP); served sandboxed, it cannot call the API.
REPORT_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
              "font-src data:; connect-src data: blob:; base-uri 'none'; form-action 'none'; sandbox allow-scripts")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
           "Cross-Origin-Opener-Policy": "same-origin", "Cache-Control": "no-store"}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_BODY = 8 * 1024  # bytes of one write request
TOKEN_COOKIE = "rasad_token"
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}

Verdict = Literal["verified", "false", "misleading", "unproven"]


class AnnotationIn(BaseModel):
    """An analyst's verdict and note on one article, story or claim (no verdict and no note: remove it)."""

    kind: Literal["article", "story", "claim"]
    target: str = Field(min_length=1, max_length=200)
    verdict: Verdict | None = None
    note: str = Field(default="", max_length=MAX_NOTE)


def create_app(folder: AnalysisFolder, token: str | None = None,
               allowed_hosts: frozenset[str] = LOCAL_HOSTS) -> FastAPI:
    """The app over `folder`. With `token`, every request must carry it; without, only requests
    whose Host is one of `allowed_hosts` are answered."""
    app = FastAPI(title="rasad", version=__version__, docs_url=None, redoc_url=None,
                  description="The analysis folder of `rasad analyze` as a JSON API: search (Arabic and Persian "
                  "spelling-blind, across scripts through entity names), articles, stories, claims, narratives "
                  "and analyst annotations.")

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        refused = await _refusal(request, token, allowed_hosts)
        if refused is not None:
            response: Response = refused
        elif token and request.query_params.get("token") and request.method == "GET" and request.url.path == "/":
            response = RedirectResponse("/", status_code=303)  # keep the token out of the address bar
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> HTMLResponse:
        return HTMLResponse(_static("index.html"))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:  # a fixed list: no path from the request reaches the file system
            raise HTTPException(404, "not found")
        return Response(_static(name), media_type=STATIC[name])

    @app.get("/report", response_class=HTMLResponse, include_in_schema=False)
    def report() -> Response:
        path = folder.path / outputs.REPORT
        if not path.exists():
            raise HTTPException(404, f"no {outputs.REPORT}: run 'rasad report {folder.path}'")
        return FileResponse(path, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": REPORT_CSP})

    @app.get("/api/search", summary="Search articles (any script or spelling) with filters")
    def search(q: str = Query("", max_length=500, description="words; folded like rasad folds names"),
               lang: str | None = None, outlet: str | None = None,
               date_from: str | None = Query(None, description="YYYY-MM-DD"), date_to: str | None = None,
               story: str | None = None, narrative: str | None = None,
               entity: str | None = Query(None, description="an entity id such as gpe:hasakah"),
               page: int = Query(1, ge=1), size: int = Query(20, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        folder.refresh()
        found = folder.find(ArticleQuery(q, lang, outlet, date_from, date_to, story, narrative, entity, page, size))
        return _page(found)

    @app.get("/api/articles/{article_id}", summary="One article: text, spans, claims, story, annotation")
    def article(article_id: str, q: str = Query("", max_length=500, description="words whose matches to mark")
                ) -> dict[str, Any]:
        folder.refresh()
        record = folder.article(article_id, q)
        if record is None:
            raise HTTPException(404, "no such article")
        return record

    @app.get("/api/stories", summary="Stories (articles about one event, across languages)")
    def stories(lang: str | None = None, page: int = Query(1, ge=1),
                size: int = Query(20, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        return _page(folder.list_stories(page, size, lang))

    @app.get("/api/claims", summary="Claims, filtered like the articles they are in")
    def claims(q: str = Query("", max_length=500), lang: str | None = None, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None, story: str | None = None,
               narrative: str | None = None, entity: str | None = None,
               certainty: str | None = Query(None, description="asserted, attributed, alleged, denied, hedged"),
               action: str | None = Query(None, description="transfer, attack, kill, ..."),
               page: int = Query(1, ge=1), size: int = Query(20, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        query = ArticleQuery(q, lang, outlet, date_from, date_to, story, narrative, entity, page, size)
        return _page(folder.list_claims(query, certainty, action))

    @app.get("/api/claim-clusters", summary="Claims repeated across articles: who said it first")
    def claim_clusters() -> dict[str, Any]:
        return {"results": folder.clusters}

    @app.get("/api/contradictions", summary="Claims of one story that give different values")
    def contradictions() -> dict[str, Any]:
        return {"results": folder.contradictions}

    @app.get("/api/narratives", summary="Narratives (narratives.json, when the analysis has one), without "
             "their assignments and graph")
    def narratives() -> dict[str, Any]:
        return {"results": folder.list_narratives()}

    @app.get("/api/narratives/{narrative_id}", summary="One narrative: assignments with evidence, graph, members")
    def narrative(narrative_id: str) -> dict[str, Any]:
        found = folder.narrative(narrative_id)
        if found is None:
            raise HTTPException(404, "no such narrative")
        return found

    @app.get("/api/entities/{entity_id}", summary="One entity of entities.json")
    def entity(entity_id: str) -> dict[str, Any]:
        if entity_id not in folder.entity_by_id:
            raise HTTPException(404, "no such entity")
        return folder.entity_by_id[entity_id]

    @app.get("/api/annotations", summary="Analyst annotations (also exported to annotations.jsonl)")
    def annotations(kind: Literal["article", "story", "claim"] | None = None) -> dict[str, Any]:
        return {"results": folder.annotations(kind)}

    @app.post("/api/annotations", summary="Set (or with no verdict and no note, remove) an annotation")
    def annotate(body: AnnotationIn) -> dict[str, Any]:
        try:
            row = folder.annotate(body.kind, body.target, body.verdict, body.note)
        except AnnotationError as exc:
            raise HTTPException(422, str(exc)) from exc
        except StoreBusyError as exc:
            raise HTTPException(503, str(exc)) from exc
        return {"annotation": row}

    return app


async def _refusal(request: Request, token: str | None, allowed_hosts: frozenset[str]) -> Response | None:
    """Why `request` must not be answered (as a response), or None."""
    if token:
        given = (request.cookies.get(TOKEN_COOKIE) or request.query_params.get("token")
                 or request.headers.get("authorization", "").removeprefix("Bearer ").strip())
        if not hmac.compare_digest(given.encode(), token.encode()):
            return JSONResponse({"detail": "an access token is required: open the address rasad serve printed"},
                                status_code=401)
    elif _hostname(request.headers.get("host", "")) not in allowed_hosts:
        return JSONResponse({"detail": "this server answers only requests addressed to localhost"}, status_code=400)
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            return JSONResponse({"detail": "cross-origin writes are refused"}, status_code=403)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"detail": "send JSON (Content-Type: application/json)"}, status_code=415)
        length = request.headers.get("content-length")
        if length is None or not length.isdigit() or int(length) > MAX_BODY:
            return JSONResponse({"detail": f"a write must state its length and be at most {MAX_BODY} bytes"},
                                status_code=413)
    return None


def _hostname(host: str) -> str:
    """The host name of a Host header (`127.0.0.1:8765` → `127.0.0.1`, `[::1]:80` → `::1`).

    >>> _hostname("[::1]:8765"), _hostname("localhost:80"), _hostname("example.org")
    ('::1', 'localhost', 'example.org')
    """
    return urlsplit(f"//{host}").hostname or ""


def _page(found: Page) -> dict[str, Any]:
    return {"results": found.results, "total": found.total, "page": found.page, "size": found.size,
            "facets": found.facets}


def _static(name: str) -> bytes:
    return (resources.files("rasad.serve") / "static" / name).read_bytes()

