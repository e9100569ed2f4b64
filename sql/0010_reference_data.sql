-- Reference data of the event extractor (issue 5): actors, their aliases and offices,
-- places and groups. Loaded from seeds/ by summitwatch.events.reference_db.load_reference.
-- Facts about office holders come from Wikidata (P39 position held).

CREATE TABLE IF NOT EXISTS events.actors (
    qid               text PRIMARY KEY,          -- Wikidata QID, or X-... for a local id
    name              text NOT NULL,             -- English Wikipedia title
    country           text NOT NULL,
    family_name_first boolean NOT NULL DEFAULT false,
    source            text NOT NULL
);

CREATE TABLE IF NOT EXISTS events.actor_aliases (
    qid   text NOT NULL REFERENCES events.actors (qid) ON DELETE CASCADE,
    alias text NOT NULL,
    lang  text NOT NULL CHECK (lang IN ('de', 'en', '*')),
    kind  text NOT NULL CHECK (kind IN ('full', 'variant', 'surname')),
    PRIMARY KEY (qid, alias, lang)
);
CREATE INDEX IF NOT EXISTS actor_aliases_alias_idx ON events.actor_aliases (alias);

CREATE TABLE IF NOT EXISTS events.offices (
    qid          text NOT NULL REFERENCES events.actors (qid) ON DELETE CASCADE,
    office       text NOT NULL,
    jurisdiction text NOT NULL,                  -- ISO 3166-1 alpha-2, or EU / NATO / UN
    start_date   date NOT NULL,
    end_date     date,                           -- NULL while in office
    source       text NOT NULL,
    PRIMARY KEY (qid, office, jurisdiction, start_date),
    CONSTRAINT offices_dates_ordered CHECK (end_date IS NULL OR start_date <= end_date)
);
CREATE INDEX IF NOT EXISTS offices_lookup_idx ON events.offices (office, jurisdiction, start_date);

CREATE TABLE IF NOT EXISTS events.places (
    kind          text NOT NULL CHECK (kind IN ('city', 'country', 'adjective')),
    name          text NOT NULL,                 -- English name of the city or country
    country       text NOT NULL,
    alias         text NOT NULL,
    lang          text NOT NULL CHECK (lang IN ('de', 'en', '*')),
    leader_office text,
    PRIMARY KEY (kind, country, alias, lang)
);

CREATE TABLE IF NOT EXISTS events.groups (
    code  text NOT NULL,                         -- G7, G20, BRICS, NATO, EU, ...
    name  text NOT NULL,
    alias text NOT NULL,
    lang  text NOT NULL CHECK (lang IN ('de', 'en', '*')),
    PRIMARY KEY (code, alias)
);
