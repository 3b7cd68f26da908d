"""A pure per-item function run over many items in several processes, in order.

:func:`run_ordered` is the machinery behind ``argmap.load_all(workers=N)``
and the ``-j`` option of the batch commands.  Its design follows from what
the work costs: reading one map takes a fraction of a millisecond, so the
fixed costs of processes decide whether they pay off.

- This process is one of the *workers*: it starts ``workers - 1`` child
  processes and works through the items with them, so two workers are two
  processes busy on two cores, not two children and a parent that waits.
- Items go out in chunks (several per worker, handed out as workers become
  free, each child holding two at a time so that it never waits for the
  next), and each chunk's results come back as one message.
- On Linux, in a process with no other thread, children are forked: they
  start at once with every module this process has imported (the first
  item is done here before they start, so the reader it needed is
  imported once, not once per child).  Elsewhere, or when other threads run
  (forking them is unsafe), children are started by the ``forkserver``
  method where there is one, else ``spawn``; those import argmap afresh.
- Results come back pickled once; a *dispatch_table* lets the caller send
  its objects in a compact form (see :mod:`argmap.corpus`).
- Each item's warnings are recorded where it ran and issued again, in
  order, as its result is yielded.
- A child that dies (killed by a signal, most often by the system's
  out-of-memory killer) is not a bug: the chunks it held are done again by
  a child started in its place, the one it was working on split into
  chunks of one item; an item whose own chunk dies gets *lost*'s result
  (its error), so that no item is tried more than twice and the others are
  still done.  Such items are never done in this process, which the same
  item could kill.
- When the system refuses a process (no memory for it, too many
  processes or open files), the work goes on with those that started, or
  in this process alone, with a warning; when a child dies and none can
  take its place while it held work that only a child may do, that is an
  :class:`~argmap.errors.ArgmapError` saying so.
- A child ignores Ctrl-C: the process that asked decides.  However the
  iteration ends (exhausted, an exception, KeyboardInterrupt, the generator
  closed early), the children are ended and waited for before it returns;
  a child whose parent dies sees its pipe close and exits.

Only the standard library is used here (and :mod:`argmap.errors`, for
what the user is told when the system refuses a process).
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import io
import os
import pickle
import select
import signal
import sys
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from argmap._gc import paused

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = ["run_ordered", "start_method"]

T = TypeVar("T")
R = TypeVar("R")
W = TypeVar("W")

#: Chunks each child holds at once: one it works on, one waiting.
_AHEAD = 2
#: Children that may die holding no chunk (killed while idle) in one run.
_IDLE = 4

# One item's outcome in a child: what the remote function returned (or the
# exception it raised, to be raised again here) and its warnings.
_Caught = list[tuple[type[Warning], str]]


class _Raised:
    """An exception from a child, carried back to be raised again here."""

    def __init__(self, error: BaseException):
        try:
            pickle.dumps(error)
            self.error: BaseException = error
        except Exception:  # an exception that cannot travel: its traceback as text
            import traceback

            text = "".join(traceback.format_exception(error))
            self.error = RuntimeError(f"in a worker process:\n{text}")


def start_method() -> str:
    """How child processes are started here: ``"fork"`` on Linux when this
    process runs no other thread, else ``"forkserver"`` where the system has
    it, else ``"spawn"``."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1 and _one_thread():
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _one_thread() -> bool:
    """Whether the system sees one thread in this process: threads started
    outside Python (by a C library) count too, as they do for the warning
    Python 3.12+ gives when a process with threads forks."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


# An item's outcome: its result (or a _Raised) and the warnings it issued.
_Outcome = tuple[Any, _Caught]


# What a child is sent: a chunk's number, or (chunk number, item index) for
# one item of a chunk done again item by item.
_Key = int | tuple[int, int]


class _Child:
    """A child process, our end of its pipe, and the chunks it holds (in the
    order sent, which is the order it answers in)."""

    def __init__(self, process: BaseProcess, conn: Connection):
        self.process = process
        self.conn = conn
        self.held: deque[_Key] = deque()
        self.answered = False
        #: Its pipe broke as it was sent a chunk: it died, and is read until
        #: the end of its pipe (the answers it sent first are there).
        self.broken = False

    @property
    def pending(self) -> int:
        """Whether it is to be read: how many chunks it holds (1 if it broke)."""
        return len(self.held) or int(self.broken)


class _Run(Generic[T]):
    """The state of one :func:`run_ordered`: the chunks, who has which, and
    the outcomes that have come back but not yet been yielded."""

    def __init__(
        self,
        items: Sequence[T],
        chunk_size: int,
        local: Callable[[T], Any],
        decode: Callable[[Any], Any],
        lost: Callable[[T, int | None], Any] | None,
    ):
        self.items = items
        self.local = local
        self.decode = decode
        self.lost = lost
        count = len(items)
        self.chunks = [(i, min(i + chunk_size, count)) for i in range(0, count, chunk_size)]
        self.children: list[_Child] = []
        self.done: dict[int, list[_Outcome]] = {}  # chunk number -> outcomes
        self.here: set[int] = set()  # the chunks done (or decoded) in this process
        self.fresh = 1  # the first chunk not yet given to anyone (chunk 0 is ours)
        self.poller: select.poll | None = None
        # After a child died: what it held, to be sent to children again
        # (never done here), and the chunks being done again item by item.
        self.again: deque[_Key] = deque()
        self.parts: dict[int, list[_Outcome | None]] = {}
        self.dead = 0  # children that died and have not been replaced
        self.idle = 0  # children that died holding no chunk
        self.starter: Callable[[int, list[Connection]], tuple[list[_Child], OSError | None]] | None = None
        self.refused: OSError | None = None  # the system's refusal of a child, if it refused one

    def feed(self, child: _Child) -> None:
        """Give *child* chunks until it holds :data:`_AHEAD` (or none are
        left): first those of a child that died, then fresh ones."""
        while len(child.held) < _AHEAD and not child.broken:
            if self.again:
                key = self.again.popleft()
            elif self.fresh < len(self.chunks):
                key = self.fresh
                self.fresh += 1
            else:
                return
            if isinstance(key, int):
                start, end = self.chunks[key]
                chunk = self.items[start:end]
            else:
                chunk = [self.items[key[1]]]
            try:
                child.conn.send_bytes(pickle.dumps((key, chunk), pickle.HIGHEST_PROTOCOL))
            except OSError:  # it died: see collect
                self.again.appendleft(key)
                child.broken = True
                return
            child.held.append(key)

    def collect(self, child: _Child) -> None:
        """Take *child*'s next answer (waiting for it) and feed it again."""
        try:
            payload = child.conn.recv_bytes()
        except (EOFError, OSError):
            self.died(child)
            return
        child.held.popleft()
        child.answered = True
        self.feed(child)
        with paused():
            key, outcomes = pickle.loads(payload)
            if isinstance(key, int):
                self.done[key] = outcomes
            else:
                (outcome,) = outcomes
                result, caught = outcome
                if not isinstance(result, _Raised):
                    result = self.decode(result)
                self.part(key, (result, caught))

    def part(self, key: tuple[int, int], outcome: _Outcome) -> None:
        """The *outcome* of one item of a chunk done again item by item; the
        chunk is done when all its items are."""
        number, index = key
        outcomes = self.parts[number]
        outcomes[index - self.chunks[number][0]] = outcome
        if all(o is not None for o in outcomes):
            del self.parts[number]
            self.done[number] = outcomes  # type: ignore[assignment]  # (no None left)
            self.here.add(number)  # (decoded already)

    def died(self, child: _Child) -> None:
        """*child* ended without answering: the chunk it was working on is
        done again item by item (or, a chunk of one item, is that item's
        loss), the others it held are sent again as they were, and a child
        will be started in its place (see :meth:`revive`)."""
        child.process.join(1)
        if child.process.exitcode is None:  # (it closed its pipe and lives on)
            child.process.kill()
            child.process.join()
        code = child.process.exitcode
        # A child that exits (not killed) before it answers has failed to
        # start; one that dies holding nothing, again and again, would be
        # replaced forever: both are errors of the run, not of its items.
        self.idle += not child.held
        if self.lost is None or (not child.answered and code is not None and code > 0) or self.idle > _IDLE:
            raise RuntimeError(f"a worker process ended unexpectedly (exit code {code})")
        self.children.remove(child)
        if self.poller is not None:
            self.poller.unregister(child.conn.fileno())
        child.conn.close()
        held = child.held
        if held:
            key = held.popleft()
            start, end = self.chunks[key] if isinstance(key, int) else (key[1], key[1] + 1)
            if isinstance(key, int) and end - start > 1:
                self.parts[key] = [None] * (end - start)
                self.again.extendleft((key, i) for i in reversed(range(start, end)))
            else:
                number = key if isinstance(key, int) else key[0]
                self.parts.setdefault(number, [None])
                with paused():
                    outcome: _Outcome = (self.lost(self.items[start], code), _NONE)
                self.part((number, start), outcome)
            self.again.extend(held)
            held.clear()
        self.dead += 1

    def revive(self) -> None:
        """Start children in place of those that died, while there is work
        that only children may do (an :class:`~argmap.errors.ArgmapError`
        if there is and none can be started)."""
        if not self.dead or not (self.again or self.fresh < len(self.chunks)):
            return
        if self.starter is not None:
            count = self.dead
            started, self.refused = self.starter(count, [c.conn for c in self.children])
            self.start(started)
            if self.refused is not None:
                self.starter = None  # (no more tries: any others carry on)
        self.dead = 0
        if not self.children and self.again:
            # What the dead child held may only be done by a child (an item
            # there may have killed it): none is left, and none starts.
            from argmap.errors import ArgmapError

            why = self.refused.strerror or str(self.refused) if self.refused is not None else "none to start"
            msg = (
                f"a worker process ended, and no other could take its work ({why}); "
                "pass workers=1 (or -j 1) to work in one process"
            )
            raise ArgmapError(msg)

    def start(self, children: list[_Child]) -> None:
        """Take on *children* and give them their first chunks."""
        self.children.extend(children)
        if hasattr(select, "poll"):
            if self.poller is None:
                self.poller = select.poll()
            for child in children:
                self.poller.register(child.conn.fileno(), select.POLLIN)
        for child in children:
            self.feed(child)

    def ready(self) -> list[_Child]:
        """The children whose answer is there to be read (without waiting:
        one ``poll`` call for all of them, a few microseconds)."""
        if self.poller is None:  # (Windows)
            return [child for child in self.children if child.pending and child.conn.poll()]
        events = self.poller.poll(0)
        if not events:
            return []
        fds = {fd for fd, _event in events}
        return [child for child in self.children if child.pending and child.conn.fileno() in fds]

    def wait(self) -> None:
        """Wait until a child answers, and collect its answer."""
        from multiprocessing.connection import wait

        busy = {child.conn: child for child in self.children if child.pending}
        if not busy:  # pragma: no cover - a chunk no one holds: a bug, not a hang
            raise RuntimeError("no worker process holds the chunk awaited")
        for conn in wait(list(busy)):
            self.collect(busy[conn])  # type: ignore[index]  # wait() returns the connections it was given

    def work(self, number: int, items: list[_Outcome]) -> None:
        """Do chunk *number* here, after the outcomes in *items* (done
        already), answering the children between items."""
        start, end = self.chunks[number]
        with paused(), _recording() as record:  # (see _serve)
            for i in range(start + len(items), end):
                items.append(record(self.local, self.items[i]))
                if self.children:
                    for child in self.ready():
                        self.collect(child)
        self.done[number] = items
        self.here.add(number)


def run_ordered(
    items: Sequence[T],
    local: Callable[[T], R],
    remote: Callable[[T], W],
    decode: Callable[[W], R],
    *,
    workers: int,
    chunk_size: int,
    dispatch_table: Mapping[type, Callable[[Any], Any]] | None = None,
    method: str | None = None,
    stacklevel: int = 2,
    lost: Callable[[T, int | None], R] | None = None,
) -> Iterator[tuple[T, R]]:
    """``(item, result)`` for each of *items*, in order, computed by this
    process and ``workers - 1`` children, *chunk_size* items at a time.

    Here an item's result is ``local(item)``; in a child it is
    ``decode(remote(item))``, *remote*'s result sent back pickled (with
    *dispatch_table*'s reducers, see :class:`pickle.Pickler`) and *decode*
    run here.  *remote* must be importable by name when children are not
    forked.  An exception raised by *local* or *remote* is raised here when
    its item's turn comes (and the children ended).  *method* chooses the
    start method (default: :func:`start_method`); *stacklevel* is the
    warnings' (2: the frame that iterates over this generator).

    *lost* gives the result of an item whose child process died while it
    was doing it alone (the item and the process's exit code, minus the
    signal's number for a signal: see the design notes above); without it,
    a child that dies raises :class:`RuntimeError`.
    """
    if not items:
        return
    run = _Run(items, max(1, chunk_size), local, decode, lost)
    try:
        # Chunk 0 is ours, and its first item is done before the children
        # start, so that forked children inherit whatever it imported.
        first = [_recorded(local, items[0])]
        children = min(workers, len(run.chunks)) - 1
        if children > 0:
            how = method or start_method()
            started, run.refused = _start(children, how, remote, dispatch_table)
            if run.refused is not None:  # fewer processes, or this one alone: the work is still done
                from argmap.errors import ArgmapWarning

                msg = (
                    f"could not start {children - len(started)} of {children} worker processes "
                    f"({run.refused.strerror or run.refused}): working with {len(started) + 1} process"
                    f"{'es' if started else ''}"
                )
                warnings.warn(msg, ArgmapWarning, stacklevel=stacklevel)
            else:
                run.starter = lambda count, others: _start(count, how, remote, dispatch_table, others)
            run.start(started)
        run.work(0, first)
        for number, (start, _end) in enumerate(run.chunks):
            while number not in run.done:
                run.revive()
                if run.fresh < len(run.chunks):  # work here rather than wait
                    run.fresh += 1
                    run.work(run.fresh - 1, [])
                else:
                    run.wait()
            outcomes = run.done.pop(number)
            if number not in run.here:
                with paused():
                    outcomes = [(o if isinstance(o, _Raised) else decode(o), c) for o, c in outcomes]
            for offset, (result, caught) in enumerate(outcomes):
                if isinstance(result, _Raised):
                    raise result.error
                for category, message in caught:
                    warnings.warn(message, category, stacklevel=stacklevel)
                yield items[start + offset], result
    finally:
        _stop(run.children)


def _recorded(fn: Callable[[T], Any], item: T) -> _Outcome:
    """*fn*'s result for *item* (or a :class:`_Raised`) and its warnings."""
    with _recording() as record:
        return record(fn, item)


_Record = Callable[[Callable[[Any], Any], Any], _Outcome]


@contextlib.contextmanager
def _recording() -> Iterator[_Record]:
    """Record warnings for a run of items (one ``catch_warnings`` for all of
    them: entering one costs more than reading a small map); the function
    given returns an item's outcome with the warnings it issued."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        def record(fn: Callable[[Any], Any], item: Any) -> _Outcome:
            try:
                result = fn(item)
            except Exception as e:
                result = _Raised(e)
            if not caught:
                return result, _NONE
            issued = [(w.category, str(w.message)) for w in caught]
            caught.clear()
            return result, issued

        yield record


# The warnings of an item that issued none (shared: never changed).
_NONE: _Caught = []


# --------------------------------------------------------------------------
# The children


def _start(
    count: int,
    method: str,
    remote: Callable[[Any], Any],
    dispatch_table: Mapping[type, Callable[[Any], Any]] | None,
    others: Sequence[Connection] = (),
) -> tuple[list[_Child], OSError | None]:
    """Start *count* children serving *remote*, beside those whose pipes
    are *others* (our ends, which a forked child closes): those started,
    and the system's refusal that stopped the others (None when all
    started)."""
    import multiprocessing

    # (Any: typeshed's BaseContext has no Process; each start method's context has one)
    context: Any = multiprocessing.get_context(method)
    children: list[_Child] = []
    # A forked child that runs the cyclic collector over the objects it
    # inherited writes to every page that holds them, copying them all:
    # frozen, the collector leaves them alone (in the child; here they are
    # unfrozen at once).
    # (not where the program keeps objects frozen itself: unfreeze would
    # release them)
    freeze = method == "fork" and not gc.get_freeze_count()
    if freeze:
        gc.freeze()
    try:
        for _ in range(count):
            try:
                ours, theirs = context.Pipe()
            except OSError as e:  # out of file descriptors
                return children, e
            # A forked child inherits our ends of the earlier children's
            # pipes: it closes them, so that each child sees its own pipe
            # close when this process is gone.
            close = [*others, *(c.conn for c in children), ours] if method == "fork" else []
            process = context.Process(
                target=_serve,
                args=(theirs, remote, dict(dispatch_table or {}), close),
                daemon=True,
                name="argmap-worker",
            )
            with warnings.catch_warnings():
                # start_method forks only where no other thread runs; a
                # caller who asks for fork regardless has chosen it, so
                # Python 3.12+'s warning that a threaded process forks is
                # not passed on to the user
                warnings.filterwarnings("ignore", r".*use of fork\(\) may lead to deadlocks", DeprecationWarning)
                try:
                    process.start()
                except OSError as e:  # the system refuses a process (no memory for it, too many)
                    ours.close()
                    theirs.close()
                    return children, e
            theirs.close()
            children.append(_Child(process, ours))
    except BaseException:
        _stop(children)
        raise
    finally:
        if freeze:
            gc.unfreeze()
    return children, None


def _stop(children: list[_Child]) -> None:
    """End *children* and wait for them: each has its pipe closed (an idle
    child then exits), and is terminated if still there."""
    for child in children:
        child.conn.close()
    for child in children:
        child.process.join(0.05 if child.pending == 0 else 0)
        if child.process.exitcode is None:
            child.process.terminate()
    for child in children:
        child.process.join(5)
        if child.process.exitcode is None:  # pragma: no cover - a child that ignores SIGTERM
            child.process.kill()
            child.process.join()
    children.clear()


def _serve(
    conn: Connection,
    remote: Callable[[Any], Any],
    dispatch_table: dict[type, Callable[[Any], Any]],
    close: list[Connection],
) -> None:
    """A child's life: take chunks of items, send back their outcomes, until
    the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent decides
    for c in close:
        c.close()
    while True:
        try:
            request = conn.recv_bytes()
        except (EOFError, OSError):
            return
        number, items = pickle.loads(request)
        # The collector is paused while a chunk is done and sent: its
        # results stay alive until then, and the collector would go over
        # them again and again as they grow (a third of the time of reading
        # small maps); they are dropped before it runs again.
        with paused():
            with _recording() as record:
                outcomes = [record(remote, item) for item in items]
            try:
                payload = _dumps((number, outcomes), dispatch_table)
            except Exception as e:  # a result that cannot travel: each item's error, as text
                failed = _Raised(RuntimeError(f"a worker could not send its results back: {e!r}"))
                payload = _dumps((number, [(failed, [])] * len(items)), {})
            del outcomes
        try:
            conn.send_bytes(payload)
        except OSError:  # the parent is gone
            return


def _dumps(value: Any, dispatch_table: dict[type, Callable[[Any], Any]]) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    if dispatch_table:
        pickler.dispatch_table = {**copyreg.dispatch_table, **dispatch_table}
    with paused():
        pickler.dump(value)
    return buffer.getvalue()
