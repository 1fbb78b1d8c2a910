"""Registrations from form exports: reading the file (`reading`), which column is which
(`fields`, `presets`, `mapping`), each row as a registration (`normalise`, `registrants`),
duplicates (`duplicates`) and the dry run (`plan`). Pure functions: nothing here opens the
workspace, so the command line, the app and the tests call the same ones."""
