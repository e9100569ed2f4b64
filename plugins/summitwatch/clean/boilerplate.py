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
    r"(lesezeit|reading time|read time)\s*:?\s*\d+\s*(min(uten|utes)?\.?)",
    r"\d+\s*(min(uten|utes)?\.?)\s*(lesezeit|read)",
    r"(aktualisiert|updated|veröffentlicht|published|stand)( am| on)?\s*:?\s*[\d.:/, -]{6,}\s*(uhr|am|pm)?",
    # subscription and cookie prompts
    r"(jetzt |hier )?(abonnieren|abo abschließen|newsletter( abonnieren)?|subscribe( now)?|"
    r"sign up( for our newsletter)?|anzeige|advertisement|werbung|sponsored|"
    r"(mehr|weitere) (zum thema|artikel|nachrichten)|related( articles| stories)?|read more|"
    r"weiterlesen|mehr lesen|alle rechte vorbehalten|all rights reserved|"
    r"(wir verwenden|we use) cookies.*|cookie.?(einstellungen|settings).*)",
]
_BOILERPLATE = re.compile(r"^\W*(?:" + "|".join(_PATTERNS) + r")\W*$", re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """True when ``line`` as a whole is navigation, a credit, a share prompt or a byline."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > _MAX_BOILERPLATE_CHARS:
        return False
    return _BOILERPLATE.match(stripped) is not None


def strip_boilerplate(text: str) -> str:
    """``text`` without its boilerplate lines."""
    return "\n".join(line for line in text.split("\n") if not is_boilerplate(line))
