"""pydantic's validation errors, worded for the content editors who fix the files."""

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kiosk.catalog.problems import Problem
from kiosk.catalog.toml_models import LANGUAGE_PATTERN, SLUG_PATTERN, TRIMMED_PATTERN


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("steps", 2, "title")`` -> ``steps.3.title``: positions count from 1, as people count."""
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in loc)


def problems_from_validation(
    file: Path, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """One problem per pydantic error, worded for the people who edit the file."""
    return [
        Problem(file, _describe(e, model), field=field_path(e["loc"]) or None)
        for e in error.errors(include_url=False)
    ]


def _describe(error: Any, model: type[BaseModel]) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "extra_forbidden":
        names = _fields_at(model, error["loc"][:-1])
        return f"unknown field; check the spelling (allowed here: {', '.join(names)})"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx['max_length']} allowed"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in {"too_short", "too_long"}:
        return _count_message(kind, ctx)
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(value), ctx["pattern"])
    if kind == "string_type":
        return f"must be text in quotes, got {value!r}"
    if kind in {"int_type", "int_from_float"}:
        return f"must be a whole number, got {value!r}"
    if kind == "bool_type":
        return f"must be true or false, got {value!r}"
    if kind in {"date_type", "date_from_datetime_inexact"}:
        return f"must be a date written like 2026-09-14 (no quotes), got {value!r}"
    if kind in {"list_type", "dict_type", "model_type"}:
        wanted = {"list_type": "a list [...]", "dict_type": "a table", "model_type": "a table"}
        return f"must be {wanted[kind]}, got {value!r}"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}, got {value!r}"
    message: str = error["msg"]
    return message.removeprefix("Value error, ")


def _count_message(kind: str, ctx: dict[str, Any]) -> str:
    actual = ctx.get("actual_length")
    if kind == "too_short":
        return f"has {actual} item(s); needs at least {ctx['min_length']}"
    return f"has {actual} item(s); at most {ctx['max_length']} allowed"


def _pattern_message(value: str, pattern: str) -> str:
    if pattern == SLUG_PATTERN:
        return (
            f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens, "
            "like pay-council-tax"
        )
    if pattern == TRIMMED_PATTERN:
        return "must not be blank or start or end with spaces"
    if pattern == LANGUAGE_PATTERN:
        return f"'{value}' is not a language code like en, cy or pl"
    return f"'{value}' is not in the expected form"


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the table that ``loc`` points into."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                continue  # a list position or a table key: already inside the item's model
            current = current.model_fields[part].annotation
        current = _innermost_model(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _innermost_model(annotation: Any) -> Any:
    """``list[Step]`` or ``dict[str, Step]`` -> ``Step``; anything else unchanged."""
    while not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if not args:
            return annotation
        annotation = args[-1]
    return annotation
