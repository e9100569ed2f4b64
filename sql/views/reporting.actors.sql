CREATE VIEW reporting.actors AS
-- The people the extractor knows, one row per office term (Wikidata P39), so
-- "who was foreign minister on a date" is a range test on start_date/end_date.
SELECT a.name,
       a.country,
       o.office,
       o.jurisdiction,
       o.start_date,
       o.end_date,
       a.qid
FROM events.actors a
LEFT JOIN events.offices o ON o.qid = a.qid;
COMMENT ON VIEW reporting.actors IS
    'Every known actor with each office held and its dates: one row per actor and office term (one row with no office for actors without one).';
COMMENT ON COLUMN reporting.actors.name IS 'Canonical English name, as in summit_events.participants.';
COMMENT ON COLUMN reporting.actors.country IS 'ISO 3166-1 alpha-2 country the actor acts for.';
COMMENT ON COLUMN reporting.actors.office IS 'Office held: president, head_of_government, foreign_minister, defence_minister, monarch, ... (none when no office is recorded).';
COMMENT ON COLUMN reporting.actors.jurisdiction IS 'Where the office is: ISO 3166-1 alpha-2, or EU / NATO / UN.';
COMMENT ON COLUMN reporting.actors.start_date IS 'First day in office.';
COMMENT ON COLUMN reporting.actors.end_date IS 'Last day in office; none while still in office.';
COMMENT ON COLUMN reporting.actors.qid IS 'Wikidata identifier (X-... for a local one): tells apart two people of the same name.';
