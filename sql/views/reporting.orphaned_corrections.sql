-- requires: reporting.correction_targets
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
