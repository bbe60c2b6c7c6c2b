"""Writes of the council cycle 需求共同提出，办法共同协商，事项共同落实: a need raised, supported,
put on an agenda, decided, carried out, and its people told at each step.

The meeting services (`services.py`) move a need when it is put on an agenda or decided, and
when the follow-up actions of the decision on it are done; the cycle's own rules live here.
A need carried out closes the loop for the apps above (their requests, through `registry`),
then for its supporters: each person hears of it once, whichever app tells them first.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.notifications import kinds
from governance.notifications.services import notification_create

from . import registry
from .choices import ActionStatus, NeedStatus, Outcome
from .models import Committee, Decision, Need, NeedSupport

kinds.register(
    "need.on_agenda",
    title=gettext_lazy("A need you support is on the agenda"),
    body=gettext_lazy("“%(need)s” will be discussed by %(committee)s on %(when)s."),
)
kinds.register(
    "need.decided",
    title=gettext_lazy("A need you support was decided"),
    body=gettext_lazy("%(committee)s decided on “%(need)s”: %(outcome)s."),
)
kinds.register(
    "need.implemented",
    title=gettext_lazy("A need you support was carried out"),
    body=gettext_lazy("%(committee)s carried out “%(need)s”: %(result)s"),
)

IMPLEMENTED = "implemented"
CARRIED_OUT_FROM = {NeedStatus.DECIDED, NeedStatus.IN_PROGRESS}


@transaction.atomic
def need_raise(*, user, title: str, description: str, community=None) -> Need:
    """A verified resident raises a need in their own community; raising it counts as their support."""
    unit = user.home_unit
    if unit is None:
        raise ValidationError(_("Only residents with a verified home can raise a need."))
    if community is not None and community.pk != unit.community_id:
        raise ValidationError(_("You can raise needs only in your own community."))
    need = Need(
        raised_by=user,
        title=title.strip(),
        description=description.strip(),
        district_id=unit.district_id,
        street_id=unit.street_id,
        community_id=unit.community_id,
        courtyard_id=unit.courtyard_id,
    )
    need.full_clean()
    need.save()
    NeedSupport.objects.create(need=need, user=user)
    return need


@transaction.atomic
def need_open(*, raised_by, committee: Committee, title: str, description: str) -> Need:
    """Staff open a need for a community body on residents' behalf (from their requests); supporters are added separately."""
    if committee.community_id is None or not committee.is_active:
        raise ValidationError(_("Choose an active body of a community."))
    need = Need(
        raised_by=raised_by,
        committee=committee,
        title=title.strip(),
        description=description.strip(),
        district_id=committee.district_id,
        street_id=committee.street_id,
        community_id=committee.community_id,
        courtyard_id=committee.courtyard_id,
    )
    need.full_clean()
    need.save()
    return need


def need_support(*, need: Need, user) -> NeedSupport:
    """Support a need once. A second support is refused and changes nothing."""
    if user.home_unit_id is None:
        raise ValidationError(_("Only residents with a verified home can support a need."))
    if user.home_unit.community_id != need.community_id:
        raise ValidationError(_("You can support needs only in your own community."))
    if need.status in {NeedStatus.DONE, NeedStatus.DECLINED}:
        raise ValidationError(_("This need is closed."))
    try:
        with transaction.atomic():
            return NeedSupport.objects.create(need=need, user=user)
    except IntegrityError:
        raise ValidationError(_("You already support this need. Each resident’s support counts once."))


@transaction.atomic
def need_set_status(*, need: Need, status: str, by=None, result: str = "") -> Need:
    """Staff track a decided need: being carried out, or carried out (with what was done)."""
    if need.status not in CARRIED_OUT_FROM or status not in {NeedStatus.IN_PROGRESS, NeedStatus.DONE}:
        raise ValidationError(_("A need can be carried out only after it was decided."))
    if status == NeedStatus.DONE:
        return need_implement(need=need, by=by, result=result.strip() or default_result(need))
    need_move(need, status)
    return need


@transaction.atomic
def need_implement(*, need: Need, result: str, by=None) -> Need:
    """The need is carried out: the result is recorded and shown, the apps above close their part of the loop
    (every request of its cluster resolves for its resident to confirm), then its supporters are told, each once."""
    # The row locked and its status read afresh (a second completion waits, then finds it done); the caller's object is updated.
    need.status = Need.objects.select_for_update().filter(pk=need.pk).values_list("status", flat=True).get()
    if need.status not in CARRIED_OUT_FROM:
        raise ValidationError(_("A need can be carried out only after it was decided."))
    if not result.strip():
        raise ValidationError({"result": _("Say what was done, so the residents can see it.")})
    need.result = result.strip()
    need_move(need, NeedStatus.DONE)
    registry.need_implemented(need=need, by=by, result=need.result)
    committee = need.committee.name if need.committee else ""
    notify_supporters(need, "need.implemented", IMPLEMENTED, {"committee": committee, "result": need.result})
    return need


def action_done(*, decision: Decision, by=None, result: str = "") -> None:
    """A follow-up action of `decision` is done: the need it decided is being carried out, or carried out once none is open."""
    need = decision.need
    if need is None or decision.outcome != Outcome.ADOPTED or need.status not in CARRIED_OUT_FROM:
        return
    if decision.actions.filter(status=ActionStatus.OPEN).exists():
        if need.status == NeedStatus.DECIDED:
            need_move(need, NeedStatus.IN_PROGRESS)
        return
    need_implement(need=need, by=by, result=result.strip() or default_result(need, decision))


def default_result(need: Need, decision: Decision | None = None) -> str:
    """What was done when nobody wrote it: the motion adopted and its actions done (stored, in the portal's language)."""
    decision = decision or need.decisions.filter(outcome=Outcome.ADOPTED).order_by("-pk").first()
    if decision is None:
        return need.title
    titles = list(decision.actions.filter(status=ActionStatus.DONE).order_by("done_at", "pk").values_list("title", flat=True))
    if not titles:
        return decision.motion
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(motion)s: %(actions)s") % {"motion": decision.motion, "actions": _("; ").join(titles)}


def need_move(need: Need, status: str, committee: Committee | None = None) -> None:
    need.status = status
    need.committee = committee or need.committee
    need.done_at = timezone.now() if status == NeedStatus.DONE else None
    need.save(update_fields=["status", "committee", "done_at", "result"])


def notification_key(need: Need, event: str, user_id: int) -> str:
    """One notification per person per step of a need: an app above telling its own people uses the same key."""
    return f"need:{need.code}:{event}:{user_id}"


def notify_supporters(need: Need, kind: str, event: str, params: dict) -> None:
    """Every active supporter hears of the step once (the key); the values are stored as they are (times and outcomes
    as `governance.core.stored_text` keeps them) and rendered in each reader's language."""
    supporters = NeedSupport.objects.filter(need=need, user__is_active=True).select_related("user").order_by("pk")
    params = {"need": need.title, **params}
    link = reverse("committees:need", kwargs={"code": need.code})
    for support in supporters:
        key = notification_key(need, event, support.user_id)
        notification_create(recipient=support.user, kind=kind, key=key, params=params, link=link)
