from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from governance.core import navigation

from . import limits, second_factor, selectors, services
from .choices import PhoneCodePurpose
from .forms import CloseAccountForm, EmailForm, LoginForm, PasswordResetForm, PhoneForm, PortalPasswordChangeForm, RegisterForm


@require_POST
def language_set(request):
    """Django's switcher (it sets the cookie); a signed-in person's choice is kept too, for what is sent to them."""
    response = set_language(request)
    if request.user.is_authenticated:
        services.user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


class PortalLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self):
        url = self.get_redirect_url() or resolve_url(navigation.landing_for(self.request.user))
        return second_factor.verify_url(url) if second_factor.pending(self.request) else url


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _code_request(request, *, purpose: str, session_key: str, next_url: str, template: str):
    """Step one of registering or resetting: a mobile number, which may receive a code.

    The answer is the same whether or not the number has an account (the SMS says what applies)."""
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            limits.phone_code_limit_check(client=request.META.get("REMOTE_ADDR", ""))
            services.phone_code_send(phone=form.cleaned_data["phone"], purpose=purpose)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            request.session[session_key] = form.cleaned_data["phone"]
            messages.info(request, _("If this number can receive a code, we have sent one. It is valid for 10 minutes."))
            return redirect(next_url)
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def register(request):
    return _code_request(
        request,
        purpose=PhoneCodePurpose.REGISTER,
        session_key="register_phone",
        next_url="accounts:register_verify",
        template="accounts/register.html",
    )


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
@require_http_methods(["GET", "POST"])
def email_change(request):
    """The person's own e-mail address (for notifications): its format is checked, nothing more."""
    form = EmailForm(request.POST or None, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_email_set(user=request.user, email=form.cleaned_data["email"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your e-mail address is saved.") if request.user.email else _("Your e-mail address is removed."))
            return redirect("accounts:profile")
    return render(request, "accounts/email.html", {"form": form})


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


class PortalPasswordChangeView(PasswordChangeView):
    """Old password and a new one. This session stays signed in; every other one and every API token ends."""

    template_name = "accounts/password_change.html"
    form_class = PortalPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed. You are still signed in here and signed out everywhere else."))
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def password_reset(request):
    return _code_request(
        request,
        purpose=PhoneCodePurpose.PASSWORD_RESET,
        session_key="reset_phone",
        next_url="accounts:password_reset_verify",
        template="accounts/password_reset.html",
    )


@require_http_methods(["GET", "POST"])
def password_reset_verify(request):
    """Step two of a reset: the code and a new password. Every session and API token of the account ends."""
    phone = request.session.get("reset_phone")
    if not phone:
        return redirect("accounts:password_reset")
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_reset(phone=phone, code=form.cleaned_data["code"], password=form.cleaned_data["password1"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            del request.session["reset_phone"]
            messages.success(request, _("Your new password is set. Please sign in with it."))
            return redirect("accounts:login")
    return render(request, "accounts/password_reset_verify.html", {"form": form, "phone": phone})


@login_required
@require_POST
def sign_out_everywhere(request):
    services.user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You are signed out on every device, and every API token is revoked."))
    return redirect("accounts:login")
