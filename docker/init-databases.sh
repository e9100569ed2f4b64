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
-- No role gets into a database it has no business in (migration 0048 grants the Summit
-- Watch roles theirs); the owners keep their way in.
REVOKE CONNECT, TEMPORARY ON DATABASE airflow FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE summitwatch FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;
SQL
# Large objects are per database, and only a superuser may take their functions from PUBLIC
# (the summitwatch login runs the migrations and is none): do it here, once.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname summitwatch <<SQL
REVOKE EXECUTE ON FUNCTION lo_from_bytea(oid, bytea), lo_create(oid), lo_creat(integer),
    lo_import(text), lo_import(text, oid), lo_put(oid, bigint, bytea), lowrite(integer, bytea),
    lo_open(oid, integer) FROM PUBLIC;
SQL
