"""docs/pipeline.md's Spark job (Shape 4), run as written in a local Spark with only its paths
replaced: a pipeline ships Clade a 5% weighted sample of banking77 with its own clusters (BERTopic's
topics) and embeddings, the reviewer splits off an intent, and the job labels all 13,083 rows in
mapInPandas, writes Parquet, then acknowledges."""
import collections
import csv
import os
import re
import shutil
import subprocess
import sys

import pytest

from clade_pipeline import apply_to_labels, read_export
from conftest import ROOT, clade_bin, need, query, realdata, run_clade, write_script


def test_the_documented_spark_job(tmp_path):
    np = need("numpy")
    pd = need("pandas")
    need("pyarrow")
    need("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CLADE_REQUIRE_EXTRAS") == "1":
            pytest.fail("no Java runtime for pyspark (apt-get install default-jre-headless)")
        pytest.skip("no Java runtime for pyspark (apt-get install default-jre-headless)")
    with open(realdata("banking77-queries.csv"), newline="", encoding="utf-8") as f:
        queries = list(csv.DictReader(f))
    with open(realdata("bertopic-banking77", "document_info.csv"), newline="", encoding="utf-8") as f:
        topic = [int(r["Topic"]) for r in csv.DictReader(f)]
    vectors = np.load(realdata("banking77-embeddings.npy")).astype("float64")
    n = len(queries)
    sample = list(range(0, n, 20))
    with open(tmp_path / "sample.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["request_id", "text", "topic", "weight"])
        w.writerows([f"req-{i}", queries[i]["text"], topic[i], 20] for i in sample)
    np.save(tmp_path / "sample.npy", vectors[sample].astype("float32"))
    db = tmp_path / "diagnostics.sqlite"
    run_clade("import", "csv", tmp_path / "sample.csv", "--embeddings", tmp_path / "sample.npy",
              "--cluster-column", "topic", "--id-column", "request_id", "-q", "-o", db)
    members = collections.defaultdict(list)
    for q, ext, cluster, t in query(db, "SELECT q.question_id, q.external_id, a.cluster_id, c.external_id FROM questions q "
                                        "JOIN assignments a USING (question_id) JOIN clusters c USING (cluster_id)"):
        if t != "-1":
            members[cluster].append((q, int(ext[4:])))
    second = lambda c: collections.Counter(queries[r]["category"] for _, r in members[c]).most_common(2)[-1]  # noqa: E731
    source = max(sorted(members), key=lambda c: second(c)[1])
    intent = second(source)[0]
    split = [q for q, r in members[source] if queries[r]["category"] == intent]
    run_clade("apply", db, write_script(tmp_path / "review.jsonl",
                                        [{"op": "split", "cluster_id": source, "question_ids": split, "name": intent}]))

    rows = pd.DataFrame({"request_id": [f"req-{i}" for i in range(n)], "topic": topic,
                         "embedding": [v.tolist() for v in vectors]})
    rows.to_parquet(tmp_path / "in.parquet", index=False)
    doc = (ROOT / "docs" / "pipeline.md").read_text()
    job = re.search(r"```python\n(# nightly_job\.py.*?)```", doc, re.S).group(1)
    job = (job.replace('"diagnostics.sqlite"', repr(str(db)))
              .replace('"s3://logs/questions/2026-12-02/"', repr(str(tmp_path / "in.parquet")))
              .replace('"s3://logs/questions-reviewed/2026-12-02/"', repr(str(tmp_path / "out.parquet"))))
    env = {**os.environ, "CLADE_BIN": clade_bin(), "PYSPARK_PYTHON": sys.executable}
    proc = subprocess.run([sys.executable, "-c", job], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]

    out = pd.read_parquet(tmp_path / "out.parquet").set_index("request_id").loc[rows.request_id]
    (tmp_path / "e.json").write_text(run_clade("export", db, "--format", "json", "--questions").stdout)
    exp = read_export(tmp_path / "e.json")
    (expert,) = exp.expert_clusters
    local = apply_to_labels(topic, rows.request_id.tolist(), exp, embeddings=vectors, value="auto")
    assert out.reviewed_topic.tolist() == local                       # Spark's map step = the package locally
    new = expert["proposed_topic"]
    assert all(out.reviewed_topic.iloc[int(e[4:])] == new for e in expert["member_external_ids"])
    held_out = [i for i in range(n) if i % 20 and out.reviewed_topic.iloc[i] == new]
    assert held_out and all(topic[i] == int(expert["source_topics"][0]) for i in held_out)
    assert query(db, "SELECT last_decision_id FROM clade_consumer_cursor WHERE consumer = 'spark-nightly'") == [(1,)]

