"""The receiving side's contract stays valid and says what the kiosk really sends."""

import json
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from kiosk.contacts import codes
from kiosk.contacts.store import ContactLog
from kiosk.upload.queue import SENT_COLUMNS
from kiosk.upload.transport import FolderTransport
from kiosk.upload.uploader import Settings, Uploader
from tests.kiosk.contacts.helpers import contact

SPEC = Path(__file__).parents[2] / "docs" / "upload-api.yaml"


def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return loaded


def test_the_openapi_file_is_valid() -> None:
    validate(spec())


def test_the_contact_schema_lists_exactly_the_columns_and_codes_sent() -> None:
    contact_schema = spec()["components"]["schemas"]["Contact"]
    fields = contact_schema["properties"]
    assert set(fields) == set(SENT_COLUMNS)
    for name, allowed in (
        ("mode", codes.MODES), ("outcome", codes.OUTCOMES), ("source", codes.SOURCES),
        ("next_time_online", (*codes.NEXT_TIME_ONLINE, None)),
        ("referral", (*codes.REFERRALS, None)),
    ):  # fmt: skip
        assert fields[name]["enum"] == list(allowed), name
    assert fields["barriers"]["items"]["enum"] == list(codes.BARRIERS)


def test_a_real_batch_document_matches_the_request_schema(data_dir: Path, tmp_path: Path) -> None:
    ContactLog.in_data_dir(data_dir).record_many(
        [contact(barriers=("skills",), next_time_online="yes"), contact(service_id="general",
         lgsl=None)]
    )  # fmt: skip
    share = tmp_path / "share"
    share.mkdir()
    log = ContactLog.in_data_dir(data_dir)
    Uploader(log, FolderTransport(share.as_uri()), Settings("main-office", "desk-1")).run_once()
    document = json.loads(next(share.glob("*.json")).read_text(encoding="utf-8"))
    full = spec()
    request = full["paths"]
    schema_ref = _request_schema_name(request)
    schema = {"$ref": f"#/components/schemas/{schema_ref}", "components": full["components"]}
    errors = list(Draft202012Validator(schema).iter_errors(document))
    assert errors == []


def _request_schema_name(paths: dict[str, Any]) -> str:
    operation = next(iter(paths.values()))["post"]
    ref: str = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]
