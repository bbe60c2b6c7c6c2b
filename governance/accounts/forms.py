from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from .models import phone_validator
from .services import user_password_change


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Mobile number or username"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True})
    )


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=11,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )


def _code_field():
    return forms.CharField(
        label=_("SMS code"), max_length=6, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"})
    )


class RegisterForm(forms.Form):
    code = _code_field()
    display_name = forms.CharField(
        label=_("What should we call you"), max_length=50, help_text=_("Shown to staff; the public sees it masked.")
    )
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                password_validation.validate_password(data["password1"])
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("For notifications by e-mail. Only you and the staff who serve your home see it. Leave it empty to remove it."),
    )


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True, "pattern": "[0-9]{6}"}),
    )


class CloseAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class PasswordResetForm(forms.Form):
    """The code texted to the phone and a new password; the service checks the password against the person."""

    code = _code_field()
    password1 = forms.CharField(label=_("New password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("New password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class PortalPasswordChangeForm(PasswordChangeForm):
    """Django's form (old password, new twice, AUTH_PASSWORD_VALIDATORS); saving goes through the service."""

    def save(self, commit=True):
        return user_password_change(user=self.user, password=self.cleaned_data["new_password1"])
