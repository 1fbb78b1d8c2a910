"""The installed `planner` command in a real terminal: started in tmux on a fresh workspace,
driven by keys, its screen read back. tmux is installed by .ci/run; elsewhere without it
these tests skip."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from planner.resources import sample_meeting_files
from planner.store import Workspace

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

PLANNER = str(Path(sys.executable).with_name("planner"))


class Terminal:
    """One tmux session on a private server, 120×35 unless told, running one command."""

    def __init__(
        self, command: list[str], environment: dict[str, str], size: tuple[int, int] = (120, 35)
    ) -> None:
        self.socket = f"planner-smoke-{uuid.uuid4().hex[:8]}"
        shell = f'{shlex.join(command)}; echo "planner exited with $?"; sleep 600'
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "smoke",
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            shell,
            environment=environment,
        )

    def _tmux(self, *arguments: str, environment: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *arguments],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "smoke")

    def press(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "smoke", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "smoke", "-l", text)

    def type_into_form(self, text: str) -> str:
        """Type into the field the form focuses first, once it has: keys sent before are
        lost, so type again (the field emptied) until the text shows."""
        for _ in range(10):
            self.press("C-u")
            self.type(text)
            try:
                return self.wait_for(text, seconds=2)
            except AssertionError:
                continue
        raise AssertionError(f"{text!r} could not be typed; the screen was:\n{self.screen()}")

    def wait_for(self, text: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never showed; the screen was:\n{screen}")
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def home(tmp_path):
    config = tmp_path / "config" / "planner"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(
        '[user]\nname = "Kari"\nlanguage = "nb"\n\n[keys]\n"app.help" = "f1"\n',
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
def environment(home):
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL")}
    return {
        **keep,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }


@pytest.fixture
def fresh_workspace(home, environment):
    location = home / "workspace.sqlite"
    subprocess.run(
        [PLANNER, "--workspace", str(location), "init"],
        check=True,
        env=environment,
        capture_output=True,
    )
    return location


@pytest.fixture
def terminal(fresh_workspace, environment):
    started = Terminal([PLANNER, "--workspace", str(fresh_workspace)], environment)
    yield started
    started.close()


def test_planner_opens_on_a_fresh_workspace_answers_keys_and_quits_cleanly(terminal):
    terminal.wait_for("Ingen møter")

    terminal.press("F1")  # the user's own key for help, from config.toml
    help_screen = terminal.wait_for("Avslutt")
    assert "F1" in help_screen or "f1" in help_screen

    terminal.press("Escape")
    terminal.wait_for("Ingen møter")
    terminal.press("q")
    terminal.wait_for("planner exited with 0")


@pytest.fixture
def ks_workspace(fresh_workspace, environment):
    sample = next(p for p in sample_meeting_files() if p.stem.startswith("ks-"))
    subprocess.run(
        [PLANNER, "--workspace", str(fresh_workspace), "import", str(sample)],
        check=True,
        env=environment,
        capture_output=True,
    )
    return fresh_workspace


def first_duration(location: Path) -> int:
    with Workspace.open(location, actor="test", create=False) as workspace:
        return workspace.get_meeting("ks-toppmote-integrering-2016").meeting.agenda[0].duration


def planner_pid(location: Path) -> int | None:
    found = subprocess.run(
        ["pgrep", "-f", f"planner --workspace {location}$"], capture_output=True, text=True
    ).stdout.split()
    return int(found[0]) if found else None


def wait_until_gone(pid: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while Path(f"/proc/{pid}").exists():
        assert time.monotonic() < deadline, f"planner (pid {pid}) is still running"
        time.sleep(0.1)


@pytest.fixture
def saves_only_when_stopped(home):
    """Saving as you go waits an hour here, so an edit reaches the workspace only through
    what the app does when it is stopped."""
    config = home / "config" / "planner" / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[editing]\nsave_after = 3600\n")


def edit_ks_agenda(terminal: Terminal, location: Path, key: str) -> int:
    """Open the KS agenda, press `key`, wait until the screen shows the edit made and not
    saved, and give planner's process id."""
    terminal.wait_for("Politisk toppmøte")
    terminal.press("Enter")
    terminal.wait_for("Velkommen")
    terminal.press(key)
    terminal.wait_for("Ikke lagret ennå")
    pid = planner_pid(location)
    assert pid is not None
    return pid


def test_an_edit_is_saved_when_the_system_stops_the_app(
    ks_workspace, environment, saves_only_when_stopped
):
    terminal = Terminal([PLANNER, "--workspace", str(ks_workspace)], environment)
    try:
        os.kill(edit_ks_agenda(terminal, ks_workspace, "+"), signal.SIGTERM)
        terminal.wait_for(f"planner exited with {128 + signal.SIGTERM}")
        assert "Traceback" not in terminal.screen()
    finally:
        terminal.close()
    assert first_duration(ks_workspace) == 15


def test_an_edit_is_saved_when_the_terminal_is_closed(
    ks_workspace, environment, saves_only_when_stopped
):
    terminal = Terminal([PLANNER, "--workspace", str(ks_workspace)], environment)
    try:
        pid = edit_ks_agenda(terminal, ks_workspace, "-")
    finally:
        terminal.close()  # the window closed: planner gets SIGHUP
    wait_until_gone(pid)
    assert first_duration(ks_workspace) == 5


def test_text_typed_into_a_form_survives_the_terminal_closing_and_the_app_being_stopped(
    ks_workspace, environment, saves_only_when_stopped, home
):
    command = [PLANNER, "--workspace", str(ks_workspace)]
    terminal = Terminal(command, environment)
    try:
        terminal.wait_for("Politisk toppmøte")
        terminal.press("n")
        terminal.wait_for("Nytt møte")
        terminal.type_into_form("bosetting-2026")
        pid = planner_pid(ks_workspace)
    finally:
        terminal.close()  # the window closed: planner gets SIGHUP
    wait_until_gone(pid)
    [draft] = (home / "data" / "planner" / "unsaved").glob("*.draft.yaml")
    assert "bosetting-2026" in draft.read_text(encoding="utf-8")

    terminal = Terminal(command, environment)  # the next start: offered back
    try:
        terminal.wait_for("Tekst du skrev ble tatt vare på")
        terminal.press("r")
        terminal.wait_for("Tittel (nb)")  # the form itself, not the offer
        assert "Nytt møte" in terminal.wait_for("bosetting-2026")
        os.kill(planner_pid(ks_workspace), signal.SIGTERM)  # stopped: kept again, and said
        stopped = terminal.wait_for(f"planner exited with {128 + signal.SIGTERM}")
        assert "Det du skrev i «Nytt møte» er lagt i" in stopped.replace("\n", "")
    finally:
        terminal.close()
    [draft] = (home / "data" / "planner" / "unsaved").glob("*.draft.yaml")
    assert "bosetting-2026" in draft.read_text(encoding="utf-8")


# -- the front door: `make run` is `planner demo --open` -----------------------------------------


def run_the_demo(environment: dict[str, str], size: tuple[int, int] = (120, 35)) -> Terminal:
    """What `make run` runs, in a terminal: the demo workspace refreshed, then opened."""
    return Terminal([PLANNER, "demo", "--open"], environment, size)


def demo_meeting(home: Path, slug: str):
    location = home / "data" / "planner" / "demo.sqlite"
    with Workspace.open(location, actor="test", create=False) as workspace:
        return workspace.get_meeting(slug).meeting


def test_make_run_again_finds_the_meeting_a_newcomer_made_and_the_sample_they_changed(
    environment, home
):
    first = run_the_demo(environment)
    try:
        first.wait_for("Påmeldt/plasser")  # the app's list (the refresh printed the titles)
        first.press("Down", "c")  # the KS summit copied as next year's: a meeting of their own
        first.wait_for("ks-toppmote-integrering-2017")
        first.press("Up", "Enter")  # back on the KS summit, its first item made longer
        first.wait_for("Velkommen")
        first.press("+")
        first.wait_for("Lagret")
        first.press("Escape")
        first.wait_for("ks-toppmote-integrering-2016")
        first.press("q")
        first.wait_for("planner exited with 0")
    finally:
        first.close()
    assert demo_meeting(home, "ks-toppmote-integrering-2016").agenda[0].duration == 15

    again = run_the_demo(environment)
    try:
        again.wait_for("Påmeldt/plasser")
        again.press("End")
        listed = again.wait_for("innspillsmote-integreringsmelding-2023 ·")  # the last one
        assert "Demoarbeidsområde: " in listed and "25.08.2017" in listed
        again.press("q")
        printed = again.wait_for("planner exited with 0")
    finally:
        again.close()
    assert "ks-toppmote-integrering-2017" in printed and "ditt eget møte" in printed
    assert "eksempel du har endret" in printed and "planner demo --reset" in printed
    assert demo_meeting(home, "ks-toppmote-integrering-2016").agenda[0].duration == 15
    assert demo_meeting(home, "ks-toppmote-integrering-2017").agenda[0].duration == 10


def test_at_80_columns_the_footer_and_the_status_line_end_in_an_ellipsis_not_mid_word(
    environment,
):
    from planner.tui import actions

    terminal = run_the_demo(environment, size=(80, 24))
    try:
        screen = terminal.wait_for("Påmeldt/plasser")
        terminal.press("Down", "Down")  # the conference, whose details fill the line
        screen = terminal.wait_for("nordisk-integrasjonskonferanse-2018 ·")
    finally:
        terminal.close()
    lines = [line.rstrip() for line in screen.splitlines() if line.strip()]
    footer, detail = lines[-1], lines[-2]
    assert detail.endswith("…") and len(detail) <= 80
    assert footer.endswith("…  f1 Hjelp") and len(footer) <= 80
    described = {actions.description(a.id, "nb") for a in actions.ACTIONS}
    pairs = [pair.strip() for pair in footer.removesuffix("…  f1 Hjelp").split("  ")]
    assert len([pair for pair in pairs if pair]) >= 3
    for pair in filter(None, pairs):
        words = pair.partition(" ")[2]
        assert words in described, f"{pair!r} is cut short"
