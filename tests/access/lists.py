"""Sentinel checks of every admin changelist and API list: the persona's rows present, others' absent."""

from django.apps import apps

from . import Listing
from . import activities as activity_rows
from . import admin as admin_rows
from . import training as training_rows
from .sentinels import INSIDE, OTHER, OUTSIDE, OWN, STAFF, admin_marker, api_marker, model_rows, staff_sees

# label -> staff personas who may view an in-scope row (as in the matrix's object pages)
VIEWERS = {
    label: view for label, (_obj, view, _manage, _add) in {**admin_rows.MODELS, **activity_rows.MODELS, **training_rows.MODELS}.items()
} | {
    "committees.committee": set(STAFF),
    "committees.meeting": set(STAFF),  # the matrix tries 华林社区's meeting; a 新鸿社区 one is open to its staff
    "committees.need": set(STAFF),
    "associations.association": set(STAFF),
    "associations.enterprise": set(STAFF),
    "courtyards.covenant": set(STAFF),
    "reports.reportjob": set(STAFF),
    "reports.reportsubscription": {"admin", "street"},
}


def _global_row(label: str, marker):
    """Models outside the tree (categories, templates ...) are the same for everyone who may open them."""
    model = apps.get_model(label)
    return {"global": lambda d: marker(model._default_manager.first())}  # first in the list's own order


def _node(label: str, code: str, marker):
    return lambda d: marker(apps.get_model(label).objects.get(code=code))


# Rows that the generic picker cannot find: levels above a community, and rows hanging on the district.
SPECIAL_ROWS = {
    "courtyards.district": lambda marker: {"global": _node("courtyards.district", "chenghua", marker)},
    "courtyards.street": lambda marker: {
        INSIDE: _node("courtyards.street", "shuangqiaozi", marker),
        OUTSIDE: _node("courtyards.street", "shengdeng", marker),
    },
    # owned by the staff who logged them / by the assigned worker, not by residents
    "activities.activity": lambda marker: model_rows("activities.activity", marker, only={INSIDE, OUTSIDE}),
    "activities.specialfamily": lambda marker: model_rows("activities.specialfamily", marker, only={INSIDE, OUTSIDE}),
    "reports.reportsubscription": lambda marker: {
        INSIDE: lambda d: marker(_subscription(d, d.street, d.shuangqiaozi)),
        OUTSIDE: lambda d: marker(_subscription(d, d.admin, d.shengdeng)),
    },
    "notifications.notification": lambda marker: {
        OWN: lambda d: marker(d.delivered_notification(d.resident)),
        OTHER: lambda d: marker(d.delivered_notification(d.resident2)),
    },
    "accounts.roleassignment": lambda marker: {
        "global": lambda d: marker(d.street.role_assignments.first()),
    },
    **training_rows.ADMIN_ROWS,  # courses sit on the district or a street; certificates are their holders'
}


def _subscription(demo, user, street):
    from governance.reports import services
    from governance.reports.models import ReportSubscription

    services.subscription_set(user=user, street=street, subscribed=True)
    return ReportSubscription.objects.get(user=user, street=street)


def rows_of(label: str, marker) -> dict:
    if label in SPECIAL_ROWS:
        return SPECIAL_ROWS[label](marker)
    model = apps.get_model(label)
    return (
        model_rows(label, marker)
        if getattr(model, "tree_paths", None) or getattr(model, "owner_path", None)
        else _global_row(label, marker)
    )


def _admin_sees(label: str, rows: dict) -> dict[str, set[str]]:
    viewers = VIEWERS.get(label, set(STAFF))
    if label in SEES:
        return SEES[label]
    if label in {"auditlog.logentry", "accounts.securityevent"}:
        return {"admin": {"global"}}  # the audit trail and the security events are the district admin's alone
    if "global" in rows:
        return {p: ({"global"} if p in viewers else set()) for p in STAFF}
    return staff_sees(rows, viewers)


# Where a model's own rules differ from "staff see their place": case files are open by grant only
# (demo_community holds one on 新鸿社区's family, demo_worker is its assigned worker).
SEES = {
    "activities.specialfamily": {"admin": set(), "street": set(), "community": {INSIDE}, "worker": {INSIDE}},
    # departments are the district's settings (as categories and routing rules): every staff member reads them all
    "requests.department": {p: {OUTSIDE} for p in STAFF},
    **training_rows.ADMIN_SEES,
}


def _admin_lists() -> dict[str, Listing]:
    from django.contrib import admin

    lists = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        rows = rows_of(label, admin_marker)
        lists[f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"] = Listing(rows, _admin_sees(label, rows))
    return lists


LISTS = {}
LISTS |= _admin_lists()


def api_list_views():
    """(route key, model, lookup field) of every ViewSet list action in the URL conf."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and (getattr(pattern.callback, "actions", None) or {}).get("get") == "list":
                view = pattern.callback.cls
                model = view.queryset.model if view.queryset is not None else view.serializer_class.Meta.model
                yield f"{namespace}{pattern.name}", model, view.lookup_field

    return list(walk(get_resolver().url_patterns))


def _api_lists() -> dict[str, Listing]:
    lists = {}
    for route, model, lookup in api_list_views():
        label = model._meta.label_lower
        marker = api_marker("id", "pk") if lookup == "pk" else api_marker(lookup)
        rows = rows_of(label, marker)
        sees = {**_admin_sees(label, rows), **_residents(rows), **API_RESIDENTS.get(label, {})}
        lists[route] = Listing(rows, sees, query="limit=500")
    return lists


def _residents(rows: dict) -> dict[str, set[str]]:
    """Signed-in residents get the list too: their own rows only."""
    return {"resident": set(rows) & {OWN}, "resident2": set(rows) & {OTHER}}


# demo_operator (接线员 of 双桥子街道) reads the requests of their street: 新鸿社区's, not 华林社区's.
API_RESIDENTS: dict[str, dict[str, set[str]]] = {"requests.request": {"operator": {INSIDE, OWN}}}

LISTS |= _api_lists()
