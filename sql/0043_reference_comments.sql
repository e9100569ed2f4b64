-- Descriptions for the reference tables of 0010 (loaded from seeds/ by
-- summitwatch.events.reference_db), so the data dictionary covers every table.

COMMENT ON TABLE events.actors IS 'People the extractor recognises: office holders and other actors, with their canonical English name.';
COMMENT ON COLUMN events.actors.qid IS 'Wikidata QID of the person, or X-... for a locally defined actor.';
COMMENT ON COLUMN events.actors.name IS 'Canonical English name (the English Wikipedia title): the name used in participants.';
COMMENT ON COLUMN events.actors.country IS 'ISO 3166-1 alpha-2 country the person acts for.';
COMMENT ON COLUMN events.actors.family_name_first IS 'True when the name is written family name first (Xi Jinping), so the surname alias is the first word.';
COMMENT ON COLUMN events.actors.source IS 'Where the facts about the actor come from.';

COMMENT ON TABLE events.actor_aliases IS 'Names under which an actor appears in German or English text.';
COMMENT ON COLUMN events.actor_aliases.qid IS 'The actor.';
COMMENT ON COLUMN events.actor_aliases.alias IS 'A spelling of the name as it appears in text (Wladimir Putin, Putin).';
COMMENT ON COLUMN events.actor_aliases.lang IS 'Language the alias is used in: de, en, or * for both.';
COMMENT ON COLUMN events.actor_aliases.kind IS 'full (whole name), variant (other spelling) or surname (surname alone).';

COMMENT ON TABLE events.offices IS 'Offices actors held, with dates: resolves "the Russian president" to a person at a given time.';
COMMENT ON COLUMN events.offices.qid IS 'The actor holding the office.';
COMMENT ON COLUMN events.offices.office IS 'Office, as a code (president, head_of_government, monarch, foreign_minister, defence_minister, nato_secretary_general, ...).';
COMMENT ON COLUMN events.offices.jurisdiction IS 'Where the office is held: ISO 3166-1 alpha-2 country, or EU, NATO, UN.';
COMMENT ON COLUMN events.offices.start_date IS 'First day in office.';
COMMENT ON COLUMN events.offices.end_date IS 'Last day in office; NULL while in office.';
COMMENT ON COLUMN events.offices.source IS 'Where the facts about the office come from.';

COMMENT ON TABLE events.places IS 'Names of cities and countries, and country adjectives, in German and English, mapped to canonical places.';
COMMENT ON COLUMN events.places.kind IS 'city, country, or adjective (russisch, Russian) naming a country.';
COMMENT ON COLUMN events.places.name IS 'English name of the city or country: the name used in location.';
COMMENT ON COLUMN events.places.country IS 'ISO 3166-1 alpha-2 country of the place.';
COMMENT ON COLUMN events.places.alias IS 'The name or adjective as it appears in text (München, Munich).';
COMMENT ON COLUMN events.places.lang IS 'Language the alias is used in: de, en, or * for both.';
COMMENT ON COLUMN events.places.leader_office IS 'For a country or adjective: the office its leader holds ("the Russian president": president of RU).';

COMMENT ON TABLE events.groups IS 'Groups and summit formats (G7, G20, BRICS, NATO, EU, ...) and the names they appear under.';
COMMENT ON COLUMN events.groups.code IS 'Short form used in organizations (G7, G20, BRICS, NATO, EU, ...).';
COMMENT ON COLUMN events.groups.name IS 'Full English name of the group.';
COMMENT ON COLUMN events.groups.alias IS 'A name of the group as it appears in text; acronyms in capitals match case-sensitively.';
COMMENT ON COLUMN events.groups.lang IS 'Language the alias is used in: de, en, or * for both.';
