# Set-up is part of every target: on a fresh machine `make plan` or `make test` installs
# uv (from PyPI) and the locked environment first; on a warm machine that is a no-op.
UV_VERSION := 0.13.8
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
RUN := $(UV) run --frozen --all-packages
STACK ?= generic

.PHONY: setup plan test lint bench

$(UV):
	python3 -m pip install --quiet --user "uv==$(UV_VERSION)"

setup: $(UV)
	$(UV) sync --frozen --all-packages

plan: setup
	$(RUN) souverain plan --stack $(STACK)

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy src providers/openstack/src reference_platform.py __main__.py

test: lint
	$(RUN) pytest

bench: setup
	$(RUN) python bench/plan.py
