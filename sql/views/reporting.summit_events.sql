-- requires: reporting.corrected_events
CREATE VIEW reporting.summit_events AS
-- Analysts' corrections applied (sql/views/reporting.corrected_events.sql); events
-- no correction touches are aggregated there exactly as this view did before them.
SELECT event_id,
       kind,
       status,
       participants,
       organizations,
       location,
       country,
       event_date,
       date_precision,
       first_reported_at,
       last_reported_at,
       articles,
       sources,
       independent_reports,
       confidence,
       date_from,
       date_to,
       event_key,
       stories,
       outlets,
       first_loaded_at,
       last_loaded_at,
       corrected,
       corrected_fields
FROM reporting.corrected_events
WHERE NOT rejected;
COMMENT ON VIEW reporting.summit_events IS
    'One row per canonical event: who, where, when, its latest status, and how many articles and distinct sources reported it; analysts'' corrections applied and marked.';
COMMENT ON COLUMN reporting.summit_events.event_id IS 'Identifier of the event; joins event_mentions and status_history (a merged gathering carries its lowest event_id).';
COMMENT ON COLUMN reporting.summit_events.kind IS 'summit, meeting, visit or call.';
COMMENT ON COLUMN reporting.summit_events.status IS 'Latest reported status (proposed, invited, planned, held, postponed or cancelled), or an analyst''s correction of it.';
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
COMMENT ON COLUMN reporting.summit_events.corrected IS 'True when an analyst''s correction changed this row (see reporting.corrected_events).';
COMMENT ON COLUMN reporting.summit_events.corrected_fields IS 'What was corrected: status, kind, event_date, location, participants, mentions.';
