"""``kiosk config show``: the configuration in effect, and where each value came from."""

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from kiosk.cli.context import AppContext
from kiosk.config import ConfigFile, ResolvedConfig, Source, settings
from kiosk.logs import redact
from kiosk.redact import shown_address

MASK = "********"
_SECRET_WORDS = frozenset({"token", "secret", "password", "passwd", "pin", "key"})
_NAMES_NOT_SECRETS = frozenset({"file", "env", "dir", "path"})  # upload_token_file is a path


@dataclass(frozen=True)
class ShownSetting:
    key: str
    value: Any  # plain JSON: text, number, true/false, a list or None (unset); secrets masked
    source: Source
    note: str | None = None


def shown_settings(
    resolved: ResolvedConfig, environ: Mapping[str, str]
) -> tuple[ShownSetting, ...]:
    """Every setting in declaration order, safe to print: nothing secret is ever shown."""
    shown = []
    for setting in settings():
        value = getattr(resolved.config, setting.key)
        shown.append(
            ShownSetting(
                setting.key,
                masked(setting.key, _plain(value)),
                resolved.sources[setting.key],
                _note(setting.key, value, environ),
            )
        )
    return tuple(shown)


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def masked(key: str, value: Any) -> Any:
    """``value`` as shown for ``key``: a secret setting becomes ``MASK``, text is redacted."""
    if value is not None and _is_secret(key):
        return MASK
    if key == "upload_target" and isinstance(value, str):
        return shown_address(value)  # no password, no query values
    if isinstance(value, str):
        return redact(value)  # https://user:password@…, ?token=…
    return value


def _is_secret(key: str) -> bool:
    words = key.split("_")
    return bool(_SECRET_WORDS & set(words)) and words[-1] not in _NAMES_NOT_SECRETS


def _note(key: str, value: Any, environ: Mapping[str, str]) -> str | None:
    if key == "upload_token_file" and value is not None:
        return "the token in it is never shown"
    if key == "upload_token_env" and value is not None:
        state = "is set" if environ.get(value) else "is NOT set"
        return f"{value} {state}; its value is never shown"
    return None


def text_lines(resolved: ResolvedConfig, shown: tuple[ShownSetting, ...]) -> list[str]:
    lines = [f"# {_describe_file(file)}" for file in resolved.files]
    for setting in shown:
        note = f"; {setting.note}" if setting.note else ""
        lines.append(f"{setting.key} = {_literal(setting.value)}  # {setting.source}{note}")
    return lines


def _describe_file(file: ConfigFile) -> str:
    state = "in use" if file.path.is_file() else "not found"
    return f"{file.layer}: {file.path} ({file.chosen_by}, {state})"


def _literal(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def json_document(resolved: ResolvedConfig, shown: tuple[ShownSetting, ...]) -> dict[str, Any]:
    files = [
        {
            "layer": f.layer,
            "path": str(f.path),
            "chosen_by": f.chosen_by,
            "in_use": f.path.is_file(),
        }
        for f in resolved.files
    ]
    values = {
        s.key: {"value": s.value, "source": s.source.kind, "where": s.source.where or None}
        | ({"note": s.note} if s.note else {})
        for s in shown
    }
    return {"files": files, "settings": values}


@click.group("config")
def config_group() -> None:
    """The configuration: what is in effect and where it came from."""


@config_group.command()
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_obj
def show(app: AppContext, output: str) -> None:
    """Every setting, its value and where it came from; secrets are never shown."""
    from kiosk.catalog.in_use import catalog_in_use

    shown = shown_settings(app.resolved, os.environ)
    in_use = catalog_in_use(app.config, app.config.data_dir)
    if output == "json":
        document = json_document(app.resolved, shown) | {"catalog_in_use": in_use.document()}
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for line in text_lines(app.resolved, shown):
        click.echo(line)
    click.echo(f"# catalog in use: {in_use.describe()}")
    if in_use.last_check is not None:
        click.echo(f"# {in_use.last_check.describe()}")
