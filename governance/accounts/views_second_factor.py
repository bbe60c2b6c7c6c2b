"""The second step of a staff sign-in: enrol an authenticator app once, then enter its code."""

import django_otp
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.util import random_hex

from . import second_factor, selectors, services
from .forms import OneTimeCodeForm
from .permissions import has_staff_powers

SETUP_KEY = "otp_setup_key"


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("home")


def _verified(request, device):
    request.session.cycle_key()  # a new session key when the session gains staff powers
    django_otp.login(request, device)
    request.session.pop(SETUP_KEY, None)
    return redirect(_next_url(request))


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    if not has_staff_powers(request.user):
        raise Http404
    if selectors.totp_device_confirmed(user=request.user) is None:
        return redirect(f"{reverse('accounts:otp_setup')}?{request.GET.urlencode()}")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.totp_verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            return _verified(request, device)
        form.add_error("code", _("That code is not right, or has expired. Enter the newest code from your app."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    if not has_staff_powers(request.user):
        raise Http404
    if selectors.totp_device_confirmed(user=request.user) is not None:
        return redirect(f"{reverse('accounts:otp_verify')}?{request.GET.urlencode()}")
    key = request.session.setdefault(SETUP_KEY, random_hex(20))  # shown until confirmed; saved only then
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_device_create(user=request.user, key=key, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            return _verified(request, device)
    device = second_factor.enrolment_device(request.user, key)
    context = {"form": form, "next": _next_url(request), "secret": second_factor.secret_text(device), "uri": device.config_url}
    return render(request, "accounts/otp_setup.html", {**context, "qr": second_factor.qr_svg(device.config_url)})
