"""Demo data of the reports app: demo_street subscribes to 双桥子街道's monthly report. Idempotent.

The dashboards need no seed of their own: they aggregate the requests (and, once merged, the
activities and bodies) that the other apps' demo data create.
"""

from courtyards.models import Street
from governance.accounts.models import User

from . import services


def seed() -> None:
    user = User.objects.filter(username="demo_street").first()
    street = Street.objects.filter(code="shuangqiaozi").first()
    if user and street:
        services.subscription_set(user=user, street=street, subscribed=True)
