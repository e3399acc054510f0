"""packaging/kiosk.spec: everything it ships exists, and its trimming spares what the kiosk needs.

The build itself is slow and stays out of `make test`; `make package && make package-smoke`
builds and runs it.
"""

import ast
import importlib.util
import re
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from kiosk.cli.main import COMMANDS
from tests.packaging.conftest import ROOT

SPEC = ROOT / "packaging" / "kiosk.spec"
TREE = ast.parse(SPEC.read_text())


def literal(name: str) -> list:  # type: ignore[type-arg]
    """Every list literal the spec assigns or adds to ``name``, joined."""
    found: list = []  # type: ignore[type-arg]
    for node in ast.walk(TREE):
        if isinstance(node, ast.Assign):
            targets = [getattr(t, "id", None) for t in node.targets]
        elif isinstance(node, ast.AugAssign):
            targets = [getattr(node.target, "id", None)]
        else:
            continue
        if name in targets and isinstance(node.value, ast.List):
            found += ast.literal_eval(node.value)
    assert found, f"the spec has no {name} list"
    return found


@pytest.mark.parametrize("shipped", literal("SHIPPED"), ids=lambda s: s[0])
def test_every_shipped_pattern_matches_files(shipped: tuple[str, str]) -> None:
    pattern, target = shipped
    matches = list(ROOT.glob(pattern))
    assert matches, f"{pattern} matches nothing"
    # kiosk/resources.py looks for these folders by name beside the kiosk package
    assert target.split("/")[0] in {"assets", "services_catalog"}
    assert Path(pattern).parent.as_posix() == target


def test_every_asset_the_app_reads_is_shipped() -> None:
    """No file under assets/ or services_catalog/ is left out, except translation sources."""
    shipped = {
        match.resolve() for pattern, _ in literal("SHIPPED") for match in ROOT.glob(pattern)
    }
    for folder in ("assets", "services_catalog"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix not in {".ts", ".md"}:
                assert path.resolve() in shipped, f"{path.relative_to(ROOT)} is not in the build"


def test_the_hidden_imports_and_entry_script_exist() -> None:
    for module in literal("hiddenimports"):
        assert importlib.util.find_spec(module) is not None, module
    assert "kiosk_entry.py" in SPEC.read_text()
    assert (ROOT / "packaging" / "kiosk_entry.py").is_file()


def test_kiosk_run_comes_from_the_metadata_the_spec_copies() -> None:
    """`kiosk run` is an entry point; the spec copies the metadata that declares it."""
    (run,) = [e for e in entry_points(group="kiosk.commands") if e.name == "run"]
    assert run.value == "ui.app:run"
    assert 'copy_metadata("assisted-digital-kiosk")' in SPEC.read_text()
    assert f"{run.module}" in literal("hiddenimports")


def test_every_command_loaded_by_name_is_in_the_build() -> None:
    """Commands are imported by name when used: the build must carry each module."""
    plugins = {e.module for e in entry_points(group="kiosk.commands")}
    builtin = {command.target.split(":")[0] for command in COMMANDS.values()}
    assert plugins | builtin <= set(literal("hiddenimports"))


@pytest.mark.parametrize(
    "needed",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/translations/qtbase_ar.qm",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Charts.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "assets/translations/kiosk_cy.qm",
    ],
)
def test_the_trimming_spares_what_the_kiosk_needs(needed: str) -> None:
    dropped = [part for part in literal("DROP") if part in needed]
    assert not dropped, f"{needed} would be dropped by {dropped}"


@pytest.mark.parametrize(
    "unwanted",
    [
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/lib/libQt63DCore.so.6",
        "PySide6/Qt/qml/QtQuick/VirtualKeyboard/qmldir",
    ],
)
def test_the_trimming_drops_quick_qml_webengine_and_3d(unwanted: str) -> None:
    assert any(part in unwanted for part in literal("DROP"))


def test_make_test_does_not_build_the_package() -> None:
    makefile = (ROOT / "Makefile").read_text()
    test_rule = re.search(r"^test:(.*)$", makefile, re.M)
    assert test_rule
    assert "package" not in test_rule[1]
    for target in ("package:", "package-smoke:"):
        assert re.search(rf"^{target}", makefile, re.M), target
