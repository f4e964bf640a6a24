"""Scale-out with the package on data we did not make: a pipeline ships Clade a 20% weighted sample
of banking77 with its own clusters (BERTopic's real topics, `clade import csv --cluster-column`) and
embeddings; a reviewer splits off the intents BERTopic lumped together (`clade apply`); the
package's assign_unseen then places the 80% of rows Clade never saw by the export's centroids and
rule. Ground truth: banking77's `category`, read only to script the reviewer and to score."""
import collections
import csv

from clade_pipeline import apply_to_labels, assign_unseen, read_export
from conftest import need, query, realdata, run_clade, write_script


def test_held_out_rows_follow_the_reviewers_splits(tmp_path):
    np = need("numpy")
    with open(realdata("banking77-queries.csv"), newline="", encoding="utf-8") as f:
        queries = list(csv.DictReader(f))
    with open(realdata("bertopic-banking77", "document_info.csv"), newline="", encoding="utf-8") as f:
        topic = [int(r["Topic"]) for r in csv.DictReader(f)]
    vectors = np.load(realdata("banking77-embeddings.npy"))
    n = len(queries)
    sample = list(range(0, n, 5))
    held = [i for i in range(n) if i % 5]
    with open(tmp_path / "sample.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "topic", "weight"])
        w.writerows([f"r{i}", queries[i]["text"], topic[i], 5] for i in sample)
    np.save(tmp_path / "sample.npy", vectors[sample])
    db = tmp_path / "sample.sqlite"
    run_clade("import", "csv", tmp_path / "sample.csv", "--embeddings", tmp_path / "sample.npy",
              "--cluster-column", "topic", "-q", "-o", db)

    # The reviewer: in each topic, an intent other than its main one with at least 8 sampled rows is split off.
    members = collections.defaultdict(list)
    for q, ext, cluster, topic_id in query(db, "SELECT q.question_id, q.external_id, a.cluster_id, c.external_id FROM questions q "
                                               "JOIN assignments a USING (question_id) JOIN clusters c USING (cluster_id)"):
        members[(cluster, topic_id)].append((q, int(ext[1:])))
    decisions = []
    for (cluster, topic_id), rows in sorted(members.items()):
        if topic_id == "-1":
            continue
        counts = collections.Counter(queries[r]["category"] for _, r in rows)
        main = max(sorted(counts), key=lambda k: counts[k])
        for intent in sorted(counts):
            if intent != main and counts[intent] >= 8:
                decisions.append({"op": "split", "cluster_id": cluster, "name": intent,
                                  "question_ids": [q for q, r in rows if queries[r]["category"] == intent]})
    assert len(decisions) >= 6
    run_clade("apply", db, write_script(tmp_path / "review.jsonl", decisions))
    (tmp_path / "export.json").write_text(run_clade("export", db, "--format", "json").stdout)
    exp = read_export(tmp_path / "export.json")
    assert len(exp.expert_clusters) == len(decisions)
    intent_of = {e["concept_id"]: e["label"] for e in exp.expert_clusters}
    sources = {str(t) for e in exp.expert_clusters for t in e["source_topics"]}

    # The package on the held-out rows: labels are the pipeline's topics, vectors the embeddings.
    concepts = assign_unseen([vectors[i] for i in held], [topic[i] for i in held], exp, value="concept")
    agree = total = stay = 0
    for i, concept in zip(held, concepts):
        if str(topic[i]) not in sources:
            continue
        candidates = {intent_of[e["concept_id"]] for e in exp.expert_clusters if topic[i] in e["source_topics"]}
        wanted = queries[i]["category"] if queries[i]["category"] in candidates else None
        assigned = intent_of.get(concept)
        total += 1
        agree += assigned == wanted
        stay += wanted is None
    agreement, baseline = agree / total, stay / total
    print(f"scale-out (package): {len(decisions)} expert clusters, {total} held-out rows; "
          f"agreement {agreement:.3f}, leaving them in place {baseline:.3f}")
    assert total > 1000
    assert agreement >= 0.8 and agreement > baseline + 0.25, (agreement, baseline)

    # The same through apply_to_labels on all rows: sampled rows keep exactly what the reviewer decided.
    ids = [f"r{i}" for i in range(n)]
    labels = apply_to_labels(topic, ids, exp, embeddings=vectors, value="concept", reviewed=[f"r{i}" for i in sample])
    reviewed_rows = {int(ext[1:]): e["concept_id"] for e in exp.expert_clusters for ext in e["member_external_ids"]}
    assert all(labels[i] == c for i, c in reviewed_rows.items())
    assert [labels[i] for i in held] == concepts
