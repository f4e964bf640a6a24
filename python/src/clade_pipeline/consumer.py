"""Consuming the decisions at least once: export (reading never moves the cursor), apply, and only
then acknowledge with `clade ack`. The package never writes Clade's database itself."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from typing import Iterator, Optional, Sequence, Union

from .export import AssignmentStream, Export, read_export


class CladeError(RuntimeError):
    """`clade` refused or failed; the message is its one-line reason."""


def clade_binary(clade: Optional[str] = None) -> str:
    """`clade`, else $CLADE_BIN, else `clade` on PATH."""
    name = clade or os.environ.get("CLADE_BIN") or "clade"
    found = shutil.which(name) if os.sep not in name else (name if os.access(name, os.X_OK) else None)
    if not found:
        raise CladeError(f"cannot run {name!r}: not found or not executable (set CLADE_BIN or pass clade=...)")
    return found


def _run(args: Sequence[str], clade: Optional[str]) -> subprocess.CompletedProcess:
    cmd = [clade_binary(clade), *args]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        reason = proc.stderr.strip().splitlines()
        raise CladeError(reason[-1] if reason else f"{' '.join(cmd)} exited with {proc.returncode}")
    return proc


def export(db: Union[str, os.PathLike], *, consumer: Optional[str] = None, run: Optional[int] = None,
           since: Optional[int] = None, questions: bool = False, clade: Optional[str] = None) -> Export:
    """Runs `clade export DB --format json` and parses it. Never moves the consumer's cursor."""
    args = ["export", os.fspath(db), "--format", "json"]
    if consumer is not None:
        args += ["--consumer", consumer]
    if run is not None:
        args += ["--run", str(run)]
    if since is not None:
        args += ["--since", str(since)]
    if questions:
        args += ["--questions"]
    return read_export(io.StringIO(_run(args, clade).stdout))


def ack(db: Union[str, os.PathLike], consumer: str, through: int, clade: Optional[str] = None) -> None:
    """Runs `clade ack DB --consumer NAME --through ID`: call it only once what the export said is
    applied and stored, so a crash before this line means the same decisions come again."""
    if isinstance(through, bool) or not isinstance(through, int):
        raise TypeError(f"through must be a decision id (int), not {through!r}")
    _run(["ack", os.fspath(db), "--consumer", consumer, "--through", str(through)], clade)


@contextlib.contextmanager
def consume(db: Union[str, os.PathLike], consumer: str, *, clade: Optional[str] = None,
            **export_args) -> Iterator[Export]:
    """`with consume(db, "nightly") as exp: apply(exp)`: acknowledges exp.through only when the
    block finishes without an exception."""
    exp = export(db, consumer=consumer, clade=clade, **export_args)
    yield exp
    ack(db, consumer, exp.through, clade=clade)


def ack_stream(db: Union[str, os.PathLike], consumer: str, stream: AssignmentStream,
               clade: Optional[str] = None) -> None:
    """Acknowledges a JSONL stream that was read to its end line (a cut-off stream is refused)."""
    if stream.end is None:
        raise CladeError(f"{stream.name}: not read to its end line; nothing acknowledged")
    ack(db, consumer, int(stream.through), clade=clade)
