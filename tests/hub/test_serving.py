"""The serving fixture itself: a real hub answers on a real port."""

import httpx

from tests.hub.serving import ServedHub


def test_the_served_hub_answers(served_hub: ServedHub) -> None:
    token = served_hub.add_kiosk("civic-centre", "desk-2")
    assert len(token) > 20
    answer = httpx.post(served_hub.upload_url, content=b"{}", timeout=10)
    assert answer.status_code in (400, 401, 404)
