"""Where the project's data files live.

The package is installed in editable mode from the repository, so the
repository root is two levels above this file. ``SUMMITWATCH_HOME`` overrides
it for installs that put ``seeds/`` and ``sql/`` somewhere else (the Docker
image copies them to ``/opt/summitwatch``).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    override = os.environ.get("SUMMITWATCH_HOME")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2]


def seeds_dir() -> Path:
    return project_root() / "seeds"


def sql_dir() -> Path:
    return project_root() / "sql"


def data_dir() -> Path:
    """Local state of the embedded database and the demo (git-ignored)."""
    return Path(os.environ.get("SUMMITWATCH_DATA", project_root() / ".data"))
