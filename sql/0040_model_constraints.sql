-- Constraints that make bad rows impossible, on top of the keys, foreign keys and
-- CHECKs of 0002-0004. Each is named so an error message points at the rule.
-- "Not blank" means "has a character that is not white space" (a regex, cheaper
-- than btrim on long bodies, and btrim would only strip spaces).
-- Event dates are validated with make_date (immutable): '2018-02-30' passes the
-- format regex of 0004 but is not a date, and would break every date cast downstream.

-- The same rule as 0002/0003's '^[0-9a-f]{64}$', checked about ten times faster: the
-- bounded repetition makes the regex engine expensive on every bulk-loaded row.
ALTER TABLE raw.items
    DROP CONSTRAINT items_content_sha256_check,
    ADD CONSTRAINT items_content_sha256_check CHECK (length(content_sha256) = 64 AND content_sha256 !~ '[^0-9a-f]');
ALTER TABLE core.articles
    DROP CONSTRAINT articles_content_hash_check,
    ADD CONSTRAINT articles_content_hash_check CHECK (length(content_hash) = 64 AND content_hash !~ '[^0-9a-f]');

ALTER TABLE raw.sources
    ADD CONSTRAINT sources_location_not_blank CHECK (location ~ '\S');

ALTER TABLE raw.items
    ADD CONSTRAINT items_item_key_not_blank CHECK (item_key ~ '\S');

ALTER TABLE raw.fetch_log
    ADD CONSTRAINT fetch_log_http_status_valid CHECK (http_status BETWEEN 100 AND 599),
    ADD CONSTRAINT fetch_log_landed_within_found CHECK (items_landed <= items_found);

ALTER TABLE core.articles
    ADD CONSTRAINT articles_body_not_blank CHECK (body ~ '\S'),
    ADD CONSTRAINT articles_doc_id_not_blank CHECK (doc_id ~ '\S'),
    ADD CONSTRAINT articles_updated_after_created CHECK (updated_at >= created_at);

ALTER TABLE events.events
    ADD CONSTRAINT events_event_key_not_blank CHECK (event_key ~ '\S'),
    ADD CONSTRAINT events_location_not_blank CHECK (location ~ '\S'),
    ADD CONSTRAINT events_event_date_valid CHECK (
        event_date IS NULL OR
        make_date(split_part(event_date, '-', 1)::int,
                  coalesce(nullif(split_part(event_date, '-', 2), '')::int, 1),
                  coalesce(nullif(split_part(event_date, '-', 3), '')::int, 1)) IS NOT NULL
    ),
    ADD CONSTRAINT events_participants_named CHECK (
        array_position(participants, NULL) IS NULL AND NOT ('' = ANY (participants))
    ),
    ADD CONSTRAINT events_organizations_named CHECK (
        array_position(organizations, NULL) IS NULL AND NOT ('' = ANY (organizations))
    ),
    ADD CONSTRAINT events_updated_after_created CHECK (updated_at >= created_at);

ALTER TABLE events.mentions
    ADD CONSTRAINT mentions_evidence_not_blank CHECK (evidence ~ '\S'),
    ADD CONSTRAINT mentions_extractor_version_not_blank CHECK (extractor_version ~ '\S'),
    ADD CONSTRAINT mentions_location_not_blank CHECK (location ~ '\S'),
    ADD CONSTRAINT mentions_event_date_valid CHECK (
        event_date IS NULL OR
        make_date(split_part(event_date, '-', 1)::int,
                  coalesce(nullif(split_part(event_date, '-', 2), '')::int, 1),
                  coalesce(nullif(split_part(event_date, '-', 3), '')::int, 1)) IS NOT NULL
    ),
    ADD CONSTRAINT mentions_someone_takes_part CHECK (
        cardinality(participants) > 0 OR cardinality(organizations) > 0
    ),
    ADD CONSTRAINT mentions_participants_named CHECK (
        array_position(participants, NULL) IS NULL AND NOT ('' = ANY (participants))
    ),
    ADD CONSTRAINT mentions_organizations_named CHECK (
        array_position(organizations, NULL) IS NULL AND NOT ('' = ANY (organizations))
    );

-- The loader always knows when a status was first reported (publication or load time).
ALTER TABLE events.status_history
    ALTER COLUMN first_reported_at SET NOT NULL;
