"""Which models carry denormalised tree keys, so that `node_move` can keep every one of them true.

A row that hangs on the tree (a request, an activity, a committee, a role's district) copies the
ids of its place's ancestors into its own columns, so "everything under this street" is one
indexed filter. When a node moves, every row under it must take the node's new ancestors. Each
app registers its models here from its ``AppConfig.ready()`` (NetBox-style: the low layer owns
the registry, the higher ones fill it), and ``courtyards.services.node_move`` walks it with one
bulk ``UPDATE`` per model.

* ``keys``: level -> the foreign key holding that level's node id (``{"district": "scope_district"}``).
  By default every tree key (see ``TREE_KEYS``) the model has a foreign key of the same name for.
* ``via``: level -> lookups reaching the row's node at that level through a join, for the levels
  the row does not carry (a callback reaches its courtyard through its request). Several lookups
  are OR-ed (a role on a community or on a courtyard both lie under a street).

A new denormalised key (a grid) is added with ``register_tree_key("grid")``: the models with a
``grid`` foreign key then carry it, and a moved node hands its own ``grid_id`` down.
"""

from dataclasses import dataclass, field

from django.db.models import Model, Q

# Top-down; the levels of the tree first. Extended by `register_tree_key`.
TREE_KEYS: list[str] = ["district", "street", "community", "courtyard", "building", "unit"]


@dataclass
class TreeRows:
    model: type[Model]
    explicit_keys: dict[str, str] | None = None
    via: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def keys(self) -> dict[str, str]:
        """level -> foreign key name; worked out when asked, so keys registered later count too."""
        if self.explicit_keys is not None:
            return self.explicit_keys
        names = {f.name for f in self.model._meta.concrete_fields if f.is_relation}
        return {key: key for key in TREE_KEYS if key in names}

    def under(self, level: str, node_id: int) -> Q | None:
        """The rows lying under the node `node_id` of `level`, or None if this model cannot lie there."""
        lookups = ((self.keys[level],) if level in self.keys else ()) + self.via.get(level, ())
        query = None
        for lookup in lookups:
            query = Q(**{lookup: node_id}) if query is None else query | Q(**{lookup: node_id})
        return query

    def columns(self) -> dict[str, str]:
        """level -> the column (attname) holding it."""
        return {level: self.model._meta.get_field(name).attname for level, name in self.keys.items()}


_registry: dict[type[Model], TreeRows] = {}


def register_tree_model(model: type[Model], *, keys: dict[str, str] | None = None, via: dict[str, str | tuple[str, ...]] | None = None):
    """Declare that `model` carries tree keys that must follow its place when a node moves."""
    lookups = {level: (value,) if isinstance(value, str) else tuple(value) for level, value in (via or {}).items()}
    _registry[model] = TreeRows(model=model, explicit_keys=keys, via=lookups)
    return model


def register_tree_key(name: str) -> None:
    """A new denormalised key (e.g. ``grid``), carried by models with a foreign key of that name."""
    if name not in TREE_KEYS:
        TREE_KEYS.append(name)


def registered() -> list[TreeRows]:
    return list(_registry.values())


def entry_for(model: type[Model]) -> TreeRows | None:
    return _registry.get(model)
