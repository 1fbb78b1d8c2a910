"""Registrations as the secretariat handles them: the status machine, places and quotas,
the waiting list and its promotion, offers that expire, undo; merging a file's
registrations into the workspace, and the warnings `planner check` gives.

The command line and the app call these functions (each one transaction); the rules are in
`status`, `capacity`, `promotion` and `offers`, the desk that applies them in `desk`.
"""

from planner.registrations.changes import (
    add,
    edit,
    expire_offers,
    if_a_place_frees,
    promote,
    set_status,
    set_statuses,
)
from planner.registrations.listing import (
    everyone,
    find,
    history,
    listing,
    page,
    places,
    waiting_list,
)
from planner.registrations.outcomes import Limit, Listed, Outcome, Places, Skipped, Transition
from planner.registrations.undo import undo

__all__ = [
    "Limit",
    "Listed",
    "Outcome",
    "Places",
    "Skipped",
    "Transition",
    "add",
    "edit",
    "everyone",
    "expire_offers",
    "find",
    "history",
    "if_a_place_frees",
    "listing",
    "page",
    "places",
    "promote",
    "set_status",
    "set_statuses",
    "undo",
    "waiting_list",
]
