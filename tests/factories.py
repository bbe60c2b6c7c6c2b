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
