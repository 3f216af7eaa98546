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
