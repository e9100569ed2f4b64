"""A local HTTP server that behaves like the real web on a bad day.

Team-written feeds and article pages, plus every fault issue 3 names: 304,
404, 500 then recovery, a response slower than the client's timeout, an
endless body, a gzip bomb, a redirect loop, wrong declared charsets (Latin-1
bytes declared UTF-8 and the reverse, with umlauts), a billion-laughs feed,
an external-entity feed, and links to 169.254.169.254.

It runs in a thread on 127.0.0.1 with a free port; sources pointing at it must
set ``allow_private_network``. Every request is recorded (path and headers)
so tests can see conditional requests and retries. All texts are invented
for this project.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

METADATA_URL = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
SLOW_SECONDS = 3.0

# --- team-written texts -----------------------------------------------------

GIPFEL_PARIS = [
    "Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel Macron. "
    "Die beiden Politiker sprachen im Élysée-Palast über die gemeinsame Haltung zur Ukraine und über "
    "die Finanzierung der europäischen Verteidigung.",
    "Nach dem Gespräch betonten beide, die deutsch-französische Zusammenarbeit sei für Europa "
    "unverzichtbar. Für den Herbst vereinbarten sie ein weiteres Treffen der Regierungen in Hamburg.",
    "Beobachter in Berlin werteten das Treffen als Zeichen der Annäherung nach Monaten mit "
    "Meinungsverschiedenheiten über Energiepolitik, Zölle und die Zukunft der Schuldenregeln.",
]
LEADERS_GENEVA = [
    "The foreign ministers of Norway and Kenya met in Geneva on Thursday to prepare a conference on "
    "maritime security that both governments want to hold before the end of the year.",
    "Officials said the talks covered the protection of shipping lanes, the financing of coast guards "
    "and a joint statement that could be signed by a dozen states at the conference itself.",
    "Neither side gave a date, but diplomats in Geneva expect an announcement within weeks, once the "
    "host city and the list of invited delegations have been agreed.",
]
UMLAUT_TEXT = [
    "Die Außenministerin führte am Dienstag in Wien Gespräche über die Lage im Nahen Osten. "
    "Begleitet wurde sie von Abgeordneten des Ausschusses für auswärtige Angelegenheiten.",
    "Im Anschluss äußerte sie sich zufrieden über die Ergebnisse: Man habe größere Übereinstimmung "
    "erzielt als erwartet, und die nächsten Schritte seien für März geplant.",
]
PAYWALL_TEASER = [
    "Der Ministerpräsident reiste überraschend zu einem Treffen nach Warschau.",
    "Jetzt abonnieren und weiterlesen: Dieser Artikel ist nur für Abonnenten verfügbar.",
]
SUMMARY_DE = "Kanzler und Präsident berieten in Paris über Europas Sicherheit."


def html_page(
    title: str, paragraphs: list[str], *, lang: str = "de", meta_charset: str = "utf-8", head: str = ""
) -> str:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{meta_charset}"><title>{escape(title)}</title>
<meta name="author" content="Redaktion Summit Watch Test">
<meta property="article:published_time" content="2026-03-02T09:00:00+01:00">{head}</head>
<body><header><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav></header>
<main><article><h1>{escape(title)}</h1>
{body}
</article></main>
<footer><p>Impressum · Datenschutz · Kontakt</p></footer></body></html>"""


def rss(items: list[dict[str, str]], *, title: str = "Summit Watch Testfeed", encoding: str = "utf-8") -> str:
    entries = "\n".join(
        f"""<item><guid isPermaLink="false">{escape(i["guid"])}</guid><title>{escape(i["title"])}</title>
<link>{escape(i["link"])}</link><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>
<description>{escape(i.get("summary", SUMMARY_DE))}</description></item>"""
        for i in items
    )
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>
<description>Team-written feed for tests</description><language>de</language>
{entries}
</channel></rss>"""


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title>'
    "<item><guid>laugh-1</guid><title>&lol9;</title><link>http://127.0.0.1/x</link></item></channel></rss>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<rss version="2.0"><channel><title>t</title><item><guid>xxe-1</guid><title>&secret;</title>'
    "<description>&secret;</description><link>http://127.0.0.1/y</link></item></channel></rss>"
)

RSS091 = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Alter Feed</title><link>http://127.0.0.1/</link>
<description>RSS 0.91</description><language>de</language>
<item><title>Gipfel der Ostseestaaten in Danzig</title><link>http://127.0.0.1/old/1</link>
<description>Die Regierungschefs der Ostseestaaten kommen im Mai in Danzig zusammen.</description></item>
</channel></rss>"""

RSS090 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Uralter Feed</title><link>http://127.0.0.1/</link><description>RSS 0.90</description></channel>
<item><title>Treffen in Oslo vertagt</title><link>http://127.0.0.1/old/090</link></item>
</rdf:RDF>"""

RSS10 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://127.0.0.1/rdf"><title>RDF-Feed</title><link>http://127.0.0.1/</link>
<description>RSS 1.0</description><items><rdf:Seq><rdf:li rdf:resource="http://127.0.0.1/rdf/1"/></rdf:Seq></items></channel>
<item rdf:about="http://127.0.0.1/rdf/1"><title>Außenminister beraten in Tallinn</title>
<link>http://127.0.0.1/rdf/1</link><description>Die Außenminister der baltischen Staaten berieten über Energie.</description>
<dc:date>2026-02-27T10:15:00Z</dc:date></item>
</rdf:RDF>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Atom test feed</title><id>urn:sw:atom</id>
<updated>2026-02-27T10:00:00Z</updated>
<entry><id>urn:sw:atom:1</id><title>Ministers agree to meet in Lisbon</title>
<link href="/atom/1"/><updated>2026-02-27T10:00:00Z</updated>
<summary>The ministers agreed to meet in Lisbon next spring.</summary></entry>
</feed>"""


@cache
def gzip_bomb() -> bytes:
    return gzip.compress(b"\0" * 64_000_000, compresslevel=9)


# --- the server ---------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    endless: bool = False


Route = Callable[["FaultServer", dict[str, str]], Reply]


def _page(text: str, *, charset: str = "utf-8", content_charset: str | None = None) -> Reply:
    return Reply(
        body=text.encode(charset),
        headers={"Content-Type": f"text/html; charset={content_charset or charset}"},
    )


def _xml(
    text: str, content_type: str = "application/rss+xml; charset=utf-8", encoding: str = "utf-8"
) -> Reply:
    return Reply(body=text.encode(encoding), headers={"Content-Type": content_type})


class FaultServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.routes: dict[str, Route] = self._routes()
        self.extra: dict[str, Reply] = {}

    def url(self, path: str) -> str:
        return self.base + path

    def requests_to(self, path: str) -> list[dict[str, str]]:
        with self._lock:
            return [headers for p, headers in self.requests if p == path]

    # Each route gets the server (for counters) and the request headers.
    def _routes(self) -> dict[str, Route]:
        u = self.url
        main_items = [
            {
                "guid": "paris",
                "title": "Scholz trifft Macron in Paris",
                "link": u("/articles/gipfel-paris.html"),
            },
            {
                "guid": "geneva",
                "title": "Ministers meet in Geneva",
                "link": u("/articles/leaders-geneva.html"),
                "summary": "Norway and Kenya prepare a maritime security conference.",
            },
            {"guid": "missing", "title": "Verschwundener Artikel", "link": u("/articles/missing.html")},
            {"guid": "forbidden", "title": "Gesperrter Artikel", "link": u("/articles/forbidden.html")},
            {
                "guid": "paywall",
                "title": "Treffen in Warschau",
                "link": u("/articles/paywall.html"),
                "summary": "Der Ministerpräsident reiste zu einem Treffen nach Warschau.",
            },
            {"guid": "empty", "title": "Leere Seite", "link": u("/articles/empty.html")},
            {"guid": "slow", "title": "Langsame Seite", "link": u("/articles/slow.html")},
            {"guid": "endless", "title": "Endlose Seite", "link": u("/articles/endless.html")},
            {"guid": "bomb", "title": "Gzip-Bombe", "link": u("/articles/bomb.html")},
            {"guid": "loop", "title": "Weiterleitungsschleife", "link": u("/articles/loop-a.html")},
            {"guid": "robots", "title": "Gesperrt durch robots.txt", "link": u("/private/secret.html")},
            {"guid": "metadata", "title": "Metadaten", "link": METADATA_URL},
            {
                "guid": "to-metadata",
                "title": "Umleitung zu Metadaten",
                "link": u("/articles/to-metadata.html"),
            },
            {
                "guid": "latin1",
                "title": "Latin-1 als UTF-8",
                "link": u("/articles/latin1-declared-utf8.html"),
            },
            {"guid": "utf8", "title": "UTF-8 als Latin-1", "link": u("/articles/utf8-declared-latin1.html")},
            {"guid": "flaky", "title": "Erst 500, dann gut", "link": u("/articles/flaky.html")},
        ]
        main_feed = rss(main_items).encode("utf-8")
        routes: dict[str, Route] = {
            "/robots.txt": lambda s, h: Reply(
                body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
            ),
            "/feeds/main.rss": lambda s, h: s._conditional(main_feed, h),
            "/feeds/no-validators.rss": lambda s, h: _xml(
                rss([{"guid": "nv-1", "title": "Ohne ETag", "link": u("/articles/leaders-geneva.html")}])
            ),
            "/feeds/missing.rss": lambda s, h: Reply(404, b"not here", {"Content-Type": "text/plain"}),
            "/feeds/flaky.rss": lambda s, h: (
                Reply(500, b"oops")
                if s.hits["/feeds/flaky.rss"] == 1
                else _xml(
                    rss([{"guid": "flaky-1", "title": "Wieder da", "link": u("/articles/gipfel-paris.html")}])
                )
            ),
            "/feeds/down.rss": lambda s, h: Reply(503, b"down for maintenance"),
            "/feeds/slow.rss": lambda s, h: Reply(delay_s=SLOW_SECONDS, body=b"<rss/>"),
            "/feeds/endless.rss": lambda s, h: Reply(
                endless=True, headers={"Content-Type": "application/rss+xml"}
            ),
            "/feeds/bomb.rss": lambda s, h: Reply(
                body=gzip_bomb(), headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
            ),
            "/feeds/loop.rss": lambda s, h: Reply(302, headers={"Location": "/feeds/loop-back.rss"}),
            "/feeds/loop-back.rss": lambda s, h: Reply(302, headers={"Location": "/feeds/loop.rss"}),
            "/feeds/billion-laughs.rss": lambda s, h: _xml(BILLION_LAUGHS),
            "/feeds/external-entity.rss": lambda s, h: _xml(EXTERNAL_ENTITY),
            "/feeds/latin1-declared-utf8.rss": lambda s, h: _xml(
                rss(
                    [
                        {
                            "guid": "l1",
                            "title": "Gespräche über Außenpolitik",
                            "link": u("/articles/leaders-geneva.html"),
                            "summary": "Größere Übereinstimmung in Wien.",
                        }
                    ],
                    encoding="utf-8",
                ),
                "application/rss+xml; charset=utf-8",
                encoding="iso-8859-1",
            ),
            "/feeds/utf8-declared-latin1.rss": lambda s, h: _xml(
                rss(
                    [
                        {
                            "guid": "u1",
                            "title": "Gespräche über Außenpolitik",
                            "link": u("/articles/leaders-geneva.html"),
                            "summary": "Größere Übereinstimmung in Wien.",
                        }
                    ],
                    encoding="iso-8859-1",
                ),
                "application/rss+xml; charset=iso-8859-1",
                encoding="utf-8",
            ),
            "/feeds/truncated.rss": lambda s, h: _xml(
                rss(
                    [
                        {"guid": "t1", "title": "Vollständig", "link": u("/articles/gipfel-paris.html")},
                        {"guid": "t2", "title": "Auch da", "link": u("/articles/leaders-geneva.html")},
                    ]
                )[:-40]
                + "<item><title>kaputt"
            ),
            "/feeds/metadata-link.rss": lambda s, h: _xml(
                rss(
                    [
                        {"guid": "md-1", "title": "Cloud", "link": METADATA_URL},
                        {"guid": "md-2", "title": "Gut", "link": u("/articles/gipfel-paris.html")},
                    ]
                )
            ),
            "/feeds/rate-limited.rss": lambda s, h: (
                Reply(429, b"slow down", {"Retry-After": "1"})
                if s.hits["/feeds/rate-limited.rss"] == 1
                else _xml(
                    rss([{"guid": "rl-1", "title": "Geduld", "link": u("/articles/leaders-geneva.html")}])
                )
            ),
            "/feeds/rate-limited-long.rss": lambda s, h: Reply(429, b"go away", {"Retry-After": "3600"}),
            "/feeds/not-a-feed.rss": lambda s, h: _page(html_page("Keine Nachrichten", ["Nur eine Seite."])),
            "/feeds/rss091.xml": lambda s, h: _xml(RSS091),
            "/feeds/rss090.rdf": lambda s, h: _xml(RSS090, "application/rdf+xml"),
            "/feeds/rss10.rdf": lambda s, h: _xml(RSS10, "application/rdf+xml"),
            "/feeds/atom.xml": lambda s, h: _xml(ATOM, "application/atom+xml"),
            "/articles/gipfel-paris.html": lambda s, h: _page(
                html_page("Scholz trifft Macron in Paris", GIPFEL_PARIS)
            ),
            "/articles/leaders-geneva.html": lambda s, h: _page(
                html_page("Ministers meet in Geneva", LEADERS_GENEVA, lang="en")
            ),
            "/articles/forbidden.html": lambda s, h: Reply(403, b"forbidden", {"Content-Type": "text/html"}),
            "/articles/paywall.html": lambda s, h: _page(
                html_page(
                    "Treffen in Warschau",
                    PAYWALL_TEASER,
                    head='<script type="application/ld+json">{"@type":"NewsArticle",'
                    '"isAccessibleForFree": false}</script>',
                )
            ),
            "/articles/empty.html": lambda s, h: _page(
                "<html><head><title>Leer</title></head><body><nav>Startseite</nav></body></html>"
            ),
            "/articles/slow.html": lambda s, h: Reply(delay_s=SLOW_SECONDS, body=b"<html></html>"),
            "/articles/endless.html": lambda s, h: Reply(endless=True, headers={"Content-Type": "text/html"}),
            "/articles/bomb.html": lambda s, h: Reply(
                body=gzip_bomb(), headers={"Content-Encoding": "gzip", "Content-Type": "text/html"}
            ),
            "/articles/loop-a.html": lambda s, h: Reply(301, headers={"Location": "/articles/loop-b.html"}),
            "/articles/loop-b.html": lambda s, h: Reply(301, headers={"Location": "/articles/loop-a.html"}),
            "/articles/to-metadata.html": lambda s, h: Reply(302, headers={"Location": METADATA_URL}),
            "/private/secret.html": lambda s, h: _page(html_page("Geheim", GIPFEL_PARIS)),
            "/articles/latin1-declared-utf8.html": lambda s, h: _page(
                html_page("Gespräche in Wien", UMLAUT_TEXT), charset="iso-8859-1", content_charset="utf-8"
            ),
            "/articles/utf8-declared-latin1.html": lambda s, h: _page(
                html_page("Gespräche in Wien", UMLAUT_TEXT, meta_charset="iso-8859-1"),
                charset="utf-8",
                content_charset="iso-8859-1",
            ),
            "/articles/flaky.html": lambda s, h: (
                Reply(500, b"oops")
                if s.hits["/articles/flaky.html"] == 1
                else _page(html_page("Gespräche in Wien", UMLAUT_TEXT))
            ),
        }
        return routes

    def _conditional(self, body: bytes, headers: dict[str, str]) -> Reply:
        etag = '"main-v1"'
        last_modified = formatdate(1772438400, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if headers.get("if-none-match") == etag:
            return Reply(304, headers=validators)
        return Reply(body=body, headers={"Content-Type": "application/rss+xml; charset=utf-8", **validators})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                headers = {k.lower(): v for k, v in self.headers.items()}
                with server._lock:
                    server.requests.append((path, headers))
                    server.hits[path] += 1
                route = server.routes.get(path)
                reply = server.extra.get(path) or (
                    route(server, headers) if route else Reply(404, b"no such page")
                )
                try:
                    if reply.delay_s:
                        time.sleep(reply.delay_s)
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if not reply.endless:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.endless:
                        chunk = b"<p>" + b"x" * 65_536 + b"</p>"
                        for _ in range(
                            20_000
                        ):  # ~1.3 GB, far past any client cap; stops when the client goes
                            self.wfile.write(chunk)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up on us, as it should

        return Handler

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, name="fault-server", daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
