"""Reading an untrusted file in a child process with a memory and a time limit.

A spreadsheet reader that allocates for every cell between A1 and XFD1048576, a zip that
expands without end, a parser that crashes: whatever happens in the child, the process that
asked (the app and its other users, or a CLI batch) carries on and gets an ``ImportFailed``
naming the file.

Children come from a *forkserver*: one small process, started on first use, that has already
imported the parsers and forks a fresh child per file (a few milliseconds), so a child never
inherits the app's threads, connections or memory.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.spawn
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

from smdash.core import settings
from smdash.imports.errors import ImportFailed

# modules the forkserver imports once, so that each child starts with them loaded (pandas:
# for the previews, DuckDB's .df(), which would otherwise cost each child 1-2 s)
PRELOAD = ["smdash.imports.pipeline", "pandas", "python_calamine"]
POLL_SECONDS = 0.05
CHILD_NAME = "smdash-reader"
_context = None
last_peak_kib = 0  # the peak RSS of the last reading process that finished (the benchmark)


@dataclass(frozen=True)
class Limits:
    memory_bytes: int  # the child's address space (RLIMIT_AS): every allocation counts
    seconds: float  # wall-clock time before the child is stopped

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(settings.import_memory_mb() * 2**20, settings.import_seconds())


def _mp():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
        _without_main(multiprocessing.spawn)
    return _context


def _without_main(spawn) -> None:
    """A reader child must not run the parent's main script (Streamlit's launcher, pytest's,
    a user's script) as multiprocessing does by default: it needs only smdash's modules,
    already loaded in the forkserver. Other processes are left as multiprocessing makes them."""
    original = spawn.get_preparation_data
    if getattr(original, "smdash", False):
        return

    def preparation_data(name):
        data = original(name)
        if name.startswith(CHILD_NAME):
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
        return data

    preparation_data.smdash = True
    spawn.get_preparation_data = preparation_data


def run(
    function: Callable,
    args: tuple,
    file_name: str,
    limits: Limits,
    progress: Callable[[str, float], None] | None = None,
):
    """``function(*args, report)`` in a child limited to ``limits``; its return value.

    ``report(stage, fraction)`` inside the child reaches ``progress`` here. An ImportFailed
    raised in the child is raised here; any other end of the child becomes an ImportFailed
    naming ``file_name``: out of memory, out of time, or the reader's own error.
    """
    mp = _mp()
    reader, writer = mp.Pipe(duplex=False)
    child = mp.Process(
        target=_child, args=(writer, function, args, limits.memory_bytes), name=CHILD_NAME
    )
    child.start()
    writer.close()
    deadline = time.monotonic() + limits.seconds
    try:
        while True:
            if reader.poll(POLL_SECONDS):
                try:
                    message = reader.recv()
                except EOFError:
                    break
                if message[0] == "progress":
                    if progress:
                        progress(*message[1:])
                    continue
                if message[0] == "peak":
                    global last_peak_kib
                    last_peak_kib = message[1]
                    continue
                return _outcome(message, file_name, limits)
            if time.monotonic() > deadline:
                child.kill()
                raise ImportFailed("too_slow", file=file_name, seconds=limits.seconds)
            if not child.is_alive() and not reader.poll(0):
                break
        child.join(5)
        raise ImportFailed(
            "too_demanding", file=file_name, limit_mb=limits.memory_bytes / 2**20
        )  # the child died without a word: killed by the kernel, or aborted by a reader
    finally:
        reader.close()
        if child.is_alive():
            child.kill()
        child.join(5)


def _outcome(message: tuple, file_name: str, limits: Limits):
    kind, *rest = message
    if kind == "ok":
        return rest[0]
    if kind == "failed":
        code, variant, params = rest
        raise ImportFailed(code, variant, **params)
    if kind == "memory":
        raise ImportFailed("too_demanding", file=file_name, limit_mb=limits.memory_bytes / 2**20)
    if kind == "disk":
        raise ImportFailed("disk_full", file=file_name)
    raise ImportFailed("unreadable_file", file=file_name, detail=rest[0])


def _child(writer, function: Callable, args: tuple, memory_bytes: int) -> None:
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)  # a reader's abort message is not for the server's log or the CLI's user
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind

    def report(stage: str, fraction: float) -> None:
        writer.send(("progress", stage, fraction))

    try:
        result = function(*args, report)
        writer.send(("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        writer.send(("ok", result))
    except ImportFailed as exc:
        writer.send(("failed", exc.code, exc.variant, exc.params))
    except BaseException as exc:  # noqa: BLE001 - a reader's crash becomes a message, never a trace
        writer.send(_failure(exc))
    finally:
        writer.close()
    os._exit(0)  # skip interpreter clean-up: nothing the child made needs it


def _failure(exc: BaseException) -> tuple:
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, MemoryError) or "out of memory" in text.lower():
        return ("memory",)
    if isinstance(exc, OSError) and exc.errno == 28 or "No space left" in text:
        return ("disk",)
    return ("error", short_detail(text))


def short_detail(text: str, limit: int = 200) -> str:
    """The first line of an error, without the server's file paths, at most ``limit`` long."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = " ".join(part for part in first.split() if not part.startswith(("/", "'/", '"/')))
    return first[:limit]
