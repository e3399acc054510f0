"""The hub's receiver refuses a code that ends in a line break or holds a NUL.

Python's ``$`` also matches before a final line break; such a code would be stored (SQLite)
or refuse the whole batch (PostgreSQL: one character too many, or a NUL it cannot hold).
"""

from typing import Any

import pytest

from tests.hub.serving import ServedHub
from tests.hub.test_receiver import DESK, SITE, document, held, post, sent
from tests.kiosk.contacts.helpers import contact

ENDINGS = ["\n", "\r\n", "\x00"]
FIELDS = [
    "recorded_at", "site", "desk", "staff", "service_id", "language", "catalog_version",
    "mode", "outcome", "source",
]  # fmt: skip


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
def test_each_code_with_a_break_or_a_nul_is_rejected_naming_it(
    served_hub: ServedHub, ending: str
) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    good = contact()
    broken = {field: contact() for field in FIELDS}
    bodies = [sent(good)]
    for field, made in broken.items():
        bodies.append({**sent(made), field: sent(made)[field] + ending})
    answer = post(served_hub, document(bodies), token)
    assert answer.status_code == 200
    assert answer.json()["accepted"] == [good.id]
    reasons = {r["id"]: r["reason"] for r in answer.json()["rejected"]}
    for field, made in broken.items():
        assert field in reasons[made.id], (field, reasons[made.id])
    assert len(reasons) == len(FIELDS)
    assert [row["id"] for row in held(served_hub)] == [good.id]


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
@pytest.mark.parametrize("field", ["batch_id", "sent_at", "id"])
def test_a_batch_whose_id_time_or_a_contact_id_ends_in_a_break_is_refused_whole(
    served_hub: ServedHub, field: str, ending: str
) -> None:
    """A contact's id is what its answer is given by: without one, no part can be answered."""
    token = served_hub.add_kiosk(SITE, DESK)
    body: dict[str, Any] = document([sent(contact())])
    key = body["batch_id"]  # a header holds no line break
    if field == "id":
        body["contacts"][0]["id"] += ending
    else:
        body[field] += ending
    answer = post(served_hub, body, token, key)
    assert answer.status_code == 400, answer.text
    assert field in answer.json()["error"]
    assert held(served_hub) == []


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
@pytest.mark.parametrize("field", ["site", "desk"])
def test_a_source_whose_code_ends_in_a_break_is_not_the_kiosk(
    served_hub: ServedHub, field: str, ending: str
) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    body = document([sent(contact())])
    body["source"] = {**body["source"], field: body["source"][field] + ending}
    answer = post(served_hub, body, token)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"].startswith(f"source.{field}: ")
    assert held(served_hub) == []
