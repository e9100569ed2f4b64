CREATE VIEW reporting.status_history AS
SELECT h.event_id,
       row_number() OVER w                                  AS step,
       h.status,
       lag(h.status) OVER w                                 AS previous_status,
       h.first_reported_at,
       h.first_article_id,
       a.source_name                                        AS outlet,
       a.canonical_url                                      AS url,
       a.title,
       (h.status = e.status)                                AS is_current,
       e.kind,
       e.participants,
       e.organizations,
       e.location,
       e.event_date
FROM events.status_history h
JOIN events.events e ON e.event_id = h.event_id
JOIN core.articles a ON a.article_id = h.first_article_id
-- Ties in time are broken by the life-cycle order of the statuses.
WINDOW w AS (PARTITION BY h.event_id
             ORDER BY h.first_reported_at,
                      array_position(ARRAY['proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled'],
                                     h.status),
                      h.first_article_id);
COMMENT ON VIEW reporting.status_history IS
    'Every status an event went through, in the order they were first reported, with the article that reported each first.';
COMMENT ON COLUMN reporting.status_history.event_id IS 'The event; joins summit_events.';
COMMENT ON COLUMN reporting.status_history.step IS '1 for the first status reported, 2 for the next, ...';
COMMENT ON COLUMN reporting.status_history.status IS 'A status the event was reported in.';
COMMENT ON COLUMN reporting.status_history.previous_status IS 'The status reported before this one (none at step 1).';
COMMENT ON COLUMN reporting.status_history.first_reported_at IS 'Publication time of the first article reporting this status.';
COMMENT ON COLUMN reporting.status_history.first_article_id IS 'That first article.';
COMMENT ON COLUMN reporting.status_history.outlet IS 'Source (outlet) of that first article.';
COMMENT ON COLUMN reporting.status_history.url IS 'Canonical URL of that first article.';
COMMENT ON COLUMN reporting.status_history.title IS 'Headline of that first article.';
COMMENT ON COLUMN reporting.status_history.is_current IS 'True for the event''s latest status.';
COMMENT ON COLUMN reporting.status_history.kind IS 'Kind of the event.';
COMMENT ON COLUMN reporting.status_history.participants IS 'Participants of the event.';
COMMENT ON COLUMN reporting.status_history.organizations IS 'Groups of the event.';
COMMENT ON COLUMN reporting.status_history.location IS 'Place of the event.';
COMMENT ON COLUMN reporting.status_history.event_date IS 'Date of the event: YYYY-MM-DD, YYYY-MM or YYYY.';
