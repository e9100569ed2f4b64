-- The HTML reports written (issue 15): a report tells what changed since the one before it.

CREATE TABLE core.reports (
    path          text PRIMARY KEY,
    run_id        text,
    generated_at  timestamptz NOT NULL,
    events        integer NOT NULL CHECK (events >= 0)
);
COMMENT ON TABLE core.reports IS 'Every HTML report written (by summit_report or summitwatch report), so the next one can show what changed since.';
COMMENT ON COLUMN core.reports.path IS 'Where the report file was written (natural key: rewriting a file updates its row).';
COMMENT ON COLUMN core.reports.run_id IS 'The Airflow run that wrote it, if any.';
COMMENT ON COLUMN core.reports.generated_at IS 'When its data was read (the database''s now() of that transaction).';
COMMENT ON COLUMN core.reports.events IS 'How many events it showed.';
ALTER TABLE core.reports OWNER TO summitwatch_pipeline;
