"""A site of three pages (and a missing one) for the crawl's own test: one shows a link to a missing page and one to a failing page."""

from django.http import HttpResponse
from django.urls import path

from governance.urls import urlpatterns as portal_urlpatterns


def _page(links: str):
    return lambda request: HttpResponse(f"<!doctype html><title>t</title>{links}")


def _broken(request):
    raise RuntimeError("a template's error")


# The site's pages first; the portal's after them, for the names its 404 page links to.
urlpatterns = [
    path("", _page('<a href="/fine/">ok</a> <a href="https://example.org/">elsewhere</a> <a href="mailto:a@b.c">mail</a>'), name="home"),
    path("fine/", _page('<a href="/gone/">gone</a> <form method="get" action="/broken/"></form> <a href="#top">top</a>')),
    path("broken/", _broken),
    *portal_urlpatterns,
]
