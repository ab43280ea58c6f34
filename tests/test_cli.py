"""The `rasad` command end to end on the bundled example corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad import __version__
from rasad.cli import main

EXPECTED_FILES = ("articles.jsonl", "errors.jsonl", "entities.json", "rasad.duckdb", "report.html")
CONTRACT_FIELDS = ("id", "source", "lang", "title", "outlet", "cited_outlets", "published", "text",
                   "removed", "entities", "times", "quantities", "attributions", "claims")


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["analyze", str(examples_dir), "--out", str(out), "--no-progress"]) == 0
    return out


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]


def test_analyze_writes_every_output_file(demo_out: Path) -> None:
    for name in EXPECTED_FILES:
        assert (demo_out / name).is_file(), name
    assert not list(demo_out.glob("*.partial")), "partial files must be cleaned up"


def test_every_example_is_analysed_or_reported(demo_out: Path, examples_dir: Path) -> None:
    records = _records(demo_out)
    errors = [json.loads(x) for x in (demo_out / "errors.jsonl").read_text("utf-8").splitlines()]
    inputs = [p for p in examples_dir.rglob("*") if p.suffix in {".txt", ".html", ".json", ".jsonl", ".csv"}]
    analysed = {Path(r["source"]["path"]).name for r in records}
    analysed |= {Path(d["path"]).name for r in records for d in r.get("duplicate_sources", [])}
    failed = {Path(e["source"].split("#")[0]).name for e in errors}
    missing = {p.name for p in inputs} - analysed - failed
    assert not missing, f"inputs neither analysed nor reported: {missing}"
    assert len(records) >= 40  # examples/README.md: 40 articles in 36 files


def test_records_follow_the_contract(demo_out: Path) -> None:
    for rec in _records(demo_out):
        for field in CONTRACT_FIELDS:
            assert field in rec, field
        assert rec["lang"] in {"ar", "fa", "en"}, rec["source"]
        assert {"sha256", "format"} <= set(rec["source"])
        text = rec["text"]
        for key in ("entities", "times", "quantities"):
            for span in rec[key]:
                assert text[span["start"]:span["end"]] == span["text"], (key, span)


def test_examples_cover_three_languages(demo_out: Path) -> None:
    langs = {r["lang"] for r in _records(demo_out)}
    assert langs == {"ar", "fa", "en"}


def test_rerun_gives_same_ids_and_no_duplicates(demo_out: Path, examples_dir: Path, tmp_path: Path) -> None:
    first = sorted(r["id"] for r in _records(demo_out))
    assert main(["analyze", str(examples_dir), "--out", str(demo_out), "--no-progress", "--workers", "1"]) == 0
    second = sorted(r["id"] for r in _records(demo_out))
    assert first == second
    assert len(second) == len(set(second))
    from rasad.store.duck import Store

    with Store(demo_out / "rasad.duckdb") as store:
        assert store.ids() == second


def test_bad_inputs_are_reported_and_the_rest_analysed(tmp_path: Path, examples_dir: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = next(p for p in sorted(examples_dir.glob("*.txt")))
    (inputs / good.name).write_bytes(good.read_bytes())
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "broken.jsonl").write_text('{"title": "x", "text": \n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(inputs), "--out", str(out), "--no-progress"]) == 0
    assert len(_records(out)) == 1
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    named = " ".join(e["source"] for e in errors)
    for name in ("image.txt", "empty.txt", "broken.jsonl"):
        assert name in named
    assert all(e["error"] for e in errors)
    assert "image.txt" in capsys.readouterr().err


def test_nothing_analysable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"), "--no-progress"]) == 1


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    help_text = capsys.readouterr().out
    assert "examples:" in help_text and "rasad analyze" in help_text


def test_unknown_stage_is_a_clean_error(tmp_path: Path, examples_dir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", str(examples_dir), "--out", str(tmp_path), "--stages", "normalize,nope",
                 "--no-progress"])
    assert code == 2
    assert "unknown stage" in capsys.readouterr().err


def test_every_command_is_documented_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    from rasad.cli import build_parser

    parser = build_parser()
    subactions = [a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction)]
    commands = sorted(subactions[0].choices)
    assert {"analyze", "report", "stages", "eval", "train"} <= set(commands)
    main_help = parser.format_help()
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    for command in commands:
        assert f"rasad {command}" in main_help, f"'rasad {command}' has no example in rasad --help"
        assert f"rasad {command}" in readme, f"README does not mention 'rasad {command}'"
