"""The one way Planner writes a file: whole or not at all, and never over something else."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from planner.errors import CannotWrite
from planner.files import write_output
from tests.mounts import fill, make_read_only, tmpfs


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_is_written_whole_with_the_usual_permissions(tmp_path: Path):
    target = tmp_path / "programme.yaml"

    where = write_output(target, "tid: 10.00\n")

    assert where == str(target)
    assert target.read_text(encoding="utf-8") == "tid: 10.00\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_an_existing_file_keeps_its_permissions(tmp_path: Path):
    target = tmp_path / "private.yaml"
    target.write_text("old\n")
    target.chmod(0o600)

    write_output(target, "new\n")

    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path):
    real = tmp_path / "shared" / "programme.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)

    write_output(link, "new\n")

    assert link.is_symlink()
    assert real.read_text() == "new\n"


def test_a_dash_writes_to_standard_output(capsysbinary):
    assert write_output("-", "Tid: 10.00–10.15\n") == "standard output"
    assert capsysbinary.readouterr().out == "Tid: 10.00–10.15\n".encode()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused_and_stays_a_device(device: str):
    with pytest.raises(CannotWrite, match="device or special file"):
        write_output(device, "x")
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_folder_is_refused(tmp_path: Path):
    with pytest.raises(CannotWrite, match="it is a folder"):
        write_output(tmp_path, "x")
    assert tmp_path.is_dir()


def test_a_pipe_is_refused_without_waiting_for_a_reader(tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    outcome: list[BaseException] = []

    def write() -> None:
        try:
            write_output(pipe, "x")
        except BaseException as error:
            outcome.append(error)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    writer.join(timeout=10)

    assert not writer.is_alive(), "writing to a pipe blocked"
    assert isinstance(outcome[0], CannotWrite)
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_missing_folder_is_named(tmp_path: Path):
    with pytest.raises(CannotWrite, match=f"the folder {tmp_path / 'no'} does not exist"):
        write_output(tmp_path / "no" / "x.yaml", "x")


def test_a_file_in_proc_is_refused_with_one_message():
    with pytest.raises(CannotWrite, match="cannot write /proc/version"):
        write_output("/proc/version", "x")


def test_a_full_disk_leaves_the_old_file_intact_and_no_temporary_file(tmp_path: Path):
    with tmpfs(tmp_path / "small", size="64k") as disk:
        target = disk / "programme.yaml"
        target.write_text("the old programme\n")
        fill(disk)

        with pytest.raises(CannotWrite) as raised:
            write_output(target, "x" * 200_000)

        assert "the disk is full" in str(raised.value)
        assert "the old file is unchanged" in str(raised.value)
        assert target.read_text() == "the old programme\n"
        assert leftovers(disk) == []


def test_read_only_media_are_refused_and_the_old_file_is_intact(tmp_path: Path):
    with tmpfs(tmp_path / "cd") as disk:
        target = disk / "programme.yaml"
        target.write_text("the old programme\n")
        make_read_only(disk)

        with pytest.raises(CannotWrite, match="the file system is read-only"):
            write_output(target, "new")

        assert target.read_text() == "the old programme\n"


def test_a_name_too_long_for_the_file_system_is_one_message(tmp_path: Path):
    with pytest.raises(CannotWrite, match="too long"):
        write_output(tmp_path / ("x" * 300), "x")
