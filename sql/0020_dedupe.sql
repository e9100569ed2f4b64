-- Sameness levels of articles: revisions, near duplicates (MinHash LSH), stories.

ALTER TABLE core.articles
    ADD COLUMN revision_of        bigint REFERENCES core.articles (article_id),
    ADD COLUMN near_duplicate_of  bigint REFERENCES core.articles (article_id),
    ADD COLUMN story_id           bigint,
    ADD CONSTRAINT articles_revision_not_self CHECK (revision_of IS DISTINCT FROM article_id),
    ADD CONSTRAINT articles_near_duplicate_not_self CHECK (near_duplicate_of IS DISTINCT FROM article_id);
COMMENT ON COLUMN core.articles.revision_of IS 'First article with the same canonical URL, if this is a later fetch of it (a changed body is a new revision).';
COMMENT ON COLUMN core.articles.near_duplicate_of IS 'Original this article copies (exactly, or with small edits, boilerplate or truncation): the root of the earliest match by MinHash LSH.';
COMMENT ON COLUMN core.articles.story_id IS 'Story cluster: articles telling the same story (rewritten by several outlets) within a few days; see core.stories.';
CREATE INDEX articles_near_duplicate_of_idx ON core.articles (near_duplicate_of) WHERE near_duplicate_of IS NOT NULL;
CREATE INDEX articles_story_idx ON core.articles (story_id);

CREATE TABLE core.stories (
    story_id            bigint PRIMARY KEY REFERENCES core.articles (article_id),
    articles            integer NOT NULL CHECK (articles > 0),
    independent_reports integer NOT NULL CHECK (independent_reports > 0),
    first_published_at  timestamptz,
    last_published_at   timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE core.stories IS 'One row per story cluster; the id is the article that founded it.';
COMMENT ON COLUMN core.stories.story_id IS 'The first article of the story (core.articles.story_id points here).';
COMMENT ON COLUMN core.stories.articles IS 'Articles in the story, duplicates included.';
COMMENT ON COLUMN core.stories.independent_reports IS 'Articles in the story that are no near duplicate of another: what analysts count.';
COMMENT ON COLUMN core.stories.first_published_at IS 'Earliest publication time of its articles.';
COMMENT ON COLUMN core.stories.last_published_at IS 'Latest publication time of its articles.';
COMMENT ON COLUMN core.stories.updated_at IS 'When the row was last recomputed.';
ALTER TABLE core.articles
    ADD CONSTRAINT articles_story_fk FOREIGN KEY (story_id) REFERENCES core.stories (story_id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE core.article_signatures (
    article_id         bigint PRIMARY KEY REFERENCES core.articles (article_id) ON DELETE CASCADE,
    signature_version  smallint NOT NULL,
    content_hash       text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    body_minhash       bytea NOT NULL,
    lead_minhash       bytea NOT NULL,
    shingles           integer NOT NULL CHECK (shingles >= 0),
    story_terms        bigint[] NOT NULL,
    first_day          date NOT NULL,
    last_day           date NOT NULL CHECK (last_day >= first_day)
);
COMMENT ON TABLE core.article_signatures IS 'What the sameness decisions know about each article: MinHash signatures and story terms.';
COMMENT ON COLUMN core.article_signatures.article_id IS 'The article.';
COMMENT ON COLUMN core.article_signatures.signature_version IS 'Version of the MinHash scheme (seed, permutations, shingles); signatures of different versions are not comparable.';
COMMENT ON COLUMN core.article_signatures.content_hash IS 'Content hash the signatures were computed from; a changed body is signed again.';
COMMENT ON COLUMN core.article_signatures.body_minhash IS 'MinHash of the 3-word shingles of the whole body (128 little-endian uint32).';
COMMENT ON COLUMN core.article_signatures.lead_minhash IS 'MinHash of the 3-word shingles of the first 50 words (finds copies truncated to the lead).';
COMMENT ON COLUMN core.article_signatures.shingles IS 'Distinct body shingles, to turn a Jaccard estimate into containment.';
COMMENT ON COLUMN core.article_signatures.story_terms IS 'Hashes of the most frequent capitalised words (names, places): the story terms.';
COMMENT ON COLUMN core.article_signatures.first_day IS 'First day the article may have appeared (publication date at its precision, else the day it was processed).';
COMMENT ON COLUMN core.article_signatures.last_day IS 'Last day the article may have appeared.';

CREATE TABLE core.article_bands (
    band        smallint NOT NULL,
    hash        bigint NOT NULL,
    article_id  bigint NOT NULL REFERENCES core.articles (article_id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article_id)
);
COMMENT ON TABLE core.article_bands IS 'LSH band hashes of every article: a new article looks up candidates by (band, hash) without scanning.';
COMMENT ON COLUMN core.article_bands.band IS 'Band number: 0-15 body view, 100-115 lead view.';
COMMENT ON COLUMN core.article_bands.hash IS 'Hash of the band''s rows of the MinHash signature.';
COMMENT ON COLUMN core.article_bands.article_id IS 'The article.';
CREATE INDEX article_bands_article_idx ON core.article_bands (article_id);

CREATE TABLE core.article_story_terms (
    term_hash   bigint NOT NULL,
    last_day    date NOT NULL,
    first_day   date NOT NULL,
    article_id  bigint NOT NULL REFERENCES core.articles (article_id) ON DELETE CASCADE,
    PRIMARY KEY (term_hash, last_day, article_id)
);
COMMENT ON TABLE core.article_story_terms IS 'Story terms by day: a new article finds same-story candidates within the time window without scanning.';
COMMENT ON COLUMN core.article_story_terms.term_hash IS 'Hash of one story term.';
COMMENT ON COLUMN core.article_story_terms.last_day IS 'Last day the article may have appeared (the window is searched on it).';
COMMENT ON COLUMN core.article_story_terms.first_day IS 'First day the article may have appeared.';
COMMENT ON COLUMN core.article_story_terms.article_id IS 'The article.';
CREATE INDEX article_story_terms_article_idx ON core.article_story_terms (article_id);
