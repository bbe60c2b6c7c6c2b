"""The one permission module: who may do what, and which rows each person may see.

Every page, admin view, API endpoint and task asks here. A role is held on a node of
the territory tree and reaches every row under that node. A model takes part by
declaring, as class attributes:

* ``tree_paths``: level -> the attribute holding the id of the row's node at that level
  (``{"street": "street_id", "community": "community_id"}``), usually denormalised keys;
* optionally ``owner_path`` (the attribute holding the owning user's id) and
  ``owner_actions`` (what the owner may do; default: view);
* optionally ``access_roles``: action -> roles, where the defaults below do not fit;
* optionally ``object_grants = True``: django-guardian grants named ``<action>_<model>``
  also count (for the few per-object grants, such as a special family's case file);
* optionally ``body_paths``: body kind -> the attribute holding the id of the body that owns
  the row (``{"committee": "owner_committee_id"}``); the people who handle that body
  (``register_body_handlers``, called by the app that defines the body) may ``body_actions``
  it (default: view, manage, field);
* optionally ``shared_with``: (related name, {body kind: field}, {filter of current rows}), the
  table through which the row is shared with other bodies (协办, co-handling units); the people
  of those bodies may ``shared_actions`` it (default: view), no more.

Answers are "yes/no" (``can``) or a queryset filter (``visible``). Out of scope is 404.
"""

from collections.abc import Callable
from enum import StrEnum

from django.db.models import CharField, Model, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from .choices import FIELD_ROLES, HOTLINE_ROLES, STAFF_ROLES, Role, ScopeLevel
from .models import RoleAssignment, User


class Action(StrEnum):
    VIEW = "view"  # see the row and its personal data
    MANAGE = "manage"  # create, change, delete; triage and route
    VERIFY = "verify"  # verify a resident's claim to a home
    FIELD = "field"  # log field work, handle what is assigned
    INTAKE = "intake"  # file a request for a caller by phone (接线员), at a place of this node


DEFAULT_ACCESS_ROLES: dict[Action, frozenset[str]] = {
    Action.VIEW: STAFF_ROLES | FIELD_ROLES,
    Action.MANAGE: STAFF_ROLES,
    Action.VERIFY: STAFF_ROLES,
    Action.FIELD: STAFF_ROLES | FIELD_ROLES,
    Action.INTAKE: HOTLINE_ROLES,
}

NOTHING = Q(pk__in=[])

# Bodies that own rows: kind -> function(user) -> queryset of the bodies of that kind the user handles.
# Filled by the apps that define the bodies (this module sits below them and imports none).
_BODY_HANDLERS: dict[str, Callable[..., QuerySet]] = {}
BODY_ACTIONS = frozenset({Action.VIEW, Action.MANAGE, Action.FIELD})


def register_body_handlers(kind: str, handled: Callable[..., QuerySet]) -> None:
    """`handled(user)` returns the bodies of `kind` whose rows `user` handles (a committee's chair, a department's handlers)."""
    _BODY_HANDLERS[kind] = handled


def handled_bodies(user, kind: str) -> QuerySet | None:
    handled = _BODY_HANDLERS.get(kind)
    return handled(user) if handled is not None and getattr(user, "is_authenticated", False) else None


def handled_body_ids(user, kind: str) -> frozenset:
    """The ids of the bodies of `kind` the user handles, read once per user object (as their roles are)."""
    cache = getattr(user, "_handled_bodies", None)
    if cache is None:
        cache = user._handled_bodies = _handled_ids_of_every_kind(user)
    return cache.get(kind, frozenset())


def _handled_ids_of_every_kind(user) -> dict[str, frozenset]:
    """One query (a UNION over the kinds): a page's scopes ask about every kind of body anyway."""
    kinds = [kind for kind in _BODY_HANDLERS if handled_bodies(user, kind) is not None]
    parts = [handled_bodies(user, kind).order_by().annotate(body=Value(kind, CharField())).values_list("body", "pk") for kind in kinds]
    rows = list(parts[0].union(*parts[1:], all=True)) if parts else []
    return {kind: frozenset(pk for body, pk in rows if body == kind) for kind in kinds}


def handles_bodies(user) -> bool:
    """Handles the rows of some body (a committee, a department), whatever their role on the tree."""
    return getattr(user, "is_authenticated", False) and any(handled_body_ids(user, kind) for kind in _BODY_HANDLERS)


def may_open_work_pages(user) -> bool:
    """Staff and field roles, and the people of the bodies that own requests: the work pages (each still scoped)."""
    return is_staff_member(user) or handles_bodies(user)


def roles_allowed(model: type[Model], action: str) -> frozenset[str]:
    overrides = getattr(model, "access_roles", None) or {}
    return frozenset(overrides.get(action, DEFAULT_ACCESS_ROLES.get(Action(action), frozenset())))


def assignments(user) -> list[tuple[str, str, int]]:
    """(role, level, node id) of every role the user holds, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = [
            (a.role, a.level, a.node_id) for a in RoleAssignment.objects.filter(user_id=user.pk).only("role", "level", *_LEVEL_FIELDS)
        ]
        user._role_assignments = cached
    return cached


_LEVELS = ("district", "street", "community", "courtyard", "grid")
_LEVEL_FIELDS = tuple(f"{level}_id" for level in _LEVELS)


def forget_assignments(user) -> None:
    for cached in ("_role_assignments", "_handled_bodies", "_has_staff_powers"):
        if hasattr(user, cached):
            delattr(user, cached)


def holds_role(user, roles=None) -> bool:
    wanted = set(roles) if roles is not None else set(STAFF_ROLES | FIELD_ROLES)
    return bool(getattr(user, "is_superuser", False)) or any(role in wanted for role, _, _ in assignments(user))


def is_staff_member(user) -> bool:
    """Holds any staff or field role: may open the staff pages (each still scoped)."""
    return holds_role(user)


def is_hotline_operator(user) -> bool:
    """Holds the 接线员 role: may open the hotline pages (each place still scoped by Action.INTAKE)."""
    return holds_role(user, HOTLINE_ROLES)


def has_staff_powers(user) -> bool:
    """Acts on residents' requests and personal data: a staff, field or hotline role, a superuser or Django's
    is_staff, or the handling of a body's requests (a committee's chair, a department's handler). The stricter
    password, second factor and session rules apply to all of them. The middleware asks on every request,
    so the answer is kept on the user object (forgotten with its roles)."""
    if user is None:
        return False
    cached = getattr(user, "_has_staff_powers", None)
    if cached is None:
        cached = (
            bool(getattr(user, "is_staff", False)) or holds_role(user, STAFF_ROLES | FIELD_ROLES | HOTLINE_ROLES) or handles_bodies(user)
        )
        user._has_staff_powers = cached
    return cached


def scope_q(user, model: type[Model], action: str = Action.VIEW) -> Q:
    """The filter selecting the rows of `model` that `user` may `action`.

    Each branch (the nodes of the tree, the own rows, the rows of the bodies one handles) is a plain
    comparison with the ids themselves, read once per user object: PostgreSQL then serves every
    branch from its own index and ORs the bitmaps. A subquery inside the OR made it scan the table."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.is_superuser:
        return Q()
    roles = roles_allowed(model, action)
    query = NOTHING
    for level, path in getattr(model, "tree_paths", {}).items():
        node_ids = {node_id for role, held, node_id in assignments(user) if role in roles and held == level}
        if node_ids:
            query |= _ids_q(path, node_ids, lambda level=level: _held_nodes(user, roles, level))
    if _owner_may(model, action):
        query |= Q(**{model.owner_path: user.pk})
    if getattr(model, "object_grants", False):
        query |= Q(pk__in=_granted_ids(user, model, action))
    return query | _body_q(user, model, action) | _shared_q(user, model, action)


# Beyond this many ids a branch compares with a subquery instead: an IN list stays short.
MAX_LITERAL_IDS = 100


def _ids_q(path: str, ids, subquery: Callable[[], QuerySet]) -> Q:
    """`path = id` for one id, `path IN (ids)` for a few, `path IN (subquery)` for many."""
    if len(ids) > MAX_LITERAL_IDS:
        return Q(**{f"{path}__in": subquery()})
    return Q(**{path: next(iter(ids))}) if len(ids) == 1 else Q(**{f"{path}__in": sorted(ids)})


def _held_nodes(user, roles: frozenset[str], level: str) -> QuerySet:
    return RoleAssignment.objects.filter(user_id=user.pk, role__in=roles, level=level).values(f"{level}_id")


def scope_branches(user, model: type[Model], action: str = Action.VIEW) -> list[Q] | None:
    """The OR-branches of `scope_q`, for a reader that runs each on its own index (a UNION); None when the scope is everything."""
    query = scope_q(user, model, action)
    if not query.children:
        return None
    if query.connector != Q.OR or query.negated:
        return [query]
    return [child if isinstance(child, Q) else Q(child) for child in query.children if child != NOTHING.children[0]]


def _body_paths(model: type[Model], action: str) -> dict[str, str]:
    return getattr(model, "body_paths", {}) if action in getattr(model, "body_actions", BODY_ACTIONS) else {}


def _body_q(user, model: type[Model], action: str) -> Q:
    query = NOTHING
    for kind, path in _body_paths(model, action).items():
        body_ids = handled_body_ids(user, kind)
        if body_ids:
            query |= _ids_q(path, body_ids, lambda kind=kind: handled_bodies(user, kind).values("pk"))
    return query


def _handles_owner(user, obj: Model, action: str) -> bool:
    return any(
        (body_id := resolve(obj, path)) is not None and body_id in handled_body_ids(user, kind)
        for kind, path in _body_paths(type(obj), action).items()
    )


def _shared_q(user, model: type[Model], action: str) -> Q:
    shared = getattr(model, "shared_with", None)
    if shared is None or action not in getattr(model, "shared_actions", {Action.VIEW}):
        return NOTHING
    related_name, paths, current = shared
    relation = model._meta.get_field(related_name)
    query = NOTHING
    for kind, path in paths.items():
        body_ids = handled_body_ids(user, kind)  # read once per user; no branch for bodies nobody handles
        if body_ids:
            held = _ids_q(path, body_ids, lambda kind=kind: handled_bodies(user, kind).values("pk"))
            rows = relation.related_model.objects.filter(held, **current)
            query |= Q(pk__in=rows.values(relation.field.attname))
    return query


def shared_q(user, model: type[Model]) -> Q:
    """The rows of `model` shared with a body `user` handles (协办), whatever else lets them see the rows."""
    return _shared_q(user, model, Action.VIEW) if getattr(user, "is_authenticated", False) else NOTHING


def shares_row(user, obj: Model, action: str = Action.VIEW) -> bool:
    """`user` is one of the people of a body `obj` is currently shared with (a co-handling unit's)."""
    if getattr(type(obj), "shared_with", None) is None or not handles_bodies(user):  # no query for a row never shared
        return False
    return type(obj)._default_manager.filter(_shared_q(user, type(obj), action), pk=obj.pk).exists()


def visible(user, queryset: QuerySet, action: str = Action.VIEW) -> QuerySet:
    return queryset.filter(scope_q(user, queryset.model, action))


def people_visible(user, queryset: QuerySet) -> QuerySet:
    """People `user` may see: those whose home is in their scope and, for a district administrator,
    also everyone holding a role in their district (staff have no home there, but must be reachable
    for a forced password reset)."""
    districts = RoleAssignment.objects.filter(user_id=user.pk, role=Role.DISTRICT_ADMIN, level=ScopeLevel.DISTRICT).values("district_id")
    role_holders = RoleAssignment.objects.filter(scope_district_id__in=districts).values("user_id")
    return queryset.filter(scope_q(user, queryset.model) | Q(pk__in=role_holders))


def get_or_404(user, queryset: QuerySet, action: str = Action.VIEW, **lookup):
    """The row, if `user` may `action` it; else 404, so existence never leaks."""
    try:
        return get_object_or_404(visible(user, queryset, action), **lookup)
    except Http404:
        _record_denied(user, action, queryset.filter(**lookup).first())  # one query, on the failure path only
        raise


def can(user, action: str, obj: Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    model = type(obj)
    if covers(user, action, obj):
        return True
    if _owner_may(model, action) and resolve(obj, model.owner_path) == user.pk:
        return True
    if _handles_owner(user, obj, action) or shares_row(user, obj, action):
        return True
    if getattr(model, "object_grants", False):
        return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}", obj)
    return False


def covers(user, action: str, obj: Model) -> bool:
    """The tree half of `can` (as `users_who_can` decides it for everyone), from the roles cached on the user."""
    roles, paths = roles_allowed(type(obj), action), getattr(type(obj), "tree_paths", {})
    return any(role in roles and level in paths and resolve(obj, paths[level]) == node_id for role, level, node_id in assignments(user))


def covering_q(action: str, obj: Model) -> Q:
    """The role assignments that let their holder `action` `obj`: the tree half of `can`, as a filter."""
    model = type(obj)
    query = NOTHING
    for level, path in getattr(model, "tree_paths", {}).items():
        node_id = resolve(obj, path)
        if node_id is not None and level in _LEVELS:
            query |= Q(level=level, **{f"{level}_id": node_id})
    return query & Q(role__in=roles_allowed(model, action))


def users_who_can(action: str, obj: Model) -> QuerySet[User]:
    """Who covers this row: active people whose role on the tree lets them `action` it (as `can` decides)."""
    holders = RoleAssignment.objects.filter(covering_q(action, obj)).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True)


def users_who_can_within(user, model: type[Model], action: str, *, within: str = Action.MANAGE) -> QuerySet[User]:
    """People who may `action` rows of `model` on a node at or under one where `user` may `within` them.

    A role's node reaches its ancestors through the node model's own ``tree_paths``, so a
    courtyard worker lies under their street as a request in that courtyard does.
    """
    offered = RoleAssignment.objects.filter(role__in=roles_allowed(model, action))
    if not user.is_superuser:
        offered = offered.filter(_nodes_under_q(user, roles_allowed(model, within)))
    return User.objects.filter(pk__in=offered.values("user_id"), is_active=True)


def _nodes_under_q(user, roles: frozenset[str]) -> Q:
    held = {level for role, level, _ in assignments(user) if role in roles}
    query = NOTHING
    for level in _LEVELS:
        node_paths = RoleAssignment._meta.get_field(level).related_model.tree_paths
        for held_level in held & set(node_paths):
            node_ids = RoleAssignment.objects.filter(user_id=user.pk, role__in=roles, level=held_level).values(f"{held_level}_id")
            query |= Q(level=level, **{f"{level}__{node_paths[held_level]}__in": node_ids})
    return query


def require(user, action: str, obj: Model) -> None:
    if not can(user, action, obj):
        _record_denied(user, action, obj)
        raise Http404


def may_see_personal_data(viewer, person) -> bool:
    """Names and phones in full only to the person and to those whose role covers their home."""
    return can(viewer, Action.VIEW, person)


def may_grant(giver, role: str, node) -> bool:
    """Who may give (or take away) `role` on `node`: a superuser, or a district administrator on a
    place of their own district. Street and community staff give no role: RoleAssignment rows are
    the district administrators' (access_roles), and no one hands out a power over others below them."""
    if getattr(giver, "is_superuser", False):
        return True
    district_id = node.id if node.level == ScopeLevel.DISTRICT else node.district_id
    return role in Role.values and _is_district_admin_of(giver, district_id)


def may_force_reset(actor, person) -> bool:
    """A district administrator may lock the password of someone who lives or holds roles only in their
    district; never their own (they change it) nor a superuser's (a superuser may reset anyone else)."""
    if person.pk == actor.pk or (person.is_superuser and not actor.is_superuser):
        return False
    if actor.is_superuser:
        return True
    places = set(RoleAssignment.objects.filter(user_id=person.pk).values_list("scope_district_id", flat=True))
    home_district = resolve(person, "home_unit__district_id")
    places |= {home_district} if home_district else set()
    return bool(places) and all(_is_district_admin_of(actor, district_id) for district_id in places)


def _is_district_admin_of(user, district_id) -> bool:
    return (Role.DISTRICT_ADMIN, ScopeLevel.DISTRICT, district_id) in assignments(user)


def resolve(obj, path: str):
    value = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _record_denied(user, action: str, obj: Model | None) -> None:
    """A refused look at a row that exists is a security event (a missing row is only a 404)."""
    if obj is None:
        return
    from .choices import SecurityEventKind, SecurityEventResult
    from .services import security_event_record  # services import this module

    security_event_record(kind=SecurityEventKind.ACCESS_DENIED, actor=user, obj=obj, result=SecurityEventResult.DENIED, detail=str(action))


def _owner_may(model: type[Model], action: str) -> bool:
    return bool(getattr(model, "owner_path", None)) and action in getattr(model, "owner_actions", {Action.VIEW})


def _granted_ids(user, model: type[Model], action: str):
    from guardian.shortcuts import get_objects_for_user

    codename = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
    return get_objects_for_user(user, codename, klass=model, accept_global_perms=False, with_superuser=False).values("pk")
