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
