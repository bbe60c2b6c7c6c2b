"""Intake by telephone (接线员) and following a request without an account (tracking number + phone + SMS code)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.accounts import permissions
from governance.accounts import services as account_services
from governance.accounts.choices import PhoneCodePurpose
from governance.accounts.models import User, phone_validator
from governance.accounts.permissions import Action

from .. import services as request_services
from ..choices import Source
from ..models import Category, Request
from . import selectors
from .models import Caller


def caller_for(*, phone: str, name: str, district) -> Caller:
    """The district's caller record for this number, made on the first call; a name given later fills in."""
    caller, created = Caller.objects.select_for_update().get_or_create(district=district, phone=phone, defaults={"name": name})
    if not created and name and not caller.name:
        caller.name = name
        caller.save(update_fields=["name"])
    return caller


@transaction.atomic
def hotline_request_file(*, operator, phone: str, name: str, category: Category, place, title: str, text: str) -> Request:
    """An operator files a caller's request at a place of their area: for the resident with that number, else for a caller record."""
    phone_validator(phone)
    if not permissions.can(operator, Action.INTAKE, place):
        raise ValidationError({"place": _("Choose a place in your area.")})
    resident = User.objects.filter(phone=phone, is_active=True).first()
    caller = None if resident else caller_for(phone=phone, name=name.strip(), district=place.district)
    return request_services.request_submit(
        resident=resident,
        caller=caller,
        filed_by=operator,
        category=category,
        place=place,
        title=title,
        text=text,
        public=False,  # said on the phone: nothing goes to the public feed without the caller choosing it on the web
        source=Source.HOTLINE,
    )


def tracking_code_send(*, number: str, phone: str) -> None:
    """Text a code to `phone` if it is the reporter's number of request `number`; the same answer either way."""
    usable = selectors.request_for_tracking(number=number, phone=phone) is not None
    account_services.phone_code_send(phone=phone, purpose=PhoneCodePurpose.TRACKING, usable=usable)


def tracking_verify(*, number: str, phone: str, code: str) -> Request:
    """The request, once the code sent to `phone` matches and the pair still holds; else a ValidationError."""
    error = account_services.phone_code_check(phone=phone, code=code, purpose=PhoneCodePurpose.TRACKING)
    request = None if error else selectors.request_for_tracking(number=number, phone=phone)
    if request is None:
        raise ValidationError({"code": error or _("The code is not correct.")})
    return request
