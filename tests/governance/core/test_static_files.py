"""Static files as production serves them: hashed names kept a year, compressed when the browser asks, and a favicon.

The test settings serve files as they lie in the apps (STATIC_MANIFEST=false, tests/environment.py); here one
collectstatic into a temporary directory stands for a deployment's, and a fresh client builds whitenoise on it.
"""

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings

YEAR = "max-age=315360000"
MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "governance.core.static_storage.HashedStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def body(answer) -> bytes:
    return b"".join(answer.streaming_content)


def test_a_hashed_stylesheet_is_kept_a_year_and_sent_gzipped_to_a_browser_that_asks(collected):
    hashed = staticfiles_storage.url("css/portal.css")
    assert hashed != "/static/css/portal.css", "the name carries a hash of the content"
    answer = Client().get(hashed, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert answer.status_code == 200
    assert YEAR in answer.headers["Cache-Control"] and "immutable" in answer.headers["Cache-Control"]
    assert answer.headers["Content-Encoding"] in {"gzip", "br"}
    assert int(answer.headers["Content-Length"]) < (collected / "css/portal.css").stat().st_size / 2


def test_make_run_with_debug_on_names_the_same_hashed_files(collected, settings, db):
    settings.DEBUG = True
    page = Client().get("/accounts/login/").content.decode()
    assert staticfiles_storage.url("css/portal.css") in page and 'href="/static/css/portal.css"' not in page


def test_without_accept_encoding_the_same_file_comes_plain(collected):
    answer = Client().get(staticfiles_storage.url("css/portal.css"))
    assert "Content-Encoding" not in answer.headers
    assert b".site-header" in body(answer)


def test_an_unhashed_name_is_not_kept_long(collected):
    answer = Client().get("/static/css/portal.css", HTTP_ACCEPT_ENCODING="gzip")
    assert answer.status_code == 200
    assert YEAR not in answer.headers["Cache-Control"], "a browser must see a changed file under its plain name soon"


def test_every_page_names_its_icon_and_browsers_that_only_guess_find_favicon_ico(client, db):
    page = client.get("/").content.decode()
    svg = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page).group(1)
    png = re.search(r'<link rel="icon" href="([^"]+)" sizes="32x32" type="image/png">', page).group(1)
    assert "favicon" in svg and "favicon-32" in png
    for url, kind in [(svg, "image/svg+xml"), (png, "image/png"), ("/favicon.ico", "image/")]:
        answer = client.get(url)
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith(kind), url
    assert body(client.get("/favicon.ico"))[:4] == b"\x00\x00\x01\x00", "an ICO file"
