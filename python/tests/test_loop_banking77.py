"""Issue 12's acceptance, end to end with the real binary: import banking77 at k=40 → a scripted
review with `clade apply` (relabel, merge, split, move, dismiss) → export → this package applies it
to a next run made by a different clustering and written DIRECTLY WITH SQL (not `clade import`) →
`clade carry-forward` → every decision carried or listed with its reason; the split-off cluster the
next run reproduces keeps its concept id and label; the consumer acknowledges, and is not served the
same decisions again."""
import collections
import csv
import json
import sqlite3

import pytest

from clade_pipeline import ack, apply_to_labels, effective_labels, read_export
from conftest import clade_bin, need, query, realdata, run_clade, write_script

pretty = lambda intent: intent.replace("_", " ").rstrip("?").capitalize()  # noqa: E731


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    np = need("numpy")
    tmp = tmp_path_factory.mktemp("banking77-loop")
    db = tmp / "b77.sqlite"
    run_clade("import", "csv", realdata("banking77-queries.csv"), "--embeddings", realdata("banking77-embeddings.npy"),
              "--k", "40", "--restarts", "1", "-q", "-o", db)
    with open(realdata("banking77-queries.csv"), newline="", encoding="utf-8") as f:
        intent = {str(i): row["category"] for i, row in enumerate(csv.DictReader(f), 1)}
    rows = query(db, "SELECT q.question_id, q.external_id, a.cluster_id, c.external_id FROM questions q "
                     "JOIN assignments a USING (question_id) JOIN clusters c USING (cluster_id) ORDER BY q.question_id")
    members = collections.defaultdict(list)
    for q, ext, c, _ in rows:
        members[c].append((q, ext))
    counts = {c: collections.Counter(intent[e] for _, e in qs) for c, qs in members.items()}
    major = {c: cnt.most_common(1)[0][0] for c, cnt in counts.items()}

    # The review a domain expert would make, read off the true intents.
    split_from = max(counts, key=lambda c: counts[c].most_common(2)[1][1])
    split_intent = counts[split_from].most_common(2)[1][0]
    split = [q for q, e in members[split_from] if intent[e] == split_intent]
    by_intent = collections.defaultdict(list)
    for c in counts:
        if c != split_from:
            by_intent[major[c]].append(c)
    pairs = sorted((cs for cs in by_intent.values() if len(cs) > 1), key=lambda cs: -sum(len(members[c]) for c in cs))
    if pairs:   # two clusters of the same intent
        merge = pairs[0][:2]
    else:       # else the two clusters that share the most of their intents
        overlap = lambda a, b: sum((counts[a] & counts[b]).values()) / min(len(members[a]), len(members[b]))  # noqa: E731
        others = [c for c in counts if c != split_from]
        merge = list(max(((a, b) for a in others for b in others if a < b), key=lambda p: overlap(*p)))
    merge = sorted(merge, key=lambda c: -len(members[c]))
    used = {split_from, *merge}
    relabel = max((c for c in counts if c not in used), key=lambda c: len(members[c]))
    used.add(relabel)
    into = next(c for c in sorted(counts, key=lambda c: -counts[c][major[c]]) if c not in used)
    used.add(into)
    moved = [q for c in counts if c not in used for q, e in members[c] if intent[e] == major[into]][:15]
    dismiss = min((c for c in counts if c not in used), key=lambda c: (major[c] != "age_limit", len(members[c])))
    decisions = [
        {"op": "relabel", "cluster_id": relabel, "name": pretty(major[relabel])},
        {"op": "split", "cluster_id": split_from, "question_ids": split, "name": pretty(split_intent)},
        {"op": "move", "question_ids": moved, "into": into},
        {"op": "dismiss", "cluster_id": dismiss, "reason": "out_of_scope"},
        {"op": "priority", "cluster_id": relabel, "priority": 1},
        {"op": "note", "cluster_id": split_from, "note": "split by intent"},
    ]
    decisions.insert(1, {"op": "merge", "cluster_ids": merge, "name": pretty(major[merge[0]])})
    run_clade("apply", db, write_script(tmp / "review.jsonl", decisions), "--reviewer", "domain-expert")
    exp_text = run_clade("export", db, "--format", "json", "--consumer", "nightly").stdout
    (tmp / "export.json").write_text(exp_text)
    (tmp / "export.jsonl").write_text(run_clade("export", db, "--format", "jsonl", "--consumer", "nightly").stdout)
    embeddings = np.load(realdata("banking77-embeddings.npy")).astype("float32")
    return dict(np=np, tmp=tmp, db=db, rows=rows, intent=intent, decisions=decisions, split=split,
                split_name=pretty(split_intent), split_from=split_from, moved=moved, into=into, merge=merge,
                dismiss=dismiss, embeddings=embeddings)


def next_run_clustering(np, embeddings, k=36, seed=7, iterations=15):
    """The pipeline's own next clustering: spherical k-means with another k and seed than run 1."""
    x = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), k, replace=False)]
    for _ in range(iterations):
        labels = (x @ centres.T).argmax(axis=1)
        for j in range(k):
            if (labels == j).any():
                c = x[labels == j].mean(axis=0)
                centres[j] = c / np.linalg.norm(c)
    return (x @ centres.T).argmax(axis=1)


def test_review_reaches_a_next_run_written_with_sql(loop):
    np, db, tmp = loop["np"], loop["db"], loop["tmp"]
    exp = read_export(tmp / "export.json")
    assert exp.through == len(loop["decisions"]) and [d["decision_id"] for d in exp.decisions] == list(range(1, exp.through + 1))
    (expert,) = exp.expert_clusters
    assert expert["label"] == loop["split_name"] and sorted(expert["member_question_ids"]) == sorted(loop["split"])
    assert expert["source_cluster_ids"] == [loop["split_from"]] and len(expert["centroid"]) == 384
    assert expert["rule"]["kind"] == "nearest_centroid" and str(loop["split_from"]) in {str(k) for k in exp.pipeline_centroids}

    # The package: every row of run 1 → its reviewed concept (the JSON and the JSONL agree).
    ids = [e for _, e, _, _ in loop["rows"]]
    run1_labels = [ce for _, _, _, ce in loop["rows"]]
    concepts = apply_to_labels(run1_labels, ids, exp, value="concept", embeddings=loop["embeddings"], reviewed=True)
    assert effective_labels(tmp / "export.jsonl", value="concept") == {
        e: c for e, c, (_, _, _, _) in zip(ids, concepts, loop["rows"])
        if c is not None} | {e: None for e, c in zip(ids, concepts) if c is None}
    ext_of = {q: e for q, e, _, _ in loop["rows"]}
    split_ext = {ext_of[q] for q in loop["split"]}
    assert {e for e, c in zip(ids, concepts) if c == expert["concept_id"]} == split_ext

    # The next run: the pipeline's own new clustering, honouring the reviewer's split-off cluster
    # (its rows form one cluster named as the reviewer named it), written with SQL.
    base = next_run_clustering(np, loop["embeddings"])
    con = sqlite3.connect(db)
    try:
        with con:
            next_q = con.execute("SELECT MAX(question_id) FROM questions").fetchone()[0] + 1
            next_c = con.execute("SELECT MAX(cluster_id) FROM clusters").fetchone()[0] + 1
            con.execute("INSERT INTO runs VALUES (2, '2026-12-03T02:00:00Z', 'my-sql-job', ?, 1)",
                        (json.dumps({"algorithm": "spherical k-means", "k": 36, "seed": 7, "honours": "clade review"}),))
            cluster_of = {}
            for j in sorted(set(base.tolist())):
                cluster_of[j] = next_c + j
                con.execute("INSERT INTO clusters (cluster_id, run_id, external_id, name) VALUES (?, 2, ?, ?)",
                            (next_c + j, f"km{j}", f"k-means cluster {j}"))
            split_cluster = next_c + 100
            con.execute("INSERT INTO clusters (cluster_id, run_id, external_id, name) VALUES (?, 2, ?, ?)",
                        (split_cluster, expert["concept_id"], expert["label"]))
            vectors = dict(con.execute("SELECT q.external_id, e.vector FROM question_embeddings e JOIN questions q "
                                       "USING (question_id) WHERE q.run_id = 1"))
            texts = dict(con.execute("SELECT external_id, text FROM questions WHERE run_id = 1"))
            for i, (e, concept) in enumerate(zip(ids, concepts)):
                q = next_q + i
                con.execute("INSERT INTO questions (question_id, run_id, external_id, text) VALUES (?, 2, ?, ?)", (q, e, texts[e]))
                cluster = split_cluster if concept == expert["concept_id"] else cluster_of[int(base[i])]
                con.execute("INSERT INTO assignments (question_id, cluster_id) VALUES (?, ?)", (q, cluster))
                con.execute("INSERT INTO question_embeddings VALUES (?, ?)", (q, vectors[e]))
    finally:
        con.close()

    carried = run_clade("carry-forward", db)
    report = carried.stdout
    rows = query(db, "SELECT source_decision_id, status, what, reason FROM clade_carry_forward WHERE run_id = 2")
    op_of = {d["decision_id"]: d["op"] for d in exp.decisions}
    fields = {"relabel": {"label"}, "merge": {"merge", "label"}, "split": {"split", "label"}, "move": {"move"},
              "dismiss": {"dismiss"}, "set_priority": {"priority"}, "note": {"note"}}
    accounted = set()
    for source, status, what, reason in rows:
        assert status in ("carried", "already", "not_carried"), (source, status)
        if status == "not_carried":
            assert reason and reason.strip(), f"decision {source} ({what}) not carried without a reason"
        assert what in fields[op_of[source]], f"row {what!r} cites decision {source} ({op_of[source]})\n{report}"
        accounted.add(source)
    assert accounted == set(op_of), f"decisions in no carry-forward row: {set(op_of) - accounted}\n{report}"
    assert {"relabel", "merge", "split", "move", "dismiss"} <= set(op_of.values())
    for heading in ("Carried", "Already so in the new run", "Not carried"):
        listed = {"Carried": "carried", "Already so in the new run": "already", "Not carried": "not_carried"}[heading]
        n = sum(1 for r in rows if r[1] == listed)
        shown = any(line.startswith(heading) and line.endswith(f"({n})") for line in report.splitlines())
        assert shown == (n > 0), report

    # The split-off cluster the next run reproduced keeps its concept id and label.
    (tmp / "run2.json").write_text(run_clade("export", db, "--format", "json").stdout)
    after = read_export(tmp / "run2.json")
    assert after.run_id == 2
    same = [c for c in after.clusters if c.get("concept_id") == expert["concept_id"]]
    assert [c["cluster_id"] for c in same] == [split_cluster], same
    assert same[0]["label"] == expert["label"] and same[0]["status"] == "active"
    assert not [e for e in after.expert_clusters if e["label"] == expert["label"]]   # not split off again
    moved_in_run2 = {q for q, c in query(db, "SELECT a.question_id, a.cluster_id FROM assignments a JOIN questions q "
                                             "USING (question_id) WHERE q.run_id = 2 AND a.cluster_id = ?", split_cluster)}
    assert len(moved_in_run2) == len(split_ext)

    # The consumer acknowledges what it applied; the next read starts after it.
    ack(db, "nightly", exp.through, clade=clade_bin())
    (tmp / "again.json").write_text(run_clade("export", db, "--format", "json", "--consumer", "nightly").stdout)
    again = read_export(tmp / "again.json")
    assert again.since == exp.through
    assert all(d["decision_id"] > exp.through for d in again.decisions)
