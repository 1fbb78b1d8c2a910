"""Minutes that could not be saved, kept in a file so that nothing typed is lost: the app's
minutes screen writes them here when a colleague saved the minutes in between, or when
typed text breaks a rule and the screen is left anyway.

    keep_aside("formannskapet-2015-11", minutes, typed)  -> '~/.local/share/planner/unsaved/
                                                   formannskapet-2015-11-minutes-20261204T0930Z.yaml'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import yaml

from planner import config
from planner.files import write_output
from planner.model.minutes import Minutes


def keep_aside(slug: str, minutes: Minutes, typed: Mapping[str, Any] | None = None) -> str:
    """Write `minutes` (and text `typed` that the rules refused, by item) to a new file in
    the data folder's `unsaved/`; returns its path."""
    folder = config.data_folder() / "unsaved"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{slug}-minutes-{stamp}.yaml"
    copy = 1
    while target.exists():
        copy += 1
        target = folder / f"{slug}-minutes-{stamp}-{copy}.yaml"
    content: dict[str, Any] = {"minutes": minutes.model_dump(mode="json", exclude_defaults=True)}
    if typed:
        content["typed but not saved"] = dict(typed)
    text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100)
    return write_output(target, text)
