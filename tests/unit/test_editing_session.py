"""The editing state of one record, below the app: its states, a colleague's save merged or
clashing, and the user's version kept aside (or not, and why) — with a store in memory."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from planner.agenda import editing
from planner.agenda.merging import merge_meetings
from planner.editing.clashes import Choice
from planner.editing.keeping import KeepAsideFailed, kept_files
from planner.editing.session import EditingSession, EditState, Outcome, Version
from planner.errors import BadInput, Conflict, WorkspaceUnavailable
from planner.meeting_files import yaml_text
from planner.model import Meeting
from planner.words import speaking
from tests.mounts import fill, make_read_only, tmpfs
from tests.unit.test_agenda_editing import meeting


class Store:
    """One meeting, saved as the workspace saves it: refused when the version is stale."""

    def __init__(self, record: Meeting) -> None:
        self.record, self.version = record, 1
        self.loads = self.looks = 0
        self.hold: threading.Event | None = None
        self.down = False

    def load(self) -> Version[Meeting]:
        self.loads += 1
        return Version(self.record, self.version, "kollega")

    def save(self, record: Meeting, version: int) -> Version[Meeting]:
        if self.hold is not None:
            self.hold.wait(10)
        if self.down:
            raise WorkspaceUnavailable("the workspace is busy")
        if version != self.version:
            raise Conflict(f"changed since version {version}")
        self.record, self.version = record, self.version + 1
        return Version(record, self.version, "meg")

    def version_now(self) -> int:
        self.looks += 1
        return self.version

    def colleague(self, change) -> None:
        self.record, self.version = change(self.record), self.version + 1


@pytest.fixture(autouse=True)
def in_english():
    """What is said here is read in English, whatever another test last set."""
    with speaking("en"):
        yield


@pytest.fixture
def data_folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def store() -> Store:
    return Store(meeting())


def session_on(store: Store) -> EditingSession[Meeting]:
    return EditingSession(
        name=lambda m: m.slug,
        load=store.load,
        save=store.save,
        text=lambda m, base: yaml_text(m.model_dump(exclude_defaults=True)),
        merge=merge_meetings,
        version_now=store.version_now,
    )


def longer(path, minutes=5):
    return lambda m: editing.change_duration(m, path, minutes)


def test_a_session_goes_from_loading_to_saved_unsaved_saving_and_saved_again(store, data_folder):
    session = session_on(store)
    assert session.state is EditState.LOADING
    session.load()
    assert session.state is EditState.SAVED
    session.edit(longer((0,))(session.present))
    assert session.state is EditState.UNSAVED

    store.hold = threading.Event()
    saving = threading.Thread(target=session.save)
    saving.start()
    while session.state is not EditState.SAVING:
        saving.join(0.01)
    store.hold.set()
    saving.join()
    assert session.state is EditState.SAVED and store.version == 2


def test_undoing_back_to_the_stored_version_has_nothing_to_save(store, data_folder):
    session = session_on(store)
    session.load()
    stored = session.present
    session.edit(longer((0,))(stored))
    session.edit(stored.model_copy())
    assert session.state is EditState.SAVED


def test_a_colleagues_save_of_another_item_is_merged_and_saved_with_yours(store, data_folder):
    session = session_on(store)
    session.load()
    store.colleague(longer((2,)))
    session.edit(longer((0,))(session.present))
    assert session.save() is Outcome.MERGED
    assert session.state is EditState.SAVED
    assert [store.record.agenda[i].duration for i in (0, 2)] == [15, 20]
    assert session.taken_in is not None and session.taken_in.by == "kollega"


def test_a_colleagues_save_of_the_same_item_diverges_and_leaving_keeps_yours_aside(
    store, data_folder
):
    session = session_on(store)
    session.load()
    store.colleague(longer((0,), 20))
    session.edit(longer((0,))(session.present))
    assert session.save() is Outcome.CLASHED
    assert session.state is EditState.DIVERGED
    assert session.save() is Outcome.NOTHING  # never saved over theirs unsettled

    assert session.leave() is Outcome.KEPT
    [kept] = kept_files()
    assert kept.path == session.kept and kept.base is not None
    assert "duration: 15" in kept.path.read_text(encoding="utf-8")
    assert store.record.agenda[0].duration == 30  # theirs, untouched


def test_taking_theirs_keeps_yours_first_and_refuses_when_it_cannot(store, data_folder):
    session = session_on(store)
    session.load()
    store.colleague(longer((0,), 20))
    session.edit(longer((0,))(session.present))
    session.save()
    [clash] = session.merged().clashes
    data_folder.mkdir()
    (data_folder / "unsaved").write_text("a file where the folder should be")

    with pytest.raises(KeepAsideFailed, match="a part of the path is not a folder"):
        session.resolve({clash.key: Choice.TAKE_THEIRS})
    assert session.state is EditState.DIVERGED  # nothing of yours dropped
    assert session.present.agenda[0].duration == 15

    elsewhere = session.keep_aside(data_folder / "elsewhere")
    assert elsewhere.parent == data_folder / "elsewhere"
    session.resolve({clash.key: Choice.TAKE_THEIRS}, mine_kept=True)
    assert session.state is EditState.SAVED and session.present.agenda[0].duration == 30


def test_keeping_aside_on_a_full_disk_says_so_and_leaves_nothing_half_written(store, data_folder):
    session = session_on(store)
    session.load()
    session.edit(longer((0,))(session.present))
    with tmpfs(data_folder / "unsaved", size="64k") as folder:
        fill(folder)
        with pytest.raises(KeepAsideFailed, match="the disk is full"):
            session.keep_aside()
        assert sorted(p.name for p in folder.iterdir()) == ["filler"]


def test_keeping_aside_on_read_only_media_says_so(store, data_folder):
    session = session_on(store)
    session.load()
    session.edit(longer((0,))(session.present))
    with tmpfs(data_folder / "unsaved") as folder:
        make_read_only(folder)
        with pytest.raises(KeepAsideFailed, match="read-only"):
            session.keep_aside()
        store.down = True  # neither saved nor kept: said, never lost silently
        assert session.leave() is Outcome.NOT_KEPT
        assert isinstance(session.problem, KeepAsideFailed)


def test_a_save_the_workspace_cannot_take_is_kept_aside_on_leaving_with_the_reason(
    store, data_folder
):
    session = session_on(store)
    session.load()
    session.edit(longer((0,))(session.present))
    store.down = True
    assert session.save() is Outcome.FAILED
    assert session.state is EditState.UNSAVED and "busy" in str(session.problem)
    assert session.leave() is Outcome.KEPT


def test_looking_for_a_colleagues_save_is_one_small_query_until_there_is_one(store, data_folder):
    session = session_on(store)
    session.load()
    loads = store.loads
    assert session.check() is Outcome.NOTHING
    assert (store.looks, store.loads) == (1, loads)

    store.colleague(longer((2,)))
    assert session.check() is Outcome.RELOADED  # nothing unsaved: theirs is loaded
    assert session.present.agenda[2].duration == 20 and session.state is EditState.SAVED

    session.edit(longer((0,))(session.present))
    store.colleague(longer((3,)))
    assert session.check() is Outcome.MERGED
    assert session.state is EditState.UNSAVED  # the merge is yours to save
    assert session.save() is Outcome.SAVED
    assert [store.record.agenda[i].duration for i in (0, 2, 3)] == [15, 20, 95]

    session.edit(longer((0,))(session.present))
    store.colleague(longer((0,), -5))
    assert session.check() is Outcome.CLASHED


def test_a_version_reapplied_without_what_it_started_from_shows_every_difference(
    store, data_folder
):
    session = session_on(store)
    session.load()
    mine = longer((0,))(session.present)
    session.reapply(mine, None)
    assert session.state is EditState.DIVERGED
    assert [c.key for c in session.merged().clashes] == ["items:0-0"]

    session.opened(store.load())
    session.reapply(mine, Version(session.present, store.version))
    assert session.save() is Outcome.SAVED and store.record == mine


def test_a_record_without_a_merge_of_its_own_is_settled_whole(data_folder):
    texts = Store("one")  # type: ignore[arg-type]
    session = EditingSession(
        name=lambda r: "text", load=texts.load, save=texts.save, text=lambda r, b: r
    )
    session.load()
    texts.colleague(lambda r: "two")
    session.edit("three")
    assert session.save() is Outcome.CLASHED
    [clash] = session.merged().clashes
    assert (clash.mine, clash.theirs, clash.editable) == ("three", "two", False)
    session.resolve({"*": Choice.KEEP_MINE})
    assert session.save() is Outcome.SAVED and texts.record == "three"


def test_what_the_rules_refuse_stays_unsaved_while_what_they_accept_is_saved(data_folder):
    """A record whose rules run as the user types (the minutes): its accepted part is saved,
    the refused text stays the user's, unsaved, and is kept aside on leaving."""
    texts = Store(("accepted", ""))  # type: ignore[arg-type]
    refused = BadInput("Åse was not present")

    def savable(record):
        accepted, typed = record
        return ((accepted, ""), refused if typed else None)

    session = EditingSession(
        name=lambda r: "typed",
        load=texts.load,
        save=texts.save,
        text=lambda r, b: f"{r[0]} / {r[1]}",
        savable=savable,
    )
    session.load()
    session.edit(("accepted more", "refused text"))

    assert session.save() is Outcome.SAVED
    assert texts.record == ("accepted more", "") and texts.version == 2
    assert session.state is EditState.UNSAVED and session.problem is refused
    assert session.save() is Outcome.NOTHING and texts.version == 2  # nothing new to save

    assert session.leave() is Outcome.KEPT
    assert "refused text" in session.kept.read_text(encoding="utf-8")
