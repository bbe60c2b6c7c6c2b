"""make stack-check: one request from submission to notification through the running stack (scripts/stack.sh check).

A resident signs in through the API, files a request; the notifications worker delivers the "submitted"
notification; beat has sent its sweeps and the workers have run them. Exits non-zero, saying what did not
happen, within about three minutes.
"""

import json
import os
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")


def call(base: str, path: str, body: dict | None = None, token: str = "") -> dict:
    headers = {"Content-Type": "application/json", "Accept-Language": "zh-CN"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data, headers=headers), timeout=20) as response:
        return json.loads(response.read())


def wait_for(what: str, predicate, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            print(f"stack-check: {what}: yes")
            return
        time.sleep(0.5)
    raise SystemExit(f"stack-check: FAILED: {what}, not within {seconds:.0f} s (see var/stack/*.log)")


def main(base: str) -> None:
    import django

    django.setup()
    from governance.notifications.choices import DeliveryStatus
    from governance.notifications.models import Notification

    print("stack-check: healthz", call(base, "/healthz"))
    token = call(base, "/api/v1/auth/token/", {"username": "demo_resident", "password": "chenghua-demo"})["token"]
    filed = call(base, "/api/v1/requests/", {"category": "roads", "title": "路灯不亮", "text": "stack-check：新鸿南路路灯不亮"}, token)
    number = filed["number"]
    print(f"stack-check: filed {number}")
    submitted = Notification.objects.filter(key__contains=number, kind="requests.submitted")
    wait_for(f"the resident is told {number} was received", lambda: submitted.filter(status=DeliveryStatus.DELIVERED).exists())
    logs = Path("var/stack")
    for worker in ("notifications", "deadlines", "reports"):
        wait_for(
            f"the {worker} worker is consuming its queue", lambda w=worker: "ready." in (logs / f"{w}.log").read_text(errors="replace")
        )
    # Beat sends an interval task first one interval after it starts: the notifications sweep every 60 s.
    sweep = "Sending due task notifications-sweep"
    wait_for("beat sent the notifications sweep", lambda: sweep in (logs / "beat.log").read_text(errors="replace"), seconds=90)
    ran = "notifications_sweep"
    wait_for("the notifications worker ran the sweep", lambda: ran in (logs / "notifications.log").read_text(errors="replace"), seconds=20)
    print("stack-check: passed")


if __name__ == "__main__":
    main(sys.argv[1])
