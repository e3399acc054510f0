"""The kiosk's configuration: every setting declared once, here, with its default and meaning.

Values come from, highest first: command-line options, environment variables, the user
config file (``--config`` / ``KIOSK_CONFIG`` / the user config dir), the system config file
(``KIOSK_SYSTEM_CONFIG`` / ``/etc/assisted-digital-kiosk/config.toml``), then the defaults
below. ``resolve_config`` also says where each value came from (``kiosk config show``).
``docs/configuration.md`` documents each setting; a test keeps the two in step.
"""

import dataclasses
import os
import re
import sys
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Any, Literal
from urllib.parse import urlsplit

from platformdirs import site_config_path, user_config_path, user_data_path, user_log_path

from kiosk import APP_NAME, config_checks
from kiosk.contacts import codes
from kiosk.contacts.code_rules import StaffForm
from kiosk.errors import ConfigError
from kiosk.resources import demo_catalog_dir
from kiosk.tomlfile import TomlFileError, read_toml

CONFIG_ENV = "KIOSK_CONFIG"
SYSTEM_CONFIG_ENV = "KIOSK_SYSTEM_CONFIG"
CONFIG_NAME = "config.toml"
CATALOG_ROOT_NAME = "catalog-root.json"  # beside the system config file, unless set
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}\Z")
_CODE_RULE = "use letters, digits, - and _, at most 40, starting with a letter or digit"
_TEXT_RULES = {
    "printer": (
        # Windows names printers like "HP LaserJet M404 (Front desk)" or \\server\queue.
        re.compile(r"^[A-Za-z0-9\\](?:[A-Za-z0-9_.@(), \\-]{0,126}[A-Za-z0-9_.@)\\-])?\Z"),
        "a printer name as the system knows it: letters, digits, spaces and _ . @ - ( ) , \\",
    ),
    "upload_target": (
        re.compile(r"^(https://|http://|file:///|file://localhost/)[^\s\x00-\x1f\x7f]{1,500}\Z"),
        "an https:// address, or file:/// and a folder",
    ),
    "hub_database": (  # kiosk/hub/database.py says which addresses it can use, and why not
        re.compile(r"^[a-z][a-z0-9+]{0,39}://[^\s\x00-\x1f\x7f]{0,1000}\Z"),
        "a database address: sqlite:///FILE or postgresql+psycopg://USER@HOST/NAME",
    ),
    "upload_token_env": (
        re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}\Z"),
        "the name of an environment variable, like KIOSK_UPLOAD_TOKEN",
    ),
    "catalog_source": (  # and _catalog_source_problem
        re.compile(r"^https?://\S{1,500}/\Z"),
        "the hub's https:// catalog address, ending in /, like https://hub.example/catalog/",
    ),
    "staff_code_pattern": (
        re.compile(r"^[ -~]{0,200}\Z"),  # checked as a regular expression by config_checks
        "a regular expression in plain ASCII, at most 200 characters",
    ),
}
Paper = Literal["a4", "a5", "receipt80"]


def _setting(
    doc: str,
    *,
    default: Any = dataclasses.MISSING,
    factory: Callable[[], Any] | None = None,
    default_doc: str | None = None,
    env: str | None = None,
    bounds: tuple[float, float] | None = None,
) -> Any:
    metadata = {"doc": doc, "env": env, "default_doc": default_doc, "bounds": bounds}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def default_config_file() -> Path:
    return user_config_path(APP_NAME, appauthor=False) / CONFIG_NAME


def default_system_config_file() -> Path:
    """``/etc/assisted-digital-kiosk/config.toml``; Windows: under ``C:\\ProgramData``."""
    if sys.platform in ("win32", "darwin"):
        return site_config_path(APP_NAME, appauthor=False) / CONFIG_NAME
    return Path("/etc") / APP_NAME / CONFIG_NAME  # not platformdirs' /etc/xdg: IT looks in /etc


def default_data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False)


def default_catalog_root() -> Path:
    return default_system_config_file().parent / CATALOG_ROOT_NAME


@dataclass(frozen=True)
class Config:
    catalog: Path = _setting(
        "Folder holding the services catalog (council.toml, categories.toml, services/).",
        factory=demo_catalog_dir,
        default_doc="the bundled demo catalog",
        env="KIOSK_CATALOG",
    )
    catalog_source: str | None = _setting(
        "The council hub's signed catalog, as https://HUB/catalog/ (ending in /). When set, "
        "the kiosk checks it at start and every catalog_check_minutes, and uses the newest "
        "version that passes every check (kiosk catalog update does it once); the catalog "
        "folder is used until the first one arrives. Plain http:// only to this computer.",
        default=None,
        default_doc="unset: the catalog folder only",
    )
    catalog_root: Path = _setting(
        "The hub's root metadata file (1.root.json from kiosk hub keys init), installed by "
        "IT: the keys this kiosk trusts to sign the catalog.",
        factory=default_catalog_root,
        default_doc="catalog-root.json beside the system config file "
        "(Linux: /etc/assisted-digital-kiosk/catalog-root.json)",
    )
    catalog_check_minutes: int = _setting(
        "Minutes between the touchscreen's checks for a new catalog on the hub (and one at "
        "start). 0: only at start.",
        default=60,
        bounds=(0, 1440),
    )
    catalog_timeout_s: float = _setting(
        "The longest one file of the hub's catalog may take to arrive, in seconds, from the "
        "request to its last byte (a hub that trickles slowly still stops then).",
        default=30.0,
        bounds=(0.1, 600),
    )
    data_dir: Path = _setting(
        "Folder for the kiosk's own data: the contact log and the last good catalog.",
        factory=default_data_dir,
        default_doc="the user data directory (Linux: ~/.local/share/assisted-digital-kiosk)",
        env="KIOSK_DATA_DIR",
    )
    log_dir: Path = _setting(
        "Folder for the kiosk's log file, kiosk.log (1 MB, the last 5 kept as kiosk.log.1 to "
        ".5). No PIN, token or anything about a resident is ever written there.",
        factory=default_log_dir,
        default_doc="the user log directory (Linux: ~/.local/state/assisted-digital-kiosk/log)",
        env="KIOSK_LOG_DIR",
    )
    site: str = _setting(
        "Code of the office or library this kiosk stands in; goes into every contact. "
        "Letters, digits, - and _, at most 40.",
        default="main-office",
    )
    desk: str = _setting(
        "Code of the desk within the site; goes into every contact. Same rules as site.",
        default="desk-1",
    )
    staff_codes: tuple[str, ...] = _setting(
        "The codes staff choose from when they sign in at the start of a shift: initials or "
        "numbers, never names (the contact log is pseudonymous). Letters and digits, at most "
        "8; nothing shaped like a phone number, NI number, postcode, date or e-mail address.",
        default=("AB", "CD", "EF"),
        default_doc='["AB", "CD", "EF"]',
    )
    staff_code_pattern: str = _setting(
        "The form of any other staff code the kiosk accepts (kiosk contacts add --staff, an "
        "import's staff column), as a regular expression the whole code must match; empty: "
        "only the codes in staff_codes. A form that would take a name is refused.",
        default=codes.STAFF_PATTERN,
        default_doc=codes.STAFF_PATTERN_RULE,
    )
    save_folders: tuple[Path, ...] = _setting(
        "Folders staff may save a handout or an export to, besides USB sticks (drives "
        "mounted under /media or /run/media, found by themselves): a shared drive, say. "
        "Staff see only these, never the computer's other files.",
        default=(),
        default_doc="[] (USB sticks only)",
    )
    idle_timeout_s: int = _setting(
        'Seconds without a touch before the kiosk asks "Are you still there?" and, 15 '
        "seconds later, clears what the resident saw and returns to the start screen. "
        "0: never.",
        default=120,
        bounds=(0, 3600),
    )
    retention_days: int = _setting(
        "Days a contact is kept. `kiosk purge` (run at every start) deletes uploaded contacts "
        "older than this; contacts not yet uploaded are kept unless upload_enabled is false.",
        default=90,
        bounds=(0, 3650),
    )
    upload_enabled: bool = _setting(
        "Whether contacts are uploaded to the council's central system. When false, purge "
        "deletes old contacts whether or not they were uploaded.",
        default=True,
    )
    cost_face_to_face: float | None = _setting(
        "The council's own cost of one face-to-face contact, in pounds, for the estimated "
        "saving in reports. Unset: no saving is estimated.",
        default=None,
        default_doc="unset",
        bounds=(0, 10_000),
    )
    cost_phone: float | None = _setting(
        "The council's own cost of one phone contact, in pounds (reports).",
        default=None,
        default_doc="unset",
        bounds=(0, 10_000),
    )
    cost_web: float | None = _setting(
        "The council's own cost of one online transaction, in pounds (reports).",
        default=None,
        default_doc="unset",
        bounds=(0, 10_000),
    )
    printer: str | None = _setting(
        "Printer for handouts, by its system name (Linux: as `lpstat -p` lists it). "
        "Unset: the system's default printer.",
        default=None,
        default_doc="unset",
    )
    paper: Paper = _setting(
        "Handout paper: a4 or a5 sheets, or receipt80 for an 80 mm receipt printer.",
        default="a4",
    )
    print_deadline_s: float = _setting(
        "Seconds the kiosk waits for the printer to finish a handout. Until then staff see "
        "that it is being sent; after it, or at once when the printer is stopped, they are "
        "told it did not print and why, and the job is cancelled so it cannot print later.",
        default=45.0,
        bounds=(1, 600),
    )
    read_aloud: bool = _setting(
        "Whether the service screen offers Read aloud where this computer has a speech "
        "engine (speech-dispatcher on Linux). Turn it off on a desk without speakers.",
        default=True,
        env="KIOSK_READ_ALOUD",
    )
    upload_target: str | None = _setting(
        "Where contacts are uploaded: the council's https:// endpoint (see "
        "docs/upload-api.md), or file:/// and a folder such as a network share. Unset: "
        "contacts wait on the kiosk.",
        default=None,
        default_doc="unset",
        env="KIOSK_UPLOAD_TARGET",
    )
    upload_token_file: Path | None = _setting(
        "File holding the upload token (sent as Authorization: Bearer). Keep it readable "
        "only by the kiosk's user. The token never appears in logs, exports or messages. "
        "A folder, device or pipe, or a file over 64 KiB, is refused.",
        default=None,
        default_doc="unset",
    )
    upload_token_env: str | None = _setting(
        "Name of an environment variable holding the upload token, instead of a file.",
        default=None,
        default_doc="unset",
    )
    upload_ca_bundle: Path | None = _setting(
        "A PEM file of certificate authorities to trust for the upload endpoint, for "
        "councils with their own CA. Certificates are always checked. The file must exist "
        "and hold at least one certificate.",
        default=None,
        default_doc="unset: the system's trusted certificates",
    )
    upload_batch_size: int = _setting(
        "Contacts per upload request.", default=500, bounds=(1, 10_000)
    )
    upload_timeout_s: float = _setting(
        "The longest one upload request may take, in seconds: from sending a batch to the "
        "last byte of the answer (an answer trickled slowly still stops then).",
        default=30.0,
        bounds=(0.1, 600),
    )
    upload_backoff_base_s: float = _setting(
        "First wait, in seconds, after a failed upload; it doubles with each failure "
        "(with random jitter) up to upload_backoff_cap_s.",
        default=30.0,
        bounds=(0.01, 3600),
    )
    upload_backoff_cap_s: float = _setting(
        "Longest wait, in seconds, between upload attempts; not less than upload_backoff_base_s.",
        default=3600.0,
        bounds=(0.01, 86_400),
    )
    hub_database: str | None = _setting(
        "The council hub's database (kiosk hub, on the hub's machine only): "
        "postgresql+psycopg://USER@HOST/NAME, or sqlite:///FILE. Unset: hub.db in the data "
        "folder. A password belongs in ~/.pgpass or PGPASSWORD, not here.",
        default=None,
        default_doc="unset: hub.db in the data folder",
        env="KIOSK_HUB_DATABASE",
    )
    config_file: Path | None = field(default=None, compare=False, metadata={"internal": True})

    @property
    def staff_form(self) -> StaffForm:
        """The staff codes this council accepts where one is typed in (see Contact)."""
        return StaffForm(self.staff_code_pattern, self.staff_codes)


@dataclass(frozen=True)
class Setting:
    key: str
    doc: str
    default: str
    env: str | None
    bounds: tuple[float, float] | None = None  # a number's lowest and highest allowed


def settings() -> tuple[Setting, ...]:
    """Every setting a council can write in the config file, in declaration order."""
    found = []
    for f in dataclasses.fields(Config):
        if f.metadata.get("internal"):
            continue
        default = f.metadata["default_doc"] or _toml_literal(f.default)
        metadata = f.metadata
        found.append(
            Setting(f.name, metadata["doc"], default, metadata["env"], metadata["bounds"])
        )
    return tuple(found)


def _toml_literal(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


@dataclass(frozen=True)
class Source:
    """Where a value came from: ``kind`` and, but for defaults, the file, variable or option."""

    kind: Literal["default", "system file", "user file", "environment", "option"]
    where: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.where}".strip()


DEFAULT = Source("default")


@dataclass(frozen=True)
class ConfigFile:
    """A config file the kiosk looks at; a ``required`` one must exist, the others may not."""

    layer: Literal["system file", "user file"]
    path: Path
    chosen_by: str  # --config, KIOSK_CONFIG, KIOSK_SYSTEM_CONFIG or "default location"
    required: bool = False

    def in_use(self) -> bool:
        return self.required or self.path.is_file()


@dataclass(frozen=True)
class ResolvedConfig:
    config: Config
    sources: Mapping[str, Source]  # every setting's key -> where its value came from
    files: tuple[ConfigFile, ...]  # the system file, then the user file


def load_config(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Build the effective configuration; ``overrides`` are command-line values (None = unset)."""
    return resolve_config(config_file, overrides, environ).config


def resolve_config(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ResolvedConfig:
    """The effective configuration and where each value came from, lowest layer first."""
    environ = os.environ if environ is None else environ
    system, user = system_config_file(environ), user_config_file(config_file, environ)
    values: dict[str, Any] = {}
    sources = {s.key: DEFAULT for s in settings()}
    files = (_file_layer(system), _file_layer(user))
    for layer in (*files, _env_layer(environ), _option_layer(overrides)):
        for key, value, source in layer:
            values[key], sources[key] = value, source
    values.setdefault("catalog_root", system.path.parent / CATALOG_ROOT_NAME)
    config = Config(**values, config_file=user.path if user.path.is_file() else None)
    _check_together(config, sources)
    return ResolvedConfig(config, sources, (system, user))


def _check_together(config: Config, sources: Mapping[str, Source]) -> None:
    """The checks of one setting against another, named by where the first was set."""
    hub = config.catalog_source and _catalog_source_problem(config.catalog_source)
    if hub:
        raise ConfigError(f"{sources['catalog_source'].where}: catalog_source: {hub}")
    missing = config_checks.missing_ca_bundle(config.upload_ca_bundle, config.upload_target)
    if missing:
        raise ConfigError(f"{sources['upload_ca_bundle'].where}: {missing}")
    base, cap = config.upload_backoff_base_s, config.upload_backoff_cap_s
    if cap < base:
        origin = sources["upload_backoff_cap_s"].where or sources["upload_backoff_base_s"].where
        raise ConfigError(
            f"{origin}: upload_backoff_cap_s: {config_checks.plain(cap)} is less than "
            f"upload_backoff_base_s ({config_checks.plain(base)}); the longest wait cannot be "
            "shorter than the first"
        )


def _catalog_source_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is the check: a port out of range raises
    except ValueError as exc:
        return f"{url!r} is not a web address ({exc})"
    if not parts.hostname or parts.query or parts.fragment or parts.username:
        return f"{url!r} must be just https://, the hub's name and the catalog's path"
    if parts.scheme == "http" and not config_checks.is_this_computer(parts.hostname):
        return (
            f"{url!r} is plain http:// to another computer: use https:// (plain http:// is "
            "only for this computer, for testing)"
        )
    return None


def system_config_file(environ: Mapping[str, str]) -> ConfigFile:
    """The machine-wide file IT writes; skipped when it does not exist."""
    if environ.get(SYSTEM_CONFIG_ENV):
        return ConfigFile("system file", Path(environ[SYSTEM_CONFIG_ENV]), SYSTEM_CONFIG_ENV)
    return ConfigFile("system file", default_system_config_file(), "default location")


def user_config_file(config_file: Path | None, environ: Mapping[str, str]) -> ConfigFile:
    """``--config``, else ``KIOSK_CONFIG`` (either must exist), else the user config dir."""
    if config_file is not None:
        return ConfigFile("user file", config_file, "--config", required=True)
    if environ.get(CONFIG_ENV):
        return ConfigFile("user file", Path(environ[CONFIG_ENV]), CONFIG_ENV, required=True)
    return ConfigFile("user file", default_config_file(), "default location")


Layer = Iterator[tuple[str, Any, Source]]


def _file_layer(file: ConfigFile) -> Layer:
    if file.in_use():
        source = Source(file.layer, str(file.path))
        for key, value in _read_file(file.path).items():
            yield key, value, source


def _env_layer(environ: Mapping[str, str]) -> Layer:
    for s in settings():
        if s.env and environ.get(s.env):
            origin = f"environment variable {s.env}"
            yield s.key, _coerce(s.key, environ[s.env], origin), Source("environment", s.env)


def _option_layer(overrides: Mapping[str, Any] | None) -> Layer:
    for key, value in (overrides or {}).items():
        if value is not None:
            option = f"--{key.replace('_', '-')}"
            yield key, _coerce(key, value, f"option {option}"), Source("option", option)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = read_toml(path)
    except TomlFileError as exc:
        raise ConfigError(str(exc)) from None
    known = {s.key for s in settings()}
    values = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(
                f"{path}: unknown setting '{key}' (known settings: {', '.join(sorted(known))})"
            )
        values[key] = _coerce(key, value, str(path), relative_to=path.parent)
    return values


def _coerce(key: str, value: Any, origin: str, relative_to: Path | None = None) -> Any:
    kind = _without_none(typing.get_type_hints(Config)[key])
    if kind is Path:
        path = _path(key, value, origin, relative_to)
        problem = config_checks.path_problem(key, path)
        if problem:
            raise ConfigError(f"{origin}: {problem}")
        return path
    if kind in (int, float):
        return _number(key, value, origin, kind)
    if kind is bool:
        return _flag(key, value, origin)
    if kind == tuple[Path, ...]:  # folders: an empty list is allowed
        if not isinstance(value, list | tuple):
            raise ConfigError(f'{origin}: {key}: must be a list like ["/srv/handouts"]')
        return tuple(_path(key, item, origin, relative_to) for item in value)
    if typing.get_origin(kind) is tuple:
        if not isinstance(value, list | tuple) or not value:
            raise ConfigError(f'{origin}: {key}: must be a list like ["AB", "CD"]')
        return tuple(_coerce_text(key, item, origin) for item in value)
    if typing.get_origin(kind) is Literal:
        return _choice(key, value, origin, typing.get_args(kind))
    return _coerce_text(key, value, origin)


def _coerce_text(key: str, value: Any, origin: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{origin}: {key}: must be text in quotes, got {value!r}")
    problem = config_checks.text_problem(key, value)  # first: it never repeats personal data
    if problem:
        raise ConfigError(f"{origin}: {problem}")
    pattern, rule = _TEXT_RULES.get(key, (_CODE, _CODE_RULE))
    if not pattern.match(value):
        shown = "this address" if key == "hub_database" else f"'{value}'"  # it may hold a password
        raise ConfigError(f"{origin}: {key}: {shown} is not allowed ({rule})")
    return value


def _without_none(kind: Any) -> Any:
    """``X | None`` -> ``X``: an unset setting is simply left out of the file."""
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    return args[0] if typing.get_origin(kind) in (UnionType, typing.Union) and args else kind


def _path(key: str, value: Any, origin: str, relative_to: Path | None) -> Path:
    if not isinstance(value, str | Path) or not str(value):
        raise ConfigError(f"{origin}: {key}: must be a folder path as text")
    path = Path(value).expanduser()
    return relative_to / path if relative_to is not None and not path.is_absolute() else path


def _flag(key: str, value: Any, origin: str) -> bool:
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    if not isinstance(value, bool):
        raise ConfigError(f"{origin}: {key}: must be true or false, got {value!r}")
    return value


def _choice(key: str, value: Any, origin: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"{origin}: {key}: must be one of {', '.join(allowed)}, got {value!r}")
    return str(value)


def _number(key: str, value: Any, origin: str, kind: type[int] | type[float]) -> Any:
    number = _as_number(value, kind)
    what = "a whole number" if kind is int else "a number"
    if number is not None and number < 0:
        raise ConfigError(f"{origin}: {key}: must be {what} of 0 or more, got {value!r}")
    low, high = _BOUNDS[key]
    if number is None or not config_checks.within(number, low, high):
        allowed_range = config_checks.range_text(key, low, high)
        raise ConfigError(f"{origin}: {key}: must be {what} {allowed_range}, got {value!r}")
    return kind(number)


def _as_number(value: Any, kind: type[int] | type[float]) -> float | None:
    """``value`` as ``kind`` (text too: from the environment or an option), or None."""
    try:
        number = kind(value) if isinstance(value, str) else value
    except ValueError:
        return None
    allowed = (int, float) if kind is float else (int,)
    if isinstance(number, bool) or not isinstance(number, allowed):
        return None
    return float(number) if kind is float else int(number)


_BOUNDS = {s.key: s.bounds for s in settings() if s.bounds}
