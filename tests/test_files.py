"""pipeline/files.py: reading, writing and cleaning in a file system that may hold traps."""

from __future__ import annotations

import os
import stat
import tempfile
import time

import pytest

from pipeline.errors import PipelineError
from pipeline.files import holds, read_json_file, write_if_changed
from pipeline.files import (
    FileTooLarge,
    NotRegularFile,
    UnsafeFolder,
    check_target,
    claimed_folders,
    own_folder,
    private_folder,
    read_regular,
)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temporary folder of the test's own, as the system's: private folders are made in it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_a_private_folder_is_made_0700_and_owned_by_the_caller(private_tmp):
    folder = private_folder("libreoffice-pdf")
    assert folder == private_tmp / f"vanban-{os.getuid()}" / "libreoffice-pdf"
    for path in (folder.parent, folder):
        st = os.lstat(path)
        assert stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()


@pytest.mark.parametrize("plant", ["link", "open-to-all", "other-owner"])
def test_a_private_folder_planted_in_advance_is_refused(private_tmp, plant):
    """Another local user made the fixed path first (with a LibreOffice profile whose macros would run as us)."""
    top = private_tmp / f"vanban-{os.getuid()}"
    if plant == "link":
        (private_tmp / "cua-ke-khac").mkdir(mode=0o700)
        top.symlink_to(private_tmp / "cua-ke-khac")
    else:
        top.mkdir(mode=0o700)
        if plant == "open-to-all":
            top.chmod(0o777)
        elif os.geteuid() == 0:
            os.chown(top, 65534, 65534)  # nobody
        else:
            top.chmod(0o755)
            (top / "libreoffice-pdf").mkdir(mode=0o777)  # not root: a folder others may write into
    with pytest.raises(UnsafeFolder) as refused:
        private_folder("libreoffice-pdf")
    assert "không an toàn" in refused.value.format_message() and "TMPDIR" in refused.value.format_message()


def test_claimed_folders_are_never_shared_between_processes_at_once(private_tmp):
    with claimed_folders("lo", 2) as first, claimed_folders("lo", 2) as second:
        assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)
    with claimed_folders("lo", 1) as again:
        assert again == [first[0]]  # released: the warm profile is used again


def test_own_folder_refuses_a_link_at_any_level_below_the_base(tmp_path):
    base = tmp_path / "out"
    (tmp_path / "elsewhere").mkdir()
    base.mkdir()
    (base / "mau").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafeFolder, match="là một liên kết tượng trưng"):
        own_folder(base / "mau" / "pdf", base)
    assert list((tmp_path / "elsewhere").iterdir()) == []  # nothing made through the link
    (base / "khac").write_text("x")
    with pytest.raises(UnsafeFolder, match="phải là một thư mục"):
        own_folder(base / "khac" / "pdf", base)


def test_the_base_itself_may_be_a_link(tmp_path):
    (tmp_path / "o-dia-khac").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "o-dia-khac")  # the user's choice: output/ on another disk
    assert own_folder(tmp_path / "out" / "mau" / "pdf", tmp_path / "out").is_dir()


def test_read_regular_refuses_before_reading(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "big").write_bytes(b"x" * 101)
    start = time.perf_counter()
    for name, kind in (("fifo", "một ống FIFO"), ("zero", "một thiết bị"), ("", "một thư mục")):
        with pytest.raises(NotRegularFile) as refused:
            read_regular(tmp_path / name, 100)
        assert refused.value.kind == kind
    with pytest.raises(FileTooLarge):
        read_regular(tmp_path / "big", 100)
    assert read_regular(tmp_path / "big", 101) == b"x" * 101
    assert time.perf_counter() - start < 1


def test_check_target_protects_the_register_the_sources_and_files_outside_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "so.sqlite3").write_bytes(b"")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "cu.csv").write_text("cũ")
    (tmp_path / "cu.csv").write_text("cũ")
    protected = [(tmp_path / "so.sqlite3", "sổ đăng ký"), (tmp_path / "data", "thư mục nguồn")]
    check_target(tmp_path / "out" / "cu.csv", tmp_path / "out", protected, overwrite=False)  # inside output/: fine
    check_target(tmp_path / "moi.csv", tmp_path / "out", protected, overwrite=False)  # a new file: fine
    check_target(tmp_path / "cu.csv", tmp_path / "out", protected, overwrite=True)  # asked for
    for target, message in ((tmp_path / "cu.csv", "--overwrite"), (tmp_path / "so.sqlite3", "sổ đăng ký"),
                            (tmp_path / "data" / "x.csv", "thư mục nguồn")):
        with pytest.raises(Exception, match=message):
            check_target(target, tmp_path / "out", protected, overwrite=target.name == "so.sqlite3")


# --- JSON read back from output/: manifests, stamps (files.read_json_file) ------------------------------


def test_a_manifest_is_read_back_as_written(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text('{"campaign": "c", "documents": [{"id": "vb-1"}]}', encoding="utf-8")
    assert read_json_file(path) == {"campaign": "c", "documents": [{"id": "vb-1"}]}


def test_a_fifo_planted_as_a_manifest_is_refused_at_once(tmp_path):
    path = tmp_path / "manifest.json"
    os.mkfifo(path)  # a plain read would wait for a writer for ever
    with pytest.raises(PipelineError):
        read_json_file(path)


def test_a_file_over_the_limit_or_nested_too_deep_is_refused(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ValueError):
        read_json_file(path)
    with pytest.raises(PipelineError):
        read_json_file(path, limit=1000)


def test_a_link_is_refused_where_the_tool_wrote_the_file_itself(tmp_path):
    (tmp_path / "elsewhere.json").write_text("{}", encoding="utf-8")
    (tmp_path / "stamp.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(OSError):
        read_json_file(tmp_path / "stamp.json", follow=False)
    assert read_json_file(tmp_path / "stamp.json") == {}


def test_write_if_changed_leaves_the_same_bytes_and_replaces_anything_else(tmp_path):
    path = tmp_path / "cache.json"
    assert write_if_changed(path, b"{}") and path.read_bytes() == b"{}"
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert not write_if_changed(path, b"{}")  # the same bytes: not written, its time kept
    assert path.stat().st_mtime_ns == before
    path.write_bytes(b"{}" + b" " * 10_000_000)  # larger: differs, and is not read whole to say so
    assert not holds(path, b"{}")
    assert write_if_changed(path, b"{}") and path.read_bytes() == b"{}"


def test_write_if_changed_never_follows_a_link_nor_waits_on_a_fifo(tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_bytes(b"{}")
    link = tmp_path / "cache.json"
    link.symlink_to(target)
    assert not holds(link, b"{}")  # what the link leads to is not the tool's file
    assert write_if_changed(link, b"{}")
    assert not link.is_symlink() and link.read_bytes() == b"{}" and target.read_bytes() == b"{}"
    fifo = tmp_path / "review.md"
    os.mkfifo(fifo)
    assert write_if_changed(fifo, b"# review")  # at once: the FIFO is replaced, never opened to read
    assert stat.S_ISREG(os.lstat(fifo).st_mode) and fifo.read_bytes() == b"# review"
