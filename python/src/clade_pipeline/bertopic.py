"""Applying a Clade review to a fitted BERTopic model (extra `[bertopic]`).

Why this order, read from BERTopic's own source (0.17):
- `merge_topics` renumbers every topic by frequency (`_sort_mappings_by_frequency`), so labels or
  document lists keyed by topic number before a merge land on the wrong topics after it. Merges are
  therefore not done with `merge_topics`: every change of documents (merges, split-off clusters,
  moves, dismissals) goes into ONE topics array, applied with `update_topics(docs, topics=...)`,
  which keeps the numbers it is given.
- BERTopic assumes topics numbered -1 (if present), 0, 1, ... without gaps: `get_topic_info` puts
  `custom_labels_[i]` on topic `i - _outliers`, and topic embeddings are indexed by
  `topic + _outliers`. Merged-away and dismissed topics leave gaps, so the new array is compacted
  (order kept: the pipeline's topics ascending, then the new topics) and the mapping returned.
- `set_topic_labels` only reads integer keys and stores a list by position, so it comes last,
  once the topic set is final, with integer keys.
- `update_topics` replaces the vectorizer and c-TF-IDF models with defaults unless they are passed,
  and does not recompute topic embeddings or representative documents without an embedding model;
  both are redone here.
Dismissed topics go to the outlier topic -1 (what BERTopic's own `delete_topics` does).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Union

from .assign import Resolver, apply_to_labels
from .export import Assignment, Export, ExportError, PathOrFile, read_export


@dataclass
class BERTopicResult:
    topics: List[int]
    """The model's new topics_, one per document."""
    topic_map: Dict[int, int]
    """Export topic number (a pipeline topic, or an expert cluster's proposed_topic) → the model's
    topic after compaction; -1 stays -1; merged and dismissed topics map to where their documents went."""
    labels: Dict[int, str] = field(default_factory=dict)
    """The labels set with set_topic_labels, by the model's new topic numbers."""
    concepts: Dict[int, str] = field(default_factory=dict)
    """The model's new topic → Clade concept id (stable across runs)."""


def apply_to_bertopic(topic_model: Any, docs: Sequence[str], export: Union[Export, PathOrFile], *,
                      doc_ids: Optional[Sequence[Any]] = None, embeddings: Any = None,
                      assignments: Optional[Sequence[Assignment]] = None,
                      reviewed: Any = True) -> BERTopicResult:
    """Applies the review to the BERTopic model whose topics Clade reviewed (the exported run).

    docs: the documents the model was fitted on, in the same order. doc_ids: each document's id
    in Clade (questions.external_id); default "1", "2", ...: the row numbers `clade import
    bertopic` uses for document_info.csv's row_id. embeddings: the documents' embeddings, used to
    assign documents Clade never saw by the export's rule and to recompute topic embeddings (without
    them, topic embeddings are size-weighted means of the old ones, as merge_topics does).
    reviewed: True (default) when every document was in the run Clade reviewed; the ids of those
    that were, when the model holds more documents than Clade saw (the others then go by the
    export's rule for split-off clusters, which needs `embeddings`)."""
    import numpy as np
    import pandas as pd

    exp = export if isinstance(export, Export) else read_export(export)
    current = [int(t) for t in topic_model.topics_]
    if len(docs) != len(current):
        raise ValueError(f"{len(docs)} documents but the model has topics for {len(current)}")
    ids = [str(i + 1) for i in range(len(docs))] if doc_ids is None else [str(i) for i in doc_ids]
    if len(ids) != len(docs):
        raise ValueError(f"{len(docs)} documents but {len(ids)} doc_ids")
    r = Resolver(exp)
    _check_topics(r, current)

    wanted = apply_to_labels(current, ids, exp, embeddings=embeddings, assignments=assignments,
                             value="topic", dismissed=-1, reviewed=reviewed)
    order = sorted({t for t in wanted if t != -1})
    final = {t: i for i, t in enumerate(order)}
    final[-1] = -1
    topics = [final[t] for t in wanted]

    topic_map = dict(final)
    for old in set(current):  # where a whole topic went (merged: its survivor; dismissed: -1)
        cid = r.cluster_of_label(old)
        if cid is not None:
            t = r.target(cid)
            topic_map.setdefault(old, -1 if t.dismissed else final.get(t.topic, -1))
    old_custom = _old_custom_labels(topic_model, current)
    old_embeddings = _old_topic_embeddings(topic_model, current)

    topic_model.topic_mapper_.add_mappings(
        {old: topic_map.get(old, -1) for old in set(current)}, topic_model=topic_model)
    topic_model.update_topics(
        list(docs), topics=topics, top_n_words=topic_model.top_n_words, n_gram_range=topic_model.n_gram_range,
        vectorizer_model=topic_model.vectorizer_model, ctfidf_model=topic_model.ctfidf_model,
        representation_model=topic_model.representation_model)

    documents = pd.DataFrame({"Document": list(docs), "Topic": topics, "ID": range(len(docs)), "Image": None})
    _recompute_topic_embeddings(topic_model, np, topics, current, embeddings, old_embeddings)
    _recompute_representative_docs(topic_model, documents)

    labels: Dict[int, str] = {}
    for old, label in old_custom.items():
        if old in topic_map and topic_map[old] != -1 and topic_map[old] not in labels:
            labels[topic_map[old]] = label
    concepts: Dict[int, str] = {}
    for t in order:
        target = _target_of_topic(r, exp, t)
        if target is None:
            continue
        if target.concept_id:
            concepts[final[t]] = target.concept_id
        pipeline_label = (r.by_id.get(target.cluster_id) or {}).get("pipeline_label")
        if target.label and (target.label != pipeline_label or target.cluster_id < 0):
            labels[final[t]] = target.label
    for key, label in (exp.bertopic.get("custom_labels") or {}).items():
        t = int(key)
        if t in final and label:
            labels[final[t]] = label
    if labels or old_custom:
        topic_model.custom_labels_ = None  # positional and stale after the renumbering
        topic_model.set_topic_labels(labels)
    return BERTopicResult(topics=topics, topic_map=topic_map, labels=labels, concepts=concepts)


def _check_topics(r: Resolver, current: List[int]) -> None:
    unknown = sorted(t for t in set(current) if t != -1 and r.cluster_of_label(t) is None)
    if unknown:
        shown = ", ".join(map(str, unknown[:5])) + (", ..." if len(unknown) > 5 else "")
        raise ExportError(f"{len(unknown)} of the model's topics ({shown}) are not clusters of run {r.export.run_id} "
                          "in the export: is this the model Clade reviewed?")


def _target_of_topic(r: Resolver, exp: Export, topic: int):
    for e in exp.expert_clusters:
        if e.get("proposed_topic") == topic:
            return r.target(int(e["cluster_id"]))
    cid = r.cluster_of_label(topic)
    return None if cid is None else r.target(cid)


def _old_custom_labels(topic_model: Any, current: List[int]) -> Dict[int, str]:
    labels = getattr(topic_model, "custom_labels_", None)
    if not labels:
        return {}
    return dict(zip(sorted(set(current)), labels))


def _old_topic_embeddings(topic_model: Any, current: List[int]):
    emb = getattr(topic_model, "topic_embeddings_", None)
    if emb is None:
        return None
    offset = 1 if -1 in set(current) else 0
    return {t: emb[t + offset] for t in sorted(set(current)) if 0 <= t + offset < len(emb)}


def _recompute_topic_embeddings(topic_model, np, topics, current, embeddings, old_embeddings) -> None:
    order = sorted(set(topics))
    topics_arr = np.asarray(topics)
    if embeddings is not None:
        emb = np.asarray(embeddings, dtype=np.float64)
        topic_model.topic_embeddings_ = np.array([emb[topics_arr == t].mean(axis=0) for t in order])
    elif old_embeddings:
        current_arr = np.asarray(current)
        rows = []
        for t in order:
            olds, counts = np.unique(current_arr[topics_arr == t], return_counts=True)
            vecs = [(old_embeddings[o], c) for o, c in zip(olds.tolist(), counts.tolist()) if o in old_embeddings]
            rows.append(np.average([v for v, _ in vecs], axis=0, weights=[c for _, c in vecs]))
        topic_model.topic_embeddings_ = np.array(rows)


def _recompute_representative_docs(topic_model, documents) -> None:
    save = getattr(topic_model, "_save_representative_docs", None)
    if save is not None:
        save(documents)
    else:  # another BERTopic version: keep the first documents of each topic
        reps: Dict[int, List[str]] = {}
        for doc, t in zip(documents.Document, documents.Topic):
            if len(reps.setdefault(int(t), [])) < 3:
                reps[int(t)].append(doc)
        topic_model.representative_docs_ = reps
