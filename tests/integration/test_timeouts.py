"""No hangs: a server that never answers and a lock someone else holds both end in one clear
message within seconds."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from planner.errors import WorkspaceUnavailable
from planner.model import Meeting
from planner.store import Workspace
from tests.factories import conference_data


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A local port that accepts connections and never says a word."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(connection)  # held open, never answered

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_accepts_and_never_answers_gives_up_with_a_message(
    silent_server: int, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("planner.store.engine.CONNECT_TIMEOUT", 1)
    url = f"postgresql://planner:secret@127.0.0.1:{silent_server}/planner"
    outcome: list[BaseException] = []

    def open_it() -> None:
        try:
            Workspace.open(url, "ada").close()
        except BaseException as error:
            outcome.append(error)

    opener = threading.Thread(target=open_it, daemon=True)
    opener.start()
    opener.join(timeout=30)

    assert not opener.is_alive(), "opening the workspace hung"
    [error] = outcome
    assert isinstance(error, WorkspaceUnavailable)
    assert (
        f"cannot reach the workspace postgresql+psycopg://planner:***@127.0.0.1:{silent_server}"
        in str(error)
    )
    assert "secret" not in str(error)


def test_a_row_lock_held_by_someone_else_ends_in_a_busy_message(postgres_url: str):
    with Workspace.open(postgres_url, "ada", busy_timeout=0.5) as workspace:
        opened = workspace.add_meeting(Meeting.model_validate(conference_data("laast")))
        engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"))
        try:
            with engine.connect() as other, other.begin():
                other.execute(text("SELECT id FROM meetings WHERE slug = 'laast' FOR UPDATE"))

                with pytest.raises(WorkspaceUnavailable) as raised:
                    workspace.save_meeting(
                        opened.id, opened.meeting.model_copy(update={"capacity": 5}), 1
                    )

            assert "is busy: someone else has been changing it for more than 0.5 s" in str(
                raised.value
            )
        finally:
            engine.dispose()
        assert workspace.get_meeting("laast").version == 1
