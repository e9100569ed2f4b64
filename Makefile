# Summit Watch — the two commands are `make demo` and `make test`.
# Both create .venv and install the locked dependencies on first use.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test check install airflow lint format typecheck lock system-deps bench clean

demo: $(STAMP)
	$(BIN)/summitwatch demo

test: $(STAMP) system-deps lint
	$(BIN)/pytest

# The fast tier: lint, type check, unit and DAG tests; no service is needed.
# The database and Redis URLs point at a closed loopback port, so a test that
# reaches for a service fails here instead of quietly using a local one.
check: $(STAMP) system-deps lint
	DATABASE_URL=postgresql://postgres@127.0.0.1:9/none SUMMITWATCH_REDIS_URL=redis://127.0.0.1:9/0 \
	  $(BIN)/pytest tests/unit tests/dags -q -p no:cacheprovider

install: $(STAMP)

# Airflow standalone for one machine (README, "Running with live feeds");
# `make airflow SOURCES=seeds/demo/sources.csv` polls the demo sources instead of live feeds.
airflow: $(STAMP)
	$(BIN)/summitwatch airflow $(if $(SOURCES),--sources $(SOURCES))

# Dependencies are byte-compiled once here (uv does not by default): with
# PYTHONDONTWRITEBYTECODE no process writes them later, so every `airflow` process the
# tests start (CLI calls, services, task runners) would compile Airflow from source again.
$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

# Debian tools the tests use: docker-compose validates docker-compose.yml
# (no Docker engine needed), chromium renders the HTML report.
system-deps:
	@missing=""; \
	command -v docker-compose >/dev/null || missing="$$missing docker-compose"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/ruff check --select AIR3 dags
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve the lock after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet pyproject.toml --extra airflow --extra dev --python-version 3.11 -o requirements.lock

bench: $(STAMP)
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache
