"""The access matrix: for every route of the URL conf, what each persona gets.

Each module of this package (one per app) defines ROUTES: route key -> list of Case.
The route key is the URL name with its namespace (``courtyards:community``) or, for an
unnamed pattern, its full route string. A route without a row fails the suite, so no
page, admin view or API endpoint can be added without saying who may see it.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ["anonymous", "demo_admin", "demo_street", "demo_community", "demo_worker", "demo_resident", "demo_resident2"]


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Statuses by persona; overrides name personas without the demo_ prefix (street=404)."""
    answers = dict.fromkeys(PERSONAS, default)
    for name, status in overrides.items():
        answers[name if name == "anonymous" else f"demo_{name}"] = status
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


def all_routes() -> dict[str, list[Case]]:
    routes: dict[str, list[Case]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, cases in module.ROUTES.items():
            assert key not in routes, f"{key} has rows in two modules"
            routes[key] = cases
    return routes
