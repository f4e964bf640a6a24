"""Row assignment inside a distributed engine's map step: a pandas DataFrame or an Arrow
RecordBatch / Table in, the same with one more column out. Pure per-batch work (no driver state,
no database access), so it runs in Spark's `mapInPandas`, Ray's `map_batches`, Dask's
`map_partitions` or a plain loop over Parquet row groups."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Optional

from .assign import _DEFAULT, apply_to_labels
from .export import Export, read_export


def map_batch(batch: Any, export: Export, *, label_column: str, id_column: Optional[str] = None,
              embedding_column: Optional[str] = None, text_column: Optional[str] = None,
              output_column: str = "reviewed", value: str = "auto", dismissed: Any = _DEFAULT,
              reviewed: Any = None) -> Any:
    """Adds `output_column` with each row's reviewed label (see apply_to_labels for `value`).

    label_column: the pipeline's cluster of the row. id_column: the row's external id (rows Clade
    reviewed take the reviewer's assignment). embedding_column (a list / array of floats per row)
    or text_column: what the export's rules for split-off clusters need for rows Clade never saw.
    reviewed: as for apply_to_labels (the external ids of the rows shipped to Clade, when the
    export does not list every question)."""
    if not isinstance(export, Export):
        export = read_export(export)
    arrow = _arrow_kind(batch)
    frame = batch.to_pandas() if arrow else batch
    for column in (label_column, id_column, embedding_column, text_column):
        if column is not None and column not in frame.columns:
            raise KeyError(f"the batch has no column {column!r} (it has {', '.join(map(str, frame.columns))})")
    labels = frame[label_column].tolist()
    ids = None if id_column is None else [None if _missing(v) else str(v) for v in frame[id_column].tolist()]
    embeddings = None if embedding_column is None else list(frame[embedding_column])
    texts = None if text_column is None else frame[text_column].tolist()
    out = apply_to_labels(labels, ids, export, embeddings=embeddings, texts=texts, value=value, dismissed=dismissed,
                          reviewed=reviewed)
    result = frame.copy()
    result[output_column] = _column(out, result)
    if arrow == "table":
        import pyarrow as pa
        return pa.Table.from_pandas(result, preserve_index=False)
    if arrow == "batch":
        import pyarrow as pa
        return pa.RecordBatch.from_pandas(result, preserve_index=False)
    return result


def spark_mapper(export: Export, **kwargs: Any) -> Callable[[Iterable[Any]], Iterator[Any]]:
    """The function for `DataFrame.mapInPandas(fn, schema)`: every pandas batch through map_batch.
    The export travels with the function (it is plain data), so the executors need only this package."""
    if not isinstance(export, Export):
        export = read_export(export)

    def fn(batches: Iterable[Any]) -> Iterator[Any]:
        for pdf in batches:
            yield map_batch(pdf, export, **kwargs)

    return fn


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _column(values, frame):
    import pandas as pd
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return pd.Series(values, index=frame.index, dtype="int64")
    if all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values):
        return pd.Series(values, index=frame.index, dtype="Int64")
    return pd.Series(values, index=frame.index, dtype="object")


def _arrow_kind(batch: Any) -> Optional[str]:
    mod = type(batch).__module__
    if not mod.startswith("pyarrow"):
        return None
    return "batch" if type(batch).__name__ == "RecordBatch" else "table"
