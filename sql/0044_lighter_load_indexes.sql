-- Lighter indexes and checks on the two tables every batch loads (issue 6, fast loads).
-- Each index below is used by a query of the pipeline; none of them is dropped without
-- another index serving the same queries, and no foreign key or model constraint goes.

-- Redundant: the natural key's unique index (article_id, event_id, extractor_version)
-- leads with article_id and serves every lookup by article (stale-mention deletion,
-- the views' joins) just as well.
DROP INDEX events.mentions_article_idx;

-- Content hashes and canonical URLs are only ever compared for equality (exact
-- duplicates, revisions, dedupe candidates): a hash index stores a 4-byte hash code
-- instead of the 64-character or URL-long key and compares no text on insert.
DROP INDEX core.articles_content_hash_idx;
CREATE INDEX articles_content_hash_idx ON core.articles USING hash (content_hash);
DROP INDEX core.articles_canonical_url_idx;
CREATE INDEX articles_canonical_url_idx ON core.articles USING hash (canonical_url);

-- An article is written without a story and given one by the sameness step in the same
-- transaction; only the second version needs an entry (lookups are story_id = ANY(...)).
DROP INDEX core.articles_story_idx;
CREATE INDEX articles_story_idx ON core.articles (story_id) WHERE story_id IS NOT NULL;

-- The same rule as 0040's body ~ '\S', without matching the whole body: the regex engine
-- converts all of its input to wide characters first, and a body's first 64 characters
-- almost always decide it. Only a body that starts with 64 blanks is searched in full.
ALTER TABLE core.articles
    DROP CONSTRAINT articles_body_not_blank,
    ADD CONSTRAINT articles_body_not_blank CHECK (left(body, 64) ~ '\S' OR body ~ '\S');
