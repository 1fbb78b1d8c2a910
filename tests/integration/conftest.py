"""The command-line fixtures (`runner`, `workspace`) for every integration test; a module
that needs another `workspace` defines its own."""

from tests.integration.command_line import runner, workspace  # noqa: F401
