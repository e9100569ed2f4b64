-- Fetching like a good citizen (issue 3): request facts in the fetch log, the fate
-- of each item's article page, per-source backoff state and a robots.txt cache.

ALTER TABLE raw.fetch_log
    ADD COLUMN request_kind text CHECK (request_kind IN ('feed', 'page', 'robots', 'folder', 'push')),
    ADD COLUMN attempts     integer NOT NULL DEFAULT 1 CHECK (attempts >= 0),
    ADD COLUMN final_url    text,
    ADD COLUMN warning      text;
COMMENT ON COLUMN raw.fetch_log.request_kind IS 'What was requested: feed, page (article), robots (robots.txt), folder (scan) or push (pushed message).';
COMMENT ON COLUMN raw.fetch_log.attempts IS 'HTTP attempts made for this request, retries included (0 when it was refused before any request).';
COMMENT ON COLUMN raw.fetch_log.final_url IS 'URL of the final response after redirects, when it differs from url.';
COMMENT ON COLUMN raw.fetch_log.warning IS 'A problem that did not stop the request from being used: malformed feed (bozo) with its readable entries kept, charset repaired, items deferred.';

ALTER TABLE raw.items
    ADD COLUMN page_status text CHECK (page_status IN ('ok', 'blocked', 'paywalled', 'empty', 'disallowed', 'refused', 'error'));
COMMENT ON COLUMN raw.items.page_status IS 'For feed items with a link: what became of the article page. ok = page HTML is the content; otherwise the content is the feed''s own summary and the page was blocked (401/403/451), paywalled, empty, disallowed by robots.txt, refused (unsafe URL) or failed (error). NULL when no page was involved.';

ALTER TABLE raw.sources
    ADD COLUMN next_poll_not_before  timestamptz,
    ADD COLUMN consecutive_failures  integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0);
COMMENT ON COLUMN raw.sources.next_poll_not_before IS 'Backoff: the source is not polled before this time (after failures, or a Retry-After too long to wait in-run). NULL = no backoff.';
COMMENT ON COLUMN raw.sources.consecutive_failures IS 'Polls in a row that failed; drives the exponential backoff, reset by a successful poll.';

CREATE TABLE raw.robots_txt (
    origin       text PRIMARY KEY CHECK (origin ~ '^https?://'),
    http_status  integer CHECK (http_status BETWEEN 100 AND 599),
    body         text NOT NULL DEFAULT '',
    fetched_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL CHECK (expires_at >= fetched_at)
);
COMMENT ON TABLE raw.robots_txt IS 'robots.txt per origin, cached between runs so each host is asked at most once per TTL.';
COMMENT ON COLUMN raw.robots_txt.origin IS 'scheme://host[:port] the file applies to.';
COMMENT ON COLUMN raw.robots_txt.http_status IS 'Status of the robots.txt response; NULL when it could not be fetched at all.';
COMMENT ON COLUMN raw.robots_txt.body IS 'The rules as fetched (empty for 4xx: everything allowed).';
COMMENT ON COLUMN raw.robots_txt.fetched_at IS 'When robots.txt was fetched.';
COMMENT ON COLUMN raw.robots_txt.expires_at IS 'After this time it is fetched again (24 h; 1 h after a server error).';
