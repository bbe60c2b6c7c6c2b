"""Valid writes of one's own account: download one's data, close it, sign out everywhere (see tests/access/__init__.py)."""

from tests.base import DEMO_PASSWORD

from . import Write
from .writes import _model

SIGNED_IN = {"admin", "street", "community", "worker", "resident", "resident2", "operator"}


def _personas(demo, target):
    """The personas' own accounts: each write touches only the sender's row."""
    return _model("accounts.User").objects.filter(username__startswith="demo_")


def _exports(demo, target):
    return _model("accounts.SecurityEvent").objects.filter(kind="data_exported")


WRITES = {
    "accounts:data_export": [Write(lambda d: None, SIGNED_IN, rows=_exports, note="each download is recorded")],
    "accounts:close": [Write(lambda d: None, SIGNED_IN, data=lambda d, t: {"password": DEMO_PASSWORD}, rows=_personas)],
    "accounts:sign_out_everywhere": [Write(lambda d: None, SIGNED_IN, rows=_personas)],
    "api:auth-sign-out-everywhere": [Write(lambda d: None, SIGNED_IN, rows=_personas, json=True)],
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
