"""Issue 14, point 5: a visitor and every demo account follow the links the portal shows them, and none leads
to a page they cannot open (a 404, a refusal) or to a server error."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from governance.accounts.models import User
from governance.core.navigation import landing_for

from .base import DEMO_PASSWORD
from .conftest import cache_clear_own_keys
from .crawl import crawl

pytestmark = pytest.mark.django_db


def demo_accounts() -> list[User]:
    """Every account the seed made to be signed into: those whose password is the demo one."""
    people = User.objects.filter(is_active=True).order_by("username")
    return [person for person in people if person.has_usable_password() and person.check_password(DEMO_PASSWORD)]


def crawl_as(user: User | None):
    client = Client()
    starts = [reverse("home")]
    if user is not None:
        client.force_login(user)
        starts.append(reverse(landing_for(user)))
    cache_clear_own_keys()  # the page throttles count per person; each account starts afresh
    return crawl(user.username if user else "visitor", client, starts)


def test_no_account_is_shown_a_link_it_cannot_open(demo):
    accounts = demo_accounts()
    assert {"demo_grid", "demo_chair", "demo_handler", "trainee_01", "resident_12"} <= {a.username for a in accounts}
    failures, pages = [], {}
    started = time.monotonic()
    for user in [None, *accounts]:
        result = crawl_as(user)
        failures += result.failures
        pages[result.account] = result.pages
    summary = f"{sum(pages.values())} pages in {time.monotonic() - started:.0f} s: {pages}"
    print(summary)
    assert not failures, f"{len(failures)} links to pages the viewer cannot open ({summary}):\n" + "\n".join(map(str, failures))


@pytest.mark.urls("tests.crawl_site")
def test_the_crawl_names_each_link_to_a_missing_or_failing_page_and_where_it_was_shown():
    result = crawl("visitor", Client(), ["/"])

    assert result.pages == 4  # /, /fine/, /gone/, /broken/: nothing of another site, no mail, no fragment
    assert sorted(map(str, result.failures)) == [
        "visitor: /fine/ -> /broken/ -> 500 (RuntimeError: a template's error)",
        "visitor: /fine/ -> /gone/ -> 404",
    ]
