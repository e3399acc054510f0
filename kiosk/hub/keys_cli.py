"""``kiosk hub keys``: the keys that sign the catalog kiosks fetch from the hub.

``init`` makes them once: the root key into a file IT keeps off the hub, the online keys into
the hub's data folder. ``rotate`` replaces the online keys (and, if asked, the root key) with a
new root version signed by the offline key. docs/hub.md, "Catalog updates", says when.
"""

from pathlib import Path

import click

from kiosk.cli.context import AppContext
from kiosk.errors import KioskError

_root_key_option = click.option(
    "--root-key",
    "root_key",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The offline root key's file (keep it off the hub, on a USB stick in a safe).",
)


@click.group("keys")
def keys_group() -> None:
    """The catalog's signing keys: an offline root key, online keys on the hub."""


@keys_group.command("init")
@_root_key_option
@click.pass_obj
def keys_init(app: AppContext, root_key: Path) -> None:
    """Make the catalog's keys and its first root metadata, once."""
    from kiosk.hub.catalog_keys import keys_folder
    from kiosk.hub.catalog_repository import CatalogRepository

    data_dir = app.data_dir()
    _refuse_on_the_hub(root_key, data_dir)
    if root_key.exists() or root_key.is_symlink():
        raise KioskError(f"{root_key} exists already: a key is never written over")
    first_root = CatalogRepository(data_dir).init(root_key)
    click.echo(f"The catalog's root key is in {root_key} (owner-only).")
    click.echo(
        "  Move it off the hub now, to somewhere safe: it signs every new root (key rotation)."
    )
    click.echo(f"The online keys are in {keys_folder(data_dir)} (owner-only).")
    click.echo("Install this root metadata file on every kiosk, as its trusted root:")
    click.echo(str(first_root))


@keys_group.command("rotate")
@_root_key_option
@click.option(
    "--new-root-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also replace the root key: the new one is written to this file.",
)
@click.pass_obj
def keys_rotate(app: AppContext, root_key: Path, new_root_key: Path | None) -> None:
    """New online keys (and the root's renewed for a year), signed by the root key."""
    from kiosk.hub.catalog_repository import CatalogRepository

    data_dir = app.data_dir()
    if new_root_key is not None:
        _refuse_on_the_hub(new_root_key, data_dir)
        if new_root_key.exists() or new_root_key.is_symlink():
            raise KioskError(f"{new_root_key} exists already: a key is never written over")
    repository = CatalogRepository(data_dir)
    version = repository.rotate(root_key, new_root_key)
    expires = repository.root_expires().strftime("%Y-%m-%d")
    click.echo(f"root metadata version {version} names new online keys; it expires {expires}")
    if new_root_key is not None:
        click.echo(f"The new root key is in {new_root_key}: keep it off the hub, as the old one.")
    click.echo("Kiosks take the new root at their next check; nothing to install on them.")


def _refuse_on_the_hub(key: Path, data_dir: Path) -> None:
    if key.resolve().is_relative_to(data_dir.resolve()):
        raise KioskError(
            f"{key} is in the hub's data folder: the root key must be kept off the hub "
            "(for example --root-key /media/usb/catalog-root.pem)"
        )
