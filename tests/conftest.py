"""Shared fixtures."""

from __future__ import annotations

import os

import pytest

from planner.resources import sample_meeting_files
from planner.words import DEFAULT_LANGUAGE, STRICT_ENV, set_language

# A label missing in a language shows as ⟦key:language⟧ in every test, never as English.
os.environ[STRICT_ENV] = "1"


@pytest.fixture(autouse=True)
def speaking_english():
    """Each test starts in Planner's default language: one that sets another (the command
    line's --lang, the app's `l`) leaves it behind for the next."""
    set_language(DEFAULT_LANGUAGE)
    yield
    set_language(DEFAULT_LANGUAGE)


@pytest.fixture(params=sample_meeting_files(), ids=lambda path: path.stem)
def sample_file(request):
    return request.param


@pytest.fixture
def postgres_url() -> str:
    """A scratch PostgreSQL database emptied of Planner's tables. .ci/run starts one and sets
    PLANNER_TEST_POSTGRES_URL; elsewhere these tests skip."""
    url = os.environ.get("PLANNER_TEST_POSTGRES_URL", "")
    if not url:
        pytest.skip("set PLANNER_TEST_POSTGRES_URL to a scratch PostgreSQL database")
    from sqlalchemy import create_engine, text

    from planner.store.schema import metadata

    tables = ", ".join([*metadata.tables, "alembic_version"])
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    f"DROP TABLE IF EXISTS {tables} CASCADE; "
                    "DROP FUNCTION IF EXISTS planner_audit_log_append_only() CASCADE"
                )
            )
    finally:
        engine.dispose()
    return url
