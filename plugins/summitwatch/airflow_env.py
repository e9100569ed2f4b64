"""Running the project's DAGs with the ``airflow`` command, from outside Airflow.

The demo and the integration tests drive real Airflow as a separate process;
this module only builds its environment and runs its CLI, so the package
still never imports Airflow.

Airflow's own metadata lives in a PostgreSQL database next to the Summit
Watch one (``<name>_airflow`` on the same server) unless
``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN`` is already set.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import psycopg2.extensions

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


# `airflow standalone` on one small machine: a few task slots instead of 32 worker
# processes, one parsing process and one API worker, the UI on loopback only, the
# project's DAGs running as soon as they are parsed. Each can be overridden from
# the environment.
STANDALONE_SETTINGS = {
    "AIRFLOW__CORE__PARALLELISM": "4",
    "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1",
    "AIRFLOW__API__WORKERS": "1",
    "AIRFLOW__API__HOST": "127.0.0.1",
    "AIRFLOW__API__PORT": "8080",
    "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
    "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
}
ADMIN_USER = "admin"


def standalone_environment(database_url: str, airflow_home: Path) -> dict[str, str]:
    """``airflow_environment`` plus what ``airflow standalone`` needs on one machine.

    Standalone starts its scheduler, dag-processor, api-server and triggerer as
    ``airflow`` commands found on ``PATH``, so the virtualenv's ``bin`` goes first.
    """
    env = airflow_environment(database_url, airflow_home)
    for key, value in STANDALONE_SETTINGS.items():
        env[key] = os.environ.get(key) or value
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def ensure_admin_password(airflow_home: Path) -> tuple[str, Path]:
    """The UI's admin password and the file it is kept in, made on first use.

    Airflow's simple auth manager keeps passwords there and only invents (and
    prints, once) one for users missing from it; writing it first means the
    password can be shown on every start.
    """
    path = airflow_home / "simple_auth_manager_passwords.json.generated"
    passwords = json.loads(path.read_text(encoding="utf-8") or "{}") if path.exists() else {}
    if ADMIN_USER not in passwords:
        passwords[ADMIN_USER] = secrets.token_urlsafe(12)
        airflow_home.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(passwords), encoding="utf-8")
        path.chmod(0o600)
    return str(passwords[ADMIN_USER]), path


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


# The long-running Airflow services a deployment runs (besides workers).
AIRFLOW_SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer")


def free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def metadata_connection(env: dict[str, str]) -> psycopg2.extensions.connection:
    """An autocommit connection to Airflow's metadata database named in ``env``."""
    url = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].replace("postgresql+psycopg2://", "postgresql://")
    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


@contextmanager
def airflow_services(
    env: dict[str, str], log_dir: Path, *, config: dict[str, str] | None = None
) -> Iterator[dict[str, str]]:
    """Run the api-server, scheduler, dag-processor and triggerer until the block ends.

    ``env`` is an ``airflow_environment`` whose metadata database is migrated. The
    api-server listens on an ephemeral loopback port; DAGs start paused. ``config``
    (``AIRFLOW__...`` variables) overrides the intervals set here. Yields the
    services' environment; each service logs to ``log_dir/NAME.log``.
    """
    port = free_loopback_port()
    env = dict(env)
    env.update(
        {
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": "summitwatch-local-services-secret",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            "AIRFLOW__CORE__PARALLELISM": "4",
            **(config or {}),
        }
    )
    commands = {name: [name] for name in AIRFLOW_SERVICES}
    commands["api-server"] += ["--port", str(port), "--host", "127.0.0.1"]
    log_dir.mkdir(parents=True, exist_ok=True)
    logs = {name: (log_dir / f"{name}.log").open("w") for name in commands}
    processes = {
        name: subprocess.Popen(airflow_command() + args, env=env, stdout=logs[name], stderr=subprocess.STDOUT)
        for name, args in commands.items()
    }
    try:
        yield env
    finally:
        # The api-server stops last: the scheduler waits for its running tasks, and
        # they report their end through the api-server's execution API.
        api_server = processes.pop("api-server")
        for group in (list(processes.values()), [api_server]):
            for process in group:
                process.terminate()
            for process in group:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        for handle in logs.values():
            handle.close()


def service_log_tails(log_dir: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of each service's log, for a failure report."""
    parts = []
    for name in AIRFLOW_SERVICES:
        text = (log_dir / f"{name}.log").read_text(errors="replace").splitlines()
        parts.append("\n".join([f"---- {name} (last {lines} lines) ----", *text[-lines:]]))
    return "\n".join(parts)


def wait_for_dags(meta: psycopg2.extensions.connection, dag_ids: Sequence[str], deadline: float) -> None:
    """Return once the dag-processor has registered ``dag_ids`` (they can be unpaused then)."""
    while True:
        with meta.cursor() as cur:
            cur.execute("SELECT count(*) FROM dag WHERE dag_id = ANY(%s)", (list(dag_ids),))
            if cur.fetchone()[0] == len(dag_ids):  # type: ignore[index]
                return
        if time.monotonic() > deadline:
            raise AirflowRunError(f"the dag-processor did not register {list(dag_ids)} in time")
        time.sleep(0.5)
