"""What a template may link to, asked of the permission module: a link is shown only where the viewer may go.

{% load access %}
{% url 'committees:manage_list' as list_url %}{% crumb list_url _("Committees and councils") %}
{% may_open list_url as open %}{% if open %}<a href="{{ list_url }}">...</a>{% endif %}
{% can_do "view" activity.project as see_project %}
"""

from django import template
from django.utils.html import format_html

from governance.accounts import permissions
from governance.core.links import may_open as page_opens

register = template.Library()


@register.simple_tag(takes_context=True)
def may_open(context, url: str) -> bool:
    return page_opens(_viewer(context), url)


@register.simple_tag(takes_context=True)
def can_do(context, action: str, obj) -> bool:
    """The viewer may `action` the row (`permissions.can`); nothing to link to is a no."""
    return obj is not None and permissions.can(_viewer(context), action, obj)


@register.simple_tag(takes_context=True)
def crumb(context, url: str, label) -> str:
    """A breadcrumb: a link where the viewer may open the page, its name alone where they may not."""
    if url and page_opens(_viewer(context), url):
        return format_html('<a href="{}">{}</a>', url, label)
    return format_html("{}", label)


@register.simple_tag(takes_context=True)
def row_link(context, url: str, label, action: str, obj) -> str:
    """A breadcrumb to a row's page: a link where the viewer may `action` the row and open the page."""
    if obj is not None and permissions.can(_viewer(context), action, obj):
        return crumb(context, url, label)
    return format_html("{}", label)


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")
