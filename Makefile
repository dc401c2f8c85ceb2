# One entry point for every task. `make run` and `make test` set themselves up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast lint bench bench-soak notebooks docs clean help

help:
	@echo "make run    build the bundled Jakarta dataset into out/"
	@echo "make test   run every test (installs what they need)"
	@echo "make test-fast  the edit loop: no browser, servers, notebooks or slow tests"
	@echo "make lint   ruff and mypy"
	@echo "make bench  print speed and memory figures (about 25 minutes; bench/README.md)"
	@echo "make bench-soak  serve against Oxigraph at 1, 4, 16 clients, then a 10-minute soak"
	@echo "make notebooks  execute the notebooks and render them to out/notebooks/"
	@echo "make docs   regenerate docs/cli.md from the commands' --help"
	@echo "make train-issues  retrain the issue, solution and commitment models (bench/train_issue_model.py)"
	@echo "make train-actors  retrain the actor filter on its shipped samples (bench/train_actor_filter.py)"
	@echo "make train-roles  retrain the role reader on its shipped samples (bench/train_role_model.py)"
	@echo "make train-names  retrain the name tagger on its shipped samples (bench/train_name_tagger.py)"
	@echo "make score  extraction quality on the development set (tests/extract_devset), with a regex baseline"
	@echo "make errors  the tuned part's missed and false actors by class (unseen, boundary, filtered, spurious...)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip 'setuptools>=77' wheel
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

KG := $(VENV)/bin/resilience-kg

run: $(STAMP)
	$(KG) build --out out
	$(KG) analyze --format markdown -o out/analysis.md --plots out/plots --rdf out/analysis.trig
	$(KG) analyze --format csv -o out/analysis.csv
	$(KG) export --format graphml -o out/network.graphml
	$(KG) report --out out
	@echo
	@echo "Done. In $(CURDIR)/out:"
	@echo "  graph.trig, graph.ttl     the knowledge graph (named graphs; merged)"
	@echo "  summary.md                counts per class and graph"
	@echo "  analysis.md, analysis.csv who connects to which pillar, brokers, communities, gaps"
	@echo "  plots/                    heatmap.png, brokers.png"
	@echo "  analysis.trig             the analysis as RDF (load with --data)"
	@echo "  network.graphml           the network for Gephi"
	@echo "  report.html, view-*.html  the report and interactive views (open offline in a browser)"
	@echo
	@echo "Open file://$(CURDIR)/out/report.html"
	@echo
	@echo "The command is in .venv/, not on your PATH. Either put it there for this shell:"
	@echo "  source .venv/bin/activate && resilience-kg --help"
	@echo "or run it by its path:"
	@echo "  .venv/bin/resilience-kg --help"

test: $(STAMP)
	$(PY) -m ruff check resilience_kg tests bench notebooks docs
	$(PY) -m mypy
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not browser and not server and not virtuoso and not notebooks and not slow"

lint: $(STAMP)
	$(PY) -m ruff check resilience_kg tests bench notebooks docs
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) bench/run.py
	$(PY) bench/analysis_bench.py --scales 1e3,1e4,1e5,1e6,3e6
	$(PY) bench/views_bench.py
	$(PY) bench/server_bench.py
	$(PY) bench/guard_bench.py
	$(PY) bench/time_bench.py
	$(PY) bench/hostile_inputs_bench.py
	$(PY) bench/hostile_text_bench.py

.PHONY: score errors train-issues train-actors train-roles train-names
# The issue, solution and commitment models (resilience_kg/extract/data/*_model.csv), trained on the tuned part
# and the real pages' samples (data/issue_model_samples.csv, bench/issue_model_samples.py) with a fixed seed.
train-issues: $(STAMP)
	$(PY) bench/train_issue_model.py

# The actor filter (resilience_kg/extract/data/actor_filter.csv), trained on its shipped samples
# (data/actor_filter_samples.csv; bench/actor_filter_samples.py rewrites them from annotated folders).
train-actors: $(STAMP)
	$(PY) bench/train_actor_filter.py

# The role reader (resilience_kg/extract/data/role_model.csv), from the samples bench/role_model_samples.py writes.
train-roles: $(STAMP)
	$(PY) bench/train_role_model.py

# The name tagger (resilience_kg/extract/data/name_tagger.csv), from the token rows bench/name_tagger_samples.py
# writes (data/name_tagger_samples.csv.gz); prints its leave-sets-out cross-validation first.
train-names: $(STAMP)
	$(PY) bench/train_name_tagger.py

# Extraction quality, the tuned part and the frozen part apart; SCORE_ARGS="--part frozen" or "--details".
score: $(STAMP)
	$(PY) -m pip install --quiet -e '.[extract]'
	$(PY) bench/extract_scores.py $(SCORE_ARGS)

# The tuned part's actor errors by class, to choose which to fix; ERRORS_ARGS="--list" lists each one, or names
# other annotated folders. Never the frozen part.
errors: $(STAMP)
	$(PY) -m pip install --quiet -e '.[extract]'
	$(PY) bench/error_classes.py $(ERRORS_ARGS)

bench-soak: $(STAMP)
	$(PY) bench/server_bench.py --part throughput,soak --soak 600

notebooks: $(STAMP)
	$(PY) notebooks/run.py --html out/notebooks

docs: $(STAMP)
	$(PY) docs/cli_reference.py

clean:
	rm -rf $(VENV) out bench/corpora .pytest_cache
