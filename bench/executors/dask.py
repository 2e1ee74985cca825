"""Run pages on a Dask distributed cluster: ``--executor dask --scheduler ADDRESS``.

The machine running ``boilerbench run`` reads the pages and ships them in batches (all
extractors of a page in the same batch), so the corpus needs to exist only there. On a
worker, a batch runs in a page server (a child process, see :mod:`bench.executors.isolated`)
that runs the pages in the same worker pool as a local run, under the same per-page timeout
and memory limit: a hung page's worker is killed after ``--timeout`` and the page recorded as
``timeout``, a crash or a memory blow-up loses only that page, and the Dask worker itself
never sees any of it. Finished batches are streamed back and appended to the run store as
they arrive, so ``--resume`` works as for a local run. Each Dask worker thread keeps one page
server for the whole run.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bench import worker
from bench.executors.base import ExecutorError, ResultSink, Settings
from bench.executors.isolated import PageRun, PageServer, ServerConfig
from bench.page_memo import load_page
from bench.records import PageResult, Task
from corpora.page import CorpusError, Page
from extractors.spec import ExtractorSpec

logger = logging.getLogger(__name__)

# Connecting waits as long as dask's ``distributed.comm.timeouts.connect`` (30 s by default;
# DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s shortens it); workers are awaited this long:
WORKERS_TIMEOUT_S = 120


@dataclass(frozen=True, slots=True)
class BatchPage:
    """A page with its bytes and the extractors to run on it."""

    page: Page
    data: bytes
    extractors: tuple[ExtractorSpec, ...]


@dataclass(frozen=True, slots=True)
class Batch:
    """One Dask task: pages to run, and the page-server set-up they need."""

    run_key: str
    server: ServerConfig
    timeout: float
    pages: tuple[BatchPage, ...]

    @property
    def n_tasks(self) -> int:
        return sum(len(p.extractors) for p in self.pages)


# Page servers of this Dask worker process, per run, free for the next batch.
_servers: dict[str, list[PageServer]] = {}
_servers_lock = threading.Lock()


def _acquire(run_key: str, config: ServerConfig) -> PageServer:
    with _servers_lock:
        idle = _servers.setdefault(run_key, [])
        if idle:
            return idle.pop()
    return PageServer(config)


def _release(run_key: str, server: PageServer) -> None:
    with _servers_lock:
        _servers.setdefault(run_key, []).append(server)


def close_servers(run_key: str) -> int:
    """Stop this worker's page servers of a run (called on every worker when it ends)."""
    with _servers_lock:
        servers = _servers.pop(run_key, [])
    for server in servers:
        server.close()
    return len(servers)


def run_batch(batch: Batch) -> list[tuple[PageResult, str]]:
    """Runs on a Dask worker: every (page, extractor) of the batch, in a page server."""
    server = _acquire(batch.run_key, batch.server)
    try:
        runs = [
            PageRun(item.page, item.data, spec) for item in batch.pages for spec in item.extractors
        ]
        return server.run_batch(runs, batch.timeout)
    finally:
        _release(batch.run_key, server)


class DaskExecutor:
    """Submits batches to the scheduler at ``settings.scheduler`` and streams results back."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def start(self) -> None:
        """Nothing to start here: the cluster's workers are already up."""

    def close(self) -> None:
        """Each run closes its own client and page servers."""

    def _batches(self, tasks: Sequence[Task], run_key: str, sink: ResultSink) -> Iterator[Batch]:
        """Batches of about ``batch_size`` tasks, whole pages each; a page that cannot be read
        is recorded here (``input: ...``) and never shipped."""
        s = self.settings
        by_page: dict[int, list[ExtractorSpec]] = {}
        for task in tasks:
            by_page.setdefault(task.page_index, []).append(task.spec)
        specs = {task.spec.name: task.spec for task in tasks}
        config = ServerConfig(s.metrics, tuple(specs.values()), s.max_memory_mb)
        items: list[BatchPage] = []
        size = 0
        for index, specs in by_page.items():
            page = s.corpus.pages[index]
            try:
                data = load_page(page)
            except CorpusError as exc:
                for spec in specs:
                    sink(worker.failure(page.id, spec.name, f"input: {exc}"), "")
                continue
            items.append(BatchPage(page, data, tuple(specs)))
            size += len(specs)
            if size >= s.batch_size:
                yield Batch(run_key, config, s.timeout, tuple(items))
                items, size = [], 0
        if items:
            yield Batch(run_key, config, s.timeout, tuple(items))

    def _connect(self) -> object:
        from distributed import Client

        address = self.settings.scheduler
        try:
            client = Client(address, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            client.close()
            raise ExecutorError(
                f"the Dask scheduler at {address} has no workers (waited "
                f"{WORKERS_TIMEOUT_S} s); start some with 'dask worker {address}'"
            ) from exc
        return client

    def run(self, tasks: Sequence[Task], sink: ResultSink) -> None:
        from distributed import as_completed

        client = self._connect()
        run_key = uuid.uuid4().hex
        threads = sum(client.nthreads().values())  # type: ignore[attr-defined]
        window = max(2, 2 * threads)
        batches = self._batches(tasks, run_key, sink)
        in_flight: dict[object, Batch] = {}
        failed: list[tuple[Batch, str]] = []
        pending = as_completed(loop=client.loop)  # type: ignore[attr-defined]
        counter = itertools.count()

        def submit() -> bool:
            batch = next(batches, None)
            if batch is None:
                return False
            future = client.submit(  # type: ignore[attr-defined]
                run_batch, batch, pure=False, key=f"boilerbench-{run_key}-{next(counter)}"
            )
            in_flight[future] = batch
            pending.add(future)
            return True

        try:
            for _ in range(window):
                if not submit():
                    break
            for future in pending:
                batch = in_flight.pop(future)
                try:
                    results = future.result()
                except ExecutorError:
                    raise
                except Exception as exc:  # KilledWorker, lost scheduler, cancelled
                    failed.append((batch, f"{type(exc).__name__}: {exc}"))
                    logger.warning(
                        "a batch of %d pages failed on the cluster: %s", batch.n_tasks, exc
                    )
                else:
                    for result, text in results:
                        sink(result, text)
                future.release()
                submit()
        except BaseException:
            for future in in_flight:
                with contextlib.suppress(Exception):
                    future.cancel()
            raise
        finally:
            with contextlib.suppress(Exception):
                client.run(close_servers, run_key, on_error="ignore")  # type: ignore[attr-defined]
            with contextlib.suppress(Exception):
                client.close()  # type: ignore[attr-defined]
        if failed:
            lost = sum(batch.n_tasks for batch, _ in failed)
            raise ExecutorError(
                f"{len(failed)} batch(es), {lost} page run(s), failed on the Dask cluster "
                f"({failed[0][1]}); everything else is saved and --resume runs the rest"
            )
