-- Backfill (issue 17): web archives (WARC files) and news sitemaps as sources, and the
-- progress of every WARC file read, so a backfill killed half-way resumes where it
-- stopped and a duplicated or retried run lands nothing twice.

ALTER TABLE raw.sources DROP CONSTRAINT sources_kind_check;
ALTER TABLE raw.sources ADD CONSTRAINT sources_kind_check
    CHECK (kind IN ('feed', 'page', 'folder', 'push', 'warc', 'sitemap'));
COMMENT ON COLUMN raw.sources.kind IS 'feed (RSS/Atom URL), page (one article URL), folder (a directory of dropped documents), push (items pushed by other systems), warc (WARC files: a path, folder, glob or http(s) URL), sitemap (a sitemap or sitemap index URL, news sitemaps included).';

ALTER TABLE raw.sources ADD COLUMN url_hosts text[];
COMMENT ON COLUMN raw.sources.url_hosts IS 'warc and sitemap sources: only pages on these hosts (or their subdomains) are kept; NULL = every host.';

ALTER TABLE raw.fetch_log DROP CONSTRAINT fetch_log_request_kind_check;
ALTER TABLE raw.fetch_log ADD CONSTRAINT fetch_log_request_kind_check
    CHECK (request_kind IN ('feed', 'page', 'robots', 'folder', 'push', 'warc', 'sitemap'));
COMMENT ON COLUMN raw.fetch_log.request_kind IS 'What was requested: feed, page (article), robots (robots.txt), folder (scan), push (pushed message), warc (one WARC file read, or downloaded) or sitemap (a sitemap or sitemap index).';

CREATE TABLE raw.warc_files (
    source_name    text NOT NULL REFERENCES raw.sources (name),
    location       text NOT NULL CHECK (location ~ '\S'),
    state          text NOT NULL DEFAULT 'reading' CHECK (state IN ('reading', 'done', 'failed')),
    next_offset    bigint NOT NULL DEFAULT 0 CHECK (next_offset >= 0),
    records_read   bigint NOT NULL DEFAULT 0 CHECK (records_read >= 0),
    pages_kept     bigint NOT NULL DEFAULT 0 CHECK (pages_kept >= 0),
    items_landed   bigint NOT NULL DEFAULT 0 CHECK (items_landed >= 0 AND items_landed <= pages_kept),
    bad_records    bigint NOT NULL DEFAULT 0 CHECK (bad_records >= 0),
    file_bytes     bigint CHECK (file_bytes >= 0),
    error          text,
    started_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    PRIMARY KEY (source_name, location),
    CHECK ((state = 'failed') = (error IS NOT NULL)),
    CHECK ((state = 'reading') = (finished_at IS NULL))
);
ALTER TABLE raw.warc_files OWNER TO summitwatch_pipeline;
COMMENT ON TABLE raw.warc_files IS 'One row per WARC file a warc source read or is reading: how far it got. Advanced in the same transaction as the items it landed, so a resumed read starts exactly after the last landed record.';
COMMENT ON COLUMN raw.warc_files.source_name IS 'The warc source the file belongs to.';
COMMENT ON COLUMN raw.warc_files.location IS 'Absolute path or http(s) URL of the file, as listed by the source, the CLI or the DAG.';
COMMENT ON COLUMN raw.warc_files.state IS 'reading (not finished; a rerun resumes at next_offset), done (read to the end), failed (the file could not be opened or downloaded: see error; a rerun tries again).';
COMMENT ON COLUMN raw.warc_files.next_offset IS 'Byte offset where the next unread record starts (compressed offset in a .warc.gz of one gzip member per record).';
COMMENT ON COLUMN raw.warc_files.records_read IS 'WARC records read so far, of every type.';
COMMENT ON COLUMN raw.warc_files.pages_kept IS 'Records kept as pages (HTML response, wanted host and language).';
COMMENT ON COLUMN raw.warc_files.items_landed IS 'Kept pages that were new items in raw.items (the rest were known already: same URL and same HTML).';
COMMENT ON COLUMN raw.warc_files.bad_records IS 'Records that could not be read (listed in raw.warc_bad_records).';
COMMENT ON COLUMN raw.warc_files.file_bytes IS 'Size of the file in bytes when it was last read.';
COMMENT ON COLUMN raw.warc_files.error IS 'Why the file could not be read at all (state failed).';
COMMENT ON COLUMN raw.warc_files.started_at IS 'When the file was first read.';
COMMENT ON COLUMN raw.warc_files.updated_at IS 'When its progress was last recorded.';
COMMENT ON COLUMN raw.warc_files.finished_at IS 'When it was read to the end (or failed).';

CREATE TABLE raw.warc_bad_records (
    source_name    text NOT NULL,
    location       text NOT NULL,
    record_offset  bigint NOT NULL CHECK (record_offset >= 0),
    error          text NOT NULL CHECK (error ~ '\S'),
    found_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_name, location, record_offset),
    FOREIGN KEY (source_name, location) REFERENCES raw.warc_files (source_name, location)
);
ALTER TABLE raw.warc_bad_records OWNER TO summitwatch_pipeline;
COMMENT ON TABLE raw.warc_bad_records IS 'WARC records that could not be read (truncated gzip member, wrong Content-Length, non-HTTP payload, ...); reading went on after each.';
COMMENT ON COLUMN raw.warc_bad_records.source_name IS 'The warc source.';
COMMENT ON COLUMN raw.warc_bad_records.location IS 'The WARC file (raw.warc_files.location).';
COMMENT ON COLUMN raw.warc_bad_records.record_offset IS 'Byte offset of the bad record (or of the unreadable data) in the file.';
COMMENT ON COLUMN raw.warc_bad_records.error IS 'What was wrong with it.';
COMMENT ON COLUMN raw.warc_bad_records.found_at IS 'When it was found.';

CREATE TABLE raw.sitemaps (
    source_name         text NOT NULL REFERENCES raw.sources (name),
    sitemap_url         text NOT NULL CHECK (sitemap_url ~ '^https?://'),
    lastmod             timestamptz,
    http_etag           text,
    http_last_modified  text,
    fetched_at          timestamptz NOT NULL,
    PRIMARY KEY (source_name, sitemap_url)
);
ALTER TABLE raw.sitemaps OWNER TO summitwatch_pipeline;
COMMENT ON TABLE raw.sitemaps IS 'Every sitemap a sitemap source has read (index, news or plain sitemap): what its next poll may skip or ask for conditionally.';
COMMENT ON COLUMN raw.sitemaps.source_name IS 'The sitemap source.';
COMMENT ON COLUMN raw.sitemaps.sitemap_url IS 'URL of the sitemap (from the source, robots.txt Sitemap: lines or a sitemap index).';
COMMENT ON COLUMN raw.sitemaps.lastmod IS 'The lastmod its sitemap index gave it when it was read; a child whose lastmod has not moved on is not fetched again.';
COMMENT ON COLUMN raw.sitemaps.http_etag IS 'ETag of its last 200 response, sent as If-None-Match.';
COMMENT ON COLUMN raw.sitemaps.http_last_modified IS 'Last-Modified of its last 200 response, sent as If-Modified-Since.';
COMMENT ON COLUMN raw.sitemaps.fetched_at IS 'When it was last read (200) or confirmed unchanged (304).';
