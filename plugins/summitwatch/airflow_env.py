"""Running the project's DAGs with the ``airflow`` command, from outside Airflow.

The demo and the integration tests drive real Airflow as a separate process;
this module only builds its environment and runs its CLI, so the package
still never imports Airflow.

Airflow's own metadata lives in a PostgreSQL database next to the Summit
Watch one (``<name>_airflow`` on the same server) unless
``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN`` is already set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from summitwatch.db.connection import ensure_database, with_database
from summitwatch.paths import project_root
from summitwatch.sources.push import redis_url


class AirflowRunError(RuntimeError):
    pass


def sibling_database_url(url: str, suffix: str = "_airflow") -> str:
    """Create (if needed) a database beside ``url``'s and return its URL."""
    parts = urlsplit(url)
    sibling = f"{parts.path.lstrip('/') or 'postgres'}{suffix}"
    ensure_database(url, sibling)
    return with_database(url, sibling)


def sqlalchemy_url(libpq_url: str) -> str:
    """The same database for SQLAlchemy, which wants the driver spelled out.

    A ``?host=/socket/dir`` query (the embedded server) is passed through to libpq.
    """
    return urlunsplit(urlsplit(libpq_url)._replace(scheme="postgresql+psycopg2"))


def airflow_environment(
    database_url: str, airflow_home: Path, *, metadata_url: str | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    metadata = (
        metadata_url
        or env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")
        or sqlalchemy_url(sibling_database_url(database_url))
    )
    airflow_home.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "AIRFLOW_HOME": str(airflow_home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(project_root() / "dags"),
            # Not the repository's plugins/: that is the source of an installed
            # package, and Airflow would import each of its files as a top-level module.
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(airflow_home / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": env.get("AIRFLOW__CORE__EXECUTOR", "LocalExecutor"),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata,
            "AIRFLOW__LOGGING__LOGGING_LEVEL": env.get("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING"),
            "AIRFLOW_CONN_SUMMITWATCH_DB": database_url,
            # news_push's trigger listens on Redis through this connection.
            "AIRFLOW_CONN_SUMMITWATCH_REDIS": env.get("AIRFLOW_CONN_SUMMITWATCH_REDIS") or redis_url(),
            "DATABASE_URL": database_url,
            # Colour codes and the "new version available" banner make logs unreadable.
            "NO_COLOR": "1",
        }
    )
    return env


def airflow_command() -> list[str]:
    candidate = Path(sys.executable).with_name("airflow")
    if candidate.exists():
        return [str(candidate)]
    found = shutil.which("airflow")
    if not found:
        raise AirflowRunError("the airflow command is not installed in this environment")
    return [found]


def run_airflow(
    args: list[str], env: dict[str, str], *, timeout_s: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``airflow ARGS`` and raise with its output when it fails."""
    result = subprocess.run(
        airflow_command() + args, env=env, capture_output=True, text=True, timeout=timeout_s, check=False
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
        raise AirflowRunError(f"airflow {' '.join(args)} exited {result.returncode}:\n{tail}")
    return result
