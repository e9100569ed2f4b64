-- Issue 12: band rows partitioned by the article's first day, a quarter per partition.
--
-- A batch looks up and inserts band rows only within NEAR_DUPLICATE_WINDOW_DAYS of its
-- articles' days (dedupe/decide.py), so it touches the partitions of its window: the
-- btree pages it reads and dirties belong to a quarter's articles, not to the whole
-- stored corpus (one 32M-row index made a batch at 1M stored articles 24-70 % slower
-- than at 10k). Quarters 2010-2039 are created here; anything else lands in the
-- default partition.

ALTER TABLE core.article_bands RENAME TO article_bands_before_0090;
ALTER INDEX core.article_bands_pkey RENAME TO article_bands_before_0090_pkey;
ALTER INDEX core.article_bands_article_idx RENAME TO article_bands_before_0090_article_idx;

CREATE TABLE core.article_bands (
    band        smallint NOT NULL,
    hash        bigint NOT NULL,
    day         date NOT NULL,
    article_id  bigint NOT NULL REFERENCES core.articles (article_id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, day, article_id)
) PARTITION BY RANGE (day);
COMMENT ON TABLE core.article_bands IS 'LSH band hashes of every article, partitioned by quarter of its first day: a new article looks up candidates by (band, hash) within the near-duplicate window.';
COMMENT ON COLUMN core.article_bands.band IS 'Band number: 0-15 body view, 100-115 lead view.';
COMMENT ON COLUMN core.article_bands.hash IS 'Hash of the band''s rows of the MinHash signature.';
COMMENT ON COLUMN core.article_bands.day IS 'The article''s first day (core.article_signatures.first_day): the partition key.';
COMMENT ON COLUMN core.article_bands.article_id IS 'The article.';
CREATE INDEX article_bands_article_idx ON core.article_bands (article_id);

DO $$
DECLARE quarter date := date '2010-01-01';
BEGIN
    WHILE quarter < date '2040-01-01' LOOP
        EXECUTE format(
            'CREATE TABLE core.%I PARTITION OF core.article_bands FOR VALUES FROM (%L) TO (%L)',
            'article_bands_' || to_char(quarter, 'YYYY') || 'q' || extract(quarter FROM quarter),
            quarter, quarter + interval '3 months');
        EXECUTE format('ALTER TABLE core.%I OWNER TO summitwatch_pipeline',
                       'article_bands_' || to_char(quarter, 'YYYY') || 'q' || extract(quarter FROM quarter));
        quarter := quarter + interval '3 months';
    END LOOP;
END $$;
CREATE TABLE core.article_bands_other PARTITION OF core.article_bands DEFAULT;
-- Like every object of the data schemas (0042), owned by the pipeline role.
ALTER TABLE core.article_bands OWNER TO summitwatch_pipeline;
ALTER TABLE core.article_bands_other OWNER TO summitwatch_pipeline;

INSERT INTO core.article_bands (band, hash, day, article_id)
SELECT b.band, b.hash, s.first_day, b.article_id
FROM core.article_bands_before_0090 b JOIN core.article_signatures s USING (article_id);
DROP TABLE core.article_bands_before_0090;
