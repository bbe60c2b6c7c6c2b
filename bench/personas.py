"""The people and places bench/load.py needs, picked by role from whatever data is loaded, and signed in
without a browser: a session that already passed the second factor, and an API token.

Nothing here depends on demo names: the same code picks from seed_demo and from seed_scale.
Call `setup()` first (it starts Django in this process, against DATABASE_URL).
"""

import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()


@dataclass
class Persona:
    """One signed-in person: a session cookie (second factor passed) and an API token."""

    username: str
    session: str
    token: str
    node: str = ""  # the code of the node their role (or their home) is on

    def cookie(self, name: str) -> dict[str, str]:
        return {"Cookie": f"{name}={self.session}"}

    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"}


@dataclass
class Cast:
    resident: Persona
    officer: Persona
    admin: Persona
    community: str  # the resident's home community: the public pages are read there
    request_number: str  # a request in the officer's street, for the staff detail
    category: str  # a category the resident may file under
    cookie_name: str = "sessionid"
    extra: dict = field(default_factory=dict)


def signed_in(user, node: str = "") -> Persona:
    return Persona(username=user.username, session=_session(user), token=_token(user), node=node)


def _session(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY

    from governance.accounts.middleware import LAST_SEEN, SIGNED_IN_AT

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "governance.accounts.backends.UsernameOrPhoneBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = _device(user).persistent_id
    store[SIGNED_IN_AT] = store[LAST_SEEN] = time.time()
    store.create()
    return store.session_key


def _device(user):
    """The person's confirmed authenticator, or one made for the bench: django-otp only checks that the
    session names a confirmed device of this user, as after a code was shown."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from governance.accounts import selectors

    found = selectors.totp_device_confirmed(user=user)
    if found is not None:
        return found
    return TOTPDevice.objects.create(user=user, name="bench", key=secrets.token_hex(20), confirmed=True)


def _token(user) -> str:
    from governance.accounts.services import api_token_issue

    return api_token_issue(user=user)


def _holder(role: str):
    from governance.accounts.models import RoleAssignment

    found = RoleAssignment.objects.filter(role=role, user__is_active=True).select_related("user").order_by("pk").first()
    if found is None:
        raise SystemExit(f"no active user holds the role {role!r}: load seed_demo or seed_scale first")
    return found


def _resident():
    """The newest filer who has a verified home and no staff role: 'my requests' then lists something."""
    from governance.requests.models import Request

    found = (
        Request.objects.filter(resident__home_unit__isnull=False, resident__role_assignments__isnull=True, resident__is_active=True)
        .select_related("resident__home_unit__community")
        .order_by("-pk")
        .first()
    )
    if found is None:
        raise SystemExit("no resident with a home has filed a request: load seed_demo or seed_scale first")
    return found.resident


def cast() -> Cast:
    from django.conf import settings

    from governance.accounts.choices import Role
    from governance.requests.models import Category, Request

    resident = _resident()
    street_role = _holder(Role.STREET_STAFF)
    admin_role = _holder(Role.DISTRICT_ADMIN)
    street = street_role.street
    in_street = Request.objects.filter(street=street).order_by("-pk").first()
    if in_street is None:
        raise SystemExit(f"no request in {street.code}, the street of the first street officer")
    return Cast(
        resident=signed_in(resident, resident.home_unit.community.code),
        officer=signed_in(street_role.user, street.code),
        admin=signed_in(admin_role.user, admin_role.district.code),
        community=resident.home_unit.community.code,
        request_number=in_street.number,
        category=Category.objects.filter(active=True).order_by("pk").values_list("code", flat=True).first(),
        cookie_name=settings.SESSION_COOKIE_NAME,
    )
