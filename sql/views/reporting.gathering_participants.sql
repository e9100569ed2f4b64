-- requires: reporting.summit_events
CREATE VIEW reporting.gathering_participants AS
-- One row per gathering and participant, with who the participant was on the day:
-- their country and the offices they held then (at the event's date, or when it was
-- first reported if it has none). Two people may share a name; the one in office
-- on the day is taken.
SELECT e.event_id,
       p.participant,
       who.country                                   AS participant_country,
       coalesce(who.offices, '{}')                   AS participant_offices,
       e.kind,
       e.status,
       e.event_date,
       e.date_precision,
       e.date_from,
       e.date_to,
       e.location,
       e.country,
       e.organizations,
       e.participants                                AS all_participants,
       e.first_reported_at,
       e.first_loaded_at
FROM reporting.summit_events e
CROSS JOIN LATERAL unnest(e.participants) AS p(participant)
CROSS JOIN LATERAL (SELECT coalesce(e.date_from, e.first_reported_at::date) AS on_day) d
LEFT JOIN LATERAL (
    SELECT a.country,
           array_agg(DISTINCT o.office ORDER BY o.office) FILTER (WHERE o.office IS NOT NULL) AS offices
    FROM events.actors a
    LEFT JOIN events.offices o
           ON o.qid = a.qid
          AND o.start_date <= coalesce(e.date_to, d.on_day)
          AND (o.end_date IS NULL OR o.end_date >= d.on_day)
    WHERE a.name = p.participant
    GROUP BY a.qid, a.country
    ORDER BY count(o.office) DESC, a.qid
    LIMIT 1
) who ON true;
COMMENT ON VIEW reporting.gathering_participants IS
    'One row per gathering (event) and participant, with the gathering''s date, place and status and the participant''s country and offices on that date.';
COMMENT ON COLUMN reporting.gathering_participants.event_id IS 'The gathering; joins summit_events.';
COMMENT ON COLUMN reporting.gathering_participants.participant IS 'Canonical English name of one participant; joins actors.name.';
COMMENT ON COLUMN reporting.gathering_participants.participant_country IS 'ISO 3166-1 alpha-2 country the participant acts for.';
COMMENT ON COLUMN reporting.gathering_participants.participant_offices IS 'Offices the participant held on the gathering''s date (or, undated, when it was first reported): president, foreign_minister, ... (text array).';
COMMENT ON COLUMN reporting.gathering_participants.kind IS 'summit, meeting, visit or call.';
COMMENT ON COLUMN reporting.gathering_participants.status IS 'Latest status of the gathering.';
COMMENT ON COLUMN reporting.gathering_participants.event_date IS 'Date of the gathering: YYYY-MM-DD, YYYY-MM or YYYY.';
COMMENT ON COLUMN reporting.gathering_participants.date_precision IS 'day, month or year.';
COMMENT ON COLUMN reporting.gathering_participants.date_from IS 'First day of the period event_date names.';
COMMENT ON COLUMN reporting.gathering_participants.date_to IS 'Last day of that period.';
COMMENT ON COLUMN reporting.gathering_participants.location IS 'Place: city in English.';
COMMENT ON COLUMN reporting.gathering_participants.country IS 'ISO 3166-1 alpha-2 country of the place.';
COMMENT ON COLUMN reporting.gathering_participants.organizations IS 'Groups whose summit it is.';
COMMENT ON COLUMN reporting.gathering_participants.all_participants IS 'Everyone taking part, this participant included (text array).';
COMMENT ON COLUMN reporting.gathering_participants.first_reported_at IS 'Publication time of the earliest article reporting the gathering.';
COMMENT ON COLUMN reporting.gathering_participants.first_loaded_at IS 'When the first report of the gathering reached the database.';
