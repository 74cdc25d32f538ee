# Two commands do everything: `make serve` and `make test`. Every target sets itself up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  ?= data/store
CORPUS ?= corpus
SHARED ?= ../shared
GOLD   ?= $(SHARED)/gold
EXTRACTOR := $(shell find kg ontology -type f -not -name '*.pyc' 2>/dev/null)
SOURCES := $(EXTRACTOR) $(wildcard $(CORPUS)/*)

ROBOT  := .cache/robot/lib
FUSEKI_VERSION := 5.6.0
FUSEKI_JAR := .cache/fuseki/jena-fuseki-server-$(FUSEKI_VERSION).jar
FUSEKI_PORT ?= 3030

# Where `make serve` listens, and the base the graph mints its IRIs under: by default the address
# served, so that `make serve PORT=8001` builds, links and serves under http://127.0.0.1:8001/.
HOST ?= 127.0.0.1
PORT ?= 8000
BASE_IRI ?= $(or $(KG_BASE_IRI),http://$(HOST):$(PORT)/)

.PHONY: install build serve test eval eval-polnear eval-input bench bench-quick clean robot browser fuseki-jar fuseki FORCE

install: $(STAMP) node_modules/.installed

# Browser libraries for the web UI (YASGUI, vis-network, vis-timeline), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# ROBOT (the OWL API's command line) for the OWL 2 DL profile check, from Maven Central.
robot: $(ROBOT)/.fetched

$(ROBOT)/.fetched: tools/robot-pom.xml
	mvn -q -f tools/robot-pom.xml dependency:copy-dependencies -DoutputDirectory=$(CURDIR)/$(ROBOT) -Dmaven.repo.local=$(CURDIR)/.cache/m2
	touch $@

# Apache Jena Fuseki (a SPARQL 1.1 server) from Maven Central: the tests run every store test on it too.
fuseki-jar: $(FUSEKI_JAR)

$(FUSEKI_JAR):
	mvn -q dependency:copy -Dartifact=org.apache.jena:jena-fuseki-server:$(FUSEKI_VERSION) -DoutputDirectory=$(CURDIR)/.cache/fuseki -Dmaven.repo.local=$(CURDIR)/.cache/m2

# Fuseki with deploy/fuseki.ttl (TDB2 in data/fuseki), for `kg build --store http://localhost:3030/kg`.
fuseki: $(FUSEKI_JAR)
	mkdir -p data
	FUSEKI_BASE=$(CURDIR)/data/fuseki-run java -jar $(FUSEKI_JAR) --config=deploy/fuseki.ttl --localhost --port $(FUSEKI_PORT)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

# The store is rebuilt when the corpus, the ontology, the extractor or the base IRI changed (the
# base is kept in a file rewritten only when it differs, so that its date says when it changed).
$(STORE)/.built: $(STAMP) $(SOURCES) $(STORE).base-iri
	$(BIN)/kg build --corpus $(CORPUS) --store $(STORE) --base-iri $(BASE_IRI)
	touch $@

$(STORE).base-iri: FORCE
	@mkdir -p $(dir $@)
	@echo '$(BASE_IRI)' | cmp -s - $@ || echo '$(BASE_IRI)' > $@

build: $(STORE)/.built

serve: install build
	$(BIN)/kg serve --store $(STORE) --host $(HOST) --port $(PORT) --base-iri $(BASE_IRI)

# Debian's Chromium for the browser test (Playwright drives it; it downloads no browser of its own).
browser:
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: install robot browser fuseki-jar
	$(BIN)/python -m pytest

# Evaluation against ../shared: the seeds (corpus/ and $(GOLD)) and the dev set, each built into its
# own store, scored by the shared scorer plus recall by construction and stance confusion
# (tools/evaluate.py). `make eval-polnear` adds PolNeAR's train split (minutes; not part of `make test`).
DEV     ?= $(SHARED)/dev
POLNEAR ?= $(SHARED)/polnear
DEV_STORE     ?= data/dev-store
POLNEAR_STORE ?= data/polnear-store
EVAL_NEEDS    := $(GOLD) $(DEV)/articles $(DEV)/gold $(SHARED)/tools/score_statements.py
POLNEAR_NEEDS := $(EVAL_NEEDS) $(POLNEAR)/text $(POLNEAR)/attributions $(SHARED)/tools/score_polnear.py
missing = $(firstword $(foreach path,$(1),$(if $(wildcard $(path)),,$(path))))
ifneq ($(filter eval,$(MAKECMDGOALS)),)
ifneq ($(call missing,$(EVAL_NEEDS)),)
$(error $(call missing,$(EVAL_NEEDS)) is missing: make eval needs $(SHARED) beside the project)
endif
endif
ifneq ($(filter eval-polnear,$(MAKECMDGOALS)),)
ifneq ($(call missing,$(POLNEAR_NEEDS)),)
$(error $(call missing,$(POLNEAR_NEEDS)) is missing: make eval-polnear needs $(SHARED) beside the project)
endif
endif
DEV_SET := --set dev $(DEV)/gold $(DEV)/articles $(DEV_STORE)/../dev-statements.json

$(DEV_STORE)/.built: $(STAMP) $(EXTRACTOR) $(wildcard $(DEV)/articles/*)
	$(BIN)/kg build --corpus $(DEV)/articles --store $(DEV_STORE)
	touch $@

$(POLNEAR_STORE)/.built: $(STAMP) $(EXTRACTOR) $(wildcard $(POLNEAR)/text/*)
	$(BIN)/kg build --corpus $(POLNEAR)/text --store $(POLNEAR_STORE) --workers 2
	touch $@

eval: build $(DEV_STORE)/.built
	$(BIN)/kg query statements --store $(STORE) --format json > $(STORE)/../statements.json
	$(BIN)/kg query statements --store $(DEV_STORE) --format json > $(DEV_STORE)/../dev-statements.json
	$(BIN)/python tools/evaluate.py --scorer $(SHARED)/tools/score_statements.py \
	  --set seeds $(GOLD) $(CORPUS) $(STORE)/../statements.json $(DEV_SET)

eval-polnear: $(POLNEAR_STORE)/.built $(DEV_STORE)/.built
	$(BIN)/kg query statements --store $(POLNEAR_STORE) --format json > $(POLNEAR_STORE)/../polnear-statements.json
	$(BIN)/python $(SHARED)/tools/score_polnear.py --polnear $(POLNEAR) --results $(POLNEAR_STORE)/../polnear-statements.json
	$(BIN)/kg query statements --store $(DEV_STORE) --format json > $(DEV_STORE)/../dev-statements.json
	$(BIN)/python tools/evaluate.py --scorer $(SHARED)/tools/score_statements.py --brief $(DEV_SET)

# Body extraction on scrapinghub's article-extraction-benchmark (a copy in tests/data/, MIT): the reader's
# text beside trafilatura alone, scored by the benchmark's own evaluate.py; fails when ours scores lower.
eval-input: $(STAMP)
	$(BIN)/python tools/eval_input.py

bench: build
	$(BIN)/python bench/run.py --store $(STORE)
	$(BIN)/python bench/long_document.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/reading.py

# Canned-query latency over HTTP on a ~100k-quad store generated from the seed build (about a minute).
bench-quick: build
	rm -rf data/bench-quick
	$(BIN)/python bench/generate.py --source $(STORE) --out data/bench-quick --triples 100000
	KG_QUERY_TIMEOUT=10 $(BIN)/python bench/queries.py --store data/bench-quick --repeats 3 --out data/bench-quick.json

clean:
	rm -rf data .pytest_cache
