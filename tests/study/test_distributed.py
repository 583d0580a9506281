"""The corpus stages on a Dask local cluster give the single-process tables, byte for byte.

A small corpus (the library's raw files, plus a duplicate, a renamed copy whose doc ids collide,
an empty file and a Latin-1 file) goes through ``read_corpus`` + ``extract_indicators`` +
``tokenize_corpus`` in this process and through ``corpus_tables`` on a 2-worker local cluster.
"""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest
from conftest import RAW

from reportlib import parallel, read_corpus
from reportlib.cli import main
from reportlib.measure.indicators import extract_indicators
from reportlib.read import cache
from reportlib.study import distributed
from reportlib.text.tokens import tokenize_corpus


def _csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode()


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask") / "raw"
    shutil.copytree(RAW, folder, ignore=shutil.ignore_patterns("MANIFEST*", "README*"))
    first = sorted(RAW.glob("*.txt"))[1]
    shutil.copy(first, folder / "zz_duplicate.txt")  # same text: skipped as a duplicate
    text = first.read_text(encoding="utf-8")
    (folder / "zz_edited.txt").write_text(text.replace("。", "。\n", 1) + "\n补充一句。\n", encoding="utf-8")
    (folder / "zz_empty.txt").write_bytes(b"")
    (folder / "zz_latin1.txt").write_bytes(("Rapport annuel, économie. " * 40).encode("latin-1"))
    return folder


@pytest.fixture(scope="module")
def single(raw):
    corpus = read_corpus(raw)
    skipped = pd.DataFrame([(s.source, s.reason) for s in corpus.skipped], columns=["source", "reason"])
    return {"documents": corpus.documents, "sections": corpus.sections, "skipped": skipped,
            "indicators": extract_indicators(corpus), "tokens": tokenize_corpus(corpus, "paragraph", cache=False)}


@pytest.mark.slow
def test_a_local_cluster_gives_the_single_process_tables_byte_for_byte(raw, single):
    pytest.importorskip("dask.distributed", reason="Dask is an optional extra (in dev): pip install 'reportlib[dask]'")
    result = distributed.corpus_tables(raw, scheduler="local", workers=2, unit="paragraph")
    assert result.scheduler == "local"
    assert set(result.tables) == set(single)
    for name, df in single.items():
        assert _csv(result.tables[name]) == _csv(df), name
    assert len(single["indicators"]) > 300 and single["documents"].doc_id.str.endswith("-2").any()
    assert {"zz_duplicate.txt", "zz_empty.txt", "zz_latin1.txt"} <= set(single["skipped"].source)


def test_this_process_path_gives_the_same_tables(raw, single):
    result = distributed.corpus_tables(raw, scheduler="none", unit="paragraph")
    for name, df in single.items():
        assert _csv(result.tables[name]) == _csv(df), name


def test_small_corpora_stay_in_this_process_and_large_tables_are_partitioned(raw, single, tmp_path, monkeypatch):
    files = sorted(raw.glob("*.txt"))
    assert distributed.choose_scheduler(None, files) == "none"  # 0.6 MB: a cluster would cost more
    monkeypatch.setattr(distributed, "dask_available", lambda: False)  # the default install, without the extra
    assert distributed.choose_scheduler(None, files) == "none"
    with pytest.raises(RuntimeError, match=r"needs Dask: pip install 'reportlib\[dask\]'"):
        distributed.choose_scheduler("local", files)
    written = distributed.write_tables({"sections": single["sections"]}, tmp_path, part_rows=100)
    assert [p.name for p in written] == [f"part-0000{i}.parquet" for i in range(len(written))]
    assert len(written) == -(-len(single["sections"]) // 100)
    back = pd.read_parquet(tmp_path / "sections")
    assert _csv(back) == _csv(single["sections"])


def test_reportlib_corpus_writes_the_tables(raw, single, tmp_path, capsys):
    assert main(["corpus", str(raw), "--out-dir", str(tmp_path), "--scheduler", "none"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith(f"corpus: {len(single['documents'])} documents")
    assert "reportlib: zz_latin1.txt: not a Chinese text" in out.err
    docs = pd.read_csv(tmp_path / "documents.csv", keep_default_na=False, na_values=[""])
    assert docs.doc_id.tolist() == single["documents"].doc_id.tolist()
    assert (tmp_path / "indicators.csv").read_bytes() == _csv(single["indicators"])
    assert pd.read_csv(io.BytesIO((tmp_path / "skipped.csv").read_bytes())).source.tolist() == \
        single["skipped"].source.tolist()


@pytest.fixture(scope="module")
def cluster():
    """One local cluster of 2 worker processes for the study-path tests (started once: ~3 s)."""
    pytest.importorskip("dask.distributed", reason="Dask is an optional extra (in dev): pip install 'reportlib[dask]'")
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit=0) as local:
        yield local.scheduler_address


@pytest.mark.slow
def test_the_study_reads_and_measures_on_a_cluster_with_the_single_process_tables(raw, single, cluster, tmp_path,
                                                                                   monkeypatch):
    """What the notebooks call (``cache.load_corpus``, ``extract_indicators``) with the scheduler
    ``reportlib study --scheduler`` hands them through the environment."""
    monkeypatch.setenv("REPORTLIB_ROOT", str(tmp_path))
    monkeypatch.setenv(parallel.SCHEDULER_ENV, cluster)
    assert parallel.choose_scheduler(None, 0) == cluster
    corpus = cache.load_corpus(raw)
    assert len(list((tmp_path / "data" / "processed" / "cache").glob("corpus-*.pkl"))) == 1
    for name in ("documents", "sections"):
        assert _csv(getattr(corpus, name)) == _csv(single[name]), name
    assert _csv(extract_indicators(corpus)) == _csv(single["indicators"])


def test_the_study_stays_in_this_process_below_the_threshold_and_says_when_dask_is_missing(monkeypatch):
    monkeypatch.delenv(parallel.SCHEDULER_ENV, raising=False)
    assert parallel.choose_scheduler(None, 10_000_000) == "none"  # a cluster would cost more than it saves
    monkeypatch.setattr(parallel, "dask_available", lambda: True)
    assert parallel.choose_scheduler(None, parallel.LOCAL_CLUSTER_MB * 1_000_000) == "local"
    monkeypatch.setattr(parallel, "dask_available", lambda: False)
    assert parallel.choose_scheduler(None, 10**9) == "none"
    monkeypatch.setenv(parallel.SCHEDULER_ENV, "tcp://host:8786")
    with pytest.raises(RuntimeError, match=r"needs Dask: pip install 'reportlib\[dask\]'"):
        parallel.choose_scheduler(None, 0)
    assert main(["study", "--scheduler", "local", "--dry-run"]) == 2  # one line, exit 2: the study could not run
