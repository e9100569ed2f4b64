"""Boilerplate lines that survive extraction, in German and English.

Only whole lines are removed, and only when the line as a whole is
boilerplate: a sentence that merely mentions a photo stays. Patterns are
anchored and short lines only, so article text is never cut by accident.
"""

from __future__ import annotations

import re

# Lines longer than this are article text, whatever they start with.
_MAX_BOILERPLATE_CHARS = 200

_PATTERNS = [
    # navigation and accessibility links
    r"(zum inhalt springen|zur navigation springen|skip to (main )?content|skip navigation|"
    r"direkt zum inhalt|inhalt überspringen|menü( öffnen| schließen)?|menu|navigation|startseite|home)",
    # share and follow prompts
    r"((artikel |beitrag )?teilen( (auf|per|via) \w+)?|share( this)?( article| story| page)?( (on|via) \w+)?|"
    r"(jetzt )?(auf )?(facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|pinterest|xing)"
    r"( teilen| share)?|tweet|drucken|print( this)?( article)?|link kopieren|copy link|"
    r"folgen sie uns( auf \w+)?|follow us( on \w+)?|kommentar (schreiben|verfassen)|"
    r"(\d+ )?kommentare( \(\d+\))?|(\d+ )?comments?( \(\d+\))?|leave a comment)",
    # photo and video credits: "Foto: dpa", "(Photo: Reuters)", "Bild: picture alliance / AP"
    r"[(\[]?\s*(foto|fotos|bild|bilder|photo|photos|picture|image|video|grafik|quelle|source|credit)"
    r"( ?credit)?\s*[:©|/].{0,120}",
    r"©.{0,120}|\(c\) .{0,120}|copyright.{0,120}|.{0,80}(getty images|picture alliance|imago images|"
    r"shutterstock|afp via getty images)\s*[)\]]?",
    # bylines and reading aids
    # names are matched case-sensitively: "Von der Leyen trifft Biden" is a sentence, not a byline
    r"(von|by)\s+(?-i:[A-ZÄÖÜ][\w.'-]+(\s+(und|and|&)?\s*[A-ZÄÖÜ][\w.'-]+){0,3})(\s*[,|]\s*.{0,60})?",
    # an author's job: "Redakteur in der Wirtschaft.", "Staff writer at The Example Times"
    r"(redakteur(in)?|korrespondent(in)?|autor(in)?|reporter(in)?|volontär(in)?|"
    r"(staff |senior )?(writer|editor|correspondent|reporter))\s+(in|im|der|für|bei|at|for|of|covering)\s+"
    r"(?!.*\b(said|says|told|sagte|sagt|erklärte)\b)[\w.,&'-]+(\s+[\w.,&'-]+){0,7}",
    r"(lesezeit|reading time|read time)\s*:?\s*\d+\s*(min(uten|utes)?\.?)",
    r"\d+\s*(min(uten|utes)?\.?)\s*(lesezeit|read)",
    r"(aktualisiert|updated|veröffentlicht|published|stand)( am| on)?\s*:?\s*[\d.:/, -]{6,}\s*(uhr|am|pm)?",
    # subscription and cookie prompts
    r"(jetzt |hier )?(abonnieren|abo abschließen|newsletter( abonnieren)?|subscribe( now)?|"
    r"sign up( for our newsletter)?|anzeige|advertisement|werbung|sponsored|"
    r"(mehr|weitere) (zum thema|artikel|beiträge|nachrichten)|related( articles| stories)?|read more|"
    r"das könnte sie auch interessieren|(you )?(may|might) also (like|be interested in)|"
    r"(more|top) stories|recommended( for you)?|empfohlene? (artikel|beiträge)|"
    r"weiterlesen|mehr lesen|alle rechte vorbehalten|all rights reserved|"
    r"(wir verwenden|we use) cookies.*|cookie.?(einstellungen|settings).*)",
]
_BOILERPLATE = re.compile(r"^\W*(?:" + "|".join(_PATTERNS) + r")\W*$", re.IGNORECASE)

# Lines that open like boilerplate, whatever follows (a teaser's headline, a newsletter's pitch),
# up to _MAX_LEAD_IN_CHARS: longer lines are article text.
_MAX_LEAD_IN_CHARS = 300
_LEAD_INS = [
    # links to other articles: "Read more: …", "Lesen Sie auch: …"
    r"(read (more|also)|see also|more on (this|that)( story| topic)?|related( articles| stories)?|"
    r"(you )?(may|might) also (like|be interested in)|lesen sie (auch|mehr|hier)|(auch )?interessant|"
    r"mehr (dazu|zum thema)|siehe auch|das könnte sie auch interessieren)\s*:",
    # a bio: "Schreibt seit 2008 für die taz …", "Jane Doe writes about trade for …"
    r"((schreibt|arbeitet|berichtet) seit \d{4}|(schreibt|arbeitet) (für|als|bei) )",
    r"(?-i:[A-Z][\w'-]+(\s[A-Z][\w'-]+){1,2})\s+(writes (about|on|for)|has (covered|written about))\b",
    # prompts: newsletters, push notifications, comments, reader letters
    r".{0,80}\b(abonnieren sie|melden sie sich|sign up|subscribe)\b.{0,80}\bnewsletter",
    r".{0,40}\b(benachrichtigung(en)?|push-?(nachrichten|mitteilungen)|notifications?)\s+"
    r"(aktivieren|erlauben|zulassen|einschalten|enable|allow|turn on)\b|"
    r"(enable|allow|turn on|get) (push |browser )?notifications\b",
    r".{0,80}\b(netiquette|(um|zum) (zu )?kommentieren|(log|sign) in to comment|to (leave|post) a comment)\b",
    r"(submit|send) (us )?your (letter|comment|story|tip)s?\b|(schreiben|senden) sie uns\b",
    # where the article first appeared: "Dieser Beitrag stammt aus Ausgabe 7/2019 …"
    r"(dieser|der) (beitrag|artikel|text) (stammt aus|erschien (zuerst )?(in|im|auf))|"
    r"this (article|story) (first |originally )?(appeared|was published) (in|on)",
    # rights notices
    r"(vervielfältigung|nachdruck|weiterverwendung) nur mit (genehmigung|erlaubnis)|"
    r"(reproduction|republication|redistribution) (is )?(not )?(permitted|allowed|prohibited)",
]
_LEAD_IN = re.compile(r"^\W*(?:" + "|".join(_LEAD_INS) + r")", re.IGNORECASE)
# A lone label, "Darstellung:" or "Share:", is a control or a box's heading, never a sentence.
_LABEL = re.compile(r"^\W*\w+(\s\w+)?\s*:\W*$")


def is_boilerplate(line: str) -> bool:
    """True when ``line`` as a whole is navigation, a credit, a share prompt or a byline."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) <= _MAX_LEAD_IN_CHARS and _LEAD_IN.match(stripped):
        return True
    if len(stripped) > _MAX_BOILERPLATE_CHARS:
        return False
    return _BOILERPLATE.match(stripped) is not None or _LABEL.match(stripped) is not None


def strip_boilerplate(text: str) -> str:
    """``text`` without its boilerplate lines; blank lines stay, they end paragraphs.

    The sentence splitter ends a unit at a blank line: without it, a headline or caption
    of more than a few words that lacks a full stop runs into the paragraph below and the
    sentence it forms is misread (``normalize_text`` folds runs of blank lines to one).
    """
    return "\n".join(line for line in text.split("\n") if not line.strip() or not is_boilerplate(line))
