-- Cleaned articles.

CREATE TABLE core.articles (
    article_id           bigserial PRIMARY KEY,
    item_id              bigint NOT NULL UNIQUE REFERENCES raw.items (item_id),
    source_name          text NOT NULL REFERENCES raw.sources (name),
    doc_id               text NOT NULL,
    canonical_url        text,
    title                text,
    body                 text NOT NULL,
    language             text CHECK (language ~ '^[a-z]{2}$'),
    published_at         timestamptz,
    published_precision  text CHECK (published_precision IN ('second', 'day', 'month', 'year')),
    content_hash         text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    exact_duplicate_of   bigint REFERENCES core.articles (article_id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((published_at IS NULL) = (published_precision IS NULL)),
    CHECK (exact_duplicate_of IS DISTINCT FROM article_id)
);
COMMENT ON TABLE core.articles IS 'One cleaned article per raw item, with its duplicate relations.';
COMMENT ON COLUMN core.articles.article_id IS 'Surrogate key.';
COMMENT ON COLUMN core.articles.item_id IS 'The raw item it was cleaned from (natural key).';
COMMENT ON COLUMN core.articles.source_name IS 'Outlet that published it.';
COMMENT ON COLUMN core.articles.doc_id IS 'Human-readable identifier: file name for dropped documents, else source and item.';
COMMENT ON COLUMN core.articles.canonical_url IS 'URL without tracking parameters, fragments, AMP or mobile variants.';
COMMENT ON COLUMN core.articles.title IS 'Headline.';
COMMENT ON COLUMN core.articles.body IS 'Main text, cleaned (NFC, boilerplate removed).';
COMMENT ON COLUMN core.articles.language IS 'Detected ISO 639-1 language.';
COMMENT ON COLUMN core.articles.published_at IS 'Publication time; read together with published_precision.';
COMMENT ON COLUMN core.articles.published_precision IS 'How much of published_at is known: second, day, month or year.';
COMMENT ON COLUMN core.articles.content_hash IS 'SHA-256 of the normalized body: equal hashes are exact duplicates.';
COMMENT ON COLUMN core.articles.exact_duplicate_of IS 'Earliest article with the same content hash, if this is not it.';
COMMENT ON COLUMN core.articles.created_at IS 'When the article was first written.';
COMMENT ON COLUMN core.articles.updated_at IS 'When the article row was last rewritten.';
CREATE INDEX articles_content_hash_idx ON core.articles (content_hash);
CREATE INDEX articles_canonical_url_idx ON core.articles (canonical_url);
