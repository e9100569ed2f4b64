-- Stories redesigned (issue 12): a story is a cluster with a bounded time span and a
-- profile of story terms; an article joins the story it is most similar to (tf-idf
-- cosine against the profile), weighted by how rare each term is in the stored corpus.

ALTER TABLE core.stories
    ADD COLUMN first_day       date,
    ADD COLUMN last_day        date,
    ADD COLUMN profile_terms   bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN profile_counts  real[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT stories_span_ordered CHECK (last_day >= first_day),
    ADD CONSTRAINT stories_profile_aligned CHECK (cardinality(profile_terms) = cardinality(profile_counts));
COMMENT ON COLUMN core.stories.first_day IS 'First day one of its articles may have appeared (publication time, else first fetched): the story''s span starts here.';
COMMENT ON COLUMN core.stories.last_day IS 'Last day one of its articles may have appeared; the span is bounded (dedupe.stories.STORY_SPAN_DAYS).';
COMMENT ON COLUMN core.stories.profile_terms IS 'Hashes of the story terms its articles use most (names, places, groups and gatherings normalised through the reference data; other capitalised words).';
COMMENT ON COLUMN core.stories.profile_counts IS 'How often its articles use each of profile_terms (same order), scaled by kind of term: what a new article is compared with.';

CREATE TABLE core.story_term_documents (
    term_hash  bigint PRIMARY KEY,
    articles   integer NOT NULL CHECK (articles >= 0)
);
-- Like every object of the data schemas (0042), owned by the pipeline role.
ALTER TABLE core.story_term_documents OWNER TO summitwatch_pipeline;
COMMENT ON TABLE core.story_term_documents IS 'Document frequency of each story term in the stored corpus, kept incrementally by the sameness step: rare terms weigh more.';
COMMENT ON COLUMN core.story_term_documents.term_hash IS 'Hash of one story term; 0 counts every article signed (the corpus size).';
COMMENT ON COLUMN core.story_term_documents.articles IS 'Articles that use the term.';
COMMENT ON COLUMN core.article_signatures.story_terms IS 'Hashes of the story terms the article is indexed by: gatherings first, then names and places, then other capitalised words.';
