"""How the staff page offers each action: one button per move the person may make now, each asking only what
that move needs. The moves themselves are `actions_for`'s and the checks the services'; this says how they look."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Panel:
    action: str
    label: str  # the button, or the fold's summary: the street office's word for the move
    submit: str = ""  # the fold's own submit; none: the move needs nothing more, one tap does it
    fields: tuple[str, ...] = ()  # note, reason, template, assignee, owner, into, covenant, public

    @property
    def prefix(self) -> str:
        # The note panel keeps the page's old ids (id_note, id_template): the template script and tests name them.
        return "id" if self.action == "note" else f"id_{self.action}"

    @property
    def one_tap(self) -> bool:
        return not self.fields


PANELS = {
    panel.action: panel
    for panel in [
        Panel("accept", _("Accept")),
        Panel("start", _("Start work")),
        Panel("resume", _("Resume the clock")),
        Panel("resolve", _("Resolve"), _("Confirm: resolved"), ("note", "template", "covenant")),
        Panel("assign", _("Assign to a person"), _("Assign"), ("assignee", "note")),
        Panel("dispatch", _("Dispatch (派单)"), _("Confirm the dispatch"), ("owner", "note")),
        Panel("transfer", _("Transfer (转办)"), _("Confirm the transfer"), ("owner", "reason")),
        Panel("return", _("Return (退单)"), _("Confirm the return"), ("reason",)),
        Panel("cohandle", _("Co-handling (协办)"), _("Add the co-handling unit"), ("owner", "note")),
        Panel("reject", pgettext_lazy("request", "Reject"), _("Confirm: rejected"), ("reason",)),
        Panel("merge", _("Merge"), _("Confirm the merge"), ("into", "note")),
        Panel("pause", _("Pause"), _("Confirm the pause"), ("reason",)),
        Panel("note", _("Note"), _("Save the note"), ("note", "template", "public")),
    ]
}


def panels_for(actions: list[str]) -> list[Panel]:
    """The panels of the offered actions: the one-tap moves first, as they are the common next step."""
    panels = [PANELS[action] for action in actions if action in PANELS]
    return sorted(panels, key=lambda panel: not panel.one_tap)
