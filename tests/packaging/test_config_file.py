"""packaging/linux/config.toml, the system config install.sh writes, loads as documented."""

import re
from pathlib import Path

import pytest

from kiosk.config import Config, load_config, settings
from kiosk.errors import ConfigError
from tests.packaging.conftest import APP, LINUX

TEMPLATE = LINUX / "config.toml"
EXAMPLE = re.compile(r"^# ([a-z_0-9]+) = (.+)$", re.M)
COUNCIL_SETS = (
    "site",
    "desk",
    "staff_codes",
    "printer",
    "paper",
    "upload_target",
    "upload_token_file",
    "data_dir",
    "log_dir",
)


def load(path: Path) -> Config:
    return load_config(environ={"KIOSK_SYSTEM_CONFIG": str(path)})


def test_the_system_config_loads_with_the_kiosk_paths() -> None:
    config = load(TEMPLATE)
    assert config.data_dir == Path(f"/var/lib/{APP}")
    assert config.log_dir == Path(f"/var/log/{APP}")
    assert config.upload_token_file == Path(f"/etc/{APP}/upload-token")
    assert (config.site, config.desk, config.paper) == ("main-office", "desk-1", "a4")


def test_every_setting_a_council_sets_is_there_set_or_as_an_example() -> None:
    text = TEMPLATE.read_text()
    mentioned = set(re.findall(r"^(?:# )?([a-z_0-9]+) = ", text, re.M))
    assert set(COUNCIL_SETS) <= mentioned
    assert mentioned <= {s.key for s in settings()}, "a key the kiosk would refuse"


@pytest.mark.parametrize("example", EXAMPLE.findall(TEMPLATE.read_text()), ids=lambda e: e[0])
def test_each_commented_example_is_valid_when_uncommented(
    tmp_path: Path, example: tuple[str, str]
) -> None:
    key, value = example
    edited = tmp_path / "config.toml"
    edited.write_text(TEMPLATE.read_text().replace(f"# {key} = {value}", f"{key} = {value}"))
    config = load(edited)
    assert str(getattr(config, key)) == value.strip('"')


def test_a_misspelt_key_is_refused(tmp_path: Path) -> None:
    """So the tests above can fail: the kiosk refuses a key it does not know."""
    bad = tmp_path / "config.toml"
    bad.write_text(TEMPLATE.read_text().replace("desk = ", "desk_code = "))
    with pytest.raises(ConfigError, match="unknown setting 'desk_code'"):
        load(bad)
