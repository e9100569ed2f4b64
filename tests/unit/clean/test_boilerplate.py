import pytest

from summitwatch.clean.boilerplate import is_boilerplate, strip_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Zum Inhalt springen",
        "Skip to main content",
        "Foto: picture alliance / dpa",
        "(Photo: Reuters)",
        "Bild: Michael Kappeler/dpa",
        "Teilen auf Facebook",
        "Share this article",
        "Von Anna Berger und Jonas Weiß",
        "By Jane Doe, Reuters",
        "Lesezeit: 3 Min.",
        "Kommentare (12)",
        "Newsletter abonnieren",
        # links to other articles
        "Lesen Sie auch: Was der Fahrplan für die Nachbarländer bedeutet",
        "Read more: Why the talks in Geneva stalled again",
        "Das könnte Sie auch interessieren",
        "You might also like",
        "Weitere Artikel",
        "More stories",
        # an author's job and bio
        "Redakteurin im Ressort Außenpolitik.",
        "Staff writer at the Example Times",
        "Schreibt seit 2011 für das Blatt über Energiepolitik und Diplomatie.",
        "Jane Doe writes about trade and foreign policy for the paper.",
        # prompts: newsletters, push notifications, comments, letters
        "Immer informiert: Abonnieren Sie unseren Newsletter zur Außenpolitik.",
        "Stay ahead: sign up for our free daily newsletter.",
        "Benachrichtigungen aktivieren und keine Eilmeldung verpassen?",
        "Turn on notifications to get breaking news as it happens.",
        "Zum Kommentieren bitte einloggen. Es gilt unsere Netiquette.",
        "Sign in to leave a comment on this story.",
        "Send us your letters to the editor through this form.",
        "Schreiben Sie uns Ihre Meinung.",
        # where the article first appeared, and rights
        "Dieser Artikel erschien zuerst in der Printausgabe vom Samstag.",
        "This article originally appeared in our weekend magazine.",
        "Nachdruck nur mit Genehmigung des Verlags",
        "Reproduction is not permitted without written consent.",
        # a lone label
        "Darstellung:",
        "Share:",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Von der Leyen trifft Biden am Rande des Gipfels in Elmau.",
        "By the end of the week the two delegations had agreed on a date.",
        "Ein Foto zeigt Scholz und Macron beim Händedruck vor dem Élysée-Palast.",
        "Share prices rose after the summit in Osaka ended with a joint statement on trade.",
        # sentences that open like the new boilerplate rules, and are article text
        "Editor of the Guardian Katharine Viner said the paper would appeal the ruling.",
        "Korrespondent in Moskau war er bis 2014, sagte der Sender am Montag.",
        "Reports on the summit suggested the two leaders would meet again in spring.",
        "More stories of abuse emerged after the summit in Brussels.",
        "Recommended measures include a ceasefire and talks in Geneva.",
        "Weitere Artikel des Vertrags regeln den Abzug der Truppen bis zum Herbst.",
        "Facebook said the post violated its community standards.",
        "Angela Merkel reports on the summit to the Bundestag on Thursday.",
        "Der Artikel 5 des Nato-Vertrags verpflichtet die Mitglieder zum Beistand.",
        "Die Zeitung berichtete: Der Gipfel in Wien wurde um einen Tag verlängert.",
    ],
)
def test_article_sentences_stay(line: str) -> None:
    assert not is_boilerplate(line)


def test_strip_keeps_text_order() -> None:
    text = "Zum Inhalt springen\nScholz reist nach Paris.\nFoto: dpa\nDort trifft er Macron."
    assert strip_boilerplate(text) == "Scholz reist nach Paris.\nDort trifft er Macron."
