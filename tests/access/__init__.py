"""The access matrix: for every route of the URL conf, what each persona gets.

Each module of this package (one per app) defines ROUTES: route key -> list of Case.
The route key is the URL name with its namespace (``courtyards:community``) or, for an
unnamed pattern, its full route string. A route without a row fails the suite, so no
page, admin view or API endpoint can be added without saying who may see it.

Status codes alone cannot tell a scoped list from one that shows everybody's rows, nor a
refused write from one that went through and redirected. So beside ROUTES a module may define:

* LISTS: route key -> Listing (or a list of them). Every list must have one: each registered
  ModelAdmin's changelist and each ViewSet list action (both found by walking the admin registry
  and the URL conf), and each page whose name ends like a list (``page_lists.LIST_NAME``: ..._list,
  ..._queue, mine, inbox, feed ...); tests/test_access_content.py enforces it. A Listing
  names sentinel rows (name -> factory returning the text that marks the row in the answer) and,
  for every persona the matrix lets in, the rows it must see; every other sentinel must be absent.
  Use a row of 新鸿社区 ("inside") and one of 华林社区 / 圣灯街道 ("outside"); for a resident's list,
  their own row and demo_resident2's. ``tests/access/sentinels.py`` picks such rows for any model
  with ``tree_paths`` (``model_rows``) and gives the usual expectations (``staff_sees``); every
  persona the matrix lets in (200) must be named in ``sees``, even with an empty set.
* WRITES: route key -> list of Write. Every write (a POST case of the matrix, each admin's
  add/change/delete, each API create/update/delete/action) must have one: a VALID request (data
  that succeeds for someone who may) sent once per persona, each in a savepoint rolled back
  afterwards. ``rows`` returns the rows the write touches; they must differ afterwards for the
  personas in ``changes`` and be identical for everyone else. Admin forms are filled from the
  admin's own form (``tests/access/forms.py``, ``admin_writes.py``), so a new ModelAdmin needs
  only its object (TARGETS), the field to change (FIELD) and its add data (ADD, ADDERS).
  tests/test_access_writes.py fails for a write route without one.

Adding a route: a ROUTES row always; a LISTS entry if it lists rows; a WRITES entry if it writes.
For example, a new staff list of 新鸿社区's rows with an API list and a POST page:

    LISTS = {"things:list": Listing(model_rows("things.thing", text("code")), STAFF_LIST)}
    WRITES = {"things:close": [Write(lambda d: a_xinhong_thing(d), {"admin", "street", "community"},
                                     kwargs=lambda d, t: {"code": t.code}, data=lambda d, t: {"reason": "..."})]}
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = [
    "anonymous",
    "demo_admin",
    "demo_street",
    "demo_community",
    "demo_worker",
    "demo_resident",
    "demo_resident2",
    "demo_operator",
]


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Statuses by persona; overrides name personas without the demo_ prefix (street=404).

    The hotline operator (接线员 of 双桥子街道, no home) answers as demo_resident2 (signed in, no tree role, staff
    powers) unless named: name them where the row is of 新鸿社区 (their street: they see its requests) or where
    demo_resident2 answers as the chair of 华林社区's committee (no power of the operator's)."""
    answers = dict.fromkeys(PERSONAS, default)
    for name, status in overrides.items():
        answers[name if name == "anonymous" else f"demo_{name}"] = status
    if "operator" not in overrides:
        answers["demo_operator"] = answers["demo_resident2"]
    return answers


PUBLIC = expect(200)
SIGNED_IN = expect(200, anonymous=302)
STAFF = expect(200, anonymous=302, resident=404, resident2=404)


@dataclass
class Case:
    expect: dict[str, int]
    kwargs: Callable[..., dict] | dict = field(default_factory=dict)
    method: str = "get"
    data: Callable[..., dict] | dict | None = None
    query: str = ""
    note: str = ""

    def resolve_kwargs(self, demo) -> dict:
        return self.kwargs(demo) if callable(self.kwargs) else self.kwargs

    def resolve_data(self, demo) -> dict | None:
        return self.data(demo) if callable(self.data) else self.data


@dataclass
class Listing:
    """A list's sentinel rows and, per persona let in (short names: admin, resident, anonymous), the ones it shows."""

    rows: dict[str, Callable[..., str]]
    sees: dict[str, set[str]]
    kwargs: Callable[..., dict] | dict = field(default_factory=dict)
    query: str = ""

    def resolve_kwargs(self, demo) -> dict:
        return self.kwargs(demo) if callable(self.kwargs) else self.kwargs


@dataclass
class Write:
    """One valid write, sent by every persona; the rows must change for `changes` and for nobody else.

    `target(demo)` gets (or makes) the row written to; `kwargs`, `data` and `rows` are functions of
    (demo, target); `rows` defaults to the target row itself.
    """

    target: Callable[..., object]
    changes: set[str]
    kwargs: Callable[..., dict] = lambda demo, target: {}
    data: Callable[..., dict] = lambda demo, target: {}
    rows: Callable[..., object] | None = None
    method: str = "post"
    json: bool = False
    note: str = ""

    def rows_of(self, demo, target):
        return self.rows(demo, target) if self.rows else type(target)._default_manager.filter(pk=target.pk)

    def resolve(self, demo, target) -> tuple[dict, dict]:
        return self.kwargs(demo, target), self.data(demo, target)


def _collect(attribute: str) -> dict:
    found: dict = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, value in getattr(module, attribute, {}).items():
            assert key not in found, f"{key} has {attribute} in two modules"
            found[key] = value
    return found


def all_routes() -> dict[str, list[Case]]:
    return _collect("ROUTES")


def all_lists() -> dict[str, Listing]:
    """Where the matrix lets demo_operator in, they see what demo_resident2 sees (as `expect` answers) but
    demo_resident2's own row ("other") unless a listing names them: the lists whose rows they see name them,
    as hotline:list does."""
    found, routes = _collect("LISTS"), all_routes()
    for route, listings in found.items():
        let_in = route in routes and routes[route][0].expect.get("demo_operator") == 200
        for listing in listings if isinstance(listings, list) else [listings]:
            if let_in and "operator" not in listing.sees:
                # a copy: the expectations are dicts shared between listings
                listing.sees = {**listing.sees, "operator": listing.sees.get("resident2", set()) - {"other"}}
    return found


def all_writes() -> dict[str, list[Write]]:
    return _collect("WRITES")
