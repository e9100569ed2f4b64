-- Analyst corrections (issue 16): the table, its trigger and the functions that read no view.
--
-- A correction names its gathering by an *anchor*: one article (its canonical URL, or
-- its doc_id when it has none) and one evidence sentence of it (SHA-256 of the sentence
-- with runs of white space made one space). Event and mention ids are volatile (a
-- reprocess or an extractor upgrade writes new mentions, a different merge may found
-- other events); article keys and sentences are not. A correction whose anchor no
-- longer finds a mention is listed by reporting.orphaned_corrections, never dropped.
--
-- The views that apply corrections live in sql/views/ (one file each, recreated by
-- `summitwatch migrate`): correction_targets resolves anchors to today's events and
-- mentions; orphaned_corrections lists those that find nothing; corrected_events (with
-- the function reporting.corrected_gatherings() it calls, defined in its file because it
-- reads correction_targets) is one row per gathering with corrections applied (merges,
-- moved mentions, rejected events, overridden values) and says what was corrected;
-- summit_events selects from it. This migration holds the table and the functions
-- that read no view.

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

ALTER FUNCTION reporting.evidence_hash(text) OWNER TO summitwatch_pipeline;
ALTER FUNCTION reporting.article_anchor(text, text) OWNER TO summitwatch_pipeline;
ALTER FUNCTION reporting.stamp_correction() OWNER TO summitwatch_pipeline;
ALTER TABLE reporting.corrections OWNER TO summitwatch_pipeline;
GRANT SELECT ON reporting.corrections TO summitwatch_analyst;
GRANT INSERT, UPDATE, DELETE ON reporting.corrections TO summitwatch_reviewer;
