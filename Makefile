# Set-up is part of every target: on a fresh machine `make plan` or `make test` installs
# a pinned uv (from PyPI, into a cache keyed by its version) and the locked environment;
# on a warm machine both steps are no-ops.
UV_VERSION := 0.13.8
UV_HOME := $(HOME)/.cache/souverain/uv-$(UV_VERSION)
UV := $(UV_HOME)/bin/uv
RUN := $(UV) run --frozen --all-packages
STACK ?= generic

.PHONY: setup plan test lint bench local-up local-down local-k8s-up local-k8s-down unit docs

$(UV):
	python3 -m pip install --quiet --disable-pip-version-check --target "$(UV_HOME)" "uv==$(UV_VERSION)"

setup: $(UV)
	$(UV) sync --frozen --all-packages

plan: setup
	$(RUN) souverain plan --stack $(STACK)

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy src providers/openstack/src providers/kubernetes/src providers/aws/src reference_platform.py __main__.py policies/__main__.py

test: lint
	$(RUN) pytest

# The fast tests: no engine, cloud, Kubernetes, template, browser or slow test (markers in
# pyproject.toml), so no Go, no root and no cloud; the slow marker keeps it under a minute
# of CPU time.
unit: setup
	$(RUN) pytest -q -m "not engine and not cloud and not k8s and not templates and not browser and not slow"

# Rewrite the documentation tables generated from the code (tests/docs fails when they drift).
docs: setup
	$(RUN) python -m tests.docs.tables

bench: setup
	$(RUN) python bench/startup.py
	$(RUN) python bench/parse.py
	$(RUN) python bench/plan.py
	$(RUN) --with checkov==3.3.30 python bench/check.py

local-up: setup
	scripts/deploy-local

local-down: setup
	scripts/deploy-local destroy
	scripts/local-cloud stop

local-k8s-up:
	scripts/local-k8s start

local-k8s-down:
	scripts/local-k8s stop
