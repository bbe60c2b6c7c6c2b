"""Writes to the territory tree and to what hangs on a place.

Ancestor keys are set here and only here: on create from the parent, on a move for the
node and everything under it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.accounts import services as account_services
from governance.notifications import kinds
from governance.notifications.services import notification_create

from .choices import ClaimStatus
from .models import ANCESTOR_LEVELS, NODE_MODELS, Building, Community, Courtyard, Grid, HomeClaim, Household, Node, Unit

kinds.register(
    "claim.verified",
    title=gettext_lazy("Your home is verified"),
    body=gettext_lazy("Community staff verified that you live at %(address)s."),
)
kinds.register(
    "claim.declined",
    title=gettext_lazy("Your home claim was declined"),
    body=gettext_lazy("Community staff could not verify %(address)s: %(reason)s"),
)


def ancestor_values(model, parent: Node) -> dict:
    """The ancestor keys a child of `parent` carries: the parent itself and the parent's ancestors."""
    values = {}
    for level in ANCESTOR_LEVELS:
        if not _has_field(model, level):
            continue
        values[f"{level}_id"] = parent.pk if parent.level == level else getattr(parent, f"{level}_id", None)
    return values


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def node_create(*, level: str, name: str, code: str, parent: Node | None = None, **extra) -> Node:
    model = NODE_MODELS[level]
    node = model(name=name, code=code, **extra)
    if model.parent_field:
        if parent is None:
            raise ValidationError(_("A %(level)s needs a parent.") % {"level": model._meta.verbose_name})
        for field, value in ancestor_values(model, parent).items():
            setattr(node, field, value)
    node.full_clean()
    node.save()
    return node


@transaction.atomic
def node_move(*, node: Node, parent: Node) -> Node:
    """Hang `node` under a new parent and rewrite the ancestor keys of everything below it."""
    for field, value in ancestor_values(type(node), parent).items():
        setattr(node, field, value)
    node.full_clean()
    node.save()
    below = {
        Community: [
            (Courtyard, "community"),
            (Building, "community"),
            (Unit, "community"),
            (Household, "community"),
            (HomeClaim, "community"),
        ],
        Courtyard: [(Building, "courtyard"), (Unit, "courtyard"), (Household, "courtyard"), (HomeClaim, "courtyard")],
        Building: [(Unit, "building"), (Household, "unit__building"), (HomeClaim, "unit__building")],
    }
    new_keys = ancestor_values(type(node), parent)
    for model, lookup in below.get(type(node), []):
        updates = {field: value for field, value in new_keys.items() if _has_field(model, field.removesuffix("_id"))}
        model.objects.filter(**{lookup: node}).update(**updates)
    return node


def grid_create(*, community: Community, name: str, code: str, worker=None, courtyards=()) -> Grid:
    grid = Grid(name=name, code=code, community=community, street_id=community.street_id, district_id=community.district_id, worker=worker)
    grid.full_clean()
    grid.save()
    grid.courtyards.set(courtyards)
    return grid


def household_get_or_create(*, unit: Unit, room: str) -> Household:
    household, _created = Household.objects.get_or_create(
        unit=unit,
        room=room.strip(),
        defaults={f"{level}_id": getattr(unit, f"{level}_id") for level in ("courtyard", "community", "street", "district")},
    )
    return household


@transaction.atomic
def home_claim_create(*, user, unit: Unit, room: str, note: str = "") -> HomeClaim:
    """A resident says they live at `room` of `unit`; community staff will verify it."""
    if HomeClaim.objects.filter(user=user, status=ClaimStatus.PENDING).exists():
        raise ValidationError(_("You already have a claim waiting for verification."))
    claim = HomeClaim(
        user=user,
        unit=unit,
        room=room.strip(),
        note=note,
        **{f"{level}_id": getattr(unit, f"{level}_id") for level in ("courtyard", "community", "street", "district")},
    )
    claim.full_clean()
    claim.save()
    return claim


def _decide(claim_id: int, by) -> HomeClaim:
    claim = (
        HomeClaim.objects.select_for_update()
        .select_related("unit__courtyard", "unit__building", "unit__community", "user")
        .get(pk=claim_id)
    )
    if claim.status != ClaimStatus.PENDING:
        raise ValidationError(_("This claim was already decided."))
    claim.decided_by = by
    claim.decided_at = timezone.now()
    return claim


@transaction.atomic
def home_claim_verify(*, claim: HomeClaim, by) -> HomeClaim:
    claim = _decide(claim.pk, by)
    claim.status = ClaimStatus.VERIFIED
    claim.save()
    household = household_get_or_create(unit=claim.unit, room=claim.room)
    account_services.user_set_home(user=claim.user, unit=claim.unit, household=household)
    notification_create(
        recipient=claim.user,
        kind="claim.verified",
        key=f"claim:{claim.code}:verified",
        params={"address": f"{claim.unit.address}{claim.room}"},
        sms=True,
    )
    return claim


@transaction.atomic
def home_claim_decline(*, claim: HomeClaim, by, reason: str) -> HomeClaim:
    if not reason.strip():
        raise ValidationError({"decline_reason": _("Please say why the claim is declined.")})
    claim = _decide(claim.pk, by)
    claim.status = ClaimStatus.DECLINED
    claim.decline_reason = reason.strip()
    claim.save()
    notification_create(
        recipient=claim.user,
        kind="claim.declined",
        key=f"claim:{claim.code}:declined",
        params={"address": f"{claim.unit.address}{claim.room}", "reason": claim.decline_reason},
        sms=True,
    )
    return claim
