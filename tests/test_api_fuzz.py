"""The API keeps the promises of its schema: schemathesis drives every operation of /api/schema/, with ALL
its checks, as a resident, a community worker and the district admin.

The calls go through the WSGI application in this test's thread, so they share the test's database
connection: whatever the fuzzer writes (requests filed, needs supported) is rolled back with the
test's transaction and no other test sees it. Django's own test client works the same way; like it,
the fixture keeps Django from closing that connection at the end of each request.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

from tests.base import DEMO_PASSWORD
from tests.open311_openapi import open311_openapi

# Examples per operation in the fuzzing phase; the coverage phase adds its own deterministic cases
# (boundaries, wrong types, missing and duplicated parameters, other methods). Measured 2026-12-01 on
# the 2-core machine, load about 1: the whole module in 3 min 27 s (205 operation runs, 2.5 min CPU).
# Raise it locally to dig deeper; the writes still stay in the test's rolled-back transaction.
MAX_EXAMPLES = 2
# Hypothesis's health checks would refuse the database fixtures (function-scoped on purpose: one
# transaction per run) and call a shared 2-core machine "too slow"; the checks that matter are schemathesis's.
QUIET = list(HealthCheck)

CONFIG = """
[phases.stateful]
# Links between operations are not declared, so a stateful run would only repeat the fuzzing phase.
enabled = false

[checks.positive_data_acceptance]
# A request that matches the schema may still be refused by a business rule the schema cannot state:
# a category or place code that does not exist, a move the request's state does not allow, a second
# support of a need. Those answer 400 with the reason in the error body, which the other checks read.
expected-statuses = ["2xx", "400", "401", "403", "404", "429"]
"""

PERSONAS = ["demo_resident", "demo_community", "demo_admin"]


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    """schemathesis 4.32 names each operation's subtest through `node._nodeid`, which pytest 9.2 no longer has."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


def token_of(username: str) -> str:
    """A token got the way a client gets one: from the public token endpoint."""
    answer = APIClient().post("/api/v1/auth/token/", {"username": username, "password": DEMO_PASSWORD}, format="json")
    assert answer.status_code == 200, answer.content
    return answer.json()["token"]


@pytest.fixture(params=PERSONAS)
def api_schema(request, demo):
    signed_in = f'[auth.openapi.tokenAuth]\napi_key = "Token {token_of(request.param)}"\n'
    config = schemathesis.config.SchemathesisConfig.from_str(signed_in + CONFIG)
    with requests_keep_the_test_connection():
        loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(), config=config)
        # Signing out everywhere revokes the fuzzer's own token and would turn every later operation into
        # a 401, so it is left out here; tests/governance/accounts/test_api.py drives it, answers included.
        yield loaded.exclude(path="/api/v1/auth/sign-out-everywhere/")


@contextmanager
def requests_keep_the_test_connection():
    """As Django's test client does (it reconnects these after each of its own requests, so come last)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def open311_schema(demo):
    config = schemathesis.config.SchemathesisConfig.from_str(CONFIG)
    loaded = schemathesis.openapi.from_dict(open311_openapi(), config=config)
    loaded.app = get_wsgi_application()
    with requests_keep_the_test_connection():
        yield loaded


schema = schemathesis.pytest.from_fixture("api_schema")
open311 = schemathesis.pytest.from_fixture("open311_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=QUIET)
def test_every_api_operation_keeps_its_schema(case):
    case.call_and_validate()


@open311.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=QUIET)
def test_every_open311_operation_keeps_its_schema(case):
    case.call_and_validate()
