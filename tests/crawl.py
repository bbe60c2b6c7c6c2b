"""A breadth-first crawl of what the portal shows one person: every same-site link they are given, followed.

Issue 14: no link to a page the viewer cannot open. The crawl starts from the home page and the person's
landing page, reads each HTML answer's links (``<a href>``, the actions of GET forms, ``hx-get``) and follows
them: two links of each kind (URL pattern) met on pages of each kind, so that each template's links to each kind of
page are tried without walking every row of the district; one file of each kind.
A link answering 404 (or anything the person is refused), or an answer of 500 and more, is a failure, named
as ``account: page -> link -> status`` so that the template showing the link can be found.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

PER_PATTERN = 2  # links of one kind met on pages of one kind: two ids are enough to find a template's breakage
MAX_PAGES = 250  # per account
FAILING = (403, 404, 405, 410)  # the viewer was shown a link they cannot open

# Links that leave the page's purpose: signing out ends the crawl, switching language is a POST, files are served
# by the web server in production, the API and its docs answer JSON to programs, not links to people.
SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/i18n/", "/api/", "/open311/", "/healthz")
SKIP_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:")
START = "(start)"  # the page a start page was "met on"


@dataclass
class Failure:
    account: str
    page: str
    link: str
    status: int | str

    def __str__(self) -> str:
        return f"{self.account}: {self.page} -> {self.link} -> {self.status}"


@dataclass
class Crawl:
    account: str
    client: Client
    pages: int = 0
    failures: list[Failure] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    per_key: dict[tuple, int] = field(default_factory=dict)  # (kind of page, kind of link) -> links opened
    downloads: set[str] = field(default_factory=set)  # the kinds of page that answered a file


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool]] = []  # (href, asked by htmx)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], False))
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.links.append((attrs.get("action") or "", False))  # a form without action submits to its own page
        if attrs.get("hx-get"):
            self.links.append((attrs["hx-get"], True))


def links_of(html: str, base: str) -> list[tuple[str, bool]]:
    parser = LinkParser()
    parser.feed(html)
    return [(url, hx) for href, hx in parser.links if (url := same_site(href, base)) is not None]


def same_site(href: str, base: str) -> str | None:
    """The path and query of a link to this portal, or None for another site, a fragment, a file or a skipped page."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.netloc != "testserver" or parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def kind_of_page(url: str) -> str:
    """What makes two links the same kind of page: the URL pattern, whatever the ids, codes and query."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return re.sub(r"\d+", "N", path)  # no pattern: the 404 is reported where the link is first met
    return match.view_name or match.route


def crawl(account: str, client: Client, starts: list[str]) -> Crawl:
    """Follow the links `client` is shown from `starts`, breadth first."""
    state = Crawl(account=account, client=client)
    queue = deque((url, False, START) for url in starts)
    while queue and state.pages < MAX_PAGES:
        url, hx, page = queue.popleft()
        if _admit(state, url, page):
            queue.extend((link, link_hx, url) for link, link_hx in _visit(state, url, hx, page))
    return state


def _admit(state: Crawl, url: str, page: str) -> bool:
    """Open a link unless opened already, or two links of its kind were opened from pages of the kind of `page`
    (one file of a kind in all): each template's links to each kind of page are tried, not each row's."""
    target = kind_of_page(url)
    key = (kind_of_page(page), target)
    if url in state.seen or target in state.downloads or state.per_key.get(key, 0) >= PER_PATTERN:
        return False
    state.seen.add(url)
    state.per_key[key] = state.per_key.get(key, 0) + 1
    return True


def _visit(state: Crawl, url: str, hx: bool, page: str) -> list[tuple[str, bool]]:
    """Open `url` (met on `page`, asked by htmx when `hx`), record a failure, and return the links it shows."""
    state.pages += 1
    headers = {"HTTP_HX_REQUEST": "true"} if hx else {}
    try:
        response = state.client.get(url, **headers)
    except Exception as error:  # the test client re-raises a view's exception: a server error
        state.failures.append(Failure(state.account, page, url, f"500 ({type(error).__name__}: {error})"))
        return []
    status = response.status_code
    if status in FAILING or status >= 500:
        state.failures.append(Failure(state.account, page, url, status))
        return []
    if status in (301, 302, 303, 307, 308):
        location = same_site(response["Location"], url)
        return [(location, hx)] if location else []
    content_type = response.get("Content-Type", "")
    if not content_type.startswith("text/html") or response.get("Content-Disposition", "").startswith("attachment"):
        state.downloads.add(kind_of_page(url))
        return []
    return links_of(response.content.decode(response.charset or "utf-8", errors="replace"), url)
