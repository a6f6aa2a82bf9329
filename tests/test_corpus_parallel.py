"""Corpus builds in worker processes and on a Dask cluster give the serial build's quads, byte for byte."""

from __future__ import annotations

import pytest
from test_corpus import TEXTS, write_corpus
from typer.testing import CliRunner

from kg.cli import _register, app
from kg.corpus import build_corpus, canonical_nquads, sources_for
from kg.store import OxigraphStore

_register()
runner = CliRunner()

MORE = dict(TEXTS)
MORE["reports/e.txt"] = ("某区社区治理情况汇报\n区委组织部会同区民政局推行社区工作者职业体系，"
                         "全区社区工作者达到860名，持证率超过60%。\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), MORE)


@pytest.fixture(scope="module")
def serial(corpus):
    with OxigraphStore() as store:
        report = build_corpus(sources_for([corpus], base=corpus), store)
        assert sorted(report.added) == sorted(MORE)
        return canonical_nquads(store)


def _cli_nquads(corpus, tmp_path, *extra: str) -> str:
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(corpus), "--base", str(corpus), "-o", str(out), "--format", "nquads",
                              *extra])
    assert res.exit_code == 0, res.output
    text = (out / "govkg.nq").read_text(encoding="utf-8")
    return "\n".join(sorted(line for line in text.splitlines() if line.strip())) + "\n"


def test_two_worker_processes_give_the_serial_quads(corpus, serial, tmp_path):
    assert _cli_nquads(corpus, tmp_path, "--workers", "2", "--store", str(tmp_path / "kg")) == serial
    with OxigraphStore(tmp_path / "kg", read_only=True) as store:  # the store holds the same
        assert canonical_nquads(store) == serial


def test_a_dask_cluster_gives_the_serial_quads(corpus, serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        assert _cli_nquads(corpus, tmp_path, "--dask", cluster.scheduler_address) == serial
        with OxigraphStore() as store, distributed.Client(cluster) as client:  # a Client works as well
            report = build_corpus(sources_for([corpus], base=corpus), store, dask=client, chunk=2)
            assert sorted(report.added) == sorted(MORE)
            assert canonical_nquads(store) == serial


def test_an_unreachable_scheduler_fails_in_one_line(corpus, tmp_path):
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        res = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9"])
    assert res.exit_code == 1
    assert "Dask scheduler" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out" / "govkg.trig").exists()
