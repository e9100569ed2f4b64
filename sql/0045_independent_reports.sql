-- Independent reports count near duplicates once (issue 4): a wire story that
-- twenty outlets print with their own boilerplate is one report, not twenty.
-- near_duplicate_of points at the root original and is set for exact copies too.
-- The view keeps its columns and gains `stories` at the end.

CREATE OR REPLACE VIEW reporting.summit_events AS
SELECT e.event_id,
       e.kind,
       e.status,
       e.participants,
       e.organizations,
       e.location,
       e.country,
       e.event_date,
       e.date_precision,
       e.first_reported_at,
       e.last_reported_at,
       count(DISTINCT m.article_id)                                         AS articles,
       count(DISTINCT a.source_name)                                        AS sources,
       count(DISTINCT coalesce(a.near_duplicate_of, a.article_id))          AS independent_reports,
       e.confidence,
       d.date_from,
       (d.date_from + CASE e.date_precision
                          WHEN 'day' THEN interval '1 day'
                          WHEN 'month' THEN interval '1 month'
                          WHEN 'year' THEN interval '1 year'
                      END)::date - 1                                        AS date_to,
       e.event_key,
       count(DISTINCT a.story_id)                                           AS stories
FROM events.events e
CROSS JOIN LATERAL (
    SELECT make_date(split_part(e.event_date, '-', 1)::int,
                     coalesce(nullif(split_part(e.event_date, '-', 2), '')::int, 1),
                     coalesce(nullif(split_part(e.event_date, '-', 3), '')::int, 1)) AS date_from
) d
JOIN events.mentions m ON m.event_id = e.event_id
JOIN core.articles a ON a.article_id = m.article_id
GROUP BY e.event_id, d.date_from;
COMMENT ON COLUMN reporting.summit_events.independent_reports IS
    'Number of articles once copies are counted once: exact and near duplicates (the same text with small edits, boilerplate or truncation) count as their original.';
COMMENT ON COLUMN reporting.summit_events.stories IS
    'Number of distinct stories (one report rewritten by several outlets is one story) among the articles reporting the event.';
