from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.accounts import permissions
from governance.accounts.permissions import Action

from . import channels, selectors, services
from .forms import ChannelPreferencesForm
from .models import Notification


@login_required
def inbox(request):
    page = Paginator(selectors.notification_inbox(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = permissions.get_or_404(request.user, Notification.objects.all(), Action.MANAGE, pk=pk)
    services.notification_mark_read(notification=notification)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()}):
        return redirect(notification.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """通知方式: per kind, whether it also comes by e-mail and by SMS (and for staff's new requests, when)."""
    offers = channels.offers_for(staff=permissions.may_open_work_pages(request.user))
    chosen = selectors.channel_preferences_of(user=request.user)
    form = ChannelPreferencesForm(request.POST if request.method == "POST" else None, offers=offers, chosen=chosen)
    if form.is_valid():
        services.channel_preferences_set(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification channels are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "groups": form.groups()})
