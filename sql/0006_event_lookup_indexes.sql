-- Loading a mention looks up candidate events by overlapping participants or
-- groups (&&); GIN indexes keep that lookup independent of the table size.
CREATE INDEX events_participants_gin ON events.events USING gin (participants);
CREATE INDEX events_organizations_gin ON events.events USING gin (organizations);
CREATE INDEX mentions_article_idx ON events.mentions (article_id);
