"""Reads for dashboards, report jobs and open data, scoped through the permission module."""

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from courtyards.models import Community, Courtyard, District, Grid, Street
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import node_cache
from governance.requests.choices import OPEN_STATUSES
from governance.requests.workflow.rules import overdue_q

from . import charts, figures
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
    """COUNT(*) of `queryset` (correlated to the outer row) as a column: 0 where it has no row."""
    counted = queryset.annotate(group=Value(1)).values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


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
