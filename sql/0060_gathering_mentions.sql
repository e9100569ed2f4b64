-- Canonical events are the connected groups of mentions that report one gathering
-- (issue 12): a new mention is compared with the stored *mentions* that share a group
-- or a person, not with the events' merged fields. GIN indexes keep that lookup an
-- index scan whatever the table size.
CREATE INDEX mentions_participants_gin ON events.mentions USING gin (participants);
CREATE INDEX mentions_organizations_gin ON events.mentions USING gin (organizations);

COMMENT ON COLUMN events.events.event_key IS 'Natural key: the mention that founded the event (mention:ARTICLE:POSITION), or the first mention of a group split off another event (split:MENTION).';
COMMENT ON COLUMN events.events.status IS 'Status now: the latest reported status in publication order, where nothing goes back behind held or cancelled (events.merge.latest_status); status_history keeps every step.';
COMMENT ON COLUMN events.events.participants IS 'Canonical English names of the people some mention places there.';
COMMENT ON COLUMN events.events.location IS 'City in English: the one most mentions state (the latest report''s between equals).';
COMMENT ON COLUMN events.events.event_date IS 'When it happens or happened: the latest dated report''s date, as precise as the agreeing reports state it (YYYY-MM-DD, YYYY-MM or YYYY).';
