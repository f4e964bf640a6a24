"""Reading Clade's exports: the JSON document (`clade export --format json`) and the streaming
JSON Lines (`clade export --format jsonl`). Standard library only."""
from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass, field
from typing import IO, Any, Dict, Iterator, List, Optional, Union

JSON_FORMAT = "clade-decisions/2"
JSONL_FORMAT = "clade-assignments/1"

PathOrFile = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]


class ExportError(ValueError):
    """The input is not a Clade export this package can read (wrong format, truncated, malformed)."""


@dataclass(frozen=True)
class Assignment:
    """One question's effective assignment after the review (a JSONL `question` line)."""

    question_id: int
    external_id: Optional[str]
    pipeline_cluster_id: int
    reviewed_cluster_id: Optional[int]
    concept_id: Optional[str] = None
    label: Optional[str] = None
    status: str = "active"
    topic: Optional[int] = None

    @property
    def key(self) -> Union[str, int]:
        """The pipeline's id for the row when it has one, else Clade's question id."""
        return self.external_id if self.external_id is not None else self.question_id


@dataclass
class Export:
    """A `clade-decisions/2` export. Lists and dicts are kept as parsed JSON; the helpers below
    index them."""

    run_id: int
    through: int
    since: int = 0
    consumer: Optional[str] = None
    decisions: List[Dict[str, Any]] = field(default_factory=list)
    clusters: List[Dict[str, Any]] = field(default_factory=list)
    questions: Optional[List[Dict[str, Any]]] = None
    reassignments: List[Dict[str, Any]] = field(default_factory=list)
    expert_clusters: List[Dict[str, Any]] = field(default_factory=list)
    pipeline_centroids: Optional[Dict[int, List[float]]] = None
    bertopic: Dict[str, Any] = field(default_factory=dict)
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    def cluster(self, cluster_id: int) -> Optional[Dict[str, Any]]:
        return self._clusters_by_id().get(cluster_id)

    def _clusters_by_id(self) -> Dict[int, Dict[str, Any]]:
        cache = self.__dict__.get("_by_id")
        if cache is None:
            cache = {int(c["cluster_id"]): c for c in self.clusters}
            for e in self.expert_clusters:
                cache.setdefault(int(e["cluster_id"]), {**e, "origin": "expert", "status": "active"})
            self.__dict__["_by_id"] = cache
        return cache

    def question_rows(self) -> List[Dict[str, Any]]:
        """Per-question rows the export holds: every question when it lists them, else only the
        questions whose cluster the review changed (`reassignments`)."""
        return self.questions if self.questions is not None else self.reassignments


def _open_text(source: PathOrFile):
    if isinstance(source, (str, os.PathLike)):
        return open(source, "r", encoding="utf-8"), True
    if isinstance(source, io.TextIOBase) or hasattr(source, "encoding"):
        return source, False
    return io.TextIOWrapper(source, encoding="utf-8"), False


def _name(source: PathOrFile) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", "<stream>")


def read_export(source: Union[PathOrFile, Dict[str, Any]]) -> Export:
    """Reads `clade export --format json` output from a path, a file object or an already parsed dict."""
    if isinstance(source, dict):
        doc, name = source, "<dict>"
    else:
        name = _name(source)
        f, close = _open_text(source)
        try:
            text = f.read()
        finally:
            if close:
                f.close()
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            hint = ("a JSON Lines stream? read it with iter_assignments" if text.lstrip().startswith('{"kind"')
                    else "is this `clade export --format json` output?")
            raise ExportError(f"{name}: not JSON ({e.msg} at line {e.lineno} column {e.colno}); {hint}") from None
    if not isinstance(doc, dict):
        raise ExportError(f"{name}: expected a JSON object, found {type(doc).__name__}")
    fmt = doc.get("format")
    if fmt == "clade-bertopic/1":
        raise ExportError(f"{name}: this is `clade export --format bertopic` (the bertopic section only); "
                          "the package reads `clade export --format json`, which holds it too")
    if fmt != JSON_FORMAT:
        raise ExportError(f"{name}: format {fmt!r}, expected {JSON_FORMAT!r} "
                          "(export it again with this Clade, or update clade_pipeline)")
    for key in ("run_id", "through"):
        if not isinstance(doc.get(key), int):
            raise ExportError(f"{name}: missing or non-integer {key!r}")
    centroids = doc.get("pipeline_centroids")
    return Export(
        run_id=doc["run_id"],
        through=doc["through"],
        since=doc.get("since") or 0,
        consumer=doc.get("consumer"),
        decisions=list(doc.get("decisions") or []),
        clusters=list(doc.get("clusters") or []),
        questions=doc.get("questions"),
        reassignments=list(doc.get("reassignments") or []),
        expert_clusters=list(doc.get("expert_clusters") or []),
        pipeline_centroids=None if centroids is None else {int(k): v for k, v in centroids.items()},
        bertopic=dict(doc.get("bertopic") or {}),
        raw=doc,
    )


class AssignmentStream:
    """Iterates the question lines of `clade export --format jsonl`, checking the stream as it goes.

    `header` is available after the first line is read, `through` and `count` once the stream
    was read to its `end` line. A stream without its `end` line (a crashed or cut-off export)
    raises ExportError at the end instead of passing silently, so it is never acknowledged."""

    def __init__(self, source: PathOrFile):
        self._source = source
        self.name = _name(source)
        self.header: Optional[Dict[str, Any]] = None
        self.end: Optional[Dict[str, Any]] = None
        self.count = 0

    @property
    def through(self) -> Optional[int]:
        return None if self.end is None else self.end.get("through")

    def __iter__(self) -> Iterator[Assignment]:
        f, close = _open_text(self._source)
        try:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                if self.end is not None:
                    raise ExportError(f"{self.name}:{lineno}: data after the end line")
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ExportError(f"{self.name}:{lineno}: not a JSON object ({e.msg})") from None
                if not isinstance(obj, dict):
                    raise ExportError(f"{self.name}:{lineno}: not a JSON object")
                kind = obj.get("kind")
                if self.header is None:
                    if kind != "header" or obj.get("format") != JSONL_FORMAT:
                        raise ExportError(f"{self.name}:{lineno}: expected a {JSONL_FORMAT!r} header line, "
                                          "is this `clade export --format jsonl` output?")
                    self.header = obj
                elif kind == "question":
                    self.count += 1
                    yield _assignment(obj, f"{self.name}:{lineno}")
                elif kind == "end":
                    if obj.get("questions") is not None and obj["questions"] != self.count:
                        raise ExportError(f"{self.name}:{lineno}: end line says {obj['questions']} questions, "
                                          f"the stream held {self.count}")
                    self.end = obj
                else:
                    raise ExportError(f"{self.name}:{lineno}: unknown line kind {kind!r}")
            if self.header is None:
                raise ExportError(f"{self.name}: empty stream")
            if self.end is None:
                raise ExportError(f"{self.name}: no end line after {self.count} questions (cut off? "
                                  "export again; do not acknowledge this one)")
        finally:
            if close:
                f.close()


def _assignment(obj: Dict[str, Any], where: str) -> Assignment:
    try:
        ext = obj.get("external_id")
        reviewed = obj.get("reviewed_cluster_id")
        topic = obj.get("topic")
        return Assignment(
            question_id=int(obj["question_id"]),
            external_id=None if ext is None else str(ext),
            pipeline_cluster_id=int(obj["pipeline_cluster_id"]),
            reviewed_cluster_id=None if reviewed is None else int(reviewed),
            concept_id=obj.get("concept_id"),
            label=obj.get("label"),
            status=obj.get("status") or "active",
            topic=None if topic is None else int(topic),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise ExportError(f"{where}: bad question line ({e.__class__.__name__}: {e})") from None


def iter_assignments(source: PathOrFile) -> AssignmentStream:
    """The question lines of a `clade-assignments/1` JSONL stream, as Assignment objects."""
    return AssignmentStream(source)
