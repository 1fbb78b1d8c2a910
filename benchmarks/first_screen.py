"""Start the planner as `planner --workspace W` does, and quit as soon as the first screen
shows the meetings. Run as a subprocess by `startup.py`, which times it from the outside."""

from __future__ import annotations

import sys


def main(location: str) -> None:
    from planner import config
    from planner.store import Workspace
    from planner.tui.app import PlannerApp
    from planner.tui.screens.meetings import MeetingsScreen

    workspace = Workspace.open(location, actor=config.current_actor(), create=False)

    async def quit_when_listed(pilot) -> None:
        app = pilot.app
        while not (isinstance(app.screen, MeetingsScreen) and app.screen.listed):
            await pilot.pause(0.005)
        await pilot.pause()  # the frame with the list
        app.exit()

    with workspace:
        PlannerApp(workspace).run(headless=True, size=(120, 40), auto_pilot=quit_when_listed)


if __name__ == "__main__":
    main(sys.argv[1])
