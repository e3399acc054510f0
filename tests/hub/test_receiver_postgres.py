"""The receiver on a real PostgreSQL: the same answers as on SQLite, and 503 while it restarts.

The tests imported below run here again with ``hub_engine`` on PostgreSQL (this module's
fixture overrides the SQLite one for them).
"""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from kiosk.hub.database import migrate, open_engine
from tests.hub.postgres import PostgresServer, postgres_server, postgres_url  # noqa: F401
from tests.hub.serving import ServedHub
from tests.hub.test_receiver import (  # noqa: F401 (run again, on PostgreSQL)
    desk,
    document,
    post,
    sent,
    test_a_kiosk_uploads_everything_and_the_hub_holds_each_once,
    test_a_malformed_batch_is_400_with_a_reason_and_nothing_stored,
    test_a_repeated_batch_gets_the_same_answer_byte_for_byte,
    test_a_same_batch_sent_at_once_many_times_is_stored_once,
    test_a_wrong_contact_is_rejected_with_a_reason_and_the_rest_taken,
    test_contacts_of_another_site_are_rejected_with_a_reason,
    test_demo_contacts_are_stored_apart_and_never_counted,
    test_status_fields_the_hub_does_not_know_are_left_out,
    test_the_kiosk_splits_a_batch_answered_413_and_all_arrive,
)
from tests.kiosk.contacts.helpers import contact


@pytest.fixture
def hub_engine(postgres_url: str) -> Iterator[Engine]:  # noqa: F811 (PostgreSQL, not SQLite)
    engine = open_engine(postgres_url)
    migrate(engine)
    yield engine
    engine.dispose()


def test_a_restarting_postgresql_is_503_with_retry_after_never_200(
    served_hub: ServedHub,
    postgres_server: PostgresServer,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = served_hub.add_kiosk("main-office", "desk-1")
    made = contact()
    body = document([sent(made)])
    postgres_server.stop()
    try:
        while_down = post(served_hub, body, token)
    finally:
        postgres_server.start()
    assert while_down.status_code == 503
    assert while_down.headers["Retry-After"] == "30"
    assert while_down.json() == {"error": "the hub's database is not answering; try again later"}
    assert token not in caplog.text
    again = post(served_hub, body, token)  # the kiosk's retry, the same batch
    assert (again.status_code, again.json()) == (200, {"accepted": [made.id], "rejected": []})
