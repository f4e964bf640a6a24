"""Apply a Clade review to a clustering pipeline's next run.

    from clade_pipeline import read_export, apply_to_labels, ack
    exp = read_export("decisions.json")            # clade export DB --format json --consumer nightly
    new_labels = apply_to_labels(labels, ids, exp, embeddings=vectors)
    ...store new_labels...
    ack("diagnostics.sqlite", "nightly", exp.through)   # only after the result is stored

The core is standard library only; map_batch needs pandas (extra [pandas]), apply_to_bertopic
BERTopic (extra [bertopic])."""
from .assign import apply_to_labels, assign_unseen, effective_assignments, effective_labels
from .batch import map_batch, spark_mapper
from .consumer import CladeError, ack, ack_stream, clade_binary, consume, export
from .export import Assignment, AssignmentStream, Export, ExportError, iter_assignments, read_export


def apply_to_bertopic(topic_model, docs, export, **kwargs):
    """See clade_pipeline.bertopic.apply_to_bertopic (imported lazily: it needs numpy and pandas)."""
    from .bertopic import apply_to_bertopic as apply
    return apply(topic_model, docs, export, **kwargs)


__all__ = [
    "Assignment", "AssignmentStream", "CladeError", "Export", "ExportError", "ack", "ack_stream",
    "apply_to_bertopic", "apply_to_labels", "assign_unseen", "clade_binary", "consume",
    "effective_assignments", "effective_labels", "export", "iter_assignments", "map_batch",
    "read_export", "spark_mapper",
]
__version__ = "0.1.0"
