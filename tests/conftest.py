"""Shared fixtures."""

from __future__ import annotations

import pytest

from planner.resources import sample_meeting_files


@pytest.fixture(params=sample_meeting_files(), ids=lambda path: path.stem)
def sample_file(request):
    return request.param
