-- Sources and what they delivered.

CREATE TABLE raw.sources (
    name                   text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_.-]*$'),
    kind                   text NOT NULL CHECK (kind IN ('feed', 'page', 'folder', 'push')),
    location               text NOT NULL,
    language               text CHECK (language ~ '^[a-z]{2}$'),
    country                text CHECK (country ~ '^[A-Z]{2}$'),
    poll_interval_minutes  integer NOT NULL DEFAULT 15 CHECK (poll_interval_minutes > 0),
    active                 boolean NOT NULL DEFAULT true,
    allow_private_network  boolean NOT NULL DEFAULT false,
    http_etag              text,
    http_last_modified     text,
    body_sha256            text,
    last_polled_at         timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE raw.sources IS 'Where news comes from; loaded from seeds/sources.csv (upsert on name), plus per-source fetch state.';
COMMENT ON COLUMN raw.sources.name IS 'Stable identifier of the source (lower case), referenced by items and the fetch log.';
COMMENT ON COLUMN raw.sources.kind IS 'feed (RSS/Atom URL), page (one article URL), folder (a directory of dropped documents), push (items pushed by other systems).';
COMMENT ON COLUMN raw.sources.location IS 'URL for feed and page sources, directory path for folder sources, channel name for push.';
COMMENT ON COLUMN raw.sources.language IS 'Expected ISO 639-1 language of the source; the article language is detected per article.';
COMMENT ON COLUMN raw.sources.country IS 'ISO 3166-1 alpha-2 country of the outlet.';
COMMENT ON COLUMN raw.sources.poll_interval_minutes IS 'Minimum minutes between two polls of this source.';
COMMENT ON COLUMN raw.sources.active IS 'Inactive sources are kept for history but never polled.';
COMMENT ON COLUMN raw.sources.allow_private_network IS 'Allow URLs that resolve to loopback/private addresses (local test servers only).';
COMMENT ON COLUMN raw.sources.http_etag IS 'ETag of the last 200 response, sent back as If-None-Match.';
COMMENT ON COLUMN raw.sources.http_last_modified IS 'Last-Modified of the last 200 response, sent back as If-Modified-Since.';
COMMENT ON COLUMN raw.sources.body_sha256 IS 'SHA-256 of the last body, to skip unchanged feeds from servers that ignore conditional requests.';
COMMENT ON COLUMN raw.sources.last_polled_at IS 'When the source was last polled (any outcome).';
COMMENT ON COLUMN raw.sources.updated_at IS 'When the configuration row was last written.';

CREATE TABLE raw.items (
    item_id         bigserial PRIMARY KEY,
    source_name     text NOT NULL REFERENCES raw.sources (name),
    item_key        text NOT NULL,
    content_sha256  text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    url             text,
    title           text,
    published_at    timestamptz,
    content         text NOT NULL,
    content_type    text NOT NULL CHECK (content_type IN ('text/plain', 'text/html')),
    payload         jsonb NOT NULL DEFAULT '{}'::jsonb,
    fetched_at      timestamptz NOT NULL DEFAULT now(),
    process_state   text NOT NULL DEFAULT 'pending' CHECK (process_state IN ('pending', 'done', 'failed')),
    process_error   text,
    processed_at    timestamptz,
    UNIQUE (source_name, item_key, content_sha256),
    CHECK ((process_state = 'failed') = (process_error IS NOT NULL))
);
COMMENT ON TABLE raw.items IS 'One row per fetched item version: a changed body of the same item lands as a new row, the same body again lands nothing.';
COMMENT ON COLUMN raw.items.item_id IS 'Surrogate key.';
COMMENT ON COLUMN raw.items.source_name IS 'The source that delivered the item.';
COMMENT ON COLUMN raw.items.item_key IS 'Identity of the item within its source: feed entry id, else link; file name for dropped documents.';
COMMENT ON COLUMN raw.items.content_sha256 IS 'SHA-256 of content; with source and item key the natural key of this row.';
COMMENT ON COLUMN raw.items.url IS 'Link of the article, if it has one.';
COMMENT ON COLUMN raw.items.title IS 'Title as the source gave it.';
COMMENT ON COLUMN raw.items.published_at IS 'Publication time as the source gave it (feed date); refined during cleaning.';
COMMENT ON COLUMN raw.items.content IS 'The document as fetched: page HTML, feed summary HTML, or plain text.';
COMMENT ON COLUMN raw.items.content_type IS 'How to read content: text/html or text/plain.';
COMMENT ON COLUMN raw.items.payload IS 'Everything else the source said about the item (the feed entry, HTTP facts), kept for reprocessing.';
COMMENT ON COLUMN raw.items.fetched_at IS 'When the item landed.';
COMMENT ON COLUMN raw.items.process_state IS 'pending until news_process has handled it; done or failed afterwards.';
COMMENT ON COLUMN raw.items.process_error IS 'Why processing failed (only for failed rows).';
COMMENT ON COLUMN raw.items.processed_at IS 'When news_process last handled the row.';

-- news_process claims pending rows in id order; this keeps the claim cheap.
CREATE INDEX items_pending_idx ON raw.items (item_id) WHERE process_state = 'pending';

CREATE TABLE raw.fetch_log (
    fetch_id      bigserial PRIMARY KEY,
    source_name   text NOT NULL REFERENCES raw.sources (name),
    url           text NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    outcome       text NOT NULL CHECK (outcome IN ('ok', 'not_modified', 'unchanged', 'blocked', 'refused', 'error')),
    http_status   integer,
    bytes         bigint NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    duration_ms   integer NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    items_found   integer NOT NULL DEFAULT 0 CHECK (items_found >= 0),
    items_landed  integer NOT NULL DEFAULT 0 CHECK (items_landed >= 0),
    error         text,
    CHECK ((outcome IN ('error', 'refused', 'blocked')) = (error IS NOT NULL))
);
COMMENT ON TABLE raw.fetch_log IS 'One row per request or folder scan: the audit trail behind pipeline health.';
COMMENT ON COLUMN raw.fetch_log.fetch_id IS 'Surrogate key.';
COMMENT ON COLUMN raw.fetch_log.source_name IS 'The source polled.';
COMMENT ON COLUMN raw.fetch_log.url IS 'URL requested (or folder scanned).';
COMMENT ON COLUMN raw.fetch_log.requested_at IS 'When the request started.';
COMMENT ON COLUMN raw.fetch_log.outcome IS 'ok, not_modified (HTTP 304), unchanged (same body hash), blocked (401/403/451, robots.txt), refused (unsafe URL), error.';
COMMENT ON COLUMN raw.fetch_log.http_status IS 'HTTP status code of the final response, if any.';
COMMENT ON COLUMN raw.fetch_log.bytes IS 'Bytes of body received.';
COMMENT ON COLUMN raw.fetch_log.duration_ms IS 'Wall time of the request in milliseconds.';
COMMENT ON COLUMN raw.fetch_log.items_found IS 'Items the response contained.';
COMMENT ON COLUMN raw.fetch_log.items_landed IS 'Items that were new and landed in raw.items.';
COMMENT ON COLUMN raw.fetch_log.error IS 'What went wrong, for refused, blocked and error outcomes.';
CREATE INDEX fetch_log_source_time_idx ON raw.fetch_log (source_name, requested_at);
