"""A click group whose commands load when used, so each command imports only what it needs.

Built-in commands are named with their module and a short help line, so ``kiosk --help``
lists them without importing any (a test holds each line to the command's own). Commands
that other packages add through an entry point group are looked up only for a name that is
not built in, or for the full list: reading entry points is slow.
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint


@dataclass(frozen=True)
class LazyCommand:
    target: str  # "package.module:attribute"
    short_help: str

    def load(self) -> click.Command:
        module, _, attribute = self.target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command")
        return command


class LazyGroup(click.Group):
    def __init__(
        self,
        *args: Any,
        lazy: Mapping[str, LazyCommand],
        plugin_group: str,
        **options: Any,
    ) -> None:
        super().__init__(*args, **options)
        self.lazy, self.plugin_group = lazy, plugin_group

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy, *self.plugins})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            return self.lazy[name].load()
        found = super().get_command(ctx, name)
        if found is not None:
            return found
        target = own_plugins(self.plugin_group).get(name)  # ours: without a scan of them all
        if target is not None:
            return LazyCommand(target, "").load()
        plugin = self.plugins.get(name)
        if plugin is None:
            return None
        command: click.Command = plugin.load()
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands with their short help, as click lays them out; of the commands, only
        plug-ins are loaded (to learn their help)."""
        found = []
        for name in self.list_commands(ctx):
            command = self._stand_in(name) if name in self.lazy else self._help_of(ctx, name)
            if command is not None and not command.hidden:
                found.append((name, command))
        if not found:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in found)
        with formatter.section("Commands"):
            formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in found])

    def _stand_in(self, name: str, short_help: str | None = None) -> click.Command:
        """A command with just the help of one not loaded, for click to lay out."""
        return click.Command(name, help=short_help or self.lazy[name].short_help)

    def _help_of(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command, or for a plug-in that cannot load, a line saying so (the rest of the
        list is still worth showing)."""
        try:
            return self.get_command(ctx, name)
        except Exception as exc:
            return self._stand_in(name, f"(cannot be loaded: {type(exc).__name__}: {exc})")

    @cached_property
    def plugins(self) -> dict[str, "EntryPoint"]:
        """The commands other packages add, by name (read once: entry points are slow)."""
        from importlib.metadata import entry_points

        return {e.name: e for e in entry_points(group=self.plugin_group)}


def own_plugins(group: str) -> dict[str, str]:
    """This distribution's own commands in ``group`` (name -> "module:attribute"), read from
    its entry_points.txt: importlib.metadata would scan every installed package (~30 ms)."""
    import configparser

    from kiosk import dist_info

    folder = dist_info()
    if folder is None:
        return {}
    parser = configparser.ConfigParser(delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read(folder / "entry_points.txt", encoding="utf-8")
    except (OSError, configparser.Error):
        return {}
    return dict(parser[group]) if parser.has_section(group) else {}
