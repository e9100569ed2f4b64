-- requires: reporting.event_mentions
CREATE VIEW reporting.status_history AS
-- Each status of an event, with the report that made it known first. Reports are
-- ordered by known_at, so a report dated only by its month counts from the end of
-- that month and never passes one dated within it.
WITH first_reports AS (
    SELECT DISTINCT ON (m.event_id, m.status) m.*
    FROM reporting.event_mentions m
    ORDER BY m.event_id, m.status, m.known_at, m.article_id
)
SELECT f.event_id,
       row_number() OVER w                                  AS step,
       f.status,
       lag(f.status) OVER w                                 AS previous_status,
       f.published_at                                       AS first_reported_at,
       f.article_id                                         AS first_article_id,
       f.outlet,
       f.url,
       f.title,
       (f.status = e.status)                                AS is_current,
       e.kind,
       e.participants,
       e.organizations,
       e.location,
       e.event_date,
       f.known_at,
       f.published_precision,
       f.link,
       f.source_name,
       f.evidence,
       f.loaded_at
FROM first_reports f
JOIN events.events e ON e.event_id = f.event_id
-- Ties in time are broken by the life-cycle order of the statuses.
WINDOW w AS (PARTITION BY f.event_id
             ORDER BY f.known_at,
                      array_position(ARRAY['proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled'],
                                     f.status),
                      f.article_id);
COMMENT ON VIEW reporting.status_history IS
    'Every status an event went through, in the order they became known, with the article that reported each first.';
COMMENT ON COLUMN reporting.status_history.event_id IS 'The event; joins summit_events.';
COMMENT ON COLUMN reporting.status_history.step IS '1 for the first status known, 2 for the next, ... (ordered by known_at).';
COMMENT ON COLUMN reporting.status_history.status IS 'A status the event was reported in.';
COMMENT ON COLUMN reporting.status_history.previous_status IS 'The status known before this one (none at step 1).';
COMMENT ON COLUMN reporting.status_history.first_reported_at IS 'Publication time of the first article reporting this status; read with published_precision.';
COMMENT ON COLUMN reporting.status_history.first_article_id IS 'That first article.';
COMMENT ON COLUMN reporting.status_history.outlet IS 'Publisher (outlet) of that first article.';
COMMENT ON COLUMN reporting.status_history.url IS 'Canonical URL (identity) of that first article; open link instead.';
COMMENT ON COLUMN reporting.status_history.title IS 'Headline of that first article.';
COMMENT ON COLUMN reporting.status_history.is_current IS 'True for the event''s latest status.';
COMMENT ON COLUMN reporting.status_history.kind IS 'Kind of the event.';
COMMENT ON COLUMN reporting.status_history.participants IS 'Participants of the event.';
COMMENT ON COLUMN reporting.status_history.organizations IS 'Groups of the event.';
COMMENT ON COLUMN reporting.status_history.location IS 'Place of the event.';
COMMENT ON COLUMN reporting.status_history.event_date IS 'Date of the event: YYYY-MM-DD, YYYY-MM or YYYY.';
COMMENT ON COLUMN reporting.status_history.known_at IS 'When this status became known: the first report''s publication time, placed at the end of its day, month or year when only that is known (event_mentions.known_at).';
COMMENT ON COLUMN reporting.status_history.published_precision IS 'How much of first_reported_at is known: second, day, month or year.';
COMMENT ON COLUMN reporting.status_history.link IS 'Working address of that first article (event_mentions.link).';
COMMENT ON COLUMN reporting.status_history.source_name IS 'The source (feed, folder) that delivered that first article.';
COMMENT ON COLUMN reporting.status_history.evidence IS 'The sentence of that first article that states the status.';
COMMENT ON COLUMN reporting.status_history.loaded_at IS 'When that first article''s report reached the database: status changes since yesterday are step > 1 AND loaded_at > now() - interval ''1 day''.';
