"""Per-document work past one process: a function mapped over items on Dask, results in order.

The per-document stages (read a raw file, measure a document) are pure functions of one item,
so a large corpus can go to a Dask cluster and come back in input order, giving exactly the
single-process result. Dask is an optional extra (``pip install 'reportlib[dask]'``).

Where the work runs (``scheduler``): ``"none"`` (this process), ``"local"`` (a local cluster,
one single-threaded worker process per core), or a scheduler's address (``tcp://host:8786``,
whose workers must see the same files). ``None`` decides: the ``REPORTLIB_SCHEDULER``
environment variable (``reportlib study --scheduler`` sets it for the notebooks), else a local
cluster for inputs of ``LOCAL_CLUSTER_MB`` or more when Dask is installed, else this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

LOCAL_CLUSTER_MB = 50  # an input this large goes to a local cluster by default (when Dask is installed)
SCHEDULER_ENV = "REPORTLIB_SCHEDULER"

T = TypeVar("T")
R = TypeVar("R")


def dask_available() -> bool:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


def choose_scheduler(scheduler: str | None, nbytes: int) -> str:
    """'none', 'local' or an address, for an input of ``nbytes`` bytes (see the module's doc)."""
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if scheduler:
        if scheduler != "none" and not dask_available():
            raise RuntimeError(f"scheduler {scheduler} needs Dask: pip install 'reportlib[dask]'")
        return scheduler
    return "local" if nbytes >= LOCAL_CLUSTER_MB * 1e6 and dask_available() else "none"


@contextmanager
def dask_client(scheduler: str, workers: int | None = None) -> Iterator[Any]:
    """A Dask client on a local cluster of ``workers`` processes, or on the cluster at ``scheduler``."""
    from dask.distributed import Client, LocalCluster

    if scheduler == "local":
        n = workers or os.cpu_count() or 1
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                          memory_limit=0) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(scheduler) as client:
            yield client


def map_ordered(func: Callable[..., R], items: Iterable[T], scheduler: str, workers: int | None = None,
                client: Any = None, shared: dict[str, Any] | None = None) -> Iterator[R]:
    """``func(item, **shared)`` of each item, in input order; on Dask workers unless ``scheduler``
    is 'none' (results are taken one by one while the workers go on with the others).

    ``client``: an open Dask client to use (else one is opened for this call). ``shared``: keyword
    arguments every call gets, sent to each worker once (scattered), not once a task.
    """
    shared = shared or {}
    if scheduler == "none":
        yield from (func(item, **shared) for item in items)
        return
    if client is None:
        with dask_client(scheduler, workers) as own:
            yield from map_ordered(func, items, scheduler, client=own, shared=shared)
        return
    kwargs = {k: client.scatter(v, broadcast=True, hash=False) for k, v in shared.items()}
    futures = client.map(func, list(items), pure=False, **kwargs)
    for fut in futures:
        yield fut.result()
        fut.release()
