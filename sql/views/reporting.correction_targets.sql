-- Which events and mentions each analyst correction (reporting.corrections, sql/0069)
-- finds today.
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
