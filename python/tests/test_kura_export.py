"""`clade export --format kura` after a review of Kura's own sample checkpoints: Kura Cluster lines
(the field names of the checkpoints Kura wrote) with the reviewer's decisions in them. Kura itself
is not installed here; the lines are compared with the sample's own."""
import json

from conftest import need, query, realdata, run_clade, write_script


def test_kura_checkpoint_of_the_reviewed_clusters(tmp_path):
    folder = realdata("kura-sample", "checkpoints")
    sample_keys = set(json.loads((folder / "meta_clusters.jsonl").read_text().splitlines()[0]))
    db = tmp_path / "kura.sqlite"
    run_clade("import", "kura", folder, "-q", "-o", db)
    leaves = query(db, "SELECT c.cluster_id, c.external_id FROM clusters c WHERE EXISTS "
                       "(SELECT 1 FROM assignments a WHERE a.cluster_id = c.cluster_id) ORDER BY c.cluster_id")
    (a, a_ext), (b, b_ext), (c, c_ext) = leaves[:3]
    split = [q for q, in query(db, "SELECT question_id FROM assignments WHERE cluster_id = ? ORDER BY question_id LIMIT 2", c)]
    chats_of = lambda cid: {e for e, in query(db, "SELECT q.external_id FROM questions q JOIN assignments a "  # noqa: E731
                                                  "USING (question_id) WHERE a.cluster_id = ?", cid)}
    split_chats = {e for e, in query(db, f"SELECT external_id FROM questions WHERE question_id IN ({','.join(map(str, split))})")}
    write_script(tmp_path / "review.jsonl", [
        {"op": "relabel", "cluster_id": a, "name": "W&B integration in code"},
        {"op": "merge", "cluster_ids": [a, b]},
        {"op": "split", "cluster_id": c, "question_ids": split, "name": "Reviewer's own cluster"},
    ])
    run_clade("apply", db, tmp_path / "review.jsonl")
    lines = [json.loads(line) for line in run_clade("export", db, "--format", "kura").stdout.splitlines()]
    by_id = {line["id"]: line for line in lines}

    assert all(set(line) == sample_keys for line in lines)
    assert all(line["count"] == len(line["chat_ids"]) for line in lines)
    assert by_id[a_ext]["name"] == "W&B integration in code"
    assert b_ext not in by_id and chats_of(b) <= set(by_id[a_ext]["chat_ids"])
    (expert,) = [line for line in lines if line["name"] == "Reviewer's own cluster"]
    assert expert["id"].startswith("clade:") and set(expert["chat_ids"]) == split_chats
    assert not split_chats & set(by_id[c_ext]["chat_ids"])
    # Parents list their descendants' chats; every conversation is in exactly one leaf.
    parents = {line["parent_id"] for line in lines if line["parent_id"]}
    for line in lines:
        for parent in [p for p in [line["parent_id"]] if p]:
            assert set(line["chat_ids"]) <= set(by_id[parent]["chat_ids"])
    leaf_chats = [chat for line in lines if line["id"] not in parents for chat in line["chat_ids"]]
    all_chats = {e for e, in query(db, "SELECT external_id FROM questions")}
    assert sorted(leaf_chats) == sorted(all_chats)


def test_kura_loads_the_export_as_its_own_checkpoint(tmp_path, capsys):
    """With the real kura package (0.5.4 installs without a deep-learning framework): its checkpoint
    manager reads the export as `meta_clusters` and its tree view shows the reviewer's names."""
    need("kura")
    from kura.checkpoints import JSONLCheckpointManager
    from kura.types import Cluster
    from kura.visualization import visualise_clusters

    db = tmp_path / "kura.sqlite"
    run_clade("import", "kura", realdata("kura-sample", "checkpoints"), "-q", "-o", db)
    (leaf,) = query(db, "SELECT cluster_id FROM clusters c WHERE EXISTS (SELECT 1 FROM assignments a "
                        "WHERE a.cluster_id = c.cluster_id) ORDER BY cluster_id LIMIT 1")[0:1]
    run_clade("apply", db, write_script(tmp_path / "r.jsonl", [{"op": "relabel", "cluster_id": leaf[0], "name": "Reviewed by Clade"}]))
    folder = tmp_path / "reviewed"
    folder.mkdir()
    (folder / "meta_clusters.jsonl").write_text(run_clade("export", db, "--format", "kura").stdout)

    clusters = JSONLCheckpointManager(str(folder)).load_checkpoint("meta_clusters", Cluster)
    assert clusters and all(isinstance(c, Cluster) for c in clusters)
    assert "Reviewed by Clade" in {c.name for c in clusters}
    capsys.readouterr()
    visualise_clusters(checkpoint_path=folder / "meta_clusters.jsonl")
    assert "Reviewed by Clade" in capsys.readouterr().out
