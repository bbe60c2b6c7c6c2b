"""Whether a person may open the page a link leads to, asked of the page's own gates, so no link leads to a 404.

A view decorated by a gate (governance.accounts.scoping: staff_required, work_required, gate_required) carries
its gates as `opens_for`, functions of the user; the menus (navigation) and the templates' links ask them here,
before showing the link. Rows are asked of the permission module (`can`) by the template tags in
governance/accounts/templatetags/access.py.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


def may_open(user, url: str) -> bool:
    """The gates of the page at `url` let `user` in. A visitor may follow a link to a gated page: it asks them to
    sign in. A path that resolves to no page is never opened."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    if not getattr(user, "is_authenticated", False):
        return True
    return all(admits(user) for admits in getattr(match.func, "opens_for", ()))
