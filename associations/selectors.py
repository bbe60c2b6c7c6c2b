"""Reads of associations and the alliance: public lists (names masked) and scoped staff lists.

Who may run an association: staff whose role covers its place, or its leaders (a guardian
grant the permission module reads). `association_to_run` is the gate the views call.
"""

from datetime import date

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from committees import selectors as committee_selectors
from committees.choices import NeedStatus
from committees.models import Need
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import scalars

from .choices import AssociationKind, EnterpriseKind, MembershipStatus, PledgeKind
from .models import Association, AssociationMembership, Enterprise, Pledge, PledgeFulfilment

ACTIVE = Q(memberships__status=MembershipStatus.ACTIVE)
CLOSED_NEEDS = (NeedStatus.DONE, NeedStatus.DECLINED)
OFFERED_NEEDS = 200  # the match menus of one page read at most this many open needs, in one query


def _leaders() -> Prefetch:
    leaders = AssociationMembership.objects.filter(is_leader=True, status=MembershipStatus.ACTIVE).select_related("user")
    return Prefetch("memberships", queryset=leaders, to_attr="leaders")


def community_associations(*, community) -> QuerySet[Association]:
    return (
        Association.objects.filter(community=community, is_active=True)
        .select_related("guiding_committee", "courtyard")
        .annotate(member_count=Count("memberships", filter=ACTIVE))
        .prefetch_related(_leaders())
        .order_by("kind", "name")
    )


def association_public(*, code: str) -> Association:
    association = (
        Association.objects.filter(code=code, is_active=True)
        .select_related("community", "courtyard", "guiding_committee")
        .annotate(member_count=Count("memberships", filter=ACTIVE))
        .prefetch_related(_leaders())
        .first()
    )
    if association is None:
        raise Http404
    return association


def members(*, association: Association) -> QuerySet[AssociationMembership]:
    return association.memberships.filter(status=MembershipStatus.ACTIVE).select_related("user").order_by("-is_leader", "applied_at")


def membership_of(*, user, association: Association) -> AssociationMembership | None:
    if not user.is_authenticated:
        return None
    return association.memberships.filter(user=user).order_by("-applied_at").first()


def may_see_names(viewer, community) -> bool:
    return committee_selectors.may_see_names(viewer, community)


def association_list(*, user) -> QuerySet[Association]:
    return (
        permissions.visible(user, Association.objects.all(), Action.MANAGE)
        .select_related("community", "guiding_committee")
        .annotate(
            member_count=Count("memberships", filter=ACTIVE, distinct=True),
            pending_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.PENDING), distinct=True),
            last_review_year=Max("reviews__year"),
        )
        .order_by("community__code", "name")
    )


def association_to_run(*, user, code: str) -> Association:
    return permissions.get_or_404(user, Association.objects.select_related("community"), Action.MANAGE, code=code)


def membership_to_decide(*, user, pk: int) -> AssociationMembership:
    membership = AssociationMembership.objects.select_related("association", "user").filter(pk=pk).first()
    if membership is None or not permissions.can(user, Action.MANAGE, membership.association):
        raise Http404
    return membership


def applications(*, association: Association) -> QuerySet[AssociationMembership]:
    return association.memberships.filter(status=MembershipStatus.PENDING).select_related("user").order_by("applied_at")


def pledges_with_use() -> QuerySet[Pledge]:
    """Pledges with their matched needs and `used`: the places or jobs their recorded fulfilments used."""
    return Pledge.objects.prefetch_related("needs").annotate(used=Coalesce(Sum("fulfilments__used"), 0))


def enterprise_list(*, user) -> QuerySet[Enterprise]:
    pledges = pledges_with_use().order_by("-starts_on")
    return (
        permissions.visible(user, Enterprise.objects.select_related("street", "community"), Action.VIEW)
        .prefetch_related(Prefetch("pledges", queryset=pledges))
        .order_by("street__code", "name")
    )


def pledge_ended(pledge: Pledge, today: date | None = None) -> bool:
    return pledge.ends_on is not None and pledge.ends_on < (today or timezone.localdate())


def pledge_used(*, pledge: Pledge) -> int:
    return pledge.fulfilments.aggregate(used=Coalesce(Sum("used"), 0))["used"]


def pledge_offers(*, user, enterprises: list[Enterprise]) -> None:
    """Give each pledge of `enterprises` its `offered_needs`: the open needs of its street the user manages and it does not
    serve yet, none once the pledge ended. One query for the page, whatever the pledges."""
    streets = {enterprise.street_id for enterprise in enterprises}
    needs = permissions.visible(user, Need.objects.exclude(status__in=CLOSED_NEEDS).filter(street_id__in=streets), Action.MANAGE)
    needs = list(needs.select_related("community").order_by("-created_at")[:OFFERED_NEEDS])
    today = timezone.localdate()
    for enterprise in enterprises:
        for pledge in enterprise.pledges.all():
            matched = {need.pk for need in pledge.needs.all()}
            pledge.ended = pledge_ended(pledge, today)
            pledge.offered_needs = [] if pledge.ended else [n for n in needs if n.street_id == enterprise.street_id and n.pk not in matched]


def pledge_to_manage(*, user, pk: int) -> Pledge:
    return permissions.get_or_404(user, Pledge.objects.select_related("enterprise"), Action.MANAGE, pk=pk)


def street_pledges(*, street) -> QuerySet[Pledge]:
    return Pledge.objects.filter(enterprise__street=street, enterprise__alliance_member=True).select_related("enterprise")


# --- figures for dashboards and reports ----------------------------------------------------


def _under(model, node, prefix: str = "") -> Q | None:
    """Rows under `node` by its level's key, or None when `model` does not reach that deep (enterprises stop at communities)."""
    return Q(**{f"{prefix}{node.level}_id": node.pk}) if node.level in model.tree_paths else None


def node_counts(*, node, start: date, end: date) -> dict:
    """Associations and their members, alliance enterprises and their pledges under `node`; pledges running in [start, end]: one query."""
    return scalars.counts(**node_count_querysets(node=node, start=start, end=end))


def node_count_querysets(*, node, start: date, end: date) -> dict[str, QuerySet]:
    """What node_counts counts, for a caller that counts them together with other apps' rows in one round trip."""
    enterprise_q = _under(Enterprise, node)
    pledges = pledges_running(node=node, start=start, end=end)
    return {
        "associations": Association.objects.filter(_under(Association, node), is_active=True).values("pk"),
        "association_members": AssociationMembership.objects.filter(
            _under(Association, node, "association__"), association__is_active=True, status=MembershipStatus.ACTIVE
        ).values("pk"),
        "enterprises": Enterprise.objects.none()
        if enterprise_q is None
        else Enterprise.objects.filter(enterprise_q, alliance_member=True).values("pk"),
        "pledges": pledges.values("pk").distinct(),
        "matched": pledges.filter(needs__isnull=False).values("pk").distinct(),
    }


def node_sum_querysets(*, node, start: date, end: date) -> dict[str, QuerySet]:
    """Places pledged by the pledges running in [start, end] under `node`, and places used in that period: summed with the counts."""
    return {
        "pledged": pledges_running(node=node, start=start, end=end).values("capacity"),
        "used": fulfilments_under(node=node, start=start, end=end).values("used"),
    }


def fulfilments_under(*, node, start: date, end: date) -> QuerySet[PledgeFulfilment]:
    """What the alliance members under `node` gave in [start, end]."""
    enterprise_q = _under(Enterprise, node, "pledge__enterprise__")
    if enterprise_q is None:
        return PledgeFulfilment.objects.none()
    return PledgeFulfilment.objects.filter(enterprise_q, pledge__enterprise__alliance_member=True, happened_on__range=(start, end))


def pledges_running(*, node, start: date, end: date) -> QuerySet[Pledge]:
    """Pledges of alliance members under `node` whose period overlaps [start, end]."""
    enterprise_q = _under(Enterprise, node, "enterprise__")
    if enterprise_q is None:
        return Pledge.objects.none()
    return Pledge.objects.filter(enterprise_q, enterprise__alliance_member=True, starts_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )


def associations_under(*, node) -> QuerySet[Association]:
    """Active associations under `node`."""
    return Association.objects.filter(_under(Association, node), is_active=True)


def seed_figure_querysets(*, node, start: date, end: date) -> tuple[dict[str, QuerySet], dict[str, QuerySet]]:
    """The seed's figures of this app as (counted, summed) querysets: the chamber's enterprises against those in the
    alliance and the alliance's shops (商会 89 家 / 加盟 23 家 / 个体商户 400 多家, as registered now), the jobs pledged and
    actually provided in [start, end] (30 多个就业岗位), and the active associations of each kind."""
    enterprise_q = _under(Enterprise, node)
    enterprises = Enterprise.objects.none() if enterprise_q is None else Enterprise.objects.filter(enterprise_q)
    chamber, shops = enterprises.filter(kind=EnterpriseKind.CHAMBER_MEMBER), enterprises.filter(kind=EnterpriseKind.SHOP)
    counted = {
        "chamber_enterprises": chamber.values("pk"),
        "chamber_in_alliance": chamber.filter(alliance_member=True).values("pk"),
        "shops_in_alliance": shops.filter(alliance_member=True).values("pk"),
        **{f"associations_{kind}": associations_under(node=node).filter(kind=kind).values("pk") for kind in AssociationKind.values},
    }
    summed = {
        "jobs_pledged": pledges_running(node=node, start=start, end=end).filter(kind=PledgeKind.JOBS).values("capacity"),
        "jobs_provided": fulfilments_under(node=node, start=start, end=end).filter(pledge__kind=PledgeKind.JOBS).values("used"),
    }
    return counted, summed
