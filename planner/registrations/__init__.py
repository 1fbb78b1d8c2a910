"""Registrations as the secretariat handles them: merging a file into the workspace."""
