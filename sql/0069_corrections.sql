-- Analyst corrections (issue 16) and the views that apply them.
--
-- A correction names its gathering by an *anchor*: one article (its canonical URL, or
-- its doc_id when it has none) and one evidence sentence of it (SHA-256 of the sentence
-- with runs of white space made one space). Event and mention ids are volatile (a
-- reprocess or an extractor upgrade writes new mentions, a different merge may found
-- other events); article keys and sentences are not. A correction whose anchor no
-- longer finds a mention is listed by reporting.orphaned_corrections, never dropped.
--
-- Views: correction_targets resolves anchors to today's events and mentions;
-- corrected_events is one row per gathering with corrections applied (merges, moved
-- mentions, rejected events, overridden values) and says what was corrected;
-- summit_events selects from it (its columns unchanged, two new ones at the end).
-- For the per-view files (sql/views/): this migration is the one place that
-- redefines summit_events for corrections.

CREATE FUNCTION reporting.evidence_hash(evidence text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT encode(sha256(convert_to(regexp_replace(btrim(evidence), '\s+', ' ', 'g'), 'UTF8')), 'hex') $$;
COMMENT ON FUNCTION reporting.evidence_hash(text) IS
    'SHA-256 (hex) of an evidence sentence with runs of white space made one space: the sentence half of a correction''s anchor.';

CREATE FUNCTION reporting.article_anchor(canonical_url text, doc_id text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(canonical_url, doc_id) $$;
COMMENT ON FUNCTION reporting.article_anchor(text, text) IS
    'The article half of a correction''s anchor: the canonical URL, or the doc_id of an article without one (dropped documents).';

CREATE TABLE reporting.corrections (
    correction_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action                 text NOT NULL CHECK (action IN ('not_an_event', 'set_status', 'set_kind', 'set_date',
                                                           'set_place', 'remove_participant', 'same_gathering',
                                                           'move_mention')),
    article                text NOT NULL,
    evidence               text NOT NULL,
    evidence_sha256        text NOT NULL,
    other_article          text,
    other_evidence         text,
    other_evidence_sha256  text,
    value                  text,
    country                text CHECK (country ~ '^[A-Z]{2}$'),
    note                   text,
    made_by                text NOT NULL DEFAULT current_user,
    made_at                timestamptz NOT NULL DEFAULT now(),
    subject                text GENERATED ALWAYS AS (
                               CASE action
                                   WHEN 'remove_participant' THEN coalesce(value, '')
                                   WHEN 'same_gathering' THEN coalesce(other_article, '') || ' ' || coalesce(other_evidence_sha256, '')
                                   ELSE ''
                               END) STORED,
    UNIQUE (action, article, evidence_sha256, subject),
    CHECK (action <> 'set_status' OR value IN ('proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled')),
    CHECK (action <> 'set_kind' OR value IN ('summit', 'meeting', 'visit', 'call')),
    CHECK (action <> 'set_date' OR value ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
    CHECK (action NOT IN ('set_place', 'remove_participant') OR btrim(value) <> ''),
    CHECK (action NOT IN ('not_an_event', 'same_gathering', 'move_mention') OR value IS NULL),
    CHECK ((action IN ('same_gathering', 'move_mention')) = (other_article IS NOT NULL AND other_evidence IS NOT NULL)),
    CHECK (country IS NULL OR action = 'set_place')
);
COMMENT ON TABLE reporting.corrections IS
    'Analysts'' corrections of gatherings, anchored on an article and evidence sentence so they survive reprocessing; applied by reporting.corrected_events and summit_events.';
COMMENT ON COLUMN reporting.corrections.correction_id IS 'Surrogate key.';
COMMENT ON COLUMN reporting.corrections.action IS 'not_an_event, set_status, set_kind, set_date, set_place, remove_participant, same_gathering (merge with the other gathering) or move_mention (this report belongs to the other gathering).';
COMMENT ON COLUMN reporting.corrections.article IS 'Anchor article: its canonical URL, or its doc_id when it has none (reporting.article_anchor).';
COMMENT ON COLUMN reporting.corrections.evidence IS 'Anchor sentence: the evidence of a mention of that article, as reporting.event_mentions shows it.';
COMMENT ON COLUMN reporting.corrections.evidence_sha256 IS 'reporting.evidence_hash(evidence), set on write: what the anchor is matched on.';
COMMENT ON COLUMN reporting.corrections.other_article IS 'same_gathering and move_mention: anchor article of the other gathering.';
COMMENT ON COLUMN reporting.corrections.other_evidence IS 'same_gathering and move_mention: anchor sentence of the other gathering.';
COMMENT ON COLUMN reporting.corrections.other_evidence_sha256 IS 'reporting.evidence_hash(other_evidence), set on write.';
COMMENT ON COLUMN reporting.corrections.value IS 'The right value: status, kind, date (YYYY[-MM[-DD]]), city, or the participant who did not take part.';
COMMENT ON COLUMN reporting.corrections.country IS 'set_place: ISO 3166-1 alpha-2 country of the city.';
COMMENT ON COLUMN reporting.corrections.note IS 'Why, in the analyst''s words.';
COMMENT ON COLUMN reporting.corrections.made_by IS 'Database user who made (or last changed) the correction; set on write, not by the writer.';
COMMENT ON COLUMN reporting.corrections.made_at IS 'When it was made or last changed; the latest of two corrections of one value wins.';
COMMENT ON COLUMN reporting.corrections.subject IS 'Part of the natural key: the participant, or the other anchor of a merge; empty otherwise.';

-- Who and when are facts of the write, not claims of the writer.
CREATE FUNCTION reporting.stamp_correction() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.made_by := current_user;
    NEW.made_at := now();
    NEW.evidence_sha256 := reporting.evidence_hash(NEW.evidence);
    NEW.other_evidence_sha256 := reporting.evidence_hash(NEW.other_evidence);
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION reporting.stamp_correction() IS
    'Sets made_by (current_user), made_at and the evidence hashes of every written correction.';
CREATE TRIGGER corrections_stamp BEFORE INSERT OR UPDATE ON reporting.corrections
    FOR EACH ROW EXECUTE FUNCTION reporting.stamp_correction();

-- Articles without a canonical URL (dropped documents) are anchored by doc_id; the
-- canonical URL has its own index (0044).
CREATE INDEX articles_doc_id_without_url_idx ON core.articles USING hash (doc_id) WHERE canonical_url IS NULL;
COMMENT ON INDEX core.articles_doc_id_without_url_idx IS
    'Finds the anchor article of a correction when the article has no canonical URL (reporting.article_anchor).';

-- Anchors are looked up by URL or by doc_id in two branches, so each uses its index.
CREATE VIEW reporting.correction_targets AS
SELECT c.correction_id,
       c.action,
       t.mention_id,
       t.event_id,
       o.event_id AS other_event_id
FROM reporting.corrections c
LEFT JOIN LATERAL (
    SELECT m.mention_id, m.event_id
    FROM core.articles a JOIN events.mentions m ON m.article_id = a.article_id
    WHERE a.canonical_url = c.article AND reporting.evidence_hash(m.evidence) = c.evidence_sha256
    UNION ALL
    SELECT m.mention_id, m.event_id
    FROM core.articles a JOIN events.mentions m ON m.article_id = a.article_id
    WHERE a.canonical_url IS NULL AND a.doc_id = c.article
      AND reporting.evidence_hash(m.evidence) = c.evidence_sha256
) t ON true
LEFT JOIN LATERAL (
    SELECT min(x.event_id) AS event_id FROM (
        SELECT m.event_id
        FROM core.articles a JOIN events.mentions m ON m.article_id = a.article_id
        WHERE c.other_article IS NOT NULL AND a.canonical_url = c.other_article
          AND reporting.evidence_hash(m.evidence) = c.other_evidence_sha256
        UNION ALL
        SELECT m.event_id
        FROM core.articles a JOIN events.mentions m ON m.article_id = a.article_id
        WHERE c.other_article IS NOT NULL AND a.canonical_url IS NULL AND a.doc_id = c.other_article
          AND reporting.evidence_hash(m.evidence) = c.other_evidence_sha256
    ) x
) o ON true;
COMMENT ON VIEW reporting.correction_targets IS
    'Each correction with the mention(s) and event its anchor finds today (none when the anchor vanished), and the other gathering''s event for merges and moves.';
COMMENT ON COLUMN reporting.correction_targets.correction_id IS 'The correction.';
COMMENT ON COLUMN reporting.correction_targets.action IS 'Its action.';
COMMENT ON COLUMN reporting.correction_targets.mention_id IS 'A mention of the anchor article with the anchor sentence (empty when none is left).';
COMMENT ON COLUMN reporting.correction_targets.event_id IS 'The event that mention reports.';
COMMENT ON COLUMN reporting.correction_targets.other_event_id IS 'same_gathering and move_mention: the event the other anchor finds.';

CREATE VIEW reporting.orphaned_corrections AS
SELECT c.correction_id,
       c.action,
       c.article,
       c.evidence,
       c.other_article,
       c.other_evidence,
       c.value,
       c.made_by,
       c.made_at,
       CASE
           WHEN NOT EXISTS (SELECT 1 FROM reporting.correction_targets t
                            WHERE t.correction_id = c.correction_id AND t.mention_id IS NOT NULL)
               THEN 'no mention of the article has this evidence sentence any more'
           WHEN c.other_article IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM reporting.correction_targets t
                                WHERE t.correction_id = c.correction_id AND t.other_event_id IS NOT NULL)
               THEN 'no mention of the other article has the other evidence sentence any more'
           ELSE 'the gathering no longer names ' || c.value
       END AS reason
FROM reporting.corrections c
WHERE NOT EXISTS (SELECT 1 FROM reporting.correction_targets t
                  WHERE t.correction_id = c.correction_id AND t.mention_id IS NOT NULL
                    AND (c.other_article IS NULL OR t.other_event_id IS NOT NULL))
   OR (c.action = 'remove_participant'
       AND NOT EXISTS (SELECT 1 FROM reporting.correction_targets t
                       JOIN events.events e ON e.event_id = t.event_id
                       WHERE t.correction_id = c.correction_id AND c.value = ANY(e.participants)));
COMMENT ON VIEW reporting.orphaned_corrections IS
    'Corrections that apply to nothing today (the anchor sentence is gone after reprocessing, or the participant is no longer named), with the reason: fix or delete them.';
COMMENT ON COLUMN reporting.orphaned_corrections.correction_id IS 'The correction (reporting.corrections).';
COMMENT ON COLUMN reporting.orphaned_corrections.action IS 'Its action.';
COMMENT ON COLUMN reporting.orphaned_corrections.article IS 'Its anchor article.';
COMMENT ON COLUMN reporting.orphaned_corrections.evidence IS 'Its anchor sentence.';
COMMENT ON COLUMN reporting.orphaned_corrections.other_article IS 'The other anchor article (merges and moves).';
COMMENT ON COLUMN reporting.orphaned_corrections.other_evidence IS 'The other anchor sentence.';
COMMENT ON COLUMN reporting.orphaned_corrections.value IS 'Its value.';
COMMENT ON COLUMN reporting.orphaned_corrections.made_by IS 'Who made it.';
COMMENT ON COLUMN reporting.orphaned_corrections.made_at IS 'When.';
COMMENT ON COLUMN reporting.orphaned_corrections.reason IS 'Why it applies to nothing.';

-- Two branches: gatherings a correction touches are computed from their events and
-- reports with the corrections applied (reporting.corrected_gatherings); every other
-- event passes through as before (the aggregate of 0045), so a query for one event or
-- one actor is planned as before. The function runs with the owner's rights (the views'
-- readers may not read events.*) and without JIT: its plan's cost estimates are
-- pessimistic, and compiling it would take longer than running it.
CREATE FUNCTION reporting.corrected_gatherings()
RETURNS TABLE (event_id bigint, kind text, status text, participants text[], organizations text[],
               location text, country text, event_date text, date_precision text,
               first_reported_at timestamptz, last_reported_at timestamptz, articles bigint, sources bigint,
               independent_reports bigint, confidence real, date_from date, date_to date, event_key text,
               stories bigint, corrected boolean, corrected_fields text[], rejected boolean,
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
           mv.mention_id IS NOT NULL AS moved, a.article_id, a.source_name, a.near_duplicate_of, a.story_id
    FROM events.mentions m
    JOIN core.articles a ON a.article_id = m.article_id
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
GRANT EXECUTE ON FUNCTION reporting.corrected_gatherings() TO summitwatch_analyst;

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
       count(DISTINCT m.article_id),
       count(DISTINCT a.source_name),
       count(DISTINCT coalesce(a.near_duplicate_of, a.article_id)),
       e.confidence,
       d.date_from,
       (d.date_from + CASE e.date_precision
                          WHEN 'day' THEN interval '1 day'
                          WHEN 'month' THEN interval '1 month'
                          WHEN 'year' THEN interval '1 year'
                      END)::date - 1,
       e.event_key,
       count(DISTINCT a.story_id),
       false,
       '{}'::text[],
       false,
       '{}'::bigint[],
       ARRAY[e.event_id],
       jsonb_build_object('kind', e.kind, 'status', e.status, 'participants', to_jsonb(e.participants),
                          'location', e.location, 'country', e.country, 'event_date', e.event_date)
FROM events.events e
CROSS JOIN LATERAL (
    SELECT make_date(split_part(e.event_date, '-', 1)::int,
                     coalesce(nullif(split_part(e.event_date, '-', 2), '')::int, 1),
                     coalesce(nullif(split_part(e.event_date, '-', 3), '')::int, 1)) AS date_from
) d
JOIN events.mentions m ON m.event_id = e.event_id
JOIN core.articles a ON a.article_id = m.article_id
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
COMMENT ON COLUMN reporting.corrected_events.corrected IS 'True when any correction applies (or events were merged, or reports moved in).';
COMMENT ON COLUMN reporting.corrected_events.corrected_fields IS 'What was corrected: not_an_event, status, kind, event_date, location, participants, mentions.';
COMMENT ON COLUMN reporting.corrected_events.rejected IS 'An analyst said this is not an event; summit_events leaves it out.';
COMMENT ON COLUMN reporting.corrected_events.correction_ids IS 'The corrections applied (reporting.corrections).';
COMMENT ON COLUMN reporting.corrected_events.member_event_ids IS 'The extracted events this gathering merges (one unless an analyst merged some).';
COMMENT ON COLUMN reporting.corrected_events.extracted IS 'The values as extracted, before corrections (kind, status, participants, location, country, event_date).';

CREATE OR REPLACE VIEW reporting.summit_events AS
SELECT event_id, kind, status, participants, organizations, location, country, event_date, date_precision,
       first_reported_at, last_reported_at, articles, sources, independent_reports, confidence,
       date_from, date_to, event_key, stories, corrected, corrected_fields
FROM reporting.corrected_events
WHERE NOT rejected;
COMMENT ON VIEW reporting.summit_events IS
    'One row per gathering: who, where, when, its status, and how many articles and distinct sources reported it; analysts'' corrections applied and marked.';
COMMENT ON COLUMN reporting.summit_events.event_id IS
    'Identifier of the gathering; joins event_mentions and status_history (a merged gathering carries its lowest event_id).';
COMMENT ON COLUMN reporting.summit_events.status IS
    'Latest reported status (proposed, invited, planned, held, postponed or cancelled), or an analyst''s correction of it.';
COMMENT ON COLUMN reporting.summit_events.corrected IS 'True when an analyst''s correction changed this row (see reporting.corrected_events).';
COMMENT ON COLUMN reporting.summit_events.corrected_fields IS 'What was corrected: status, kind, event_date, location, participants, mentions.';

ALTER FUNCTION reporting.evidence_hash(text) OWNER TO summitwatch_pipeline;
ALTER FUNCTION reporting.article_anchor(text, text) OWNER TO summitwatch_pipeline;
ALTER FUNCTION reporting.stamp_correction() OWNER TO summitwatch_pipeline;
ALTER FUNCTION reporting.corrected_gatherings() OWNER TO summitwatch_pipeline;
ALTER TABLE reporting.corrections OWNER TO summitwatch_pipeline;
ALTER VIEW reporting.correction_targets OWNER TO summitwatch_pipeline;
ALTER VIEW reporting.orphaned_corrections OWNER TO summitwatch_pipeline;
ALTER VIEW reporting.corrected_events OWNER TO summitwatch_pipeline;
GRANT SELECT ON reporting.corrections, reporting.correction_targets, reporting.orphaned_corrections,
                reporting.corrected_events TO summitwatch_analyst;
GRANT INSERT, UPDATE, DELETE ON reporting.corrections TO summitwatch_reviewer;
