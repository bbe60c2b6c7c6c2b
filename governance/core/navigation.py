"""Links that apps add to the header and to the staff work page, without the base layers knowing them.

An app registers its links in its AppConfig.ready(); templates read them through the
`navigation` context processor. `visible` decides per person (for example: staff only); `has` returns the
person's rows behind the link (their requests, their signups), and the link shows only when there is one:
no empty "我负责的" for a new resident. Every `has` of a page is asked in one query. A link is shown only
where the gates of the page it opens let the person in too (governance.core.links).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper
from django.urls import reverse

from .links import may_open


@dataclass(frozen=True)
class Link:
    area: str  # "user": the header of a signed-in person; "work": the staff work page; "profile": the person's own page
    label: str
    url_name: str
    order: int = 100
    visible: Callable | None = None
    has: Callable | None = None  # (user) -> a queryset, or a list of them: the link shows when one has a row


LINKS: list[Link] = []


def register_link(
    *, area: str, label, url_name: str, order: int = 100, visible: Callable | None = None, has: Callable | None = None
) -> None:
    if not any(link.url_name == url_name and link.area == area for link in LINKS):
        LINKS.append(Link(area=area, label=label, url_name=url_name, order=order, visible=visible, has=has))


def links_for(area: str, user) -> list[Link]:
    """The area's links `user` may follow: the link's own `visible`, the gates of the page it opens, and `has`."""
    shown = [link for link in LINKS if link.area == area and _shown(link, user)]
    present = _present(user, [link for link in shown if link.has is not None])
    return sorted((link for link in shown if link.has is None or link.url_name in present), key=lambda link: link.order)


def _present(user, links: list[Link]) -> set[str]:
    """The url names among `links` behind which `user` has a row: one query of EXISTS for all of them,
    kept on the user object for the rest of the request."""
    cache = getattr(user, "_nav_present", None)
    if cache is None:
        cache = user._nav_present = {}
    wanted = [link for link in links if link.url_name not in cache]
    if wanted and getattr(user, "is_authenticated", False):
        flags = {f"has_{n}": _exists_any(link.has(user)) for n, link in enumerate(wanted)}
        row = user._meta.default_manager.filter(pk=user.pk).values(**flags).first() or {}
        cache.update({link.url_name: bool(row.get(f"has_{n}")) for n, link in enumerate(wanted)})
    return {name for name, present in cache.items() if present}


def _exists_any(querysets):
    querysets = querysets if isinstance(querysets, list | tuple) else [querysets]
    if len(querysets) == 1:
        return Exists(querysets[0].order_by())
    combined = Exists(querysets[0].order_by())
    for queryset in querysets[1:]:
        combined |= Exists(queryset.order_by())
    return ExpressionWrapper(combined, output_field=BooleanField())


def _shown(link: Link, user) -> bool:
    return (link.visible is None or link.visible(user)) and may_open(user, reverse(link.url_name))


# Where a person lands after signing in, when they asked for no page: the first rule that applies, else home.
# An app registers its rule in ready() (the grid worker's 我的网格), as it registers its links.
LANDINGS: list[tuple[int, Callable, str]] = []


def register_landing(*, url_name: str, applies: Callable, order: int = 100) -> None:
    if not any(name == url_name for _order, _applies, name in LANDINGS):
        LANDINGS.append((order, applies, url_name))
        LANDINGS.sort(key=lambda landing: landing[0])


def landing_for(user, default: str = "home") -> str:
    """The url name of `user`'s landing page."""
    return next((name for _order, applies, name in LANDINGS if applies(user)), default)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "nav_user_links": lambda: links_for("user", user),
        "nav_work_links": lambda: links_for("work", user),
        "nav_profile_links": lambda: links_for("profile", user),
    }


# What waits for a staff member, shown with its count on the staff home ("Work"): home claims to verify, callbacks
# due, hours to approve, overdue requests, ... Each app registers its own in ready(): `count(user)` is one query
# through the permission module, None when the person may not open `url_name` (then the item is not shown).
@dataclass(frozen=True)
class Waiting:
    key: str
    label: str
    url_name: str
    count: Callable
    order: int = 100
    query: str = ""  # appended to the url: "?overdue=true" narrows the queue to what the item counts


WAITING: dict[str, Waiting] = {}


def register_waiting(*, key: str, label, url_name: str, count: Callable, order: int = 100, query: str = "") -> None:
    WAITING[key] = Waiting(key=key, label=label, url_name=url_name, count=count, order=order, query=query)


def waiting_for(user) -> list[tuple[Waiting, int]]:
    """Each item this person may open, in order, with its count."""
    counted = ((item, item.count(user)) for item in sorted(WAITING.values(), key=lambda item: item.order))
    return [(item, count) for item, count in counted if count is not None]
