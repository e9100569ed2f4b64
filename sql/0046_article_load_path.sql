-- Faster, exact article loads (issue 6).
--
-- 1. An article's source must be its raw item's source: one composite foreign key
--    (item_id, source_name) -> raw.items says that, and replaces the two separate keys
--    (item_id -> raw.items, source_name -> raw.sources). The guarantee is stronger (an
--    article can no longer name another outlet than its item) and each loaded row pays
--    for one referential check instead of two. raw.items.source_name still references
--    raw.sources, so an article's source is still a known source.
ALTER TABLE raw.items ADD CONSTRAINT items_item_id_source_name_key UNIQUE (item_id, source_name);
COMMENT ON CONSTRAINT items_item_id_source_name_key ON raw.items IS
    'Target of core.articles (item_id, source_name): an article names the source of its own item.';
ALTER TABLE core.articles
    DROP CONSTRAINT articles_item_id_fkey,
    DROP CONSTRAINT articles_source_name_fkey,
    ADD CONSTRAINT articles_item_source_fkey
        FOREIGN KEY (item_id, source_name) REFERENCES raw.items (item_id, source_name);

-- 2. Text PostgreSQL cannot hold: the NUL character (U+0000). The load path takes NUL
--    characters out of titles and bodies and records where they were, so the exact
--    text comes back (summitwatch.db.exact_text.restore_nul); analysts read the text
--    without them.
ALTER TABLE core.articles
    ADD COLUMN title_nul_offsets integer[] CHECK (cardinality(title_nul_offsets) > 0),
    ADD COLUMN body_nul_offsets integer[] CHECK (cardinality(body_nul_offsets) > 0);
COMMENT ON COLUMN core.articles.title_nul_offsets IS
    'Positions (0-based, in the original title) of NUL characters the title held before it was stored; NULL when it held none.';
COMMENT ON COLUMN core.articles.body_nul_offsets IS
    'Positions (0-based, in the original body) of NUL characters the body held before it was stored; NULL when it held none.';

-- 3. Bodies are compressed with lz4 where the server has it: several times faster to
--    compress on load and to decompress for analysts than the default pglz, for a
--    slightly larger table. Servers built without lz4 (the embedded pgserver) keep pglz;
--    only new values are affected either way.
DO $$
BEGIN
    ALTER TABLE core.articles ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server: article bodies stay pglz-compressed';
END
$$;
