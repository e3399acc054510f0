"""``make bench``: every benchmark, each against a floor measured in the same run."""

import os
import sys
import tempfile
from pathlib import Path

from bench import (
    catalog_bench,
    catalog_update_bench,
    cli_bench,
    contacts_bench,
    handout_bench,
    hub_bench,
    ui_bench,
    upload_bench,
)


def isolate(scratch: Path) -> None:
    """The kiosk as it ships, whatever this machine has: no installed kiosk's /etc config, no
    user config, and logs in a scratch folder (the commands the benchmarks run inherit it)."""
    os.environ["KIOSK_SYSTEM_CONFIG"] = str(scratch / "no-system-config.toml")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ["KIOSK_LOG_DIR"] = str(scratch / "logs")
    for name in ("KIOSK_CONFIG", "KIOSK_DATA_DIR", "KIOSK_CATALOG", "KIOSK_UPLOAD_TARGET"):
        os.environ.pop(name, None)


def main(arguments: list[str]) -> None:
    """Every benchmark; ``hub [--seconds S | --quick] [--workers N]`` runs only the hub's."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        isolate(Path(scratch))
        if arguments[:1] == ["hub"]:
            hub_bench.main(arguments[1:])
            return
        catalog_bench.run()
        catalog_update_bench.run()
        handout_bench.run()
        contacts_bench.run()
        cli_bench.run()
        upload_bench.run()
        ui_bench.run()
        hub_bench.run()


if __name__ == "__main__":
    main(sys.argv[1:])
