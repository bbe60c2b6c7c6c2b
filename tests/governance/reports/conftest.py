import pytest


@pytest.fixture(autouse=True)
def _reports_count_only_their_own_requests(without_demo_requests):
    """Every report test states its figures from the requests it makes."""
