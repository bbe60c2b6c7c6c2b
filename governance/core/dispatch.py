"""Enqueue Celery tasks after the surrounding transaction commits, never losing the cause.

The row that says what must happen is already committed when we publish, so a broker
outage only delays the work: the periodic sweeps publish again whatever is still pending.
"""

import logging

from django.db import transaction

logger = logging.getLogger("governance.dispatch")


def publish(task, *args) -> bool:
    try:
        task.apply_async(args=args, retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2})
    except Exception:  # the broker is down: the sweep will publish it again
        logger.warning("could not publish %s%r; the sweep will retry", task.name, args, exc_info=True)
        return False
    return True


def dispatch_on_commit(task, *args) -> None:
    transaction.on_commit(lambda: publish(task, *args))
