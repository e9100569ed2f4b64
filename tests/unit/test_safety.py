import pytest

from summitwatch.sources.safety import UnsafeURL, check_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed",
        "http://localhost:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "http://[::1]/",
        "http://192.168.0.10/x",
    ],
)
def test_internal_addresses_are_refused_by_default(url: str) -> None:
    with pytest.raises(UnsafeURL, match="non-public address"):
        check_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(UnsafeURL, match="only http and https"):
        check_url(url)


def test_private_network_allowed_only_when_configured() -> None:
    check_url("http://127.0.0.1:8765/feed.xml", allow_private_network=True)
