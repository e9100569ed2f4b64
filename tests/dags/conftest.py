from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="session")
def dagbag() -> Any:
    # Airflow's dag processor puts the bundle (dags/) on sys.path; do the same.
    if str(DAGS) not in sys.path:
        sys.path.append(str(DAGS))
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))
