"""Who records a pledge's fulfilment, and who ties a member to their unit or to the body they represent."""

from . import Case, Write, expect
from .associations import hospital_pledge
from .writes import MANAGERS, _model

# The 双桥子 federation is run by the district, the street and its chair demo_resident.
FEDERATION_RUNNERS = {"admin", "street", "resident"}


def federation_member(d):
    return {"pk": _federation_member(d).pk}


def _federation_member(demo):
    return _model("committees.Membership").objects.get(committee__code="shuangqiaozi-federation", user__username="resident_03")


def _clinic_pledge(demo):
    """The hospital's free clinics: 200 places, no end date, on 建设路 (the district's only)."""
    return _model("associations.Pledge").objects.get(enterprise__code="jianshelu-hospital-6", ends_on__isnull=True)


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _building_group_member(demo):
    """A member of a new building group of 新鸿南路院落's building 1."""
    from committees import services

    building = _model("courtyards.Building").objects.get(code="xinhong-nanlu-b1")
    group = services.committee_create(place=building, name="哨兵楼栋自治小组", kind="building_group")
    return services.membership_appoint(committee=group, user=_model("accounts.User").objects.get(username="resident_03"))


ROUTES = {
    "associations:pledge_fulfil": [Case(expect(404, anonymous=302, admin=302), hospital_pledge, method="post")],
    "committees:membership_link": [Case(expect(404, anonymous=302, admin=302, street=302, resident=302), federation_member, method="post")],
}

WRITES = {
    "associations:pledge_fulfil": [
        Write(
            _clinic_pledge,
            {"admin"},
            kwargs=lambda d, p: {"pk": p.pk},
            data=lambda d, p: {"used": 5, "happened_on": _today()},
            rows=lambda d, p: _model("associations.PledgeFulfilment").objects.filter(pledge=p),
        )
    ],
    "committees:membership_link": [
        Write(
            lambda d: _federation_member(d),
            FEDERATION_RUNNERS,
            kwargs=lambda d, m: {"pk": m.pk},
            data=lambda d, m: {"represents": "committee:xinhong-welfare"},
            note="a federation member represents a body of the street",
        ),
        Write(
            _building_group_member,
            MANAGERS,
            kwargs=lambda d, m: {"pk": m.pk},
            data=lambda d, m: {"unit": "xinhong-nanlu-b1-u1"},
            note="a building group's member stands for a unit of its building",
        ),
    ],
}
