"""The bulk page path: article text without the page's boilerplate, title and day from metadata."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summitwatch.clean.article import RawItem, clean_item, normalize_text
from summitwatch.clean.boilerplate import strip_boilerplate
from summitwatch.clean.bulk_page import extract_bulk_page

_NAVIGATION = (
    '<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>'
    '<li><a href="/wirtschaft">Wirtschaft</a></li></ul></nav></header>'
)
_COOKIES = '<div class="cookie-banner"><p>{cookies}</p><button>OK</button></div>'
_SHARE = '<div class="share-bar"><a href="#">{share}</a><a href="#">Link kopieren</a></div>'

GERMAN = f"""<!doctype html><html lang="de"><head><title>Gipfel in Wien | Beispielzeitung</title>
<meta property="og:title" content="Gipfel in Wien: Außenminister einigen sich auf Fahrplan">
<meta property="article:published_time" content="2018-07-16T09:30:00+02:00"></head><body>
{_NAVIGATION}{_COOKIES.format(cookies="Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.")}
<main><article><h1>Gipfel in Wien: Außenminister einigen sich auf Fahrplan</h1>
{_SHARE.format(share="Teilen auf Facebook")}
<p>Die Außenminister der beiden Länder haben sich am Montag in Wien auf einen Fahrplan geeinigt.</p>
<figure><img src="a.jpg" alt="Zwei Minister vor der Hofburg"><figcaption>Foto: Beispielagentur</figcaption>
</figure>
<p>Das nächste Treffen soll im Herbst in Helsinki stattfinden, sagte ein Sprecher des Ministeriums.</p>
<ul><li>Die Delegationen wollen monatlich berichten.</li><li>Ein Abschlussdokument ist für Dezember geplant.</li></ul>
<p>Lesen Sie auch: Was der Fahrplan für die Nachbarländer bedeutet</p>
<p>Beide Seiten sprachen von einem konstruktiven Klima, offene Fragen blieben beim Thema Energie.</p>
<div class="author-box"><p>Redakteurin im Ressort Außenpolitik.</p></div>
<aside class="newsletter"><p>Immer informiert: Abonnieren Sie unseren Newsletter zur Außenpolitik.</p></aside>
</article>
<section class="related"><h2>Das könnte Sie auch interessieren</h2><ul><li><a href="/x">Streit um Gaspreise</a></li>
<li><a href="/y">Neue Runde der Handelsgespräche</a></li></ul></section>
<section class="comments"><p>Loggen Sie sich ein, um zu kommentieren. Für Beiträge gilt die Netiquette der Redaktion.</p></section>
</main><footer><p>© 2018 Beispielzeitung. Alle Rechte vorbehalten.</p></footer></body></html>"""

ENGLISH = f"""<!doctype html><html lang="en"><head><title>Leaders meet in Geneva - Example Times</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2021-06-16T12:00:00Z"}}</script>
</head><body>{_NAVIGATION}{_COOKIES.format(cookies="We use cookies to improve your experience.")}
<main><article><h1>Leaders meet in Geneva</h1>{_SHARE.format(share="Share on Twitter")}
<p>The two presidents met in Geneva on Wednesday for their first summit, officials said.</p>
<p>Read more: Why the last round of talks in Vienna stalled</p>
<p>They agreed to return their ambassadors and to start talks on arms control later this year.</p>
<ul><li>Talks on arms control will begin in July.</li><li>Both embassies will be fully staffed again.</li></ul>
<p>Jane Doe writes about trade and foreign policy for the Example Times.</p>
<p>Stay ahead: sign up for our free daily newsletter.</p></article>
<section class="related"><h2>More stories</h2><ul><li><a href="/a">Markets rally</a></li></ul></section>
</main><footer><p>All rights reserved.</p></footer></body></html>"""


@pytest.mark.parametrize(
    ("html", "kept", "removed", "title", "day"),
    [
        (
            GERMAN,
            [
                "auf einen Fahrplan geeinigt.",
                "im Herbst in Helsinki stattfinden",
                "Die Delegationen wollen monatlich berichten.",
                "offene Fragen blieben beim Thema Energie.",
            ],
            [
                "Startseite",
                "Cookies",
                "Teilen auf Facebook",
                "Zwei Minister vor der Hofburg",
                "Lesen Sie auch",
                "Redakteurin",
                "Newsletter",
                "Das könnte Sie",
                "Streit um Gaspreise",
                "Netiquette",
                "Alle Rechte",
            ],
            "Gipfel in Wien: Außenminister einigen sich auf Fahrplan",
            "2018-07-16",
        ),
        (
            ENGLISH,
            [
                "met in Geneva on Wednesday",
                "talks on arms control later this year.",
                "Talks on arms control will begin in July.",
            ],
            [
                "cookies",
                "Share on Twitter",
                "Read more",
                "writes about",
                "newsletter",
                "Markets rally",
                "rights",
            ],
            "Leaders meet in Geneva - Example Times",
            "2021-06-16",
        ),
    ],
)
def test_article_text_stays_and_boilerplate_goes(
    html: str, kept: list[str], removed: list[str], title: str, day: str
) -> None:
    page = extract_bulk_page(html)
    text = normalize_text(strip_boilerplate(page.text))
    assert all(sentence in text for sentence in kept), text
    assert not [snippet for snippet in removed if snippet in text], text
    assert (page.title, page.date, page.method) == (title, day, "resiliparse")


def test_a_time_element_dates_a_page_without_date_metadata() -> None:
    html = (
        "<html><body><article><time datetime='2019-02-27T08:00'>27. Februar</time><p>"
        + "Trump und Kim treffen sich in Hanoi zu ihrem zweiten Gipfel. " * 3
        + "</p></article></body></html>"
    )
    assert extract_bulk_page(html).date == "2019-02-27"


def test_json_ld_creation_date_comes_before_dates_further_down_the_page() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"dateCreated": "2020-04-27T17:58:19+02:00"}</script>'
        "</head><body><article><p>"
        + "Frankreich bittet Deutschland, die Grenzkontrollen aufzuheben. "
        * 3
        + "</p></article><section><time itemprop='datePublished' content='2020-04-28T10:27:29+0200'>"
        "Kommentar vom 28. April</time></section></body></html>"
    )
    assert extract_bulk_page(html).date == "2020-04-27"


def test_a_page_without_main_content_gives_all_of_its_text() -> None:
    html = "<html><body><div><span>Kurzmeldung: Gipfel in Hanoi abgebrochen.</span></div></body></html>"
    page = extract_bulk_page(html)
    assert "Kurzmeldung: Gipfel in Hanoi abgebrochen." in page.text
    assert page.date is None and page.title is None


def test_an_archived_page_takes_the_bulk_path_and_a_fetched_one_the_page_path() -> None:
    archived = datetime(2021, 6, 17, 3, 0, tzinfo=UTC)
    bulk = clean_item(
        RawItem(1, "archiv", "k", "https://x.example/a", None, None, ENGLISH, "text/html", None, archived)
    )
    assert bulk.body == normalize_text(strip_boilerplate(extract_bulk_page(ENGLISH).text))
    assert (bulk.title, bulk.published_at) == (
        "Leaders meet in Geneva - Example Times",
        datetime(2021, 6, 16, tzinfo=UTC),
    )
    fetched = clean_item(RawItem(2, "feed", "k", "https://x.example/a", None, None, ENGLISH, "text/html"))
    assert "met in Geneva on Wednesday" in fetched.body
    # trafilatura marks list items with "- ", the bulk path writes them as plain lines
    assert "- Talks on arms control will begin in July." in fetched.body
    assert "\nTalks on arms control will begin in July." in bulk.body
