CREATE VIEW reporting.pipeline_health AS
-- A source's own failures. An article page whose host does not resolve is a dead
-- link in one item, not the source failing: it is counted apart.
WITH fetches AS (
    SELECT fl.*,
           (fl.outcome IN ('error', 'refused', 'blocked')
            OR (fl.outcome = 'unresolved' AND fl.request_kind IS DISTINCT FROM 'page')) AS is_source_error
    FROM raw.fetch_log fl
)
SELECT s.name                                             AS source_name,
       s.kind,
       s.active,
       s.last_polled_at,
       f.last_success_at,
       f.last_error_at,
       f.last_error,
       f.errors_24h,
       f.errors_7d,
       f.errors_total,
       f.fetches_7d,
       i.items_total,
       i.items_7d,
       round(i.items_7d / 7.0, 2)                         AS items_per_day_7d,
       i.items_pending,
       i.items_failed,
       l.mentions_30d,
       l.median_lag,
       l.max_lag,
       f.unresolved_pages_7d,
       coalesce(s.outlet, s.name)                         AS outlet
FROM raw.sources s
CROSS JOIN LATERAL (
    SELECT max(requested_at) FILTER (WHERE outcome IN ('ok', 'not_modified', 'unchanged'))          AS last_success_at,
           max(requested_at) FILTER (WHERE is_source_error)                                         AS last_error_at,
           (array_agg(error ORDER BY requested_at DESC, fetch_id DESC) FILTER (WHERE is_source_error))[1]
                                                                                                    AS last_error,
           count(*) FILTER (WHERE is_source_error AND requested_at > now() - interval '24 hours')   AS errors_24h,
           count(*) FILTER (WHERE is_source_error AND requested_at > now() - interval '7 days')     AS errors_7d,
           count(*) FILTER (WHERE is_source_error)                                                  AS errors_total,
           count(*) FILTER (WHERE requested_at > now() - interval '7 days')                         AS fetches_7d,
           count(*) FILTER (WHERE outcome = 'unresolved' AND request_kind = 'page'
                              AND requested_at > now() - interval '7 days')                        AS unresolved_pages_7d
    FROM fetches fl
    WHERE fl.source_name = s.name
) f
CROSS JOIN LATERAL (
    SELECT count(*)                                                         AS items_total,
           count(*) FILTER (WHERE fetched_at > now() - interval '7 days')   AS items_7d,
           count(*) FILTER (WHERE process_state = 'pending')                AS items_pending,
           count(*) FILTER (WHERE process_state = 'failed')                 AS items_failed
    FROM raw.items it
    WHERE it.source_name = s.name
) i
CROSS JOIN LATERAL (
    SELECT count(*)                                                         AS mentions_30d,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m.created_at - a.published_at) AS median_lag,
           max(m.created_at - a.published_at)                               AS max_lag
    FROM events.mentions m
    JOIN core.articles a ON a.article_id = m.article_id
    WHERE a.source_name = s.name
      AND a.published_at IS NOT NULL
      AND m.created_at > now() - interval '30 days'
) l;
COMMENT ON VIEW reporting.pipeline_health IS
    'One row per source: last successful fetch, error counts, items per day and the lag from publication to event in the database.';
COMMENT ON COLUMN reporting.pipeline_health.source_name IS 'The source (outlet or drop folder).';
COMMENT ON COLUMN reporting.pipeline_health.kind IS 'feed, page, folder or push.';
COMMENT ON COLUMN reporting.pipeline_health.active IS 'Whether the source is still polled.';
COMMENT ON COLUMN reporting.pipeline_health.last_polled_at IS 'When the source was last polled, whatever the outcome.';
COMMENT ON COLUMN reporting.pipeline_health.last_success_at IS 'Last fetch that worked: ok, not modified (HTTP 304) or unchanged body.';
COMMENT ON COLUMN reporting.pipeline_health.last_error_at IS 'Last fetch that failed: error, refused (unsafe URL), blocked, or unresolved host of the source itself (not of an article page).';
COMMENT ON COLUMN reporting.pipeline_health.last_error IS 'Message of that last failed fetch.';
COMMENT ON COLUMN reporting.pipeline_health.errors_24h IS 'Failed fetches (as for last_error_at) in the last 24 hours.';
COMMENT ON COLUMN reporting.pipeline_health.errors_7d IS 'Failed fetches in the last 7 days.';
COMMENT ON COLUMN reporting.pipeline_health.errors_total IS 'Failed fetches ever logged.';
COMMENT ON COLUMN reporting.pipeline_health.fetches_7d IS 'Fetches of any outcome in the last 7 days.';
COMMENT ON COLUMN reporting.pipeline_health.items_total IS 'Items ever landed from the source.';
COMMENT ON COLUMN reporting.pipeline_health.items_7d IS 'Items landed in the last 7 days.';
COMMENT ON COLUMN reporting.pipeline_health.items_per_day_7d IS 'Items landed per day, averaged over the last 7 days.';
COMMENT ON COLUMN reporting.pipeline_health.items_pending IS 'Items waiting for news_process.';
COMMENT ON COLUMN reporting.pipeline_health.items_failed IS 'Items news_process could not handle (see raw.items.process_error).';
COMMENT ON COLUMN reporting.pipeline_health.mentions_30d IS 'Event mentions loaded in the last 30 days from this source''s dated articles.';
COMMENT ON COLUMN reporting.pipeline_health.median_lag IS 'Median time from an article''s publication to its event mention being in the database (last 30 days of loads).';
COMMENT ON COLUMN reporting.pipeline_health.max_lag IS 'Longest such time over the same loads.';
COMMENT ON COLUMN reporting.pipeline_health.unresolved_pages_7d IS 'Article pages of the last 7 days whose host did not resolve (dead links in items; the feed summary stood in). Not counted as errors.';
COMMENT ON COLUMN reporting.pipeline_health.outlet IS 'The publisher behind the source; several feeds may share one.';
