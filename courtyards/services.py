"""Writes to the territory tree and to what hangs on a place.

Ancestor keys are set here and only here: on create from the parent, on a move for the
node and everything under it.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.accounts import services as account_services
from governance.notifications import kinds
from governance.notifications.services import notification_create

from . import tree_registry
from .choices import ClaimStatus, EndorsementChannel
from .models import (
    ANCESTOR_LEVELS,
    NODE_MODELS,
    Community,
    Courtyard,
    Covenant,
    CovenantEndorsement,
    CovenantVersion,
    HomeClaim,
    Household,
    Node,
    Unit,
)

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
    """The keys a `model` row hung at `parent` carries: the parent itself and its ancestors.

    Used for a child node of the tree and for every row placed on a node (a request, a body, an
    association), so the denormalised keys are computed in one place; only `model`'s fields count.
    """
    values = {}
    for level in ANCESTOR_LEVELS:
        if not _has_field(model, level):
            continue
        values[f"{level}_id"] = parent.pk if parent.level == level else getattr(parent, f"{level}_id", None)
    if _has_field(model, "grid"):
        # A grid cuts across the tree: a row takes its place's grid (none above a courtyard).
        values["grid_id"] = getattr(parent, "grid_id", None)
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


def node_locate(*, node: Node, latitude, longitude) -> Node:
    """Set (or clear, with None) a courtyard's or building's coordinates."""
    node.latitude, node.longitude = latitude, longitude
    node.full_clean()
    node.save(update_fields=["latitude", "longitude"])
    return node


@transaction.atomic
def node_move(*, node: Node, parent: Node) -> Node:
    """Hang `node` under a new parent and rewrite the ancestor keys of everything below it."""
    for field, value in ancestor_values(type(node), parent).items():
        setattr(node, field, value)
    node.full_clean()
    node.save()
    tree_rows_rewrite(node=node)
    return node


def tree_rows_rewrite(*, node: Node) -> int:
    """Give every registered row under `node` the keys `node` now carries: one UPDATE per model.

    A district holds millions of requests, so rows are never loaded: ``UPDATE ... WHERE
    community_id = %s`` (or a join's ``id IN (SELECT ...)``) per model in the registry.
    """
    node_keys = {key: getattr(node, f"{key}_id") for key in tree_registry.TREE_KEYS if _has_field(type(node), key)}
    changed = 0
    for entry in tree_registry.registered():
        under = entry.under(node.level, node.pk)
        values = {column: node_keys[key] for key, column in entry.columns().items() if key in node_keys}
        if under is not None and values:
            changed += entry.model._base_manager.filter(under).update(**values)
    return changed


def household_get_or_create(*, unit: Unit, room: str) -> Household:
    household, _created = Household.objects.get_or_create(
        unit=unit,
        room=room.strip(),
        defaults={f"{level}_id": getattr(unit, f"{level}_id") for level in ("courtyard", "community", "street", "district", "grid")},
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


# --- covenants 居民公约 and charters 自治章程 ---------------------------------------------------


@transaction.atomic
def covenant_create(*, place: Community | Courtyard, title: str, kind: str, code: str, **version) -> Covenant:
    """A covenant of a community or a courtyard, with its first adopted text."""
    is_courtyard = isinstance(place, Courtyard)
    covenant = Covenant(
        code=code,
        kind=kind,
        title=title.strip(),
        community_id=place.community_id if is_courtyard else place.pk,
        courtyard=place if is_courtyard else None,
        street_id=place.street_id,
        district_id=place.district_id,
    )
    covenant.full_clean()
    covenant.save()
    covenant_version_add(covenant=covenant, **version)
    return covenant


@transaction.atomic
def covenant_version_add(
    *, covenant: Covenant, text: str, adopted_on, method: str, votes_for: int = 0, votes_against: int = 0, votes_abstaining: int = 0
) -> CovenantVersion:
    """A newly adopted text becomes current; the older versions stay as they were."""
    covenant = Covenant.objects.select_for_update().get(pk=covenant.pk)  # two editors never get the same number
    latest = covenant.versions.order_by("-number").first()
    if latest is not None and adopted_on < latest.adopted_on:
        raise ValidationError({"adopted_on": _("A new version cannot be adopted before the current one.")})
    version = CovenantVersion(
        covenant=covenant,
        number=(latest.number + 1) if latest else 1,
        text=text.strip(),
        adopted_on=adopted_on,
        method=method,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstaining=votes_abstaining,
    )
    version.full_clean()
    version.save()
    return version


def covenant_endorse(*, covenant: Covenant, household: Household, by, channel: str = EndorsementChannel.ONLINE) -> CovenantEndorsement:
    """One endorsement per household, of the current version: online by a verified resident or recorded by staff."""
    if household.community_id != covenant.community_id or (covenant.courtyard_id and household.courtyard_id != covenant.courtyard_id):
        raise ValidationError(_("This covenant belongs to another place."))
    current = covenant.versions.order_by("-number").first()
    try:
        with transaction.atomic():
            endorsement = CovenantEndorsement(covenant=covenant, version=current, household=household, channel=channel, endorsed_by=by)
            endorsement.save()
    except IntegrityError:
        raise ValidationError(_("Your household has already endorsed this covenant."))
    return endorsement
