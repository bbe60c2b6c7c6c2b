"""Writes for associations, their members and reviews, and the enterprise alliance.

A leader's right to run their association is a django-guardian grant made here.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import assign_perm, remove_perm

from courtyards import services as tree_services
from governance.core import node_cache
from governance.notifications import kinds
from governance.notifications.services import notification_create

from . import selectors
from .choices import MembershipStatus
from .models import Association, AssociationMembership, Enterprise, Pledge, PledgeFulfilment, SupervisionReview

kinds.register(
    "association.approved",
    title=gettext_lazy("Welcome to %(association)s"),
    body=gettext_lazy("The leader of %(association)s approved your application."),
)
kinds.register(
    "association.declined",
    title=gettext_lazy("Your application to %(association)s"),
    body=gettext_lazy("The leader of %(association)s declined your application."),
)


@transaction.atomic
def association_create(
    *,
    place,
    name: str,
    kind: str,
    anchor: str,
    interest: str = "",
    description: str = "",
    how_to_join: str = "",
    guiding_committee=None,
    code: str = "",
) -> Association:
    association = Association(
        name=name.strip(),
        kind=kind,
        anchor=anchor,
        interest=interest,
        description=description,
        how_to_join=how_to_join,
        guiding_committee=guiding_committee,
        registered_on=timezone.localdate(),
        code=code or f"{place.code}-{uuid.uuid4().hex[:8]}",
        **tree_services.ancestor_values(Association, place),
    )
    association.full_clean()
    association.save()
    return association


@transaction.atomic
def leader_appoint(*, association: Association, user) -> AssociationMembership:
    membership = AssociationMembership.objects.filter(
        association=association, user=user, status__in=[MembershipStatus.PENDING, MembershipStatus.ACTIVE]
    ).first()
    membership = membership or AssociationMembership(association=association, user=user)
    membership.status, membership.is_leader, membership.decided_at = MembershipStatus.ACTIVE, True, timezone.now()
    membership.full_clean()
    membership.save()
    assign_perm("manage_association", user, association)
    return membership


def membership_apply(*, association: Association, user, message: str = "") -> AssociationMembership:
    """A resident asks to join. A second open application is refused and changes nothing."""
    open_row = AssociationMembership.objects.filter(
        association=association, user=user, status__in=[MembershipStatus.PENDING, MembershipStatus.ACTIVE]
    ).first()
    if open_row is not None:
        raise ValidationError(_already(open_row))
    try:
        with transaction.atomic():
            return AssociationMembership.objects.create(association=association, user=user, message=message.strip()[:200])
    except IntegrityError:  # a concurrent second click: the constraint holds
        raise ValidationError(_("You have already applied to join this association."))


def _already(row: AssociationMembership) -> str:
    if row.status == MembershipStatus.ACTIVE:
        return _("You are already a member of this association.")
    return _("You have already applied to join this association; the leader will answer soon.")


@transaction.atomic
def membership_decide(*, membership: AssociationMembership, by, approve: bool) -> AssociationMembership:
    membership = AssociationMembership.objects.select_for_update().select_related("association", "user").get(pk=membership.pk)
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("This application was already decided."))
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
    membership.decided_at, membership.decided_by = timezone.now(), by
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    kind = "association.approved" if approve else "association.declined"
    notification_create(
        recipient=membership.user,
        kind=kind,
        key=f"association-membership:{membership.pk}:{membership.status}",
        params={"association": membership.association.name},
        link=reverse("associations:detail", kwargs={"code": membership.association.code}),
    )
    return membership


@transaction.atomic
def membership_leave(*, association: Association, user) -> AssociationMembership:
    """A member leaves; the row stays (status left). A leader who leaves stops running the association."""
    membership = (
        AssociationMembership.objects.select_for_update().filter(association=association, user=user, status=MembershipStatus.ACTIVE).first()
    )
    if membership is None:
        raise ValidationError(_("You are not a member of this association."))
    membership.status, membership.is_leader = MembershipStatus.LEFT, False
    membership.save(update_fields=["status", "is_leader"])
    remove_perm("manage_association", user, association)
    return membership


@transaction.atomic
def review_record(*, association: Association, year: int, status: str, findings: str, reviewer, reviewed_on=None) -> SupervisionReview:
    if SupervisionReview.objects.filter(association=association, year=year).exists():
        raise ValidationError(_("This association was already reviewed for %(year)s.") % {"year": year})
    review = SupervisionReview(
        association=association,
        year=year,
        status=status,
        findings=findings.strip(),
        reviewer=reviewer,
        reviewed_on=reviewed_on or timezone.localdate(),
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def enterprise_create(
    *, street, name: str, kind: str, alliance_member: bool = True, contact: str = "", community=None, code: str = ""
) -> Enterprise:
    enterprise = Enterprise(
        street=street,
        district_id=street.district_id,
        community=community,
        name=name.strip(),
        kind=kind,
        alliance_member=alliance_member,
        contact=contact,
        code=code or f"{street.code}-{uuid.uuid4().hex[:8]}",
    )
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def pledge_create(*, enterprise: Enterprise, kind: str, title: str, capacity: int, starts_on, ends_on=None) -> Pledge:
    pledge = Pledge(enterprise=enterprise, kind=kind, title=title.strip(), capacity=capacity, starts_on=starts_on, ends_on=ends_on)
    pledge.full_clean()
    pledge.save()
    return pledge


@transaction.atomic
def pledge_match(*, pledge: Pledge, need) -> Pledge:
    """Offer a pledge to a need it may serve (its street, still open, the pledge not ended); anything else changes nothing."""
    refusal = _match_refusal(pledge, need)
    if refusal:
        raise ValidationError(refusal)
    pledge.needs.add(need)
    return pledge


def _match_refusal(pledge: Pledge, need) -> str:
    if need.street_id != pledge.enterprise.street_id:
        return _("A pledge can be matched only to needs of its own street.")
    if selectors.pledge_ended(pledge):
        return _("This pledge ended on %(date)s and can no longer be matched.") % {"date": formats.date_format(pledge.ends_on)}
    if need.status in selectors.CLOSED_NEEDS:
        return _("This need is closed and can no longer be matched.")
    return ""


@transaction.atomic
def pledge_fulfilment_record(*, pledge: Pledge, used: int, by, happened_on=None, need=None, note: str = "") -> PledgeFulfilment:
    """Record that `used` of the pledge's places or jobs were used; never more than it pledged, never outside its period."""
    pledge = Pledge.objects.select_for_update().select_related("enterprise").get(pk=pledge.pk)  # one capacity check at a time
    happened_on = happened_on or timezone.localdate()
    _check_fulfilment(pledge, used, happened_on, need)
    fulfilment = PledgeFulfilment(pledge=pledge, need=need, used=used, happened_on=happened_on, note=note.strip(), recorded_by=by)
    fulfilment.full_clean()
    fulfilment.save()
    enterprise = pledge.enterprise
    node_cache.nodes_changed({"district": enterprise.district_id, "street": enterprise.street_id, "community": enterprise.community_id})
    return fulfilment


def _check_fulfilment(pledge: Pledge, used: int, happened_on, need) -> None:
    if happened_on < pledge.starts_on or (pledge.ends_on and happened_on > pledge.ends_on) or happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _("The date must fall within the pledge's period, and not in the future.")})
    if need is not None and not pledge.needs.filter(pk=need.pk).exists():
        raise ValidationError({"need": _("Choose a need this pledge is matched to.")})
    left = pledge.capacity - selectors.pledge_used(pledge=pledge)
    if used < 1 or used > left:
        raise ValidationError(
            {"used": _("Only %(left)s of the %(capacity)s pledged places are left.") % {"left": left, "capacity": pledge.capacity}}
        )
