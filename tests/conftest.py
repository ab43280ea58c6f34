"""Shared fixtures: the ../shared folder (fail loudly when missing) and the bundled examples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.fail(f"../shared is missing at {SHARED}: tests need the shared seeds and data beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seed_files(seeds_dir: Path) -> list[Path]:
    files = sorted(seeds_dir.glob("*.txt"))
    if len(files) != 5:
        pytest.fail(f"expected 5 seed articles in {seeds_dir}, found {len(files)}")
    return files


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not EXAMPLES.is_dir():
        pytest.fail(f"bundled example corpus missing at {EXAMPLES}")
    return EXAMPLES
