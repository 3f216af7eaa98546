"""How the build stages its DOCX files (pipeline/build/write.py ``write_documents``): each in the
campaign's stage, through the stage folder opened once, never through a link."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pipeline.build.write import COMMIT_MARK, MANIFEST, STAGE, roll_forward, write_documents
from pipeline.files import FILE_MODE, UnsafeFolder


def test_each_file_is_staged_with_its_digest_and_the_stat_of_what_was_written(tmp_path):
    out = tmp_path / "output"
    files = [(out / "a" / "x.docx", b"one"), (out / "b" / "y.docx", b"two two"), (out / "a" / "z.docx", b"")]
    written = write_documents(files)
    for (path, data), (digest, st) in zip(files, written):
        staged = path.parent / STAGE / path.name
        assert staged.read_bytes() == data and not path.exists()
        assert digest == hashlib.sha256(data).hexdigest()
        assert (st.st_size, st.st_mtime_ns) == (staged.stat().st_size, staged.stat().st_mtime_ns)
        assert staged.stat().st_mode & 0o777 == FILE_MODE


def test_a_file_already_in_place_with_the_same_bytes_is_left_as_it_is(tmp_path):
    path = tmp_path / "output" / "a" / "x.docx"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"same")
    [(digest, st)] = write_documents([(path, b"same")])
    assert not (path.parent / STAGE).exists()
    assert (digest, st.st_ino) == (hashlib.sha256(b"same").hexdigest(), path.stat().st_ino)


def test_a_link_planted_as_the_stage_is_refused_and_nothing_is_written_through_it(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    campaign = tmp_path / "output" / "a"
    campaign.mkdir(parents=True)
    (campaign / STAGE).symlink_to(elsewhere)
    with pytest.raises(UnsafeFolder):
        write_documents([(campaign / "x.docx", b"data")])
    assert list(elsewhere.iterdir()) == []


def test_a_link_planted_at_a_staged_name_is_never_followed(tmp_path):
    target = tmp_path / "target"
    target.write_bytes(b"keep")
    campaign = tmp_path / "output" / "a"
    (campaign / STAGE).mkdir(parents=True)
    (campaign / STAGE / "x.docx").symlink_to(target)
    with pytest.raises(OSError) as raised:
        write_documents([(campaign / "x.docx", b"data")])
    assert raised.value.filename == str(campaign / STAGE / "x.docx")
    assert target.read_bytes() == b"keep"
    assert os.path.islink(campaign / STAGE / "x.docx")


def test_a_committed_stage_moves_its_own_files_into_place_and_never_a_link(tmp_path):
    target = tmp_path / "target.docx"
    target.write_bytes(b"not ours")
    campaign = tmp_path / "output" / "a"
    stage = campaign / STAGE
    stage.mkdir(parents=True)
    (stage / "x.docx").write_bytes(b"new")
    (stage / "planted.docx").symlink_to(target)
    (stage / "half.docx.tmp").write_bytes(b"half")
    (stage / MANIFEST).write_bytes(b"{}")
    (stage / COMMIT_MARK).write_bytes(b"")
    roll_forward(campaign)
    assert sorted(p.name for p in campaign.iterdir()) == [MANIFEST, "x.docx"]
    assert (campaign / "x.docx").read_bytes() == b"new" and target.read_bytes() == b"not ours"
    assert not stage.exists()
