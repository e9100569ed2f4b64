CREATE VIEW reporting.event_mentions AS
SELECT m.event_id,
       m.mention_id,
       a.article_id,
       coalesce(s.outlet, s.name) AS outlet,
       a.canonical_url AS url,
       a.title,
       a.published_at,
       m.status,
       m.evidence,
       m.confidence,
       m.extractor_version,
       a.published_precision,
       a.language,
       a.doc_id,
       s.country AS outlet_country,
       m.kind,
       m.participants,
       m.organizations,
       m.location,
       m.country,
       m.event_date,
       a.exact_duplicate_of,
       m.created_at AS loaded_at,
       a.source_name,
       -- The address to open: where the page was fetched from (after redirects), else the
       -- link as published. canonical_url is an identity key (https, no www.), not a link.
       coalesce(i.payload #>> '{page,final_url}', i.url) AS link,
       -- When the report became known. A date known only to the month (or day, or year)
       -- is placed at the end of that period: it cannot have been earlier than a report
       -- dated within it. Undated documents are known from when they were loaded.
       coalesce(a.published_at + CASE a.published_precision
                                     WHEN 'day' THEN interval '1 day' - interval '1 microsecond'
                                     WHEN 'month' THEN interval '1 month' - interval '1 microsecond'
                                     WHEN 'year' THEN interval '1 year' - interval '1 microsecond'
                                     ELSE interval '0'
                                 END,
                m.created_at) AS known_at
FROM events.mentions m
JOIN core.articles a ON a.article_id = m.article_id
JOIN raw.items i ON i.item_id = a.item_id
JOIN raw.sources s ON s.name = a.source_name;
COMMENT ON VIEW reporting.event_mentions IS
    'Each article''s report of an event, with the evidence sentence, outlet, URL and publication time.';
COMMENT ON COLUMN reporting.event_mentions.event_id IS 'The event reported; joins summit_events.';
COMMENT ON COLUMN reporting.event_mentions.mention_id IS 'Identifier of this report.';
COMMENT ON COLUMN reporting.event_mentions.article_id IS 'The reporting article.';
COMMENT ON COLUMN reporting.event_mentions.outlet IS 'The publisher of the article (raw.sources.outlet); several feeds of one publisher share it.';
COMMENT ON COLUMN reporting.event_mentions.url IS 'Canonical URL of the article: its identity (https, no www., no tracking parameters), not necessarily a working link; open link instead. None for dropped documents.';
COMMENT ON COLUMN reporting.event_mentions.title IS 'Headline of the article.';
COMMENT ON COLUMN reporting.event_mentions.published_at IS 'Publication time; read together with published_precision.';
COMMENT ON COLUMN reporting.event_mentions.status IS 'Status of the event as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.evidence IS 'The sentence of the article that states it.';
COMMENT ON COLUMN reporting.event_mentions.confidence IS 'Extraction confidence of this report, 0 to 1.';
COMMENT ON COLUMN reporting.event_mentions.extractor_version IS 'Version of the extractor that read the article.';
COMMENT ON COLUMN reporting.event_mentions.published_precision IS 'How much of published_at is known: second, day, month or year.';
COMMENT ON COLUMN reporting.event_mentions.language IS 'Detected ISO 639-1 language of the article.';
COMMENT ON COLUMN reporting.event_mentions.doc_id IS 'Human-readable identifier of the article: file name for dropped documents, else source and item.';
COMMENT ON COLUMN reporting.event_mentions.outlet_country IS 'ISO 3166-1 alpha-2 country of the outlet.';
COMMENT ON COLUMN reporting.event_mentions.kind IS 'Kind of gathering as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.participants IS 'Participants this article names.';
COMMENT ON COLUMN reporting.event_mentions.organizations IS 'Groups this article names.';
COMMENT ON COLUMN reporting.event_mentions.location IS 'Place as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.country IS 'Country of that place.';
COMMENT ON COLUMN reporting.event_mentions.event_date IS 'Date of the event as this article reports it.';
COMMENT ON COLUMN reporting.event_mentions.exact_duplicate_of IS 'Earliest article with the same text, when this one is an exact duplicate.';
COMMENT ON COLUMN reporting.event_mentions.loaded_at IS 'When this report reached the database.';
COMMENT ON COLUMN reporting.event_mentions.source_name IS 'The source (feed, folder, push channel) that delivered the article.';
COMMENT ON COLUMN reporting.event_mentions.link IS 'Working address of the article: the URL its page was fetched from, else the link as published. None for dropped documents.';
COMMENT ON COLUMN reporting.event_mentions.known_at IS 'When the report became known: published_at, placed at the end of its day, month or year when only that is known; loaded_at for undated documents. Order reports by this.';
