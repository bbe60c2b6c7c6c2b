from django import template
from django.utils import timezone

from governance.core import figures
from governance.core.privacy import mask_name, mask_phone

register = template.Library()


@register.filter
def masked_phone(value):
    return mask_phone(value)


@register.filter
def masked_name(value):
    return mask_name(value)


@register.simple_tag
def now_year():
    return timezone.localdate().year


@register.filter
def figure_shown(figure):
    return figures.shown(figure)


@register.filter
def figure_empty(figure):
    return figures.why_empty(figure)
