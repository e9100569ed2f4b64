-- Canonical events and the articles that report them.

CREATE TABLE events.events (
    event_id           bigserial PRIMARY KEY,
    event_key          text NOT NULL UNIQUE,
    kind               text NOT NULL CHECK (kind IN ('summit', 'meeting', 'visit', 'call')),
    status             text NOT NULL CHECK (status IN ('proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled')),
    participants       text[] NOT NULL DEFAULT '{}',
    organizations      text[] NOT NULL DEFAULT '{}',
    location           text,
    country            text CHECK (country ~ '^[A-Z]{2}$'),
    event_date         text CHECK (event_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
    date_precision     text GENERATED ALWAYS AS (
                           CASE length(event_date) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END
                       ) STORED,
    confidence         real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    first_reported_at  timestamptz,
    last_reported_at   timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (cardinality(participants) > 0 OR cardinality(organizations) > 0),
    CHECK (first_reported_at IS NULL OR last_reported_at IS NULL OR first_reported_at <= last_reported_at)
);
COMMENT ON TABLE events.events IS 'One row per real-world gathering, merged from every article that reports it.';
COMMENT ON COLUMN events.events.event_id IS 'Surrogate key.';
COMMENT ON COLUMN events.events.event_key IS 'Natural key: the gathering''s identity (kind family, participants or groups, place, date bucket).';
COMMENT ON COLUMN events.events.kind IS 'summit, meeting, visit or call (see docs for the conventions).';
COMMENT ON COLUMN events.events.status IS 'Latest reported status: proposed, invited, planned, held, postponed or cancelled.';
COMMENT ON COLUMN events.events.participants IS 'Canonical English names of the people taking part.';
COMMENT ON COLUMN events.events.organizations IS 'Groups whose summit it is (G7, G20, BRICS, NATO, EU, ...).';
COMMENT ON COLUMN events.events.location IS 'City in English.';
COMMENT ON COLUMN events.events.country IS 'ISO 3166-1 alpha-2 country of the location.';
COMMENT ON COLUMN events.events.event_date IS 'When it happens or happened: YYYY-MM-DD, YYYY-MM or YYYY.';
COMMENT ON COLUMN events.events.date_precision IS 'day, month or year, derived from event_date.';
COMMENT ON COLUMN events.events.confidence IS 'Highest extraction confidence among its mentions, 0 to 1.';
COMMENT ON COLUMN events.events.first_reported_at IS 'Publication time of the earliest article reporting it.';
COMMENT ON COLUMN events.events.last_reported_at IS 'Publication time of the latest article reporting it.';
COMMENT ON COLUMN events.events.created_at IS 'When the row was created.';
COMMENT ON COLUMN events.events.updated_at IS 'When the row was last updated.';

CREATE TABLE events.mentions (
    mention_id         bigserial PRIMARY KEY,
    article_id         bigint NOT NULL REFERENCES core.articles (article_id),
    event_id           bigint NOT NULL REFERENCES events.events (event_id),
    extractor_version  text NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('summit', 'meeting', 'visit', 'call')),
    status             text NOT NULL CHECK (status IN ('proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled')),
    participants       text[] NOT NULL DEFAULT '{}',
    organizations      text[] NOT NULL DEFAULT '{}',
    location           text,
    country            text CHECK (country ~ '^[A-Z]{2}$'),
    event_date         text CHECK (event_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
    evidence           text NOT NULL,
    confidence         real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (article_id, event_id, extractor_version)
);
COMMENT ON TABLE events.mentions IS 'One article''s report of one event, as the extractor read it.';
COMMENT ON COLUMN events.mentions.mention_id IS 'Surrogate key.';
COMMENT ON COLUMN events.mentions.article_id IS 'The reporting article.';
COMMENT ON COLUMN events.mentions.event_id IS 'The canonical event reported.';
COMMENT ON COLUMN events.mentions.extractor_version IS 'Version of the extractor that produced the mention.';
COMMENT ON COLUMN events.mentions.kind IS 'Kind as this article reports it.';
COMMENT ON COLUMN events.mentions.status IS 'Status as this article reports it.';
COMMENT ON COLUMN events.mentions.participants IS 'Participants named in this article.';
COMMENT ON COLUMN events.mentions.organizations IS 'Groups named in this article.';
COMMENT ON COLUMN events.mentions.location IS 'Place as this article reports it.';
COMMENT ON COLUMN events.mentions.country IS 'Country of that place.';
COMMENT ON COLUMN events.mentions.event_date IS 'Date as this article reports it.';
COMMENT ON COLUMN events.mentions.evidence IS 'The sentence that states it.';
COMMENT ON COLUMN events.mentions.confidence IS 'Extraction confidence, 0 to 1.';
COMMENT ON COLUMN events.mentions.created_at IS 'When the mention was written.';
CREATE INDEX mentions_event_idx ON events.mentions (event_id);

CREATE TABLE events.status_history (
    event_id           bigint NOT NULL REFERENCES events.events (event_id),
    status             text NOT NULL CHECK (status IN ('proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled')),
    first_reported_at  timestamptz,
    first_article_id   bigint NOT NULL REFERENCES core.articles (article_id),
    PRIMARY KEY (event_id, status)
);
COMMENT ON TABLE events.status_history IS 'Each status an event was reported in, with the first article and time it was reported.';
COMMENT ON COLUMN events.status_history.event_id IS 'The event.';
COMMENT ON COLUMN events.status_history.status IS 'A status the event was reported in.';
COMMENT ON COLUMN events.status_history.first_reported_at IS 'Publication time of the first article reporting this status.';
COMMENT ON COLUMN events.status_history.first_article_id IS 'The first article reporting this status.';
