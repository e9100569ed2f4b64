"""Roles that stand for a person ("der russische Präsident", "US Secretary of State").

A role names an office and, through an adjective, a prefix or a genitive, a country or
organisation; ``resolve_role`` turns it into the holder at the publication date.
"""

from __future__ import annotations

from datetime import date

from summitwatch.events.reference import Actor, Reference

# The role words of each language are in its pack (``lang/<code>/``, ``RoleWords``); these
# tables are the offices behind them.
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
