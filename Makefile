# rasad — make demo | make test | make lint | make bench
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test lint bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $@ $(VENV)/.installed

## demo: set up and analyse the bundled example corpus into out/ (report: out/report.html)
demo: $(VENV)/.installed
	$(BIN)/rasad analyze examples/corpus --out $(OUT)
	@echo "Open the report: $(abspath $(OUT))/report.html"
	@echo "Work on it in the browser: $(BIN)/rasad serve $(abspath $(OUT))   (then open the address it prints)"
	@echo "To run rasad yourself: source $(VENV)/bin/activate, then rasad --help (or call $(BIN)/rasad)"

## test: set up with dev extras (and Java 17 and Chromium, with apt-get if missing) and run the test suite
test: $(VENV)/.installed-dev
	bash scripts/system-deps.sh
	$(BIN)/python -m pytest -q

## lint: ruff and mypy
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

## bench: speed and memory benchmarks (numbers go in README)
STORIES_ARTICLES ?= ../snn-out/all/articles.jsonl
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_ner.py
	$(BIN)/python benchmarks/bench_extractors.py
	$(BIN)/python benchmarks/bench_reuse.py
	@if [ -f "$(STORIES_ARTICLES)" ]; then $(BIN)/python benchmarks/bench_stories.py $(STORIES_ARTICLES); \
	else echo "bench_stories: set STORIES_ARTICLES to an analysed articles.jsonl (e.g. all of SaudiNewsNet)"; fi

## eval: quality numbers of the shipped models and extractors
eval: $(VENV)/.installed-dev
	$(BIN)/rasad eval ner --dataset anercorp --data ../shared/data
	$(BIN)/rasad eval ner --dataset peyma --data ../shared/data
	$(BIN)/rasad eval ner --dataset arman --data ../shared/data
	$(BIN)/rasad eval ner --dataset en-news
	$(BIN)/rasad eval ner --dataset en-news-heldout
	$(BIN)/rasad eval timex
	$(BIN)/rasad eval quantities
	$(BIN)/rasad eval stories --dataset dev
	$(BIN)/rasad eval stories --dataset blind
	$(BIN)/rasad eval reuse --dataset dev
	$(BIN)/rasad eval reuse --dataset blind
	$(BIN)/rasad eval attributions --dataset dev
	$(BIN)/rasad eval attributions --dataset blind
	$(BIN)/rasad eval claims --dataset dev
	$(BIN)/rasad eval claims --dataset blind
	$(BIN)/rasad eval links
	$(BIN)/rasad eval stance --data ../shared/data

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
