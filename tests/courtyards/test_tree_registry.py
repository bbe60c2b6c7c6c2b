"""The tree stays true when it changes: every row that copies tree keys follows its place when a node moves."""

import pytest
from django.apps import apps

from courtyards import services as tree_services
from courtyards import tree_registry
from courtyards.models import NODE_MODELS

# Models whose tree_paths only follow a foreign key to a registered row (or are the root): they copy
# no key, so there is nothing to rewrite; they follow their parent row by the join itself.
FOLLOW_A_JOIN = {
    "courtyards.District": "the root: it never moves",
    "courtyards.CovenantVersion": "covenant__*",
    "courtyards.CovenantEndorsement": "covenant__*",
    "courtyards.HouseholdTagRow": "household__*",
    "accounts.User": "home_unit__*: a resident follows their unit",
    "committees.Membership": "committee__*",
    "committees.Meeting": "committee__*",
    "committees.AgendaItem": "meeting__committee__*",
    "committees.Decision": "meeting__committee__*",
    "committees.FollowUpAction": "meeting__committee__*",
    "associations.AssociationMembership": "association__*",
    "associations.SupervisionReview": "association__*",
    "associations.Pledge": "enterprise__*",
    "associations.PledgeFulfilment": "pledge__enterprise__*",
    "requests.DepartmentHandler": "department__*",
    "training.Session": "course__*",
    "training.Attendance": "session__course__*",
}
# Models pointing at two levels of the tree without copying an ancestor: each names its own place.
NAME_A_PLACE = {
    "requests.RoutingRule": "a rule names a community or a street (or neither); the street is not a copy of the community's",
}


def _label(model) -> str:
    return model._meta.label


def test_every_model_with_tree_paths_is_registered_for_moves():
    missing = []
    for model in apps.get_models():
        paths = getattr(model, "tree_paths", None)
        if not paths:
            continue
        if _label(model) in FOLLOW_A_JOIN:
            # The allow-list cannot hide a copied key: every path goes through a join.
            assert all("__" in path or path == "id" for path in paths.values()), _label(model)
            continue
        entry = tree_registry.entry_for(model)
        if entry is None:
            missing.append(_label(model))
            continue
        columns = set(entry.columns().values()) | {"id"}
        assert {path for path in paths.values() if "__" not in path} <= columns, _label(model)
    assert missing == []


def test_every_model_copying_tree_keys_is_registered_even_without_tree_paths():
    node_models = set(NODE_MODELS.values())
    missing = []
    for model in apps.get_models():
        levels = {f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model in node_models}
        if len(levels) < 2 or _label(model) in NAME_A_PLACE or tree_registry.entry_for(model):
            continue
        missing.append(_label(model))
    assert missing == []


# --- moves: every registered model, with rows under the moved node -----------------------------


def _rows_under(node) -> dict:
    """model label -> (queryset of rows under `node`, the keys they must carry: the node's own)."""
    node_keys = {key: getattr(node, f"{key}_id") for key in tree_registry.TREE_KEYS if hasattr(node, f"{key}_id")}
    found = {}
    for entry in tree_registry.registered():
        under = entry.under(node.level, node.pk)
        values = {column: node_keys[key] for key, column in entry.columns().items() if key in node_keys}
        if under is not None and values:
            found[_label(entry.model)] = (entry.model._base_manager.filter(under), values)
    return found


def _assert_moved(node, before: dict) -> None:
    node.refresh_from_db()
    after = _rows_under(node)
    assert set(after) == set(before)
    for label, (rows, values) in after.items():
        assert rows.count() == before[label], label
        stale = rows.exclude(**values).count()
        assert stale == 0, f"{label}: {stale} rows keep the old keys"


def _counts(node) -> dict:
    counts = {label: rows.count() for label, (rows, _values) in _rows_under(node).items()}
    empty = [label for label, count in counts.items() if count == 0]
    assert empty == [], f"no row of {empty} under {node}: the test would prove nothing for them"
    return counts


@pytest.mark.parametrize(
    "level",
    ["street", "community", "courtyard", "building", "unit"],
)
def test_moving_a_node_rewrites_every_registered_model_under_it(demo, level):
    from tests.courtyards.tree_rows import node_and_new_parent, rows_make_under

    node, parent = node_and_new_parent(demo, level)
    rows_make_under(demo, node)
    before = _counts(node)
    tree_services.node_move(node=node, parent=parent)
    _assert_moved(node, before)


def test_after_xinhong_moves_to_shengdeng_its_requests_leave_shuangqiaozi_staff_for_shengdeng_staff(demo, client):
    from rest_framework.test import APIClient

    from governance.requests.models import Request
    from tests.base import make_staff

    numbers = set(Request.objects.filter(community=demo.xinhong).values_list("number", flat=True))
    assert numbers, "the demo has requests in 新鸿社区"
    shengdeng_staff = make_staff(node=demo.shengdeng)
    tree_services.node_move(node=demo.xinhong, parent=demo.shengdeng)

    client.force_login(demo.street)
    queue = client.get("/manage/requests/").content.decode()
    assert not any(number in queue for number in numbers)
    api = APIClient()
    api.force_authenticate(demo.street)
    assert not numbers & {row["number"] for row in api.get("/api/v1/requests/?page_size=100").json()["results"]}

    client.force_login(shengdeng_staff)
    queue = client.get("/manage/requests/").content.decode()
    assert all(number in queue for number in numbers)
    api.force_authenticate(shengdeng_staff)
    assert numbers <= {row["number"] for row in api.get("/api/v1/requests/?page_size=100").json()["results"]}


def test_a_move_costs_the_same_queries_with_one_request_under_the_node_or_many(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.base import make_request

    def move_and_back() -> int:
        with CaptureQueriesContext(connection) as queries:
            tree_services.node_move(node=demo.xinhong, parent=demo.shengdeng)
        tree_services.node_move(node=demo.xinhong, parent=demo.shuangqiaozi)
        return len(queries)

    few = move_and_back()
    for _ in range(5):
        make_request(resident=demo.resident)
    assert move_and_back() == few
