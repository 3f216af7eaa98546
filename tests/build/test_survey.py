"""The survey of output folders: its forked child answers exactly what this process would find itself."""

import os

import pytest

from pipeline.build import cache
from pipeline.build.survey import Facts, Survey
from pipeline.build.write import MANIFEST


@pytest.fixture()
def output(tmp_path):
    for n, campaign in enumerate(["chien-dich-a", "chien-dich-b", "chien-dich-c"]):
        folder = tmp_path / campaign
        folder.mkdir()
        (folder / MANIFEST).write_text(f'{{"campaign": "{campaign}"}}', encoding="utf-8")
        (folder / cache.CAMPAIGN_CACHE).write_text("{}", encoding="utf-8")
        for i in range(n + 2):
            (folder / f"vb-{i}.docx").write_bytes(b"PK" * (i + 1))
    return tmp_path


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_child_finds_what_this_process_finds(output):
    campaigns = ["chien-dich-a", "chien-dich-b", "chien-dich-c"]
    with Survey(output, campaigns) as survey:
        pid = survey._pid
        assert pid is not None
        found = {c: survey.facts(c) for c in campaigns}
    assert found == {c: Facts.of(output / c) for c in campaigns}
    assert found["chien-dich-c"].files == cache.listing_digest(
        (f"vb-{i}.docx", i * 2 + 2, (output / "chien-dich-c" / f"vb-{i}.docx").stat().st_mtime_ns) for i in range(4))
    assert _reaped(pid)


def test_asked_from_the_last_both_processes_share_the_work_and_agree(output):
    campaigns = ["chien-dich-a", "chien-dich-b", "chien-dich-c"]
    with Survey(output, campaigns) as survey:
        found = {c: survey.facts(c) for c in reversed(campaigns)}
    assert found == {c: Facts.of(output / c) for c in campaigns}


def test_a_child_gone_before_it_answers_leaves_the_answers_to_this_process(output):
    survey = Survey(output, ["chien-dich-a", "chien-dich-b"])
    pid = survey._pid
    survey.close()
    assert _reaped(pid)
    assert survey.facts("chien-dich-b") == Facts.of(output / "chien-dich-b")
    assert survey.facts("chien-dich-a") == Facts.of(output / "chien-dich-a")


def test_a_line_out_of_order_or_of_the_wrong_shape_is_not_believed(output):
    survey = Survey(output, ["chien-dich-a", "chien-dich-b"])
    survey.close()
    assert not survey._take(b'["chien-dich-b", "x", "y", "z"]')  # the child looks at them in order
    assert not survey._take(b'["chien-dich-a", 1, "y", "z"]')
    assert not survey._take(b"not json")
    assert survey._take(b'["chien-dich-a", "x", "y", null]')
    assert survey.facts("chien-dich-a") == Facts("x", "y", None)


def test_a_changed_file_is_seen_and_a_link_is_not_followed(output):
    (output / "chien-dich-a" / "vb-0.docx").write_bytes(b"changed")
    outside = output.parent / "elsewhere.docx"
    outside.write_bytes(b"PK")
    (output / "chien-dich-b" / "planted.docx").symlink_to(outside)
    before = Facts.of(output / "chien-dich-b")
    with Survey(output, ["chien-dich-a", "chien-dich-b"]) as survey:
        assert survey.facts("chien-dich-a").files == Facts.of(output / "chien-dich-a").files
        assert survey.facts("chien-dich-b") == before
    link = os.lstat(output / "chien-dich-b" / "planted.docx")
    assert before.files == cache.listing_digest(
        [*((f"vb-{i}.docx", i * 2 + 2, (output / "chien-dich-b" / f"vb-{i}.docx").stat().st_mtime_ns) for i in range(3)),
         ("planted.docx", link.st_size, link.st_mtime_ns)])


def test_nothing_to_look_at_forks_nothing(output):
    with Survey(output, []) as survey:
        assert survey._pid is None
        assert survey.facts("chien-dich-a") == Facts.of(output / "chien-dich-a")


def _stamp(output, campaign, facts):
    return cache.Stamp("p", "t", {}, {}, {}, manifests={campaign: facts.manifest},
                       outputs={campaign: {"cache": facts.cache, "documents": 3, "files": facts.files}})


def test_a_campaign_listed_only_is_still_judged_whole_when_the_caller_did_not_check_its_contents(output):
    whole = Facts.of(output / "chien-dich-b")
    stamp = _stamp(output, "chien-dich-b", whole)
    with Survey(output, ["chien-dich-a", "chien-dich-b"], listing_only={"chien-dich-b"}) as survey:
        assert survey.facts("chien-dich-b") == Facts(None, None, whole.files)  # the child hashed nothing of it
        assert survey.intact("chien-dich-b", stamp)
        assert survey.intact("chien-dich-b", stamp, contents_checked=True)
        (output / "chien-dich-b" / MANIFEST).write_text('{"campaign": "changed"}', encoding="utf-8")
        assert not survey.intact("chien-dich-b", stamp)  # its contents looked at now
        assert survey.intact("chien-dich-b", stamp, contents_checked=True)  # the caller's word for them


def test_a_changed_docx_is_caught_even_when_the_contents_were_checked(output):
    stamp = _stamp(output, "chien-dich-c", Facts.of(output / "chien-dich-c"))
    (output / "chien-dich-c" / "vb-1.docx").write_bytes(b"PK edited by hand")
    with Survey(output, ["chien-dich-c"], listing_only={"chien-dich-c"}) as survey:
        assert not survey.intact("chien-dich-c", stamp, contents_checked=True)


# --- what killed builds left half-written: removed by whoever reads a campaign folder, or at close -------------

STALE = ".vb-0.docx.k3j_x9a2.tmp"


def _plant(output):
    """In every campaign folder a killed build's temporary, and what looks like one but is not the build's own."""
    outside = output.parent / f"nguoi-khac-{output.name}"
    outside.mkdir()
    (outside / STALE).write_bytes(b"PK someone else's")
    (outside / "dich.txt").write_bytes(b"someone else's")
    kept = []
    for folder in sorted(p for p in output.iterdir() if p.is_dir()):
        (folder / STALE).write_bytes(b"PK half a document")
        (folder / ".manifest.json.a8b2c1d0.tmp").write_bytes(b"{")
        (folder / ".vb-9.docx.zz_link.tmp").symlink_to(outside / "dich.txt")  # a link named like one
        (folder / ".vb-0.pdf.k3j_x9a2.tmp").write_bytes(b"%PDF")  # not a name the build writes
        kept += [folder / ".vb-9.docx.zz_link.tmp", folder / ".vb-0.pdf.k3j_x9a2.tmp"]
    (output / "lien-ket").symlink_to(outside, target_is_directory=True)  # a folder that is a link
    return kept + [outside / STALE, outside / "dich.txt"]


def _left(output) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.glob("*/.*.tmp")
                  if p.name in (STALE, ".manifest.json.a8b2c1d0.tmp") and p.parent.name != "lien-ket")


def test_the_child_removes_a_folders_stale_temporaries_before_it_answers_for_it(output):
    kept = _plant(output)
    campaigns = ["chien-dich-a", "chien-dich-b", "chien-dich-c"]
    with Survey(output, campaigns) as survey:
        assert survey.facts("chien-dich-a") == Facts.of(output / "chien-dich-a")  # the child's answer: it is first
        assert survey._received >= 1
        assert not (output / "chien-dich-a" / STALE).exists()  # before close: the child removed it
        assert not (output / "chien-dich-a" / ".manifest.json.a8b2c1d0.tmp").exists()
        found = {c: survey.facts(c) for c in campaigns}
    assert _left(output) == []
    assert all(os.path.lexists(p) for p in kept)
    assert found == {c: Facts.of(output / c) for c in campaigns}  # the listing is of the DOCX only, as before


@pytest.mark.parametrize("how", ["stopped at once", "not forked", "not asked", "nothing to look at"])
def test_every_campaign_folder_is_cleaned_by_close_however_the_child_fared(output, monkeypatch, how):
    kept = _plant(output)
    (output / "chien-dich-cu").mkdir()  # a campaign the build no longer knows: cleaned as the lock cleaned it
    (output / "chien-dich-cu" / STALE).write_bytes(b"PK")
    if how == "not forked":
        def no_fork():
            raise OSError(11, "Resource temporarily unavailable")
        monkeypatch.setattr(os, "fork", no_fork)
    survey = Survey(output, [] if how == "nothing to look at" else ["chien-dich-a", "chien-dich-b", "chien-dich-c"])
    if how == "not forked":
        assert survey._pid is None
        survey.facts("chien-dich-b")  # looked at here: cleaned here
        assert not (output / "chien-dich-b" / STALE).exists()
        assert (output / "chien-dich-a" / STALE).exists()
    if how == "not asked":
        survey.facts("chien-dich-a")
    survey.close()
    assert _left(output) == []
    assert all(os.path.lexists(p) for p in kept)


def test_nothing_is_removed_once_closed_the_builds_own_temporaries_then_being_written(output):
    campaigns = ["chien-dich-a", "chien-dich-b"]
    with Survey(output, campaigns) as survey:
        survey.facts("chien-dich-a")
        own = output / "chien-dich-a" / STALE  # written by this build after its folder was looked at
        own.write_bytes(b"PK being written")
        survey.close()
        late = output / "chien-dich-c" / ".manifest.json.x1y2z3w4.tmp"  # written once the survey is closed
        late.write_bytes(b"{")
        survey.facts("chien-dich-c")
        survey.close()
    assert own.exists() and late.exists()


@pytest.mark.parametrize("name", ["../nguoi-khac", "/tmp/nguoi-khac", "chien-dich-a/..", ".vanban-stage", ""])
def test_a_name_from_the_stamp_that_is_no_campaign_id_is_neither_looked_at_nor_cleaned(output, name):
    # Found by review: the stamp's names went straight into paths, and a planted "../x" had the
    # survey remove a killed build's temporaries there, outside output/.
    outside = output.parent / f"nguoi-khac-{output.name}"
    outside.mkdir()
    (outside / STALE).write_bytes(b"PK someone else's")
    (outside / MANIFEST).write_text("{}", encoding="utf-8")
    named = name.replace("/tmp/nguoi-khac", str(outside)).replace("nguoi-khac", outside.name)
    stamp = cache.Stamp("p", "t", {}, {}, {}, outputs={named: {"documents": 1, "files": "x", "cache": "y"}},
                        manifests={named: "z"})
    with Survey(output, [named, "chien-dich-a"]) as survey:
        assert survey.order == ["chien-dich-a"]
        assert survey.facts(named) == Facts(None, None, None)
        assert not survey.intact(named, stamp)
    assert (outside / STALE).exists()
