# vanban — văn bản hành chính từ nguồn YAML. `make help` lists the targets.
.DEFAULT_GOAL := all
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
VANBAN := $(BIN)/vanban

$(BIN)/vanban: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pybabel -q compile -d pipeline/locale -D vanban
	@touch $@

.PHONY: all help install check build lint test golden template schema issue clean i18n review pdf archive register verify bench bench-sign sign sign-demo

all: build ## Install, then build every document in data/ (the build lints each one it writes)

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(BIN)/vanban ## Create .venv and install vanban into it

check: $(BIN)/vanban ## Check every source without writing anything
	$(VANBAN) check

build: $(BIN)/vanban ## Build every document into output/ (only what changed), linting each one written
	$(VANBAN) build

lint: $(BIN)/vanban ## Check the format of every DOCX in output/ (hand-made ones too; the build lints its own)
	$(VANBAN) lint

bench: $(BIN)/vanban ## Benchmark a synthetic national campaign (10,680 documents) in a temporary folder
	$(BIN)/python -m bench.run

bench-sign: $(BIN)/vanban ## Measure signing throughput (documents per second, signer and seal) in a temporary folder
	$(BIN)/python -m bench.sign

test: $(BIN)/vanban ## Run the tests
	$(BIN)/pytest

golden: $(BIN)/vanban ## Rewrite the golden files after a reviewed change
	$(BIN)/pytest tests/test_golden.py --update-golden

template: $(BIN)/vanban ## Rebuild templates/van-ban.docx from templates/make_template.py
	$(BIN)/python templates/make_template.py

schema: $(BIN)/vanban ## Write the JSON Schemas of the sources into schemas/
	$(VANBAN) schema --out schemas

issue: $(BIN)/vanban ## Issue a signed document: make issue DOC=<id> [DATE=YYYY-MM-DD]
	$(VANBAN) issue $(DOC) $(if $(DATE),--date $(DATE))

i18n: $(BIN)/vanban ## Extract the messages, update the English catalog, compile the catalogs
	$(BIN)/pybabel -q extract -F babel.cfg -k _ -k N_ --project vanban --add-location=file --sort-by-file --no-wrap -o pipeline/locale/vanban.pot pipeline
	$(BIN)/pybabel -q update --init-missing --ignore-obsolete --no-wrap -i pipeline/locale/vanban.pot -d pipeline/locale -D vanban -l en
	$(BIN)/pybabel compile --statistics -d pipeline/locale -D vanban

review: $(BIN)/vanban ## Review copies of output/: text, changes, index.html (SINCE=<git rev> to compare with)
	$(VANBAN) review $(if $(SINCE),--since $(SINCE))

pdf: $(BIN)/vanban ## Convert every built DOCX to PDF/A-2b (output/<campaign>/pdf/), one LibreOffice per core
	$(VANBAN) pdf

archive: $(BIN)/vanban ## Pack each campaign's issued documents (DOCX, PDF, edXML, register rows) into archive.zip
	$(VANBAN) archive

register: $(BIN)/vanban ## Export the Sổ đăng ký văn bản đi: make register [FORMAT=csv] [YEAR=2025] [ISSUER=id]
	$(VANBAN) register --format $(or $(FORMAT),xlsx) -o output/so-dang-ky.$(or $(FORMAT),xlsx) $(if $(YEAR),--year $(YEAR)) $(if $(ISSUER),--issuer $(ISSUER))

verify: $(BIN)/vanban ## Check output/ against its manifests and the register (no gap, no duplicate number)
	$(VANBAN) verify

sign: $(BIN)/vanban ## Sign an issued document's PDF/A: make sign DOC=<id> VAI=nguoi-ky|co-quan|ca-hai (password from VANBAN_MAT_KHAU or a prompt)
	$(VANBAN) sign $(DOC) --vai $(or $(VAI),ca-hai)

sign-demo: $(BIN)/vanban ## Sign a sample document with a throw-away CA under output/sign-demo/, verify it, print its path
	$(BIN)/python scripts/sign_demo.py $(DOC)

backup: $(BIN)/vanban ## Copy the register safely while others issue numbers: make backup [OUT=file]
	$(VANBAN) backup -o $(or $(OUT),so-dang-ky-$(shell date +%Y%m%d-%H%M%S).sqlite3)

clean: ## Remove output/ (keeps the register)
	find output -mindepth 1 ! -name README.md -exec rm -rf {} +
