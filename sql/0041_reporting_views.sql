-- The analysts' views. summit_events and event_mentions keep the columns 0005 gave
-- them (the CLI's event table reads them) and gain new ones at the end, which is what
-- CREATE OR REPLACE VIEW allows; the other three are new.

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
       count(DISTINCT coalesce(a.exact_duplicate_of, a.article_id))         AS independent_reports,
       e.confidence,
       d.date_from,
       (d.date_from + CASE e.date_precision
                          WHEN 'day' THEN interval '1 day'
                          WHEN 'month' THEN interval '1 month'
                          WHEN 'year' THEN interval '1 year'
                      END)::date - 1                                        AS date_to,
       e.event_key
FROM events.events e
CROSS JOIN LATERAL (
    SELECT make_date(split_part(e.event_date, '-', 1)::int,
                     coalesce(nullif(split_part(e.event_date, '-', 2), '')::int, 1),
                     coalesce(nullif(split_part(e.event_date, '-', 3), '')::int, 1)) AS date_from
) d
JOIN events.mentions m ON m.event_id = e.event_id
JOIN core.articles a ON a.article_id = m.article_id
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
COMMENT ON COLUMN reporting.summit_events.sources IS 'Number of distinct sources (outlets) reporting the event.';
COMMENT ON COLUMN reporting.summit_events.independent_reports IS 'Number of articles once exact duplicates (the same text in two places) are counted once.';
COMMENT ON COLUMN reporting.summit_events.confidence IS 'Highest extraction confidence among its mentions, 0 to 1.';
COMMENT ON COLUMN reporting.summit_events.date_from IS 'First day of the period event_date names (the day itself for day precision).';
COMMENT ON COLUMN reporting.summit_events.date_to IS 'Last day of the period event_date names; filter periods with date_from/date_to overlaps.';
COMMENT ON COLUMN reporting.summit_events.event_key IS 'Natural key of the event (kind family, participants or groups, place, date bucket).';

CREATE OR REPLACE VIEW reporting.event_mentions AS
SELECT m.event_id,
       m.mention_id,
       a.article_id,
       a.source_name AS outlet,
       a.canonical_url AS url,
       a.title,
       a.published_at,
       m.status,
       m.evidence,
       m.confidence,
       m.extractor_version,
       a.published_precision,
       a.language,
       a.doc_id,
       s.country AS outlet_country,
       m.kind,
       m.participants,
       m.organizations,
       m.location,
       m.country,
       m.event_date,
       a.exact_duplicate_of,
       m.created_at AS loaded_at
FROM events.mentions m
JOIN core.articles a ON a.article_id = m.article_id
JOIN raw.sources s ON s.name = a.source_name;
COMMENT ON VIEW reporting.event_mentions IS
    'Each article''s report of an event, with the evidence sentence, outlet, URL and publication time.';
COMMENT ON COLUMN reporting.event_mentions.event_id IS 'The event reported; joins summit_events.';
COMMENT ON COLUMN reporting.event_mentions.mention_id IS 'Identifier of this report.';
COMMENT ON COLUMN reporting.event_mentions.article_id IS 'The reporting article.';
COMMENT ON COLUMN reporting.event_mentions.outlet IS 'Source (outlet) that published the article.';
COMMENT ON COLUMN reporting.event_mentions.url IS 'Canonical URL of the article (none for dropped documents).';
COMMENT ON COLUMN reporting.event_mentions.title IS 'Headline of the article.';
COMMENT ON COLUMN reporting.event_mentions.published_at IS 'Publication time; read together with published_precision.';
COMMENT ON COLUMN reporting.event_mentions.status IS 'Status of the event as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.evidence IS 'The sentence of the article that states it.';
COMMENT ON COLUMN reporting.event_mentions.confidence IS 'Extraction confidence of this report, 0 to 1.';
COMMENT ON COLUMN reporting.event_mentions.extractor_version IS 'Version of the extractor that read the article.';
COMMENT ON COLUMN reporting.event_mentions.published_precision IS 'How much of published_at is known: second, day, month or year.';
COMMENT ON COLUMN reporting.event_mentions.language IS 'Detected ISO 639-1 language of the article.';
COMMENT ON COLUMN reporting.event_mentions.doc_id IS 'Human-readable identifier of the article: file name for dropped documents, else source and item.';
COMMENT ON COLUMN reporting.event_mentions.outlet_country IS 'ISO 3166-1 alpha-2 country of the outlet.';
COMMENT ON COLUMN reporting.event_mentions.kind IS 'Kind of gathering as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.participants IS 'Participants this article names.';
COMMENT ON COLUMN reporting.event_mentions.organizations IS 'Groups this article names.';
COMMENT ON COLUMN reporting.event_mentions.location IS 'Place as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.country IS 'Country of that place.';
COMMENT ON COLUMN reporting.event_mentions.event_date IS 'Date of the event as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.exact_duplicate_of IS 'Earliest article with the same text, when this one is an exact duplicate.';
COMMENT ON COLUMN reporting.event_mentions.loaded_at IS 'When this report reached the database.';

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

CREATE VIEW reporting.actor_meetings AS
WITH pairs AS (
    SELECT e.event_id, e.kind, e.status, e.location, e.country, e.event_date, a.actor AS actor_a, b.actor AS actor_b
    FROM events.events e
    CROSS JOIN LATERAL (SELECT DISTINCT unnest(e.participants) AS actor) a
    CROSS JOIN LATERAL (SELECT DISTINCT unnest(e.participants) AS actor) b
    WHERE a.actor < b.actor
)
SELECT actor_a,
       actor_b,
       count(*) FILTER (WHERE status = 'held' AND kind <> 'call')                              AS times_met,
       coalesce(array_agg(DISTINCT location ORDER BY location)
                    FILTER (WHERE status = 'held' AND kind <> 'call' AND location IS NOT NULL),
                '{}')                                                                           AS places,
       min(event_date) FILTER (WHERE status = 'held' AND kind <> 'call')                        AS first_met,
       max(event_date) FILTER (WHERE status = 'held' AND kind <> 'call')                        AS last_met,
       count(*) FILTER (WHERE status = 'held' AND kind = 'call')                                AS calls,
       count(*) FILTER (WHERE status IN ('proposed', 'invited', 'planned', 'postponed'))        AS pending_events,
       count(*) FILTER (WHERE status = 'cancelled')                                             AS cancelled_events,
       count(*)                                                                                 AS events,
       array_agg(event_id ORDER BY event_id)                                                    AS event_ids
FROM pairs
GROUP BY actor_a, actor_b;
COMMENT ON VIEW reporting.actor_meetings IS
    'One row per pair of actors named together in an event: how often and where they met, and what else is on record.';
COMMENT ON COLUMN reporting.actor_meetings.actor_a IS 'Canonical name of one actor; sorts before actor_b, so each pair appears once.';
COMMENT ON COLUMN reporting.actor_meetings.actor_b IS 'Canonical name of the other actor.';
COMMENT ON COLUMN reporting.actor_meetings.times_met IS 'Events of the pair with status held that were not phone calls.';
COMMENT ON COLUMN reporting.actor_meetings.places IS 'Distinct places where those held meetings took place.';
COMMENT ON COLUMN reporting.actor_meetings.first_met IS 'Date (YYYY-MM-DD, YYYY-MM or YYYY) of their earliest held meeting.';
COMMENT ON COLUMN reporting.actor_meetings.last_met IS 'Date of their latest held meeting.';
COMMENT ON COLUMN reporting.actor_meetings.calls IS 'Phone or video calls between the pair (kind call, status held).';
COMMENT ON COLUMN reporting.actor_meetings.pending_events IS 'Events of the pair still proposed, invited, planned or postponed.';
COMMENT ON COLUMN reporting.actor_meetings.cancelled_events IS 'Events of the pair that were cancelled.';
COMMENT ON COLUMN reporting.actor_meetings.events IS 'All events naming both actors, any kind and status.';
COMMENT ON COLUMN reporting.actor_meetings.event_ids IS 'Those events; join summit_events for details.';

CREATE VIEW reporting.pipeline_health AS
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
       l.max_lag
FROM raw.sources s
CROSS JOIN LATERAL (
    SELECT max(requested_at) FILTER (WHERE outcome IN ('ok', 'not_modified', 'unchanged'))          AS last_success_at,
           max(requested_at) FILTER (WHERE outcome IN ('error', 'refused', 'blocked'))              AS last_error_at,
           (array_agg(error ORDER BY requested_at DESC, fetch_id DESC)
                FILTER (WHERE outcome IN ('error', 'refused', 'blocked')))[1]                      AS last_error,
           count(*) FILTER (WHERE outcome IN ('error', 'refused', 'blocked')
                              AND requested_at > now() - interval '24 hours')                      AS errors_24h,
           count(*) FILTER (WHERE outcome IN ('error', 'refused', 'blocked')
                              AND requested_at > now() - interval '7 days')                        AS errors_7d,
           count(*) FILTER (WHERE outcome IN ('error', 'refused', 'blocked'))                       AS errors_total,
           count(*) FILTER (WHERE requested_at > now() - interval '7 days')                         AS fetches_7d
    FROM raw.fetch_log fl
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
COMMENT ON COLUMN reporting.pipeline_health.last_error_at IS 'Last fetch that failed: error, refused (unsafe URL) or blocked.';
COMMENT ON COLUMN reporting.pipeline_health.last_error IS 'Message of that last failed fetch.';
COMMENT ON COLUMN reporting.pipeline_health.errors_24h IS 'Failed fetches (error, refused, blocked) in the last 24 hours.';
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
