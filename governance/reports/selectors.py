"""Reads for dashboards, report jobs and open data, scoped through the permission module."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from courtyards.models import Community, Courtyard, District, Grid, Street
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import node_cache, scalars
from governance.fieldwork import figures as grid_figures
from governance.requests.choices import OPEN_STATUSES
from governance.requests.workflow.rules import overdue_q

from . import charts, figures, maps
from .choices import NodeLevel
from .models import ReportJob, ReportSubscription

NODE_MODELS = {NodeLevel.DISTRICT: District, NodeLevel.STREET: Street, NodeLevel.COMMUNITY: Community}
CHILDREN = {
    NodeLevel.DISTRICT: (Street, "district", "street"),
    NodeLevel.STREET: (Community, "street", "community"),
    NodeLevel.COMMUNITY: (Courtyard, "community", "courtyard"),
}


def node_queryset(level: str):
    model = NODE_MODELS.get(level)
    if model is None:
        raise Http404
    related = {NodeLevel.STREET: ["district"], NodeLevel.COMMUNITY: ["street", "district"]}.get(level, [])
    return model.objects.select_related(*related)


def node_for(*, user, level: str, code: str):
    """The node, if `user` may see it; else 404."""
    return permissions.get_or_404(user, node_queryset(level), Action.VIEW, code=code)


def node_public(*, level: str, code: str):
    if level not in (NodeLevel.STREET, NodeLevel.COMMUNITY):
        raise Http404
    return node_queryset(level).filter(code=code).first() or _raise_404()


def _raise_404():
    raise Http404


def nodes_of(*, user) -> dict[str, list]:
    """The districts, streets, communities and grids this person may open a dashboard of (the top of each scope)."""
    return {
        "districts": list(permissions.visible(user, District.objects.all())),
        "streets": list(permissions.visible(user, Street.objects.all())[:50]),
        "communities": list(permissions.visible(user, Community.objects.select_related("street"))[:50]),
        "grids": list(permissions.visible(user, Grid.objects.select_related("community"))[:50]),
    }


def children_figures(*, node, start: date, end: date) -> list[dict]:
    """The drill-down: each child of `node` with its requests in the period, in the one query that lists the children."""
    level = node.level
    if level not in CHILDREN:
        return []
    model, parent_field, child_level = CHILDREN[level]
    now = timezone.now()
    requests = figures.requests_in(node, start, end).filter(**{f"{child_level}_id": OuterRef("pk")}).order_by()
    counted = {"submitted": Q(), "open": Q(status__in=OPEN_STATUSES), "overdue": overdue_q(now)}
    children = model.objects.filter(**{f"{parent_field}_id": node.pk}).only("name", "code")
    children = children.annotate(**{name: _count_of(requests.filter(condition)) for name, condition in counted.items()})
    return [{"node": child, "level": child_level, **{name: getattr(child, name) for name in counted}} for child in children]


def _count_of(queryset) -> Coalesce:
    return scalars.count_of(queryset)


def dashboard(*, node, start: date, end: date) -> dict:
    """The dashboard's figures, cached per node and period until a request under the node changes (core.node_cache)."""
    return node_cache.node_figures(
        name="dashboard", level=node.level, pk=node.pk, parts=[start, end], build=lambda: _dashboard(node=node, start=start, end=end)
    )


def _dashboard(*, node, start: date, end: date) -> dict:
    sections = figures.all_sections(node, start, end)
    return {
        "sections": [{"section": s, "chart": charts.bar_chart(s.trend)} for s in sections],
        "children": children_figures(node=node, start=start, end=end),
    }


def courtyard_request_counts(*, user, node):
    """The courtyards under `node` that `user` may see, each with the requests there that `user` may see that are
    open now (`open`) and overdue now (`overdue`, the one definition: workflow.rules.overdue_q), in one query."""
    from governance.requests.models import Request

    requests = permissions.visible(user, Request.objects.filter(courtyard_id=OuterRef("pk"))).order_by()
    courtyards = permissions.visible(user, Courtyard.objects.filter(**{f"{node.level}_id": node.pk}))
    return (
        courtyards.only("code", "name", "latitude", "longitude")
        .order_by("code")
        .annotate(open=_count_of(requests.filter(status__in=sorted(OPEN_STATUSES))), overdue=_count_of(requests.filter(overdue_q())))
    )


@dataclass(frozen=True)
class MapMetric:
    """A figure the dashboards' map can colour the courtyards by.

    To add one (days since the last patrol): its legend (`maps.DAYS_SINCE_PATROL`), a function
    `(user=, node=) -> [(courtyard, value), ...]` giving the courtyards under `node` that `user` may see with
    their value in one query (None where there is none: never patrolled), the list a courtyard links to,
    and an entry in MAP_METRICS; the switch, the drawing and the page follow."""

    legend: maps.Metric
    values: Callable[..., list[tuple[Courtyard, int | None]]]
    url: Callable[[Courtyard], str]


def _request_metric(legend: maps.Metric, queue_filter: str) -> MapMetric:
    def values(*, user, node):
        return [(c, getattr(c, legend.key)) for c in courtyard_request_counts(user=user, node=node)]

    def url(courtyard):
        return f"{reverse('requests:queue')}?{urlencode({'courtyard': courtyard.code, queue_filter: 'true'})}"

    return MapMetric(legend, values, url)


def _patrol_metric() -> MapMetric:
    """Days since the last patrol; a courtyard of a grid links to its page under the grid, others to their requests."""

    def values(*, user, node):
        courtyards = list(
            permissions.visible(user, Courtyard.objects.filter(**{f"{node.level}_id": node.pk}))
            .select_related("grid")
            .only("code", "name", "latitude", "longitude", "grid", "grid__code")
            .order_by("code")
        )
        days = grid_figures.days_since_last_patrol(courtyards=courtyards)
        return [(c, days[c.pk]) for c in courtyards]

    def url(courtyard):
        if courtyard.grid_id is None:
            return f"{reverse('requests:queue')}?{urlencode({'courtyard': courtyard.code})}"
        return reverse("reports:grid_dashboard_courtyard", kwargs={"code": courtyard.grid.code, "courtyard": courtyard.code})

    return MapMetric(maps.DAYS_SINCE_PATROL, values, url)


MAP_METRICS = {
    "open": _request_metric(maps.OPEN_REQUESTS, "open"),
    "overdue": _request_metric(maps.OVERDUE_REQUESTS, "overdue"),
    "patrol": _patrol_metric(),
}
MAP_LEVELS = (NodeLevel.STREET, NodeLevel.COMMUNITY)


def courtyard_map(*, user, node, metric: str) -> maps.PlaceMap | None:
    """The map of a street's or community's courtyards coloured by `metric` (a key of MAP_METRICS; else "open"),
    each linking to its list. None for a district."""
    if node.level not in MAP_LEVELS:
        return None
    chosen = MAP_METRICS.get(metric, MAP_METRICS["open"])
    rows = chosen.values(user=user, node=node)
    places = [maps.Place(c.code, c.name, c.latitude, c.longitude, value, chosen.url(c)) for c, value in rows]
    caption = _("%(metric)s in each courtyard of %(node)s, as they stand now") % {"metric": chosen.legend.label, "node": node.name}
    return maps.place_map(places, metric=chosen.legend, caption=caption)


def job_list(*, user, node=None):
    jobs = permissions.visible(user, ReportJob.objects.select_related("district", "street", "community", "requested_by"))
    if node is not None:
        jobs = jobs.filter(**{f"{node.level}_id": node.pk, "level": node.level})
    return jobs


def job_for(*, user, pk: int) -> ReportJob:
    return permissions.get_or_404(user, ReportJob.objects.select_related("district", "street", "community"), Action.VIEW, pk=pk)


def is_subscribed(*, user, street) -> bool:
    return ReportSubscription.objects.filter(user=user, street=street).exists()


def subscribers_of(*, street_id: int):
    return ReportSubscription.objects.filter(street_id=street_id).select_related("user")


def export_requests():
    """Requests for the staff export; the caller scopes them through the permission module."""
    from governance.requests.models import Request

    return Request.objects.all()


def oldest_unfinished_job_age_seconds() -> float:
    """How long the oldest report job still queued or running has waited since it was asked for."""
    from django.db.models import Min

    from .choices import JobStatus
    from .models import ReportJob

    oldest = ReportJob.objects.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).aggregate(oldest=Min("created_at"))["oldest"]
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0
