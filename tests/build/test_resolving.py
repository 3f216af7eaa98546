"""The campaigns resolved on two cores (pipeline/build/resolving.py) give what one process gives,
in the same order, whatever the child does: works, dies, sends something cut short, is never made."""

from __future__ import annotations

import os
import time

import pytest
from conftest import ROOT

from pipeline.build import resolving
from pipeline.build.resolving import Resolution, Spare
from pipeline.cascade.resolve import resolve_campaigns
from pipeline.sources.validate import validate_sources


@pytest.fixture(scope="module")
def sources():
    found, problems = validate_sources(ROOT / "data")
    assert problems == [] and len(found.campaigns) >= 2
    return found


def expected(sources, campaigns=None):
    return resolve_campaigns(campaigns or sources.campaigns, sources.registry)


def resolved(sources, jobs=2, campaigns=None):
    with Resolution(campaigns or sources.campaigns, sources.registry, jobs) as resolution:
        return resolution.run()


def assert_gone(pid: int) -> None:
    """The child ``pid`` was ended and reaped: no zombie left."""
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_two_cores_give_the_trees_and_problems_of_one(sources):
    trees, problems = resolved(sources)
    assert [t.campaign.id for t in trees] == [c.id for c in sources.campaigns]
    assert (trees, problems) == expected(sources)
    assert sum(len(t.documents) for t in trees) > 20


def test_the_childs_trees_hold_this_processs_bodies(sources, monkeypatch):
    claim, received = resolving._Helper.claim_front, []

    def after_the_child(helper):  # this process claims only once the child has claimed its first
        deadline = time.monotonic() + 10
        while helper.bounds[1] == len(sources.campaigns) - 1 and time.monotonic() < deadline:
            time.sleep(0.005)
        return claim(helper)

    def results(helper, registry):
        received.append(real_results(helper, registry))
        return received[-1]

    real_results = resolving._Helper.results
    monkeypatch.setattr(resolving._Helper, "claim_front", after_the_child)
    monkeypatch.setattr(resolving._Helper, "results", results)
    trees, _problems = resolved(sources)
    sent = [tree for index, (tree, _found) in received[0].items()]
    assert sent and all(sent)  # the child resolved some, and they came back
    bodies = sources.registry.bodies
    issuers = [doc.issuer for tree in sent for doc in tree.documents]
    assert issuers and all(body is bodies[body.id] for body in issuers)  # sent by id, not copies
    assert (trees, _problems) == expected(sources)


def test_more_campaigns_than_cores_in_their_own_order(sources):
    campaigns = sources.campaigns * 3  # the child takes from the back, this process from the front
    assert resolved(sources, campaigns=campaigns) == expected(sources, campaigns)


def test_one_process_asked_for_or_one_campaign_makes_no_child(sources, monkeypatch):
    monkeypatch.setattr(resolving._Helper, "fork", classmethod(lambda *a: pytest.fail("forked")))
    assert resolved(sources, jobs=1) == expected(sources)
    assert resolved(sources, campaigns=sources.campaigns[:1]) == expected(sources, sources.campaigns[:1])


def test_a_child_that_dies_before_sending_leaves_this_process_to_resolve_all(sources, monkeypatch):
    monkeypatch.setattr(resolving, "_resolve_from_the_back", lambda *a: os._exit(1))
    assert resolved(sources, campaigns=sources.campaigns * 2) == expected(sources, sources.campaigns * 2)


def test_a_child_that_sends_something_cut_short_is_not_believed(sources, monkeypatch):
    def cut_short(campaigns, registry, bounds, lock, fd):
        with lock:
            bounds[1] = -1  # claims all it can, then sends half a message
        os.write(fd, resolving._LENGTH.pack(1000) + b"\x80\x05")
    monkeypatch.setattr(resolving, "_resolve_from_the_back", cut_short)
    assert resolved(sources) == expected(sources)


def nonsense(campaigns, registry, bounds, lock, fd):
    """A child's claiming every campaign, then sending five bytes that are no pickle, and the campaigns' end."""
    with lock:
        bounds[1] = -1
    os.write(fd, resolving._LENGTH.pack(5) + b"\x00\x01\x02\x03\x04" + resolving._LENGTH.pack(0))


def test_a_child_that_sends_nonsense_is_not_believed(sources, monkeypatch):
    monkeypatch.setattr(resolving, "_resolve_from_the_back", nonsense)
    assert resolved(sources) == expected(sources)


def test_no_child_is_left_behind(sources):
    with Resolution(sources.campaigns, sources.registry, 2) as resolution:
        pid = resolution.helper.pid
    assert_gone(pid)


# -- spare work: the child's once it has no campaign left (the build's registry cache) ------------------

def spare_bytes(registry, pid=None):
    return f"{len(registry.bodies)} bodies, made in {pid or os.getpid()}".encode()



def test_the_child_does_the_spare_work_after_its_campaigns(sources):
    spare = Spare(spare_bytes)
    with Resolution(sources.campaigns, sources.registry, 2, spare) as resolution:
        child = resolution.helper.pid
        assert resolution.run() == expected(sources)
        assert spare.result() == spare_bytes(sources.registry, child)
        assert_gone(child)  # it has sent it


def test_without_a_child_the_spare_work_is_done_here(sources):
    for jobs, campaigns in ((1, sources.campaigns), (2, sources.campaigns[:1])):
        spare = Spare(spare_bytes)
        with Resolution(campaigns, sources.registry, jobs, spare) as resolution:
            assert resolution.helper is None
            resolution.run()
        assert spare.result() == spare_bytes(sources.registry)


def spare_after_a_run(sources, spare: Spare) -> bytes:
    """``spare.result()`` after a resolution with a child, whose trees are held to one process's."""
    with Resolution(sources.campaigns, sources.registry, 2, spare) as resolution:
        assert resolution.run() == expected(sources)
        return spare.result()


def test_a_child_that_dies_before_its_spare_work_leaves_it_to_this_process(sources):
    here = os.getpid()

    def dies_in_the_child(registry):
        if os.getpid() != here:
            os._exit(1)
        return spare_bytes(registry)
    assert spare_after_a_run(sources, Spare(dies_in_the_child)) == spare_bytes(sources.registry)


def test_a_spare_asked_for_after_the_resolution_ended_is_done_here(sources):
    spare = Spare(spare_bytes)
    with Resolution(sources.campaigns, sources.registry, 2, spare) as resolution:
        child = resolution.helper.pid
        resolution.run()
    assert_gone(child)  # ended with the resolution, its work unread
    assert spare.result() == spare_bytes(sources.registry)


def test_a_child_whose_campaigns_were_not_believed_is_not_asked_for_its_spare_work(sources, monkeypatch):
    # after nonsense, as a child does, it sends its spare work
    monkeypatch.setattr(resolving, "_resolve_from_the_back", nonsense)
    assert spare_after_a_run(sources, Spare(spare_bytes)) == spare_bytes(sources.registry)


def test_a_spare_given_to_a_second_resolution_leaves_the_first_child(sources):
    spare = Spare(spare_bytes)
    with Resolution(sources.campaigns, sources.registry, 2, spare) as first:
        child = first.helper.pid
        first.run()
        with Resolution(sources.campaigns, sources.registry, 2, spare) as second:  # a build that resolves again
            assert_gone(child)  # the first child is ended, its work unread
            second_child = second.helper.pid
            second.run()
            assert spare.result() == spare_bytes(sources.registry, second_child)


def test_a_spare_asked_for_before_any_resolution_is_a_mistake_of_the_caller():
    with pytest.raises(RuntimeError):
        Spare(spare_bytes).result()
