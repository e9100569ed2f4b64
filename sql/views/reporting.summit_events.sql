CREATE VIEW reporting.summit_events AS
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
       count(DISTINCT a.story_id)                                           AS stories,
       count(DISTINCT coalesce(s.outlet, s.name))                           AS outlets,
       min(m.created_at)                                                    AS first_loaded_at,
       max(m.created_at)                                                    AS last_loaded_at
FROM events.events e
CROSS JOIN LATERAL (
    SELECT make_date(split_part(e.event_date, '-', 1)::int,
                     coalesce(nullif(split_part(e.event_date, '-', 2), '')::int, 1),
                     coalesce(nullif(split_part(e.event_date, '-', 3), '')::int, 1)) AS date_from
) d
JOIN events.mentions m ON m.event_id = e.event_id
JOIN core.articles a ON a.article_id = m.article_id
JOIN raw.sources s ON s.name = a.source_name
GROUP BY e.event_id, d.date_from;
COMMENT ON VIEW reporting.summit_events IS
    'One row per canonical event: who, where, when, its latest status, and how many articles and distinct sources reported it.';
COMMENT ON COLUMN reporting.summit_events.event_id IS 'Identifier of the event; joins event_mentions and status_history.';
COMMENT ON COLUMN reporting.summit_events.kind IS 'summit, meeting, visit or call.';
COMMENT ON COLUMN reporting.summit_events.status IS 'Latest reported status: proposed, invited, planned, held, postponed or cancelled.';
COMMENT ON COLUMN reporting.summit_events.participants IS 'Canonical English names of the people taking part (text array).';
COMMENT ON COLUMN reporting.summit_events.organizations IS 'Groups whose summit it is (G7, G20, BRICS, NATO, EU, ...).';
COMMENT ON COLUMN reporting.summit_events.location IS 'Place: city in English.';
COMMENT ON COLUMN reporting.summit_events.country IS 'ISO 3166-1 alpha-2 country of the place.';
COMMENT ON COLUMN reporting.summit_events.event_date IS 'When it happens or happened as reported: YYYY-MM-DD, YYYY-MM or YYYY.';
COMMENT ON COLUMN reporting.summit_events.date_precision IS 'day, month or year: how much of event_date is known.';
COMMENT ON COLUMN reporting.summit_events.first_reported_at IS 'Publication time of the earliest article reporting the event.';
COMMENT ON COLUMN reporting.summit_events.last_reported_at IS 'Publication time of the latest article reporting the event.';
COMMENT ON COLUMN reporting.summit_events.articles IS 'Number of articles reporting the event.';
COMMENT ON COLUMN reporting.summit_events.sources IS 'Number of distinct sources (feeds, folders, push) reporting the event; see outlets for publishers.';
COMMENT ON COLUMN reporting.summit_events.confidence IS 'Highest extraction confidence among its mentions, 0 to 1.';
COMMENT ON COLUMN reporting.summit_events.date_from IS 'First day of the period event_date names (the day itself for day precision).';
COMMENT ON COLUMN reporting.summit_events.date_to IS 'Last day of the period event_date names; filter periods with date_from/date_to overlaps.';
COMMENT ON COLUMN reporting.summit_events.event_key IS 'Natural key of the event (kind family, participants or groups, place, date bucket).';
COMMENT ON COLUMN reporting.summit_events.independent_reports IS
    'Number of articles once copies are counted once: exact and near duplicates (the same text with small edits, boilerplate or truncation) count as their original.';
COMMENT ON COLUMN reporting.summit_events.stories IS
    'Number of distinct stories (one report rewritten by several outlets is one story) among the articles reporting the event.';
COMMENT ON COLUMN reporting.summit_events.outlets IS 'Number of distinct publishers (raw.sources.outlet) reporting the event: two feeds of one publisher are one outlet.';
COMMENT ON COLUMN reporting.summit_events.first_loaded_at IS 'When the first report of the event reached the database: "new since yesterday" is first_loaded_at > now() - interval ''1 day''.';
COMMENT ON COLUMN reporting.summit_events.last_loaded_at IS 'When the latest report of the event reached the database.';
