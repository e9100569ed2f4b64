from summitwatch.clean.urls import canonical_url


def test_tracking_parameters_fragment_and_trailing_slash_go() -> None:
    url = "https://www.example-zeitung.de/politik/gipfel-in-rom/?utm_source=rss&utm_medium=feed&fbclid=AbC#kommentare"
    assert canonical_url(url) == "https://example-zeitung.de/politik/gipfel-in-rom"


def test_refetched_page_with_new_tracking_is_the_same_url() -> None:
    first = "http://m.example-news.com:80/world/summit-ends.amp.html?gclid=1&ref=homepage"
    again = "https://www.example-news.com/world/summit-ends.html?utm_campaign=evening"
    assert canonical_url(first) == canonical_url(again) == "https://example-news.com/world/summit-ends.html"


def test_amp_path_segment_and_parameter_sorting() -> None:
    assert (
        canonical_url("https://amp.example.org/amp/news/42/?b=2&a=1&amp=1")
        == "https://example.org/news/42?a=1&b=2"
    )


def test_meaningful_parameters_and_ports_stay() -> None:
    assert canonical_url("https://example.org:8443/article?id=7") == "https://example.org:8443/article?id=7"


def test_short_hosts_are_not_mistaken_for_mobile_editions() -> None:
    assert canonical_url("https://m.de/a") == "https://m.de/a"


def test_not_a_web_url() -> None:
    assert canonical_url(None) is None
    assert canonical_url("mailto:redaktion@example.org") is None
    assert canonical_url("http://[::1") is None
