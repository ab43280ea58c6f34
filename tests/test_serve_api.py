"""`rasad serve`'s JSON API through FastAPI's TestClient: search across scripts and spellings,
filters, articles, stories, claims, annotations (validated, size-limited, persistent, exported), and
the security rules (CSP, token, Host check, no path traversal)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasad.serve.app import create_app
from rasad.serve.folder import AnalysisFolder
from serve_corpus import NARRATIVE_ID, XSS_TITLE, build_folder

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_folder(tmp_path_factory.mktemp("serve") / "out")


@pytest.fixture()
def folder(analysed: Path, tmp_path: Path) -> AnalysisFolder:
    copy = tmp_path / "out"
    shutil.copytree(analysed, copy)
    data = AnalysisFolder(copy)
    yield data
    data.close()


@pytest.fixture()
def client(folder: AnalysisFolder) -> TestClient:
    return TestClient(create_app(folder), base_url=LOCAL)


def ids(client: TestClient, **params: str) -> set[str]:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return {r["id"] for r in response.json()["results"]}


@pytest.mark.parametrize("query", ["الحسكة", "الحسكه", "حسکه", "Hasakah", "hasakah", "بالحسكة", "gpe:hasakah"])
def test_search_finds_the_place_in_every_script_and_spelling(client: TestClient, query: str) -> None:
    expected = ids(client, q="الحسكة")
    assert len(expected) == 3  # the Arabic, Persian and English articles
    assert ids(client, q=query) == expected


def test_each_result_shows_where_its_text_matches(client: TestClient) -> None:
    results = client.get("/api/search", params={"q": "حسکه"}).json()["results"]
    marked = {r["lang"]: {r["snippet"]["text"][a:b] for a, b in r["snippet"]["marks"]} for r in results}
    assert marked == {"ar": {"الحسكة"}, "fa": {"حسکه"}, "en": {"Hasakah"}}
    for result in results:
        article = client.get(f"/api/articles/{result['id']}", params={"q": "Hasakah"}).json()
        assert {article["text"][a:b] for a, b in article["hits"]} == marked[result["lang"]]


@pytest.mark.parametrize(("query", "count"), [("الریاض", 1), ("الرياض", 1), ("معرض الكتاب", 1), ("غائب", 0)])
def test_search_folds_letters_and_needs_every_word(client: TestClient, query: str, count: int) -> None:
    assert len(ids(client, q=query)) == count


def test_search_result_fields_and_filters(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Hasakah", "lang": "fa"}).json()
    assert body["total"] == 1
    result = body["results"][0]
    assert {"id", "title", "lang", "outlet", "published"} <= set(result)
    assert result["lang"] == "fa"
    assert {f["value"] for f in body["facets"]["lang"]} == {"fa"}
    assert len(ids(client, q="Hasakah", date_from="2024-03-04", date_to="2024-03-04")) == 1
    assert len(ids(client, entity="gpe:riyadh")) == 1
    everything = client.get("/api/search", params={"size": 2, "page": 2}).json()
    assert everything["total"] == 5 and len(everything["results"]) == 2


def test_article_story_claims_narratives(client: TestClient) -> None:
    some_id = next(iter(ids(client, q="الرياض")))
    article = client.get(f"/api/articles/{some_id}").json()
    assert "الرياض" in article["text"] and article["lang"] == "ar"
    assert client.get("/api/articles/nope").status_code == 404
    for path in ("/api/stories", "/api/claims", "/api/narratives", "/api/claim-clusters", "/api/contradictions"):
        response = client.get(path)
        assert response.status_code == 200 and isinstance(response.json()["results"], list), path
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_claims_are_filtered_like_their_articles_with_facets(client: TestClient) -> None:
    every = client.get("/api/claims").json()
    assert every["total"] >= 1 and {"lang", "outlet", "certainty", "action"} <= set(every["facets"])
    claim = every["results"][0]
    assert {"id", "article", "sentence", "english", "certainty", "lang", "outlet", "published"} <= set(claim)
    assert claim["id"].startswith(claim["article"] + "#")
    same = client.get("/api/claims", params={"certainty": claim["certainty"], "lang": claim["lang"]}).json()
    assert claim["id"] in {c["id"] for c in same["results"]}
    assert client.get("/api/claims", params={"certainty": "no-such"}).json()["total"] == 0
    assert client.get("/api/claims", params={"q": "غائب"}).json()["total"] == 0


def test_narratives_list_detail_and_filter(client: TestClient) -> None:
    listed = client.get("/api/narratives").json()["results"]
    assert [n["id"] for n in listed] == [NARRATIVE_ID]
    assert "assignments" not in listed[0] and len(listed[0]["timeline"]) == 3
    detail = client.get(f"/api/narratives/{NARRATIVE_ID}").json()
    assert len(detail["assignments"]) == 3 and {m["lang"] for m in detail["members"]} == {"ar", "fa", "en"}
    assert ids(client, narrative=NARRATIVE_ID) == ids(client, q="Hasakah")
    facet = client.get("/api/search", params={"q": "حسکه"}).json()["facets"]["narrative"]
    assert facet == [{"value": NARRATIVE_ID, "count": 3, "label": "شبكة المياه تنهار بسبب الإهمال"}]
    assert client.get("/api/narratives/nope").status_code == 404


def test_annotation_is_validated_stored_exported_and_survives_reopening(folder: AnalysisFolder) -> None:
    client = TestClient(create_app(folder), base_url=LOCAL)
    target = next(iter(ids(client, q="حسکه", lang="ar")))
    note = "تحقق منه المحرر: صحيح"
    response = client.post("/api/annotations", json={"kind": "article", "target": target, "verdict": "verified",
                                                      "note": note})
    assert response.status_code == 200, response.text
    exported = [json.loads(line) for line in (folder.path / "annotations.jsonl").read_text().splitlines()]
    assert [(r["target_id"], r["verdict"], r["note"]) for r in exported] == [(target, "verified", note)]
    path = folder.path
    folder.close()
    reopened = AnalysisFolder(path)
    try:
        again = TestClient(create_app(reopened), base_url=LOCAL)
        assert again.get(f"/api/articles/{target}").json()["annotation"]["verdict"] == "verified"
        assert [a["target_id"] for a in again.get("/api/annotations").json()["results"]] == [target]
    finally:
        reopened.close()


@pytest.mark.parametrize(("body", "status"), [
    ({"kind": "article", "target": "no-such-article", "verdict": "false"}, 422),
    ({"kind": "planet", "target": "x", "verdict": "false"}, 422),
    ({"kind": "article", "target": "x", "verdict": "maybe"}, 422),
    ({"kind": "article", "target": "x", "verdict": "false", "note": "ب" * 2001}, 422),
])
def test_bad_annotations_are_refused(client: TestClient, body: dict[str, str], status: int) -> None:
    assert client.post("/api/annotations", json=body).status_code == status


def test_writes_must_be_small_same_origin_json(client: TestClient) -> None:
    target = next(iter(ids(client, q="Hasakah")))
    good = {"kind": "article", "target": target, "verdict": "false"}
    assert client.post("/api/annotations", content=json.dumps(good),
                       headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/api/annotations", json=good, headers={"Origin": "http://evil.example"}).status_code == 403
    huge = good | {"note": "x" * 9000}
    assert client.post("/api/annotations", json=huge).status_code == 413


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/..%2F..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/app.py",
    "/static/app.py", "/api/articles/..%2F..%2Fetc%2Fpasswd", "/report/../rasad.duckdb", "/..%2Frasad.duckdb",
    "/rasad.duckdb", "/articles.jsonl",
])
def test_no_path_traversal(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert b"root:" not in response.content and b"DUCK" not in response.content


def test_every_response_has_a_strict_csp(client: TestClient) -> None:
    for path in ("/", "/static/app.js", "/api/search", "/nope"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp, path
    assert "sandbox" in client.get("/report").headers["content-security-policy"]


def test_the_xss_title_comes_back_as_data(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "خبيث"}).json()["results"]
    assert [h["title"] for h in hits] == [XSS_TITLE]  # JSON text; the page sets it as textContent
    script = client.get("/static/app.js").text
    assert not [sink for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")
                if sink in script]


def test_other_hosts_are_refused_without_a_token(folder: AnalysisFolder) -> None:
    assert TestClient(create_app(folder), base_url="http://attacker.example").get("/api/search").status_code == 400


def test_a_token_is_checked_on_every_request(folder: AnalysisFolder) -> None:
    client = TestClient(create_app(folder, token="s3cret-token"), base_url="http://192.0.2.7")
    assert client.get("/api/search").status_code == 401
    assert client.get("/").status_code == 401
    assert client.get("/api/search", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/search", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    first = client.get("/?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert "httponly" in first.headers["set-cookie"].lower()
    assert client.get("/api/search").status_code == 200  # the cookie now carries it


def test_search_index_is_reused_then_rebuilt_when_articles_change(folder: AnalysisFolder) -> None:
    signature = (folder.index_dir / "signature.json").read_text()
    folder.refresh()
    assert (folder.index_dir / "signature.json").read_text() == signature
    articles = folder.path / "articles.jsonl"
    lines = articles.read_text(encoding="utf-8").splitlines(keepends=True)
    articles.write_text("".join(line for line in lines if "الرياض" not in line), encoding="utf-8")
    folder.refresh()
    assert (folder.index_dir / "signature.json").read_text() != signature
    assert len(folder.articles) == 4
    assert folder.index.search("الرياض") == []


def test_serve_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch, analysed: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    from rasad.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "tantivy" else real(name, *a))
    assert main(["serve", str(analysed)]) == 2
    assert "pip install 'rasad[serve]'" in capsys.readouterr().err


def test_serve_refuses_a_folder_that_was_not_analysed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rasad.cli import main

    assert main(["serve", str(tmp_path)]) == 2
    assert "rasad analyze" in capsys.readouterr().err


def test_serve_beyond_localhost_generates_prints_and_checks_a_token(
        monkeypatch: pytest.MonkeyPatch, analysed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    from rasad.cli import main

    served: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    monkeypatch.delenv("RASAD_TOKEN", raising=False)
    copy = tmp_path / "out"
    shutil.copytree(analysed, copy)
    assert main(["serve", str(copy), "--host", "0.0.0.0", "--port", "9999"]) == 0
    assert served["host"] == "0.0.0.0" and served["port"] == 9999
    printed = capsys.readouterr().out
    token = printed.split("access token ")[1].split()[0]
    assert len(token) >= 24 and f"?token={token}" in printed
    client = TestClient(served["app"], base_url="http://192.0.2.7")  # type: ignore[arg-type]
    assert client.get("/api/search").status_code == 401
    assert client.get("/api/search", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize(("text", "query", "expected"), [
    ("وصل الوفد إلى طهران", "طهران", ["طهران"]),
    ("زار بغداد ثم وطهران", "طهران", ["وطهران"]),
    ("اجتماع في بالحسكة اليوم", "حسکه", ["بالحسكة"]),
    ("سفر به تهران و حسکه", "الحسكة", ["حسکه"]),
    ("الرياض ورياضة", "الریاض", ["الرياض"]),  # رياضة (sport) is another word
    ("وزن الشحنة", "زن", []),  # a proclitic comes off only when three letters remain
    ("Council of Hasakah", "hasakah", ["Hasakah"]),
])
def test_words_match_through_folding_articles_and_proclitics(text: str, query: str, expected: list[str]) -> None:
    from rasad.serve.search import query_keys, word_hits

    assert [text[a:b] for a, b in word_hits(text, query_keys(query))] == expected


def test_the_store_is_free_between_writes_and_a_busy_store_is_a_503(folder: AnalysisFolder) -> None:
    import subprocess
    import sys

    from rasad.store.duck import Store

    with Store(folder.path / "rasad.duckdb") as store:  # what `rasad analyze` into the folder does
        assert store.count() == 5
    holder = subprocess.Popen(  # another process holds the store, as a running analysis would
        [sys.executable, "-c", "import sys; from pathlib import Path; from rasad.store.duck import Store; "
         f"s = Store(Path({str(folder.path / 'rasad.duckdb')!r})); print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        client = TestClient(create_app(folder), base_url=LOCAL)
        target = next(iter(ids(client, q="Hasakah")))
        response = client.post("/api/annotations", json={"kind": "article", "target": target, "verdict": "false"})
        assert response.status_code == 503 and "in use" in response.json()["detail"]
        assert client.get("/api/search", params={"q": "Hasakah"}).status_code == 200  # reading still works
    finally:
        holder.communicate("")


def test_a_damaged_index_is_rebuilt_and_an_unwritable_one_is_a_clear_error(folder: AnalysisFolder,
                                                                          tmp_path: Path) -> None:
    from rasad.errors import RasadError

    meta = folder.index_dir / "meta.json"  # tantivy's list of segments
    assert meta.exists()
    meta.write_text("{ damaged", encoding="utf-8")
    folder.close()
    again = AnalysisFolder(folder.path)
    assert len(again.index.search("Hasakah")) == 3
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    with pytest.raises(RasadError, match="--index-dir"):
        AnalysisFolder(folder.path, index_dir=blocked / "index")
