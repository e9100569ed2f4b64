-- The four layers of the Summit Watch database.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS events;
CREATE SCHEMA IF NOT EXISTS reporting;

COMMENT ON SCHEMA raw IS 'Landing tables: what was fetched, as fetched, append-only; payloads kept for reprocessing.';
COMMENT ON SCHEMA core IS 'Cleaned articles and their duplicate and story relations.';
COMMENT ON SCHEMA events IS 'Reference data (actors, places, groups) and extracted summit events with their mentions.';
COMMENT ON SCHEMA reporting IS 'Views for analysts; the only schema the analyst role can read.';
