from . import PUBLIC, STAFF, Case, expect
from .committees import admin_routes

API_LIST = expect(200, anonymous=403)
RESIDENTS = {"code": "xinhong-residents"}  # led by demo_resident (a guardian grant)


def pending_application(d):
    from associations.models import AssociationMembership

    return {"pk": AssociationMembership.objects.get(association__code="xinhong-governance", status="pending").pk}


def hospital_pledge(d):
    from associations.models import Pledge

    return {"pk": Pledge.objects.filter(enterprise__code="jianshelu-hospital-6").first().pk}


def leader_membership(d):
    from associations.models import AssociationMembership

    return {"pk": AssociationMembership.objects.get(association__code="xinhong-residents", is_leader=True).pk}


ROUTES = {
    "associations:detail": [Case(PUBLIC, RESIDENTS), Case(expect(404), {"code": "no-such-association"})],
    "associations:apply": [Case(expect(302), RESIDENTS, method="post")],
    "associations:manage_list": [Case(STAFF)],
    "associations:manage": [Case(expect(200, anonymous=302, worker=404, resident2=404), RESIDENTS)],
    "associations:review": [
        Case(expect(302, worker=404, resident=404, resident2=404), RESIDENTS, method="post", data={"year": 2025, "status": "passed"})
    ],
    "associations:approve": [Case(expect(302, worker=404, resident=404, resident2=404), pending_application, method="post")],
    "associations:decline": [Case(expect(302, worker=404, resident=404, resident2=404), pending_application, method="post")],
    "associations:enterprise_list": [Case(STAFF)],
    "associations:pledge_match": [Case(expect(404, anonymous=302, admin=302), hospital_pledge, method="post")],
    "api:association-list": [Case(API_LIST)],
    "api:association-detail": [Case(expect(200, anonymous=403, resident=404, resident2=404), RESIDENTS)],
    "api:associationmembership-list": [Case(API_LIST)],
    "api:associationmembership-detail": [Case(expect(200, anonymous=403, resident2=404), leader_membership)],
    "api:enterprise-list": [Case(API_LIST)],
    "api:enterprise-detail": [Case(expect(404, anonymous=403, admin=200), {"code": "jianshelu-hospital-6"})],
}

ROUTES |= {
    "associations:create": [Case(STAFF)],
    "associations:enterprise_create": [Case(STAFF)],
    "associations:pledge_create": [Case(expect(404, anonymous=302, admin=200), {"code": "jianshelu-339"})],
}


def _association(d):
    from associations.models import Association

    return Association.objects.get(code="xinhong-residents")


def _enterprise(d):
    from associations.models import Enterprise

    return Enterprise.objects.get(code="jianshelu-339")


ROUTES |= admin_routes(
    {
        "associations.association": (_association, {"admin", "street", "community", "worker"}),
        "associations.enterprise": (_enterprise, {"admin"}),
    }
)

# demo_resident leads it already (400); demo_resident2 may apply (201); staff apply too: nothing forbids a staff member joining.
ROUTES["api:association-apply"] = [Case(expect(201, anonymous=403, resident=400), RESIDENTS, method="post")]

ROUTES |= {
    # demo_resident leads it and leaves (302, then the others get a clear "not a member": 302 too)
    "associations:leave": [Case(expect(302), RESIDENTS, method="post")],
    "associations:leader": [Case(expect(302, worker=404, resident=404, resident2=404), RESIDENTS, method="post")],
}

ROUTES["associations:mine"] = [Case(expect(200, anonymous=302))]
