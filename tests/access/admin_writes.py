"""The admin's writes: every registered model's change, delete and add forms, filled from the admin's own form.

The change form is read as demo_admin sees it (every field it offers, with its current values), one harmless
field is changed, and the form is sent by every persona. Rows change for those who may manage the object.
"""

from django.contrib import admin
from django.test import Client
from django.urls import reverse

from . import Write, associations, committees, covenants, reports
from . import activities as activity_rows
from . import admin as admin_rows
from . import training as training_rows
from .forms import form_data

# label -> (the object tried, who may manage it); the objects are the matrix's.
TARGETS = {
    label: (obj, manage & view)
    for label, (obj, view, manage, _add) in {**admin_rows.MODELS, **activity_rows.MODELS, **training_rows.MODELS}.items()
}
TARGETS |= {
    "committees.committee": (committees._xinhong_body, set()),
    "committees.meeting": (committees._held, set()),
    "committees.need": (committees._need, set()),
    "associations.association": (associations._association, set()),
    "associations.enterprise": (associations._enterprise, set()),
    "courtyards.covenant": (covenants._covenant, set()),
    "reports.reportjob": (lambda d: reports.report_job_of(d.xinhong, by=d.community), set()),
    "reports.reportsubscription": (reports.subscription, {"admin", "street"}),
    # a role is never edited, by anyone: it is revoked and granted anew (RoleAssignmentAdmin.has_change_permission)
    "accounts.roleassignment": (TARGETS["accounts.roleassignment"][0], set()),
}
# label -> the harmless field changed (read-only admins too: the field is sent, and must not be taken)
FIELD = {
    "courtyards.household": "room",
    "courtyards.homeclaim": "note",
    "accounts.user": "display_name",
    "accounts.securityevent": "object_repr",
    "accounts.roleassignment": "granted_by",
    "notifications.notification": "link",
    "auditlog.logentry": "object_repr",
    "requests.category": "description",
    "requests.routingrule": "community",
    "requests.responsetemplate": "title",
    "requests.apikey": "name",
    "requests.request": "title",
    "reports.reportjob": "error",
    "reports.reportsubscription": "user",
    "activities.activitytype": "name",
    "activities.activity": "title",
    "activities.project": "funder",
    "activities.servicestation": "address",
    "committees.committee": "description",
    "committees.meeting": "place",
    "committees.need": "title",
    "associations.association": "description",
    "associations.enterprise": "contact",
    "courtyards.covenant": "title",
    "training.course": "title",
    "training.certificate": "issuer",
}
# fields that are not text: the value sent instead of "<old>（改）"
VALUE = {
    "accounts.roleassignment": lambda d: str(d.admin.pk),
    "reports.reportsubscription": lambda d: str(d.community.pk),
    "requests.routingrule": lambda d: str(d.xinhong.pk),
}
# A node's form offers as parents only the nodes one manages, so staff cannot re-save the node they sit on
# (its parent is above them) nor a row hanging on their street: refused as an invalid choice, nothing changes.
PARENT_ABOVE = {
    "courtyards.street": {"street"},
    "courtyards.community": {"community"},
    "activities.organiser": {"community"},
    "activities.project": {"community"},
    "courtyards.household": {"admin", "street", "community"},  # every field is read-only
    "reports.reportsubscription": {"street"},  # the new subscriber (demo_community, no home) is outside their view
}


def admin_url(obj, view: str) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def filled_form(demo, obj, view: str = "change") -> dict:
    """The form as demo_admin gets it (empty for a read-only admin)."""
    return dict(admin_form(demo, admin_url(obj, view), obj._meta.model_name))


_FORMS: dict[str, dict] = {}


def admin_form(demo, url: str, model_name: str) -> dict:
    """Read once per URL: every persona's write is rolled back, so the form is the same for the next one."""
    if url not in _FORMS:
        reader = Client()
        reader.force_login(demo.admin)
        response = reader.get(url)
        _FORMS[url] = form_data(response.content.decode(), f"{model_name}_form") if response.status_code == 200 else {}
    return _FORMS[url]


def _change_data(label: str):
    field = FIELD.get(label, "name")

    def data(demo, obj) -> dict:
        values = filled_form(demo, obj)
        values.pop("csrfmiddlewaretoken", None)
        values[field] = VALUE[label](demo) if label in VALUE else f"{getattr(obj, field) or ''}（改）"
        return {**values, "_save": "保存"}

    return data


def _change_writes() -> dict[str, list[Write]]:
    writes = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        target, managers = TARGETS[label]
        managers = managers - PARENT_ABOVE.get(label, set())
        writes[f"admin:{model._meta.app_label}_{model._meta.model_name}_change"] = [
            Write(target, managers, kwargs=lambda d, obj: {"object_id": obj.pk}, data=_change_data(label))
        ]
    return writes


WRITES = _change_writes()


# --- delete: a fresh row with nothing hanging on it, so only permission decides ----------------------


def _node(level: str, parent_code: str):
    def make(demo):
        from courtyards import selectors, services

        parent = selectors.node_by_code(code=parent_code)
        return services.node_create(level=level, name=f"哨兵{level}", code=f"sentinel-{level}", parent=parent)

    return make


def _fresh_resident(demo):
    from courtyards.models import Unit
    from tests.base import make_user

    return make_user(display_name="哨兵住户", home_unit=Unit.objects.get(code="xinhong-nanlu-b2-u2"))


def _fresh_grid(demo):
    from courtyards import grids

    return grids.grid_create(community=demo.xinhong, name="哨兵网格", code="sentinel-grid")


def _fresh_station(demo):
    from governance.activities import services

    return services.station_create(community=demo.xinhong, code="sentinel-station", name="哨兵驿站")


FRESH = {
    "courtyards.courtyard": (_node("courtyard", "xinhong"), MANAGERS := {"admin", "street", "community"}),
    "courtyards.building": (_node("building", "xinhong-nanlu"), MANAGERS),
    "courtyards.unit": (_node("unit", "xinhong-nanlu-b1"), MANAGERS),
    "courtyards.grid": (_fresh_grid, MANAGERS),
    "accounts.user": (_fresh_resident, MANAGERS),
    "activities.servicestation": (_fresh_station, MANAGERS),
}


def _delete_writes() -> dict[str, list[Write]]:
    writes = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        target, managers = FRESH.get(label) or (TARGETS[label][0], DELETABLE.get(label, set()))
        writes[f"admin:{model._meta.app_label}_{model._meta.model_name}_delete"] = [
            Write(target, managers, kwargs=lambda d, obj: {"object_id": obj.pk}, data=lambda d, obj: {"post": "yes"})
        ]
    return writes


# The matrix's own objects that may go: those with nothing protected hanging on them.
DELETABLE = {
    "courtyards.household": {"admin", "street", "community"},  # its residents keep their accounts
    "requests.category": set(),  # requests refer to it
    "requests.routingrule": {"admin"},
    "requests.responsetemplate": {"admin"},
    "requests.apikey": {"admin"},
    "requests.department": {"admin"},
    "accounts.roleassignment": {"admin"},
    "reports.reportsubscription": {"admin", "street"},
    "reports.reportjob": {"admin", "street", "community"},
}

WRITES |= _delete_writes()


# --- the User admin's powers: nobody below a superuser grants superuser or staff status ------------------

POWERS = {"is_superuser": ["on"], "is_staff": ["on"], "groups": ["1"], "user_permissions": ["1"]}


def _powers_data(demo, user) -> dict:
    values = filled_form(demo, user)
    values.pop("csrfmiddlewaretoken", None)
    return {**values, **POWERS, "_save": "保存"}


def _flags_unchanged(demo, user):
    from governance.accounts.models import User

    return User.objects.filter(pk=user.pk, is_superuser=False, is_staff=False, groups=None, user_permissions=None)


WRITES["admin:accounts_user_change"].append(
    Write(
        lambda d: d.resident,
        set(),
        kwargs=lambda d, obj: {"object_id": obj.pk},
        data=_powers_data,
        rows=_flags_unchanged,
        note="is_superuser/is_staff/groups/permissions ticked on a resident",
    )
)


# --- add: the add form as demo_admin gets it, filled with a new row of 新鸿社区 (or of the district) ------------


def _pk(label: str, **lookup):
    from django.apps import apps

    return lambda d: str(apps.get_model(label).objects.get(**lookup).pk)


TREE_ROW = {"name": "哨兵", "code": "sentinel-node"}
ADD = {
    # label: (fields sent, the field and value that find the new row)
    "courtyards.district": {**TREE_ROW},
    "courtyards.street": {**TREE_ROW, "district": _pk("courtyards.district", code="chenghua")},
    "courtyards.community": {**TREE_ROW, "street": _pk("courtyards.street", code="shuangqiaozi"), "kind": "mature"},
    "courtyards.courtyard": {**TREE_ROW, "community": _pk("courtyards.community", code="xinhong"), "kind": "courtyard"},
    "courtyards.building": {**TREE_ROW, "courtyard": _pk("courtyards.courtyard", code="xinhong-nanlu")},
    "courtyards.unit": {**TREE_ROW, "building": _pk("courtyards.building", code="xinhong-nanlu-b1")},
    "courtyards.grid": {**TREE_ROW, "community": _pk("courtyards.community", code="xinhong")},
    "accounts.user": {
        "username": "sentinel_user",
        "display_name": "哨兵",
        "phone": "13712345678",
        "password1": "Chenghua-Sentinel-2026",
        "password2": "Chenghua-Sentinel-2026",
    },
    "accounts.roleassignment": {
        "user": _pk("accounts.user", username="resident_03"),
        "role": "community_staff",
        "level": "community",
        "community": _pk("courtyards.community", code="xinhong"),
        "scope_district": _pk("courtyards.district", code="chenghua"),
    },
    "requests.category": {"code": "sentinel", "name_zh": "哨兵", "name_en": "Sentinel", "owner_body": "community"},
    "requests.routingrule": {
        "category": _pk("requests.category", code="noise"),
        "community": _pk("courtyards.community", code="hualin"),
        "owner_body": "community",
    },
    "requests.responsetemplate": {"title": "哨兵", "text": "哨兵模板", "category": _pk("requests.category", code="noise")},
    "requests.apikey": {"name": "哨兵", "submitter": _pk("accounts.user", username="resident_03"), "active": "on"},
    "requests.department": {"name": "哨兵", "kind": "other", "district": _pk("courtyards.district", code="chenghua"), "active": "on"},
    "reports.reportsubscription": {
        "user": _pk("accounts.user", username="demo_community"),
        "street": _pk("courtyards.street", code="shuangqiaozi"),
        "district": _pk("courtyards.district", code="chenghua"),
    },
    "activities.activitytype": {"code": "sentinel", "name": "哨兵", "category": "other"},
    "activities.organiser": {
        "name": "哨兵",
        "kind": "community",
        "code": "sentinel-org",
        "community": _pk("courtyards.community", code="xinhong"),
        "street": _pk("courtyards.street", code="shuangqiaozi"),
    },
    "activities.servicestation": {"code": "sentinel-station", "name": "哨兵", "community": _pk("courtyards.community", code="xinhong")},
}


def _add_data(label: str):
    def data(demo, target) -> dict:
        model = target[0]
        values = dict(admin_form(demo, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"), model._meta.model_name))
        values.pop("csrfmiddlewaretoken", None)
        sent = {field: value(demo) if callable(value) else value for field, value in ADD.get(label, {}).items()}
        return {**values, **sent, "_save": "保存"}

    return data


def _newest(demo, model):
    """The model and its last id: whatever the add form creates comes after it."""
    from django.db.models import Max

    return model, model._default_manager.aggregate(last=Max("pk"))["last"] or 0


def _new_rows(label: str):
    def rows(demo, target):
        model, last = target
        if label == "auditlog.logentry":  # a login writes entries of its own
            return model._default_manager.filter(object_repr="哨兵")
        return model._default_manager.filter(pk__gt=last)

    return rows


def _add_writes() -> dict[str, list[Write]]:
    writes = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        writes[f"admin:{model._meta.app_label}_{model._meta.model_name}_add"] = [
            Write(lambda d, model=model: _newest(d, model), ADDERS.get(label, set()), data=_add_data(label), rows=_new_rows(label))
        ]
    return writes


ADDERS = {
    "courtyards.district": {"admin"},
    "courtyards.street": {"admin"},
    "courtyards.community": {"admin", "street"},
    **dict.fromkeys(["courtyards.courtyard", "courtyards.building", "courtyards.unit", "courtyards.grid"], MANAGERS),
    # "accounts.user": accounts come from registration; only a superuser adds others (tests/access/admin.py)
    **dict.fromkeys(["accounts.roleassignment", "requests.category", "requests.routingrule", "requests.responsetemplate"], {"admin"}),
    **dict.fromkeys(["requests.apikey", "requests.department", "activities.activitytype"], {"admin"}),
    "reports.reportsubscription": {"admin"},  # the subscriber (demo_community, no home) is outside other staff's view
    "activities.organiser": {"admin", "street"},  # its street is above 新鸿社区's staff (see PARENT_ABOVE)
    "activities.servicestation": MANAGERS,
}

WRITES |= _add_writes()
