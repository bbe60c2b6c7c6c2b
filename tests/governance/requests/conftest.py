import pytest


@pytest.fixture
def without_demo_requests(request):
    """For the figures tests that count every request of a place: start without the demo's dozen requests.

    The demo is loaded first (a transactional test may reload it), then its requests are deleted; the
    deletion is undone with the test's transaction, or by the flush after a transactional test.
    """
    for name in ("demo_tx", "demo"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            break
    from governance.requests.models import Request

    Request.objects.all().delete()
