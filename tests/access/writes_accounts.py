"""Valid writes of one's own account: download one's data, close it, sign out everywhere, its e-mail and notification channels (see tests/access/__init__.py)."""

from tests.base import DEMO_PASSWORD

from . import Write
from .writes import _model

SIGNED_IN = {"admin", "street", "community", "worker", "resident", "resident2", "operator"}


def _personas(demo, target):
    """The personas' own accounts: each write touches only the sender's row."""
    return _model("accounts.User").objects.filter(username__startswith="demo_")


def _channel_choices(demo, target):
    return _model("notifications.ChannelPreference").objects.filter(user__username__startswith="demo_")


def _exports(demo, target):
    return _model("accounts.SecurityEvent").objects.filter(kind="data_exported")


WRITES = {
    "accounts:data_export": [Write(lambda d: None, SIGNED_IN, rows=_exports, note="each download is recorded")],
    "accounts:close": [Write(lambda d: None, SIGNED_IN, data=lambda d, t: {"password": DEMO_PASSWORD}, rows=_personas)],
    "accounts:sign_out_everywhere": [Write(lambda d: None, SIGNED_IN, rows=_personas)],
    "api:auth-sign-out-everywhere": [Write(lambda d: None, SIGNED_IN, rows=_personas, json=True)],
    "accounts:email": [Write(lambda d: None, SIGNED_IN, data=lambda d, t: {"email": "jia@example.org"}, rows=_personas)],
    "notifications:preferences": [
        Write(
            lambda d: None,
            SIGNED_IN,
            data=lambda d, t: {"requests-status-sms": "on", "requests-queue_new-timing": "at_once"},
            rows=_channel_choices,
            note="each person's own choices; the staff's timing field is ignored for residents",
        )
    ],
    "set_language": [
        Write(
            lambda d: None,
            SIGNED_IN,
            data=lambda d, t: {"language": "en", "next": "/"},
            rows=_personas,
            note="a signed-in person's choice is kept: what is sent to them follows it",
        )
    ],
}
