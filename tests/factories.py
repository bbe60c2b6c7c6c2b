"""Thin factories for bulk rows; they go through the services so ancestor keys are right."""

import itertools

from courtyards import services as tree_services
from courtyards.models import Building, Courtyard, Unit

_n = itertools.count(1)


def courtyard_make(*, community, name: str | None = None) -> Courtyard:
    n = next(_n)
    return tree_services.node_create(level="courtyard", name=name or f"测试院落{n}", code=f"t-cy-{n}", parent=community)


def building_make(*, courtyard, name: str | None = None) -> Building:
    n = next(_n)
    return tree_services.node_create(level="building", name=name or f"{n}栋", code=f"t-b-{n}", parent=courtyard)


def units_make(*, building, count: int) -> list[Unit]:
    return [tree_services.node_create(level="unit", name=f"{i}单元", code=f"t-u-{next(_n)}", parent=building) for i in range(1, count + 1)]


# --- the seed's figures (issue 13 point 8): places and records made through the services ---------------------


def street_make(*, district, name: str | None = None):
    n = next(_n)
    return tree_services.node_create(level="street", name=name or f"测试街道{n}", code=f"t-st-{n}", parent=district)


def community_make(*, street, name: str | None = None):
    n = next(_n)
    return tree_services.node_create(level="community", name=name or f"测试社区{n}", code=f"t-cm-{n}", parent=street)


def activity_make(*, by, community, category: str, person_times: int, starts_at, organiser_body=None):
    """An activity of the demo's type for `category` (clinic, volunteer, mediation ...), organised by a body if given."""
    import uuid
    from datetime import timedelta

    from governance.activities import services as activity_services
    from governance.activities.models import ActivityType

    organiser = activity_services.organiser_for(body=organiser_body) if organiser_body is not None else None
    return activity_services.activity_log(
        by=by,
        idempotency_key=uuid.uuid4(),
        type=ActivityType.objects.filter(category=category).order_by("order").first(),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        community=community,
        person_times=person_times,
        organiser=organiser,
    )


def family_make(*, worker, community, head_name: str = "测试家庭"):
    from governance.activities import services as activity_services

    return activity_services.special_family_create(
        by=worker, community=community, head_name=head_name, reason="low_income", assigned_worker=worker
    )


def help_make(*, family, worker, given_on, helper_kind: str = "", activity=None):
    from governance.activities import services as activity_services

    return activity_services.help_record_add(
        family=family, by=worker, description="定向帮扶", given_on=given_on, activity=activity, helper_kind=helper_kind
    )


def enterprise_make(*, street, kind: str, alliance_member: bool = True):
    from associations import services as association_services

    return association_services.enterprise_create(street=street, name=f"测试企业{next(_n)}", kind=kind, alliance_member=alliance_member)


def association_make(*, community, kind: str):
    from associations import services as association_services

    return association_services.association_create(place=community, name=f"测试协会{next(_n)}", kind=kind, anchor="community")


def specialised_committee_make(*, community, topic: str):
    from committees import services as committee_services

    return committee_services.committee_create(place=community, name=f"测试专委会{next(_n)}", kind="specialised", topic=topic)
