"""Storage limitation: contacts are kept for ``retention_days``, then deleted."""

from datetime import UTC, datetime, timedelta

from kiosk.config import Config
from kiosk.contacts.store import ContactLog


def retention_cutoff(config: Config, now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)) - timedelta(days=config.retention_days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def purge_expired(log: ContactLog, config: Config) -> tuple[int, str]:
    """Delete what is past retention (never an unsent contact while upload is on)."""
    cutoff = retention_cutoff(config)
    return log.purge(cutoff, uploads_enabled=config.upload_enabled), cutoff
