-- First reporting views for analysts.

CREATE VIEW reporting.summit_events AS
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
       e.confidence
FROM events.events e
JOIN events.mentions m ON m.event_id = e.event_id
JOIN core.articles a ON a.article_id = m.article_id
GROUP BY e.event_id;
COMMENT ON VIEW reporting.summit_events IS 'One row per canonical event with how many articles and distinct sources reported it.';

CREATE VIEW reporting.event_mentions AS
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
       m.extractor_version
FROM events.mentions m
JOIN core.articles a ON a.article_id = m.article_id;
COMMENT ON VIEW reporting.event_mentions IS 'Each article''s report of an event, with evidence sentence, outlet, URL and publication time.';
