from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Timing


def _name(kind: str, channel: str) -> str:
    return f"{kind.replace('.', '-')}-{channel}"


class ChannelPreferencesForm(forms.Form):
    """One row per offered kind: e-mail and SMS each on or off, and when, where the kind offers a digest."""

    def __init__(self, *args, offers, chosen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = offers
        for offer in offers:
            current = chosen.get(offer.kind)
            self.fields[_name(offer.kind, "email")] = forms.BooleanField(
                label=_("By e-mail"), required=False, initial=current.email if current else offer.email
            )
            self.fields[_name(offer.kind, "sms")] = forms.BooleanField(
                label=_("By SMS"), required=False, initial=current.sms if current else offer.sms
            )
            if offer.timing:
                self.fields[_name(offer.kind, "timing")] = forms.ChoiceField(
                    label=_("When"), choices=Timing.choices, initial=current.timing if current else offer.timing
                )

    def groups(self) -> list[tuple[str, list[tuple]]]:
        """(group, [(offer, e-mail field, SMS field, timing field or None)]) in the order the kinds were offered."""
        grouped: dict[str, list[tuple]] = {}
        for offer in self.offers:
            timing = self[_name(offer.kind, "timing")] if offer.timing else None
            row = (offer, self[_name(offer.kind, "email")], self[_name(offer.kind, "sms")], timing)
            grouped.setdefault(str(offer.group), []).append(row)
        return list(grouped.items())

    def choices(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            offer.kind: {channel: data.get(_name(offer.kind, channel)) for channel in ("email", "sms", "timing")} for offer in self.offers
        }
