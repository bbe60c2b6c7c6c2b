"""Links that apps add to the header and to the staff work page, without the base layers knowing them.

An app registers its links in its AppConfig.ready(); templates read them through the
`navigation` context processor. `visible` decides per person (for example: staff only).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    area: str  # "user": the header of a signed-in person; "work": the staff work page; "profile": the person's own page
    label: str
    url_name: str
    order: int = 100
    visible: Callable | None = None


LINKS: list[Link] = []


def register_link(*, area: str, label, url_name: str, order: int = 100, visible: Callable | None = None) -> None:
    if not any(link.url_name == url_name and link.area == area for link in LINKS):
        LINKS.append(Link(area=area, label=label, url_name=url_name, order=order, visible=visible))


def links_for(area: str, user) -> list[Link]:
    return sorted(
        (link for link in LINKS if link.area == area and (link.visible is None or link.visible(user))), key=lambda link: link.order
    )


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
