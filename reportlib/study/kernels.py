"""The study's kernels: the project's ``reportlib`` kernel spec, one kernel manager per notebook,
its connection file (which holds the kernel's key) in the study's own state folder, and a kill
that takes the kernel's children with it.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

KERNEL = "reportlib"  # the project's kernel, registered in .venv by `make` or by ensure_kernel()


def _kernel_specs() -> Any:
    """Kernel specs of this environment only (``sys.prefix``): a ``reportlib`` kernel a user
    registered elsewhere, for another checkout's venv, must not run this study."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KernelSpecManager(kernel_dirs=[str(Path(sys.prefix) / "share" / "jupyter" / "kernels")])


def ensure_kernel() -> None:
    """Register the ``reportlib`` kernel in this venv if it is missing (plain venvs, CI)."""
    from jupyter_client.kernelspec import NoSuchKernel

    try:
        spec = _kernel_specs().get_kernel_spec(KERNEL)
        here = Path(sys.executable).parent  # the venv's bin/: python, python3 … are all this venv
        if spec.argv and Path(spec.argv[0]).parent == here:
            return
        log.warning("kernel %r runs %s, not this Python (%s); registering this one in %s",
                    KERNEL, spec.argv[0] if spec.argv else "?", sys.executable, sys.prefix)
    except NoSuchKernel:
        log.info("registering the %r kernel in %s", KERNEL, sys.prefix)
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL, display_name="reportlib (.venv)", prefix=sys.prefix)


def connection_folder(state: Path) -> Path:
    """Where the kernels' connection files live: inside the study's state folder, never the
    system temp folder, so a killed run leaves its keys where the next run removes them."""
    return state / "kernels"


def remove_stale_connection_files(state: Path) -> None:
    """Connection files left by a killed run (called while holding the study's lock)."""
    for leftover in connection_folder(state).glob("*.json"):
        leftover.unlink(missing_ok=True)


def kernel_manager(log_file: IO[bytes], root: Path, connection_file: Path) -> Any:
    """A kernel manager for one notebook: the kernel runs in ``root`` with ``REPORTLIB_ROOT``
    set to it (so it finds the same project as the runner), writes its chatter to ``log_file``,
    not the terminal, and its connection file to ``connection_file``."""
    from jupyter_client.manager import AsyncKernelManager  # nbclient needs the async client

    class QuietKernelManager(AsyncKernelManager):
        async def _async_start_kernel(self, **kw: Any) -> None:
            kw.setdefault("stdout", log_file)
            kw.setdefault("stderr", log_file)
            kw["cwd"] = str(root)
            kw["env"] = {**kw.get("env", os.environ), "REPORTLIB_ROOT": str(root)}
            await super()._async_start_kernel(**kw)

        start_kernel = _async_start_kernel

        def client(self, **kw: Any) -> Any:  # kept, so its channels are closed after the run
            kc = super().client(**kw)
            self.clients_made = [*getattr(self, "clients_made", []), kc]
            return kc

    connection_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return QuietKernelManager(kernel_name=KERNEL, kernel_spec_manager=_kernel_specs(),
                              connection_file=str(connection_file))


def kill(km: Any) -> None:
    """Kill a kernel and its children now (the kernel runs in its own process group)."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()


def release(km: Any, *, now: bool) -> None:
    """Close the clients, stop the kernel (killed at once when ``now``) and remove its
    connection file, whatever state it is in."""
    from jupyter_core.utils import run_sync

    for kc in getattr(km, "clients_made", []):
        kc.stop_channels()
    try:
        if now:
            kill(km)
            run_sync(km.cleanup_resources)()
        elif km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    finally:
        if km.connection_file:
            Path(km.connection_file).unlink(missing_ok=True)
