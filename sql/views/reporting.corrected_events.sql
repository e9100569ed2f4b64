-- requires: reporting.correction_targets
-- Two branches: gatherings a correction touches are computed from their events and
-- reports with the corrections applied (reporting.corrected_gatherings); every other
-- event passes through as summit_events computed it before corrections (the second
-- branch), so a query for one event or one actor is planned as before. The function runs with the owner's rights (the views'
-- readers may not read events.*) and without JIT: its plan's cost estimates are
-- pessimistic, and compiling it would take longer than running it.
-- It lives here, not in a migration, because it reads correction_targets: it is
-- created after that view and before this one each time the views are recreated,
-- dropped first so that a change of its result columns is no error (DROP VIEW leaves
-- functions alone; the views that call it are dropped by then).
DROP FUNCTION IF EXISTS reporting.corrected_gatherings();
CREATE FUNCTION reporting.corrected_gatherings()
RETURNS TABLE (event_id bigint, kind text, status text, participants text[], organizations text[],
               location text, country text, event_date text, date_precision text,
               first_reported_at timestamptz, last_reported_at timestamptz, articles bigint, sources bigint,
               independent_reports bigint, confidence real, date_from date, date_to date, event_key text,
               stories bigint, outlets bigint, first_loaded_at timestamptz, last_loaded_at timestamptz,
               corrected boolean, corrected_fields text[], rejected boolean,
               correction_ids bigint[], member_event_ids bigint[], extracted jsonb)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
WITH RECURSIVE targets AS (
    SELECT t.correction_id, t.action, t.mention_id, t.event_id, t.other_event_id,
           c.value, c.country, c.made_at
    FROM reporting.correction_targets t JOIN reporting.corrections c USING (correction_id)
    WHERE t.event_id IS NOT NULL
),
touched AS (
    SELECT event_id FROM targets
    UNION
    SELECT other_event_id FROM targets WHERE other_event_id IS NOT NULL
),
merge_edges AS (
    SELECT event_id AS a, other_event_id AS b FROM targets
    WHERE action = 'same_gathering' AND other_event_id IS NOT NULL AND other_event_id <> event_id
    UNION
    SELECT other_event_id, event_id FROM targets
    WHERE action = 'same_gathering' AND other_event_id IS NOT NULL AND other_event_id <> event_id
),
reach (event_id, member) AS (
    SELECT a, a FROM merge_edges
    UNION
    SELECT r.event_id, e.b FROM reach r JOIN merge_edges e ON e.a = r.member
),
gathering AS (
    SELECT event_id, min(member) AS gathering_id FROM reach GROUP BY event_id
),
moves AS (
    SELECT DISTINCT ON (mention_id) mention_id, other_event_id
    FROM targets
    WHERE action = 'move_mention' AND other_event_id IS NOT NULL
    ORDER BY mention_id, made_at DESC, correction_id DESC
),
members AS (
    SELECT e.*, coalesce(g.gathering_id, e.event_id) AS gathering_id
    FROM events.events e LEFT JOIN gathering g USING (event_id)
    WHERE e.event_id IN (SELECT event_id FROM touched)
),
reports AS (
    SELECT coalesce(g.gathering_id, mv.other_event_id, m.event_id) AS gathering_id,
           mv.mention_id IS NOT NULL AS moved, m.created_at, a.article_id, a.source_name, a.near_duplicate_of,
           a.story_id, coalesce(s.outlet, s.name) AS outlet
    FROM events.mentions m
    JOIN core.articles a ON a.article_id = m.article_id
    JOIN raw.sources s ON s.name = a.source_name
    LEFT JOIN moves mv ON mv.mention_id = m.mention_id
    LEFT JOIN gathering g ON g.event_id = coalesce(mv.other_event_id, m.event_id)
    WHERE m.event_id IN (SELECT event_id FROM touched)
),
counted AS (
    SELECT gathering_id,
           count(DISTINCT article_id)                                    AS articles,
           count(DISTINCT source_name)                                   AS sources,
           count(DISTINCT coalesce(near_duplicate_of, article_id))       AS independent_reports,
           count(DISTINCT story_id)                                      AS stories,
           count(DISTINCT outlet)                                        AS outlets,
           min(created_at)                                               AS first_loaded_at,
           max(created_at)                                               AS last_loaded_at,
           bool_or(moved)                                                AS moved_in
    FROM reports GROUP BY gathering_id
),
grouped AS (
    SELECT gathering_id,
           array_agg(event_id ORDER BY event_id)                                        AS member_event_ids,
           (array_agg(status ORDER BY last_reported_at DESC NULLS LAST, event_id DESC))[1] AS status,
           min(first_reported_at)                                                       AS first_reported_at,
           max(last_reported_at)                                                        AS last_reported_at,
           max(confidence)                                                              AS confidence
    FROM members GROUP BY gathering_id
),
people AS (
    SELECT gathering_id, array_agg(DISTINCT p ORDER BY p) AS participants
    FROM members, unnest(participants) p GROUP BY gathering_id
),
groups_of AS (
    SELECT gathering_id, array_agg(DISTINCT o ORDER BY o) AS organizations
    FROM members, unnest(organizations) o GROUP BY gathering_id
),
applied AS (
    SELECT coalesce(g.gathering_id, t.event_id) AS gathering_id, t.*
    FROM targets t LEFT JOIN gathering g ON g.event_id = t.event_id
    -- A merge or move whose other anchor vanished applies to nothing (orphaned_corrections).
    WHERE t.action NOT IN ('same_gathering', 'move_mention') OR t.other_event_id IS NOT NULL
    UNION ALL
    -- A moved report corrects the gathering it joins as well as the one it leaves.
    SELECT coalesce(g.gathering_id, t.other_event_id), t.*
    FROM targets t LEFT JOIN gathering g ON g.event_id = t.other_event_id
    WHERE t.action = 'move_mention' AND t.other_event_id IS NOT NULL
),
-- Per gathering, the latest correction of each value wins.
fixes AS (
    SELECT gathering_id,
           (array_agg(value ORDER BY made_at DESC, correction_id DESC) FILTER (WHERE action = 'set_status'))[1] AS status_fix,
           (array_agg(value ORDER BY made_at DESC, correction_id DESC) FILTER (WHERE action = 'set_kind'))[1] AS kind_fix,
           (array_agg(value ORDER BY made_at DESC, correction_id DESC) FILTER (WHERE action = 'set_date'))[1] AS date_fix,
           (array_agg(value ORDER BY made_at DESC, correction_id DESC) FILTER (WHERE action = 'set_place'))[1] AS place_fix,
           (array_agg(country ORDER BY made_at DESC, correction_id DESC) FILTER (WHERE action = 'set_place'))[1] AS country_fix,
           coalesce(array_agg(DISTINCT value) FILTER (WHERE action = 'remove_participant'), '{}') AS removed,
           bool_or(action = 'not_an_event')                                       AS rejected,
           bool_or(action IN ('same_gathering', 'move_mention'))                   AS regrouped,
           array_agg(DISTINCT correction_id ORDER BY correction_id)                AS correction_ids
    FROM applied GROUP BY gathering_id
),
resolved AS (
    SELECT gr.*, coalesce(pp.participants, '{}') AS participants, coalesce(go.organizations, '{}') AS organizations,
           rep.kind AS extracted_kind, rep.location AS extracted_location,
           rep.country AS extracted_country, rep.event_date AS extracted_date, rep.event_key,
           fx.status_fix, fx.kind_fix, fx.date_fix, fx.place_fix, fx.country_fix,
           coalesce(fx.removed, '{}') AS removed,
           coalesce(fx.rejected, false) AS rejected,
           coalesce(fx.regrouped, false) AS regrouped,
           coalesce(fx.correction_ids, '{}') AS correction_ids
    FROM grouped gr
    JOIN members rep ON rep.event_id = gr.gathering_id
    LEFT JOIN people pp ON pp.gathering_id = gr.gathering_id
    LEFT JOIN groups_of go ON go.gathering_id = gr.gathering_id
    LEFT JOIN fixes fx ON fx.gathering_id = gr.gathering_id
),
final AS (
    SELECT r.*,
           coalesce(r.status_fix, r.status)                                      AS status_now,
           coalesce(r.kind_fix, r.extracted_kind)                                AS kind_now,
           coalesce(r.date_fix, r.extracted_date)                                AS date_now,
           CASE WHEN r.place_fix IS NOT NULL THEN r.place_fix ELSE r.extracted_location END AS location_now,
           CASE WHEN r.place_fix IS NOT NULL THEN r.country_fix ELSE r.extracted_country END AS country_now,
           array(SELECT p FROM unnest(r.participants) p WHERE p <> ALL (r.removed) ORDER BY p) AS participants_now
    FROM resolved r
)
SELECT f.gathering_id                                                           AS event_id,
       f.kind_now                                                               AS kind,
       f.status_now                                                             AS status,
       f.participants_now                                                       AS participants,
       f.organizations,
       f.location_now                                                           AS location,
       f.country_now                                                            AS country,
       f.date_now                                                               AS event_date,
       CASE length(f.date_now) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END AS date_precision,
       f.first_reported_at,
       f.last_reported_at,
       c.articles,
       c.sources,
       c.independent_reports,
       f.confidence,
       d.date_from,
       (d.date_from + CASE length(f.date_now)
                          WHEN 10 THEN interval '1 day'
                          WHEN 7 THEN interval '1 month'
                          WHEN 4 THEN interval '1 year'
                      END)::date - 1                                            AS date_to,
       f.event_key,
       c.stories,
       c.outlets,
       c.first_loaded_at,
       c.last_loaded_at,
       cardinality(f.correction_ids) > 0 OR cardinality(f.member_event_ids) > 1 OR c.moved_in AS corrected,
       array_remove(ARRAY[
           CASE WHEN f.rejected THEN 'not_an_event' END,
           CASE WHEN f.status_fix IS NOT NULL THEN 'status' END,
           CASE WHEN f.kind_fix IS NOT NULL THEN 'kind' END,
           CASE WHEN f.date_fix IS NOT NULL THEN 'event_date' END,
           CASE WHEN f.place_fix IS NOT NULL THEN 'location' END,
           CASE WHEN cardinality(f.removed) > 0 THEN 'participants' END,
           CASE WHEN f.regrouped OR cardinality(f.member_event_ids) > 1 OR c.moved_in THEN 'mentions' END
       ], NULL)                                                                 AS corrected_fields,
       f.rejected,
       f.correction_ids,
       f.member_event_ids,
       jsonb_build_object('kind', f.extracted_kind, 'status', f.status, 'participants', to_jsonb(f.participants),
                          'location', f.extracted_location, 'country', f.extracted_country,
                          'event_date', f.extracted_date)                       AS extracted
FROM final f
JOIN counted c ON c.gathering_id = f.gathering_id
CROSS JOIN LATERAL (
    SELECT make_date(split_part(f.date_now, '-', 1)::int,
                     coalesce(nullif(split_part(f.date_now, '-', 2), '')::int, 1),
                     coalesce(nullif(split_part(f.date_now, '-', 3), '')::int, 1)) AS date_from
) d;
$$;
COMMENT ON FUNCTION reporting.corrected_gatherings() IS
    'The gatherings corrections touch, corrections applied: the first branch of reporting.corrected_events.';
REVOKE ALL ON FUNCTION reporting.corrected_gatherings() FROM PUBLIC;
ALTER FUNCTION reporting.corrected_gatherings() OWNER TO summitwatch_pipeline;
GRANT EXECUTE ON FUNCTION reporting.corrected_gatherings() TO summitwatch_analyst;

-- The second branch is the aggregate summit_events was before corrections
-- (bench/corrections.py times it as the view before).

CREATE VIEW reporting.corrected_events AS
SELECT * FROM reporting.corrected_gatherings()
UNION ALL
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
       max(m.created_at)                                                    AS last_loaded_at,
       false                                                                AS corrected,
       '{}'::text[]                                                         AS corrected_fields,
       false                                                                AS rejected,
       '{}'::bigint[]                                                       AS correction_ids,
       ARRAY[e.event_id]                                                    AS member_event_ids,
       jsonb_build_object('kind', e.kind, 'status', e.status, 'participants', to_jsonb(e.participants),
                          'location', e.location, 'country', e.country, 'event_date', e.event_date) AS extracted
FROM events.events e
CROSS JOIN LATERAL (
    SELECT make_date(split_part(e.event_date, '-', 1)::int,
                     coalesce(nullif(split_part(e.event_date, '-', 2), '')::int, 1),
                     coalesce(nullif(split_part(e.event_date, '-', 3), '')::int, 1)) AS date_from
) d
JOIN events.mentions m ON m.event_id = e.event_id
JOIN core.articles a ON a.article_id = m.article_id
JOIN raw.sources s ON s.name = a.source_name
WHERE e.event_id NOT IN (SELECT t.event_id FROM reporting.correction_targets t WHERE t.event_id IS NOT NULL
                         UNION
                         SELECT t.other_event_id FROM reporting.correction_targets t
                         WHERE t.other_event_id IS NOT NULL)
GROUP BY e.event_id, d.date_from;
COMMENT ON VIEW reporting.corrected_events IS
    'One row per gathering with the analysts'' corrections applied: merged events are one row, moved reports count where they belong, rejected events are kept but flagged; summit_events shows the rows not rejected.';
COMMENT ON COLUMN reporting.corrected_events.event_id IS 'The gathering: the lowest event_id of the events it merges (the event''s own id when nothing was merged).';
COMMENT ON COLUMN reporting.corrected_events.kind IS 'Kind, corrected if an analyst said so.';
COMMENT ON COLUMN reporting.corrected_events.status IS 'Status, corrected if an analyst said so (else the latest reported one).';
COMMENT ON COLUMN reporting.corrected_events.participants IS 'People taking part, without those an analyst said did not.';
COMMENT ON COLUMN reporting.corrected_events.organizations IS 'Groups whose summit it is.';
COMMENT ON COLUMN reporting.corrected_events.location IS 'City, corrected if an analyst said so.';
COMMENT ON COLUMN reporting.corrected_events.country IS 'ISO 3166-1 alpha-2 country of the city, corrected with it.';
COMMENT ON COLUMN reporting.corrected_events.event_date IS 'Date (YYYY-MM-DD, YYYY-MM or YYYY), corrected if an analyst said so.';
COMMENT ON COLUMN reporting.corrected_events.date_precision IS 'day, month or year, from event_date.';
COMMENT ON COLUMN reporting.corrected_events.first_reported_at IS 'Publication time of the earliest article reporting it.';
COMMENT ON COLUMN reporting.corrected_events.last_reported_at IS 'Publication time of the latest article reporting it.';
COMMENT ON COLUMN reporting.corrected_events.articles IS 'Articles reporting it, moved reports counted where they belong.';
COMMENT ON COLUMN reporting.corrected_events.sources IS 'Distinct sources reporting it.';
COMMENT ON COLUMN reporting.corrected_events.independent_reports IS 'Articles once exact and near duplicates count as their original.';
COMMENT ON COLUMN reporting.corrected_events.confidence IS 'Highest extraction confidence among its events, 0 to 1.';
COMMENT ON COLUMN reporting.corrected_events.date_from IS 'First day of the period event_date names.';
COMMENT ON COLUMN reporting.corrected_events.date_to IS 'Last day of the period event_date names.';
COMMENT ON COLUMN reporting.corrected_events.event_key IS 'Natural key of the event the gathering is named by.';
COMMENT ON COLUMN reporting.corrected_events.stories IS 'Distinct stories among its articles.';
COMMENT ON COLUMN reporting.corrected_events.outlets IS 'Distinct publishers (raw.sources.outlet) among its articles.';
COMMENT ON COLUMN reporting.corrected_events.first_loaded_at IS 'When the first of its reports reached the database.';
COMMENT ON COLUMN reporting.corrected_events.last_loaded_at IS 'When the latest of its reports reached the database.';
COMMENT ON COLUMN reporting.corrected_events.corrected IS 'True when any correction applies (or events were merged, or reports moved in).';
COMMENT ON COLUMN reporting.corrected_events.corrected_fields IS 'What was corrected: not_an_event, status, kind, event_date, location, participants, mentions.';
COMMENT ON COLUMN reporting.corrected_events.rejected IS 'An analyst said this is not an event; summit_events leaves it out.';
COMMENT ON COLUMN reporting.corrected_events.correction_ids IS 'The corrections applied (reporting.corrections).';
COMMENT ON COLUMN reporting.corrected_events.member_event_ids IS 'The extracted events this gathering merges (one unless an analyst merged some).';
COMMENT ON COLUMN reporting.corrected_events.extracted IS 'The values as extracted, before corrections (kind, status, participants, location, country, event_date).';
