"""Which body owns a request: the most specific rule for its category and place (else the category's
default) names a kind of owner; `route` finds the actual body of that kind at the request's place,
or, where none exists, the nearest level above that has one, and says so."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import translation
from django.utils.translation import gettext_noop

from committees import selectors as committee_selectors
from governance.core import stored_text

from ..choices import CommitteeType, OwnerBody
from ..models import Category, Request, RoutingRule
from .models import Department, DepartmentKind

# Escalation climbs the tree: a courtyard group or committee answers to its community, and so on.
ESCALATES_TO = {
    OwnerBody.COURTYARD_GROUP: OwnerBody.COMMUNITY,
    OwnerBody.COMMITTEE: OwnerBody.COMMUNITY,
    OwnerBody.COMMUNITY: OwnerBody.STREET,
    OwnerBody.STREET: OwnerBody.DISTRICT,
}


@dataclass(frozen=True)
class Owner:
    """The owning body found for a request; `note` says why a lower body was passed over ("" if none was)."""

    body: str
    committee_type: str = ""
    committee: object = None
    department: Department | None = None
    note: dict | None = None  # a stored text (governance.core.stored_text)


def rule_for(*, category: Category, community) -> tuple[str, str, str]:
    """(owner kind, committee topic, department kind) of the most specific rule, else of the category."""
    rule = (
        RoutingRule.objects.filter(category=category)
        .filter(
            Q(community=community)
            | Q(community__isnull=True, street_id=community.street_id)
            | Q(community__isnull=True, street__isnull=True)
        )
        .annotate(
            rank=Case(
                When(community__isnull=False, then=Value(0)),
                When(street__isnull=False, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "pk")
        .first()
    )
    source = rule or category
    return source.owner_body, source.committee_type, source.department_kind


def route(*, category: Category, community, courtyard=None) -> Owner:
    body, topic, department_kind = rule_for(category=category, community=community)
    return resolve(body=body, topic=topic, department_kind=department_kind, community=community, courtyard=courtyard)


def resolve(*, body: str, topic: str = "", department_kind: str = "", community, courtyard=None) -> Owner:
    """The actual body of kind `body` at this place, or the nearest level above that has one."""
    if body == OwnerBody.COMMITTEE:
        return _committee(topic=topic, community=community)
    if body == OwnerBody.COURTYARD_GROUP:
        return _courtyard_group(community=community, courtyard=courtyard)
    if body == OwnerBody.DEPARTMENT:
        return _department(kind=department_kind, community=community)
    return Owner(body=body)


def _committee(*, topic: str, community) -> Owner:
    committee = committee_selectors.committee_for_topic(community=community, topic=topic) if topic else None
    if committee is not None:
        return Owner(body=OwnerBody.COMMITTEE, committee_type=topic, committee=committee)
    missing = CommitteeType(topic).label if topic else gettext_noop("specialised committee")
    return Owner(body=OwnerBody.COMMUNITY, note=_taken(place=community.name, missing=missing, taker=gettext_noop("the community")))


def _courtyard_group(*, community, courtyard) -> Owner:
    if courtyard is None:
        return Owner(body=OwnerBody.COMMUNITY)  # no courtyard given: the community takes it
    group = committee_selectors.courtyard_group(courtyard=courtyard)
    if group is not None:
        return Owner(body=OwnerBody.COURTYARD_GROUP, committee=group)
    missing = gettext_noop("self-governance group")
    return Owner(body=OwnerBody.COMMUNITY, note=_taken(place=courtyard.name, missing=missing, taker=gettext_noop("the community")))


def department_at(*, kind: str, street_id: int, district_id: int) -> Department | None:
    """The street's active department of `kind`, else the district's."""
    found = Department.objects.filter(Q(street_id=street_id) | Q(street__isnull=True, district_id=district_id), kind=kind, active=True)
    return found.order_by(F("street_id").asc(nulls_last=True), "pk").first() if kind else None


def _department(*, kind: str, community) -> Owner:
    department = department_at(kind=kind, street_id=community.street_id, district_id=community.district_id)
    if department is not None:
        return Owner(body=OwnerBody.DEPARTMENT, department=department)
    missing = DepartmentKind(kind).label if kind else gettext_noop("department")
    return Owner(body=OwnerBody.STREET, note=_taken(place=community.street.name, missing=missing, taker=gettext_noop("the street office")))


def _taken(*, place: str, missing, taker: str) -> dict:
    """Why a lower body was passed over, stored in the timeline as a text each reader reads in their language."""
    return stored_text.message(
        gettext_noop("%(place)s has no %(missing)s: %(taker)s takes it."),
        place=place,
        missing=stored_text.msgid(missing),
        taker=stored_text.msgid(taker),
    )


def escalated_owner(request: Request) -> Owner:
    """The body above the request's owner: a committee or group -> its community, a street department -> the street
    office, a district department -> the district, and so on up the tree."""
    if request.owner_body == OwnerBody.DEPARTMENT:
        at_district = request.owner_department is None or request.owner_department.street_id is None
        return Owner(body=OwnerBody.DISTRICT if at_district else OwnerBody.STREET)
    return Owner(body=ESCALATES_TO[OwnerBody(request.owner_body)])


def owner_apply(request: Request, owner: Owner) -> None:
    """Make `owner` the request's owner (unsaved); owner_label keeps its name for exports and the admin."""
    request.owner_body, request.committee_type = owner.body, owner.committee_type
    request.owner_committee, request.owner_department = owner.committee, owner.department
    with translation.override(settings.LANGUAGE_CODE):
        request.owner_label = request.owner_name
