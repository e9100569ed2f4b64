"""Roles that stand for a person ("der russische Präsident", "US Secretary of State").

A role names an office and, through an adjective, a prefix or a genitive, a country or
organisation; ``resolve_role`` turns it into the holder at the publication date.
"""

from __future__ import annotations

from datetime import date

from summitwatch.events.reference import Actor, Reference

# Lower-case role words (whole tokens or last part of a hyphenated compound) -> office.
# "leader" means the office that leads that country (seeds/countries_manual.csv).
ROLE_WORDS: dict[str, str] = {
    # German
    "präsident": "president", "präsidenten": "president", "präsidentin": "president",
    "staatspräsident": "president", "staatspräsidenten": "president", "staatspräsidentin": "president",
    "staatschef": "leader", "staatschefin": "leader", "machthaber": "leader", "führung": "",
    "regierungschef": "head_of_government", "regierungschefin": "head_of_government",
    "ministerpräsident": "head_of_government", "ministerpräsidenten": "head_of_government",
    "ministerpräsidentin": "head_of_government", "premierminister": "head_of_government",
    "premierministerin": "head_of_government", "premier": "head_of_government",
    "kanzler": "head_of_government", "kanzlerin": "head_of_government",
    "außenminister": "foreign_minister", "außenministerin": "foreign_minister",
    "aussenminister": "foreign_minister", "chefdiplomat": "foreign_minister",
    "verteidigungsminister": "defence_minister", "verteidigungsministerin": "defence_minister",
    "kollege": "counterpart", "kollegen": "counterpart", "kollegin": "counterpart",
    "amtskollege": "counterpart", "amtskollegen": "counterpart", "amtskollegin": "counterpart",
    "könig": "monarch", "emir": "monarch",
    "generalsekretär": "secretary_general", "kommissionspräsident": "eu_commission_president",
    "kommissionspräsidentin": "eu_commission_president", "ratspräsident": "eu_council_president",
    "ratspräsidentin": "eu_council_president", "außenbeauftragte": "eu_high_representative",
    "außenbeauftragter": "eu_high_representative",
    # English
    "president": "president", "leader": "leader", "pm": "head_of_government",
    "chancellor": "head_of_government", "counterpart": "counterpart", "king": "monarch",
}  # fmt: skip
ROLE_PHRASES: dict[tuple[str, ...], str] = {
    ("prime", "minister"): "head_of_government",
    ("foreign", "minister"): "foreign_minister",
    ("foreign", "secretary"): "foreign_minister",
    ("secretary", "of", "state"): "foreign_minister",
    ("defence", "minister"): "defence_minister",
    ("defense", "minister"): "defence_minister",
    ("defence", "secretary"): "defence_minister",
    ("defense", "secretary"): "defence_minister",
    ("secretary", "of", "defense"): "defence_minister",
    ("secretary", "of", "defence"): "defence_minister",
    ("external", "affairs", "minister"): "foreign_minister",
    ("secretary", "general"): "secretary_general",
    ("secretary-general",): "secretary_general",
    ("commission", "president"): "eu_commission_president",
    ("council", "president"): "eu_council_president",
    ("foreign", "policy", "chief"): "eu_high_representative",
}
# Plural roles stand for two people only after two joined adjectives: "the Chinese and
# Russian leaders", "die russischen und chinesischen Staatschefs". Alone ("European
# leaders") they are collective and name nobody.
PLURAL_ROLE_WORDS: dict[str, str] = {
    "leaders": "leader", "presidents": "president", "staatschefs": "leader",
    "regierungschefs": "head_of_government", "präsidentinnen": "president",
}  # fmt: skip
PLURAL_ROLE_PHRASES: dict[tuple[str, ...], str] = {
    ("prime", "ministers"): "head_of_government",
    ("foreign", "ministers"): "foreign_minister",
    ("defence", "ministers"): "defence_minister",
    ("defense", "ministers"): "defence_minister",
}
# Compound prefixes and words that carry their own jurisdiction.
IMPLIED: dict[str, tuple[str, str]] = {
    "bundeskanzler": ("head_of_government", "DE"),
    "bundeskanzlerin": ("head_of_government", "DE"),
    "bundespräsident": ("president", "DE"),
    "bundespräsidentin": ("president", "DE"),
    "bundesaußenminister": ("foreign_minister", "DE"),
    "bundesaußenministerin": ("foreign_minister", "DE"),
    "bundesverteidigungsminister": ("defence_minister", "DE"),
    "bundesverteidigungsministerin": ("defence_minister", "DE"),
    "kremlchef": ("president", "RU"),
    "kreml-chef": ("president", "RU"),
    "pentagon-chef": ("defence_minister", "US"),
    "pentagonchef": ("defence_minister", "US"),
}
IMPLIED_PHRASES: dict[tuple[str, ...], tuple[str, str]] = {
    ("pentagon", "chief"): ("defence_minister", "US"),
    ("kremlin", "leader"): ("president", "RU"),
    ("kremlin", "chief"): ("president", "RU"),
    ("secretary", "of", "state"): ("foreign_minister", "US"),
}
# Without a country a German "Kanzler(in)" is the German one.
DEFAULT_COUNTRY_DE = {"head_of_government": "DE"}
GROUP_OFFICES = {
    ("NATO", "secretary_general"): "nato_secretary_general",
    ("UN", "secretary_general"): "un_secretary_general",
    ("EU", "president"): "eu_commission_president",
    ("EU", "eu_commission_president"): "eu_commission_president",
    ("EU", "eu_council_president"): "eu_council_president",
    ("EU", "eu_high_representative"): "eu_high_representative",
    ("EU", "foreign_minister"): "eu_high_representative",
}
ORG_JURISDICTION = {
    "nato_secretary_general": "NATO",
    "un_secretary_general": "UN",
    "eu_commission_president": "EU",
    "eu_council_president": "EU",
    "eu_high_representative": "EU",
}
# A name that modifies an institution stands for that institution, not the person: "the
# Trump administration", "Obama's government", "die Trump-Regierung", "die Regierung Merkel".
# Nouns after the name (English) or as the last part of a hyphenated compound (German).
INSTITUTION_AFTER: frozenset[str] = frozenset(
    [
        "administration", "administrations", "government", "campaign", "cabinet", "era", "camp",
        "presidency", "regime", "foundation", "organization", "organisation", "doctrine", "admin",
        "regierung", "administration", "kabinett", "ära", "lager", "regime", "kampagne", "stiftung",
        "doktrin", "präsidentschaft",
    ]
)  # fmt: skip
# Nouns before the name (German genitive-free apposition): "die Regierung Merkel", "das Kabinett Scholz".
INSTITUTION_BEFORE: frozenset[str] = frozenset(["regierung", "administration", "kabinett", "ära"])
_LEADER_FALLBACK = ("president", "head_of_government", "supreme_leader", "monarch")


def resolve_role(ref: Reference, office: str, jurisdiction: str, day: date | None) -> Actor | None:
    """The holder of ``office`` in ``jurisdiction`` on ``day`` (None if unknown)."""
    if day is None or not office or not jurisdiction:
        return None
    if office == "leader":
        first = ref.leader_office.get(jurisdiction)
        for candidate in ((first,) if first else ()) + _LEADER_FALLBACK:
            holder = ref.holder(candidate, jurisdiction, day)
            if holder:
                return holder
        return None
    return ref.holder(office, jurisdiction, day)


def counterpart_office(ref: Reference, subject_qid: str, day: date | None) -> str | None:
    """The office a "counterpart" of ``subject`` holds: leaders meet leaders, ministers ministers."""
    if day is None:
        return None
    for tenure in ref.offices_of(subject_qid, day):
        if tenure.office in {"president", "head_of_government", "supreme_leader", "monarch"}:
            return "leader"
        if tenure.office in {"foreign_minister", "defence_minister"}:
            return tenure.office
    return None
