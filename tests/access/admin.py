"""The admin's routes. Every registered model must be listed in MODELS with the object its
object pages are tried on and who may view and manage that object."""

from . import Case, expect

STAFF_PERSONAS = ["admin", "street", "community", "worker"]
NOT_STAFF = {"anonymous": 302, "resident": 302, "resident2": 302}  # the admin sends them to its login page


def staff(default: int, **overrides: int) -> dict[str, int]:
    return expect(default, **NOT_STAFF, **overrides)


def object_cases(obj, view: set[str], manage: set[str], deletable: bool = True) -> dict[str, list[Case]]:
    """change/history open for viewers (404 for others); delete for managers (403 for viewers only)."""

    def answers(allowed: set[str], refused: int) -> dict[str, int]:
        return staff(404, **{p: (200 if p in allowed else refused if p in view else 404) for p in STAFF_PERSONAS})

    kwargs = lambda d: {"object_id": obj(d).pk}  # noqa: E731
    return {
        "change": [Case(answers(view, 404), kwargs)],
        "history": [Case(answers(view, 404), kwargs)],
        "delete": [Case(answers(manage if deletable else set(), 403), kwargs)],
    }


ALL = {"admin", "street", "community", "worker"}
MANAGERS = {"admin", "street", "community"}
MODELS = {
    "courtyards.district": (lambda d: d.district, {"admin"}, {"admin"}, {"admin"}),
    "courtyards.street": (lambda d: d.shuangqiaozi, {"admin", "street"}, {"admin", "street"}, MANAGERS),
    "courtyards.community": (lambda d: d.xinhong, ALL, MANAGERS, MANAGERS),
    "courtyards.courtyard": (lambda d: d.xinhong.courtyards.first(), ALL, MANAGERS, MANAGERS),
    "courtyards.building": (lambda d: d.resident.home_unit.building, ALL, MANAGERS, MANAGERS),
    "courtyards.unit": (lambda d: d.resident.home_unit, ALL, MANAGERS, MANAGERS),
    "courtyards.household": (lambda d: d.resident.household, ALL, MANAGERS, set()),
    "courtyards.grid": (lambda d: d.xinhong.grids.first(), ALL, MANAGERS, MANAGERS),
    "courtyards.homeclaim": (lambda d: d.resident.home_claims.first(), ALL, set(), set()),
    "accounts.user": (lambda d: d.resident, ALL, MANAGERS, set()),  # accounts come from registration; a superuser adds others
    "accounts.roleassignment": (lambda d: d.street.role_assignments.first(), {"admin"}, {"admin"}, {"admin"}),
    "notifications.notification": (lambda d: d.delivered_notification(), set(), set(), set()),
    "auditlog.logentry": (lambda d: d.audit_entry(), {"admin"}, set(), set()),
    "accounts.securityevent": (lambda d: _security_event(), {"admin"}, set(), set()),
    "requests.category": (lambda d: _requests_model("Category").objects.get(code="noise"), ALL, {"admin"}, {"admin"}),
    "requests.routingrule": (lambda d: _requests_model("RoutingRule").objects.first(), ALL, {"admin"}, {"admin"}),
    "requests.responsetemplate": (lambda d: _requests_model("ResponseTemplate").objects.first(), ALL, {"admin"}, {"admin"}),
    "requests.apikey": (lambda d: _requests_model("ApiKey").objects.first(), {"admin"}, {"admin"}, {"admin"}),
    "requests.request": (lambda d: _requests_model("Request").objects.get(title="楼上深夜打麻将"), ALL, set(), set()),
    # a department with no request and no handler, so that it may be deleted
    "requests.department": (lambda d: _requests_model("Department").objects.get(name="双桥子派出所"), ALL, {"admin"}, {"admin"}),
}


def _security_event():
    from governance.accounts.models import SecurityEvent

    return SecurityEvent.objects.first() or SecurityEvent.objects.create(kind="login_failed")


def _requests_model(name: str):
    from django.apps import apps

    return apps.get_model("requests", name)


def _model_routes() -> dict[str, list[Case]]:
    routes = {}
    for label, (obj, view, manage, add) in MODELS.items():
        app, model = label.split(".")
        prefix = f"admin:{app}_{model}"
        routes[f"{prefix}_changelist"] = [Case(staff(200 if view or label.startswith("courtyards") else 403, **_changelist(label)))]
        routes[f"{prefix}_add"] = [Case(staff(403, **dict.fromkeys(add, 200)))]
        cases = object_cases(obj, view, manage & view)
        for name, case in cases.items():
            routes[f"{prefix}_{name}"] = case
        routes[f"admin/{app}/{model}/<path:object_id>/"] = [Case(expect(302), {"object_id": 1}, note="redirects to .../change/")]
    return routes


def _changelist(label: str) -> dict[str, int]:
    """Our own models' lists open to every staff member (each sees their scope); third-party ones do not."""
    if label.startswith("auditlog."):
        return {p: 403 for p in STAFF_PERSONAS if p != "admin"}
    return dict.fromkeys(STAFF_PERSONAS, 200)


ROUTES = {
    "admin:index": [Case(staff(200))],
    "admin:login": [Case(expect(302, anonymous=200, resident=200, resident2=200))],
    "admin:logout": [Case(expect(302), method="post")],
    "admin:password_change": [Case(staff(200))],
    "admin:password_change_done": [Case(staff(200))],
    "admin:jsi18n": [Case(staff(200))],
    "admin:autocomplete": [Case(staff(200), query="app_label=courtyards&model_name=unit&field_name=building&term=1")],
    "admin:view_on_site": [Case(staff(404), {"content_type_id": 999999, "object_id": "1"})],
    "admin:app_list": [
        Case(staff(200), {"app_label": "courtyards"}),
        Case(staff(200), {"app_label": "accounts"}),
        Case(staff(404, admin=200), {"app_label": "auditlog"}, note="an app with nothing this person may open is a 404"),
    ],
    "admin:courtyards_district_import": [Case(staff(403, admin=200, street=200))],
    "admin:courtyards_grid_import": [Case(staff(403, admin=200, street=200))],
    "admin/(?P<url>.*)$": [Case(staff(404), {"url": "no-such-page/"})],
    "admin:auth_user_password_change": [
        Case(staff(404), lambda d: {"id": d.resident.pk}, note="only a superuser sets another person's password"),
    ],
    **_model_routes(),
    # Security events: district administrators read them, nobody adds, changes or deletes; others get 404.
    "admin:accounts_securityevent_changelist": [Case(staff(404, admin=200))],
    "admin:accounts_securityevent_add": [Case(staff(404, admin=403))],
}
