from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import limits, second_factor, selectors, services
from .forms import CloseAccountForm, LoginForm, PhoneForm, RegisterForm


class PortalLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        return second_factor.verify_url(url) if second_factor.pending(self.request) else url


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
def register(request):
    """Step one: the resident's mobile number, which receives a code."""
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            limits.phone_code_limit_check(client=request.META.get("REMOTE_ADDR", ""))
            services.phone_code_send(phone=form.cleaned_data["phone"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            request.session["register_phone"] = form.cleaned_data["phone"]
            messages.info(request, _("We have sent a code to your phone."))
            return redirect("accounts:register_verify")
    return render(request, "accounts/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
def register_verify(request):
    """Step two: the code, a name and a password create the account."""
    phone = request.session.get("register_phone")
    if not phone:
        return redirect("accounts:register")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_register(
                phone=phone,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            del request.session["register_phone"]
            login(request, user, backend="governance.accounts.backends.UsernameOrPhoneBackend")
            messages.success(request, _("Welcome! Tell us where you live so your community can verify you."))
            return redirect("courtyards:claim")
    return render(request, "accounts/register_verify.html", {"form": form, "phone": phone})


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"roles": selectors.role_assignment_list(user=request.user)})


@login_required
@require_POST
def data_export(request):
    """下载我的数据 (PIPL art. 45): everything the portal holds about the person, as a ZIP."""
    response = HttpResponse(services.user_data_export(user=request.user, request=request), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="my-data.zip"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def close_account(request):
    """注销账户 (PIPL art. 47): confirmed with the password; personal data anonymised, statistics kept."""
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_close(user=request.user, password=form.cleaned_data["password"], request=request)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account is closed and your personal data has been removed."))
            return redirect("home")
    return render(request, "accounts/close.html", {"form": form})
