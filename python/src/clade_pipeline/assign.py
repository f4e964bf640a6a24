"""The effective assignment: which reviewed cluster each row of the pipeline belongs to.

Rows Clade reviewed get what the export lists for them. Rows it never saw (the other 99% of a
weighted sample, or the next day's data) follow their pipeline cluster: merged into its survivor,
dismissed, or kept; and a row of a cluster the reviewer split goes to an expert cluster by the
export's rule (see `assign_unseen`). Standard library only; numpy is used when installed.
"""
from __future__ import annotations

import math
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from .export import Assignment, AssignmentStream, Export, ExportError, PathOrFile, read_export

VALUES = ("auto", "topic", "cluster", "concept", "label", "status")
_DEFAULT = object()
_TOKEN = re.compile(r"[0-9a-z]+(?:'[0-9a-z]+)*")


class Target:
    """A reviewed cluster (or the dismissal of one) a row ends up in."""

    __slots__ = ("cluster_id", "topic", "concept_id", "label", "status", "external_id")

    def __init__(self, cluster_id, topic, concept_id, label, status, external_id):
        self.cluster_id, self.topic, self.concept_id = cluster_id, topic, concept_id
        self.label, self.status, self.external_id = label, status, external_id

    def __repr__(self):
        return f"Target({self.cluster_id}, topic={self.topic}, concept={self.concept_id!r}, {self.status})"

    @property
    def dismissed(self) -> bool:
        return self.status in ("dismissed", "out_of_scope", "redirected")


def _int_or_none(value: Any) -> Optional[int]:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


class Resolver:
    """Indexes an export once: pipeline label → cluster → reviewed target."""

    def __init__(self, export: Export):
        self.export = export
        self.by_id: Dict[int, Dict[str, Any]] = export._clusters_by_id()
        self.by_label: Dict[str, int] = {}
        # A pipeline label names a cluster by its external id; a cluster written without one
        # (a run inserted with SQL) by its cluster id. Expert clusters have no pipeline label.
        for c in export.clusters:
            if c.get("origin", "pipeline") != "expert" and c.get("external_id") is not None:
                self.by_label[str(c["external_id"])] = int(c["cluster_id"])
        for c in export.clusters:
            if c.get("origin", "pipeline") != "expert" and c.get("external_id") is None:
                self.by_label.setdefault(str(c["cluster_id"]), int(c["cluster_id"]))
        self.experts_by_source: Dict[int, List[Dict[str, Any]]] = {}
        for e in export.expert_clusters:
            for source in e.get("source_cluster_ids") or []:
                self.experts_by_source.setdefault(int(source), []).append(e)
        self._targets: Dict[int, Target] = {}

    def cluster_of_label(self, label: Any) -> Optional[int]:
        """The Clade cluster a pipeline label names (its external id, else its cluster id)."""
        if label is None:
            return None
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        return self.by_label.get(str(label))

    def target(self, cluster_id: int) -> Target:
        cached = self._targets.get(cluster_id)
        if cached is not None:
            return cached
        c = self.by_id.get(cluster_id)
        if c is None:
            raise ExportError(f"cluster {cluster_id} is not in the export of run {self.export.run_id}")
        hops = 0
        while c.get("status") == "merged" and c.get("survivor") not in (None, c["cluster_id"]) and hops < 64:
            nxt = self.by_id.get(int(c["survivor"]))
            if nxt is None:
                break
            c, hops = nxt, hops + 1
        cid = int(c["cluster_id"])
        if c.get("origin") == "expert" or cid < 0:
            topic = c.get("proposed_topic")
            if topic is None:
                topic = next((e.get("proposed_topic") for e in self.export.expert_clusters
                              if int(e["cluster_id"]) == cid), None)
        else:
            topic = _int_or_none(c.get("external_id"))
            if topic is None:
                topic = cid
        status = c.get("status") or "active"
        t = Target(cid, topic, c.get("concept_id"), c.get("label"), status, c.get("external_id"))
        self._targets[cluster_id] = t
        return t

    def value(self, target: Optional[Target], mode: str, original: Any, dismissed: Any) -> Any:
        if target is None:
            return original
        if target.dismissed and mode != "status":
            if dismissed is _DEFAULT:
                return -1 if mode == "topic" or (mode == "auto" and _is_int(original)) else None
            return dismissed
        if mode == "topic":
            return target.topic
        if mode == "cluster":
            return target.cluster_id
        if mode == "concept":
            return target.concept_id
        if mode == "label":
            return target.label
        if mode == "status":
            return target.status
        # auto: the same label space as the pipeline's own labels
        if _is_int(original):
            return target.topic
        if target.external_id is not None:
            return target.external_id
        return target.concept_id


def _is_int(value: Any) -> bool:
    """An integer label, including numpy's and the 3.0 pandas makes of an int column with gaps."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int) or type(value).__name__.startswith(("int", "uint"))


def _check_mode(value: str) -> None:
    if value not in VALUES:
        raise ValueError(f"value must be one of {', '.join(VALUES)}, not {value!r}")


def _as_export_or_stream(source) -> Union[Export, AssignmentStream, List[Assignment]]:
    if isinstance(source, (Export, AssignmentStream)):
        return source
    if isinstance(source, list) and all(isinstance(a, Assignment) for a in source):
        return source
    if isinstance(source, dict):
        return read_export(source)
    name = str(source)
    if name.endswith(".jsonl"):
        return AssignmentStream(source)
    return read_export(source)


def effective_assignments(source, question_ids: Optional[Iterable[Union[int, str]]] = None) -> Dict[Union[int, str], Assignment]:
    """{external_id (or question_id when the row has none): Assignment} for the rows the export lists.

    `source`: an Export, a JSON export path, or a JSONL stream (path ending in .jsonl, or
    iter_assignments(...)). A JSON export without `questions` lists only the questions the review
    moved (merges, splits, moves, dismissals); use apply_to_labels for the others."""
    src = _as_export_or_stream(source)
    wanted = None if question_ids is None else {str(q) for q in question_ids}
    out: Dict[Union[int, str], Assignment] = {}
    if isinstance(src, Export):
        r = Resolver(src)
        for row in src.question_rows():
            ext = row.get("external_id")
            reviewed = row.get("reviewed_cluster_id")
            t = r.target(int(reviewed)) if reviewed is not None else None
            a = Assignment(
                question_id=int(row["question_id"]), external_id=None if ext is None else str(ext),
                pipeline_cluster_id=int(row["pipeline_cluster_id"]),
                reviewed_cluster_id=None if t is None else t.cluster_id,
                concept_id=row.get("concept_id") or (t.concept_id if t else None),
                label=row.get("label") or (t.label if t else None),
                status=row.get("status") or (t.status if t else "active"),
                topic=row.get("topic", None) if "topic" in row else (None if t is None or t.dismissed else t.topic),
            )
            if wanted is None or str(a.key) in wanted or str(a.question_id) in wanted:
                out[a.key] = a
    else:
        for a in src:
            if wanted is None or str(a.key) in wanted or str(a.question_id) in wanted:
                out[a.key] = a
    return out


def effective_labels(source, question_ids: Optional[Iterable[Union[int, str]]] = None, *,
                     value: str = "topic", dismissed: Any = _DEFAULT) -> Dict[Union[int, str], Any]:
    """{external_id (or question_id): reviewed topic / cluster / concept / label / status}.

    value: "topic" (BERTopic topic number, an expert cluster's proposed topic, -1 when dismissed),
    "cluster" (Clade's cluster id), "concept" (stable across runs), "label", "status"."""
    _check_mode(value)
    mode = "topic" if value == "auto" else value
    out = {}
    for key, a in effective_assignments(source, question_ids).items():
        dismissed_row = a.status in ("dismissed", "out_of_scope", "redirected")
        if dismissed_row and mode != "status":
            out[key] = (-1 if mode == "topic" else None) if dismissed is _DEFAULT else dismissed
        else:
            out[key] = {"topic": a.topic, "cluster": a.reviewed_cluster_id, "concept": a.concept_id,
                        "label": a.label, "status": a.status}[mode]
    return out


def apply_to_labels(labels: Sequence[Any], ids: Optional[Sequence[Any]], export: Union[Export, PathOrFile], *,
                    embeddings: Optional[Sequence[Sequence[float]]] = None, texts: Optional[Sequence[str]] = None,
                    assignments: Optional[Iterable[Assignment]] = None, value: str = "auto",
                    dismissed: Any = _DEFAULT, reviewed: Union[bool, Iterable[Any], None] = None) -> List[Any]:
    """A new label array for the label array the pipeline holds.

    labels[i] is the pipeline's cluster of row i (its own cluster ids: the clusters' external_id
    in Clade, or Clade's cluster_id for a run written without one), ids[i] the row's external id
    (None: no row was reviewed by id). A row Clade reviewed takes its reviewed cluster; any other
    row follows its cluster (merges, dismissals) and, with `embeddings` (or `texts` for keyword
    rules), goes to an expert cluster when the export's rule says so.

    value="auto" answers in the pipeline's label space: an int label becomes the reviewed topic
    (expert clusters: their proposed_topic; dismissed: -1), a string label the reviewed cluster's
    external id (expert clusters: their concept_id; dismissed: None).

    reviewed: which rows were in the run Clade reviewed, so that the rule for split-off clusters
    is not applied to rows the reviewer saw and left where they were (a JSON export without
    `questions` lists only the rows the review moved). True: every row (the labels are the
    reviewed run itself); a collection: those external ids (e.g. the sample shipped to Clade);
    None: the rows the export or `assignments` lists."""
    _check_mode(value)
    exp = export if isinstance(export, Export) else read_export(export)
    r = Resolver(exp)
    if ids is not None and len(ids) != len(labels):
        raise ValueError(f"{len(labels)} labels but {len(ids)} ids")
    seen: Dict[str, Target] = {}
    rows: Iterable[Any] = exp.question_rows() if assignments is None else assignments
    for row in rows:
        if isinstance(row, Assignment):
            key, target, pipeline = row.key, row.reviewed_cluster_id, row.pipeline_cluster_id
        else:
            ext = row.get("external_id")
            key = ext if ext is not None else row["question_id"]
            target, pipeline = row.get("reviewed_cluster_id"), row["pipeline_cluster_id"]
        seen[str(key)] = r.target(int(target if target is not None else pipeline))
    if reviewed is True:
        only = [False] * len(labels)
    else:
        known = set(seen) if reviewed is None or reviewed is False else set(seen) | {str(i) for i in reviewed}
        only = None if ids is None else [str(i) not in known for i in ids]
    unseen = _unseen_clusters(r, embeddings, labels, texts, only)
    out = []
    for i, label in enumerate(labels):
        t = seen.get(str(ids[i])) if ids is not None and ids[i] is not None else None
        if t is None and unseen[i] is not None:
            t = r.target(unseen[i])
        out.append(r.value(t, value, label, dismissed))
    return out


def _normalise(v: Sequence[float]) -> List[float]:
    n = math.sqrt(sum(float(x) * float(x) for x in v))
    return [float(x) / n for x in v] if n > 0 else [float(x) for x in v]


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


def _tokens(text: str) -> set:
    return set(_TOKEN.findall((text or "").lower().replace("\u2019", "'")))


def _keyword_score(text: str, tokens: set, keywords: Sequence[str]) -> int:
    lowered = (text or "").lower()
    score = 0
    for k in keywords:
        k = k.lower().strip()
        if not k:
            continue
        score += (k in lowered) if " " in k else (k in tokens)
    return score


def assign_unseen(embeddings: Optional[Sequence[Sequence[float]]], pipeline_labels: Sequence[Any],
                  export: Union[Export, PathOrFile], *, texts: Optional[Sequence[str]] = None,
                  value: str = "auto", dismissed: Any = _DEFAULT) -> List[Any]:
    """Labels for rows Clade never saw, by the export's rule for each expert cluster.

    A row goes to expert cluster E only if (a) its pipeline cluster is one of E's
    source_cluster_ids and (b) for a nearest_centroid rule: E's centroid is the most similar
    (cosine) of those candidates, more similar than the centroid of what stayed in its own
    cluster (pipeline_centroids), and at least E's min_similarity; for a keywords rule (runs
    without embeddings): its text contains more of E's keywords than of any other candidate's,
    at least one. Every other row follows its pipeline cluster (merged: the survivor; dismissed).
    Rows whose label names no cluster of the export keep their label."""
    _check_mode(value)
    exp = export if isinstance(export, Export) else read_export(export)
    r = Resolver(exp)
    clusters = _unseen_clusters(r, embeddings, pipeline_labels, texts, None)
    return [r.value(None if c is None else r.target(c), value, label, dismissed)
            for c, label in zip(clusters, pipeline_labels)]


def _unseen_clusters(r: Resolver, embeddings, pipeline_labels, texts, only) -> List[Optional[int]]:
    n = len(pipeline_labels)
    if embeddings is not None and len(embeddings) != n:
        raise ValueError(f"{n} labels but {len(embeddings)} embeddings")
    if texts is not None and len(texts) != n:
        raise ValueError(f"{n} labels but {len(texts)} texts")
    exp = r.export
    centroids = {int(k): _normalise(v) for k, v in (exp.pipeline_centroids or {}).items() if v}
    expert_centroids = {int(e["cluster_id"]): _normalise(e["centroid"]) for e in exp.expert_clusters if e.get("centroid")}
    np = _numpy()
    result: List[Optional[int]] = []
    for i, label in enumerate(pipeline_labels):
        cid = r.cluster_of_label(label)
        chosen = cid
        if cid is not None and (only is None or only[i]):
            candidates = r.experts_by_source.get(cid, ())
            if candidates:
                chosen = _choose(cid, candidates, None if embeddings is None else embeddings[i],
                                 None if texts is None else texts[i], centroids, expert_centroids, np)
        result.append(chosen)
    return result


def _choose(cid: int, candidates, embedding, text, centroids, expert_centroids, np) -> int:
    by_centroid = [e for e in candidates if (e.get("rule") or {}).get("kind", "nearest_centroid") == "nearest_centroid"
                   and int(e["cluster_id"]) in expert_centroids]
    if embedding is not None and by_centroid:
        if np is not None:
            v = np.asarray(embedding, dtype=float)
            norm = float(np.linalg.norm(v))
            v = v / norm if norm > 0 else v
            sim = lambda c: float(np.dot(v, c))  # noqa: E731
        else:
            v = _normalise(embedding)
            sim = lambda c: _dot(v, c)  # noqa: E731
        # The documented rule: the most similar candidate centroid wins, if it is more similar than
        # what stays of the row's own cluster and at least as similar as its least similar reviewed member.
        best, best_sim = None, -math.inf
        for e in by_centroid:
            s = sim(expert_centroids[int(e["cluster_id"])])
            if s > best_sim:
                best, best_sim = e, s
        floor = (best.get("rule") or {}).get("min_similarity")
        stay = sim(centroids[cid]) if cid in centroids else -math.inf
        if best_sim > stay and (floor is None or best_sim >= float(floor)):
            return int(best["cluster_id"])
        return cid
    by_keywords = [e for e in candidates if (e.get("rule") or {}).get("kind") == "keywords"]
    if text is not None and by_keywords:
        tokens = _tokens(text)
        best, best_score, tie = cid, 0, False
        for e in by_keywords:
            s = _keyword_score(text, tokens, e["rule"].get("keywords") or e.get("keywords") or [])
            if s > best_score:
                best, best_score, tie = int(e["cluster_id"]), s, False
            elif s == best_score and s > 0:
                tie = True
        return cid if tie else best
    return cid


def _numpy():
    try:
        import numpy
        return numpy
    except ImportError:  # the core works without it
        return None
