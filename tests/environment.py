"""Loaded with `-p tests.environment`, before Django reads its settings.

Each xdist worker gets its own Celery queue, so a worker process started by one test
session never takes a task that refers to another session's test database.
"""

import os

worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ["CELERY_QUEUE"] = f"portal-test-{worker}-{os.getpid()}"
os.environ["CACHE_KEY_PREFIX"] = f"test-{worker}-{os.getpid()}"  # parallel sessions share one Redis cache
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop in the test thread
os.environ.setdefault("SMS_BACKEND", "governance.core.sms.OutboxSMSBackend")
# The tests serve static files as they lie in the apps (no collectstatic per session); the production storage,
# hashed names and compressed copies, is tested on a collectstatic of its own (tests/governance/core/test_static_files.py).
os.environ.setdefault("STATIC_MANIFEST", "false")
