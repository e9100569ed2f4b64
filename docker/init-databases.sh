#!/usr/bin/env bash
# First start of the postgres container: one database for Airflow's metadata,
# one for Summit Watch, each with its own owner.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE airflow LOGIN PASSWORD '${AIRFLOW_DB_PASSWORD:-airflow}';
CREATE DATABASE airflow OWNER airflow;
-- CREATEROLE: migration 0042 creates the pipeline and analyst roles.
CREATE ROLE summitwatch LOGIN CREATEROLE PASSWORD '${SUMMITWATCH_DB_PASSWORD:-summitwatch}';
CREATE DATABASE summitwatch OWNER summitwatch;
SQL
