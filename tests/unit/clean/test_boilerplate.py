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
    ],
)
def test_article_sentences_stay(line: str) -> None:
    assert not is_boilerplate(line)


def test_strip_keeps_text_order() -> None:
    text = "Zum Inhalt springen\nScholz reist nach Paris.\nFoto: dpa\nDort trifft er Macron."
    assert strip_boilerplate(text) == "Scholz reist nach Paris.\nDort trifft er Macron."
