"""map_batch on pandas and Arrow batches, and inside a real Spark job in local mode."""
import os
import sys
import shutil

import pytest

from clade_pipeline import map_batch, read_export, spark_mapper
from conftest import need, small_export

ROWS = {
    "external_id": ["r1", "r3", "new-a", "r5", "new-b", "new-c", "r7", None],
    "topic": [0, 1, 1, 2, 2, 2, 3, 2],
    "embedding": [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.1, 0.99], [0.99, 0.1], [0.0, 1.0], [0.6, 0.8]],
}
EXPECTED = [0, 0, 0, 4, 4, 2, -1, 4]


def test_pandas_batch():
    pd = need("pandas")
    frame = pd.DataFrame(ROWS)
    out = map_batch(frame, read_export(small_export()), label_column="topic", id_column="external_id",
                    embedding_column="embedding")
    assert out["reviewed"].tolist() == EXPECTED and str(out["reviewed"].dtype) == "int64"
    assert list(frame.columns) == ["external_id", "topic", "embedding"]   # the input is not changed
    concepts = map_batch(frame, small_export(), label_column="topic", id_column="external_id", value="concept",
                         output_column="concept")["concept"].tolist()
    assert concepts[:4] == ["pipeline:0", "pipeline:0", "pipeline:0", "clade:1:-1"] and concepts[6] is None


def test_arrow_batch_and_table():
    pa = need("pyarrow")
    need("pandas")
    batch = pa.RecordBatch.from_pydict(ROWS)
    out = map_batch(batch, read_export(small_export()), label_column="topic", id_column="external_id",
                    embedding_column="embedding")
    assert isinstance(out, pa.RecordBatch) and out.column("reviewed").to_pylist() == EXPECTED
    table = map_batch(pa.Table.from_pydict(ROWS), small_export(), label_column="topic", id_column="external_id",
                      embedding_column="embedding")
    assert isinstance(table, pa.Table) and table.column("reviewed").to_pylist() == EXPECTED


def test_missing_column_is_named():
    pd = need("pandas")
    with pytest.raises(KeyError, match="no column 'cluster'"):
        map_batch(pd.DataFrame(ROWS), small_export(), label_column="cluster")


def test_spark_mapper_over_pandas_batches():
    """What Spark's mapInPandas does with the function: an iterator of pandas batches in, out."""
    pd = need("pandas")
    frame = pd.DataFrame(ROWS)
    fn = spark_mapper(small_export(), label_column="topic", id_column="external_id", embedding_column="embedding")
    out = pd.concat(list(fn(iter([frame.iloc[:3], frame.iloc[3:]]))))
    assert out["reviewed"].tolist() == EXPECTED


def test_pyspark_local_mode(tmp_path, monkeypatch):
    """The docs/pipeline.md job shape, run by a real local Spark (needs pyspark and a JRE)."""
    need("pyspark")
    need("pandas")
    need("pyarrow")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CLADE_REQUIRE_EXTRAS") == "1":
            pytest.fail("no Java runtime for pyspark (apt-get install default-jre-headless)")
        pytest.skip("no Java runtime for pyspark (apt-get install default-jre-headless)")
    from pyspark.sql import SparkSession
    # The workers must run a Python that has clade_pipeline installed (on a cluster: pip install it on
    # the executors, or ship it with --py-files); locally, this interpreter.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql.types import LongType, StructField, StructType

    spark = (SparkSession.builder.master("local[2]").appName("clade-pipeline-test")
             .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    try:
        rows = [dict(zip(ROWS, values)) for values in zip(*ROWS.values())]
        df = spark.createDataFrame(rows, schema="external_id string, topic long, embedding array<double>").repartition(3)
        export = read_export(small_export())
        schema = StructType(df.schema.fields + [StructField("reviewed", LongType())])
        fn = spark_mapper(export, label_column="topic", id_column="external_id", embedding_column="embedding")
        result = df.mapInPandas(fn, schema=schema).collect()
        got = {(r.external_id, r.topic, tuple(r.embedding)): r.reviewed for r in result}
        want = {(e, t, tuple(v)): x for e, t, v, x in zip(*ROWS.values(), EXPECTED)}
        assert got == want
    finally:
        spark.stop()
