"""Links that apps add to the header and to the staff work page, without the base layers knowing them.

An app registers its links in its AppConfig.ready(); templates read them through the
`navigation` context processor. `visible` decides per person (for example: staff only); a link is shown only
where the gates of the page it opens let the person in too (governance.core.links).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .links import may_open


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
    """The area's links `user` may follow: the link's own `visible` and the gates of the page it opens."""
    return sorted((link for link in LINKS if link.area == area and _shown(link, user)), key=lambda link: link.order)


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
