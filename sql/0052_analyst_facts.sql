-- Facts analysts asked for (issue 15).
--
-- 1. A host that does not resolve is its own fetch outcome, `unresolved`: a dead link
--    in a feed item is not an unsafe URL, and an article page that cannot be found is
--    not the source's failure (reporting.pipeline_health counts it apart).
-- 2. The outlet behind a source: several feeds of one publisher (two tagesschau feeds)
--    are one outlet.

ALTER TABLE raw.fetch_log DROP CONSTRAINT fetch_log_outcome_check;
ALTER TABLE raw.fetch_log ADD CONSTRAINT fetch_log_outcome_check
    CHECK (outcome IN ('ok', 'not_modified', 'unchanged', 'blocked', 'refused', 'unresolved', 'error'));
ALTER TABLE raw.fetch_log DROP CONSTRAINT fetch_log_check;
ALTER TABLE raw.fetch_log ADD CONSTRAINT fetch_log_check
    CHECK ((outcome IN ('error', 'refused', 'unresolved', 'blocked')) = (error IS NOT NULL));
COMMENT ON COLUMN raw.fetch_log.outcome IS
    'ok, not_modified (HTTP 304), unchanged (same body hash), blocked (401/403/451, robots.txt), refused (unsafe URL), unresolved (the host name does not resolve; nothing was sent), error.';
COMMENT ON COLUMN raw.fetch_log.error IS 'What went wrong, for refused, unresolved, blocked and error outcomes.';

ALTER TABLE raw.items DROP CONSTRAINT items_page_status_check;
ALTER TABLE raw.items ADD CONSTRAINT items_page_status_check
    CHECK (page_status IN ('ok', 'blocked', 'paywalled', 'empty', 'disallowed', 'refused', 'unresolved', 'error'));
COMMENT ON COLUMN raw.items.page_status IS 'For feed items with a link: what became of the article page. ok = page HTML is the content; otherwise the content is the feed''s own summary and the page was blocked (401/403/451), paywalled, empty, disallowed by robots.txt, refused (unsafe URL), unresolved (its host does not resolve) or failed (error). NULL when no page was involved.';

ALTER TABLE raw.sources ADD COLUMN outlet text CHECK (btrim(outlet) <> '');
UPDATE raw.sources SET outlet = name WHERE outlet IS NULL;
COMMENT ON COLUMN raw.sources.outlet IS
    'The publisher behind the source (tagesschau, BBC News, ...); several feeds may share one. From seeds/sources.csv, else the source name.';
