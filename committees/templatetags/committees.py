from django import template

from committees import forms
from governance.core.privacy import mask_name

register = template.Library()


@register.simple_tag
def public_name(user, reveal=False) -> str:
    """A person's name as a public page may show it: 张** unless the viewer may see personal data."""
    name = user.display_name or user.username
    return name if reveal else mask_name(name)


@register.simple_tag
def body_key(body) -> str:
    """The value a body or an association has in the federation member's "represents" choice."""
    return forms.body_key(body)
