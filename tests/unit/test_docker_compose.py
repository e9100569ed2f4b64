"""docker-compose.yml is validated with Debian's docker-compose (no engine needed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"


def _compose(*args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("docker-compose")
    assert binary, "docker-compose is required (make system-deps installs Debian's package)"
    return subprocess.run(
        [binary, "-f", str(COMPOSE), *args], capture_output=True, text=True, check=False, cwd=REPO
    )


def test_compose_file_is_valid() -> None:
    result = _compose("config", "-q")
    assert result.returncode == 0, result.stderr


def test_local_executor_by_default_and_celery_as_a_profile() -> None:
    assert _compose("--profile", "celery", "config", "-q").returncode == 0
    spec = yaml.safe_load(COMPOSE.read_text())
    # docker-compose v1 lists every service in `config --services`; profiles are read from the file.
    profiled = {name for name, service in spec["services"].items() if service.get("profiles")}
    assert profiled == {"redis", "airflow-worker"}
    assert spec["services"]["airflow-worker"]["profiles"] == ["celery"]
    assert set(spec["services"]["redis"]["profiles"]) == {"celery", "push"}
    core = {
        "postgres",
        "airflow-init",
        "airflow-apiserver",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
    }
    assert core == set(spec["services"]) - profiled
    env = spec["x-airflow-common"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "${AIRFLOW_EXECUTOR:-LocalExecutor}"
    assert "summitwatch" in env["AIRFLOW_CONN_SUMMITWATCH_DB"]


def test_init_service_migrates_airflow_and_summitwatch_and_loads_seeds() -> None:
    spec = yaml.safe_load(COMPOSE.read_text())
    script = "\n".join(spec["services"]["airflow-init"]["command"])
    assert (
        script.index("airflow db migrate")
        < script.index("summitwatch migrate")
        < script.index("summitwatch seed")
    )


def test_two_databases_are_created_on_first_start() -> None:
    init = (REPO / "docker" / "init-databases.sh").read_text()
    assert "CREATE DATABASE airflow" in init and "CREATE DATABASE summitwatch" in init
