"""The BERTopic recipe on an export the real binary writes: `clade import bertopic` of BERTopic's
own banking77 output → a scripted review with `clade apply` → `clade export` → apply_to_bertopic on
the saved model (real bertopic package, no deep-learning framework) → get_topic_info()."""
import csv
import logging

import pytest

from conftest import need, query, realdata, run_clade, write_script


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    need("bertopic")
    np = need("numpy")
    tmp = tmp_path_factory.mktemp("bertopic-loop")
    db = tmp / "b77.sqlite"
    folder = realdata("bertopic-banking77")
    run_clade("import", "bertopic", "--documents", folder / "document_info.csv", "--topics", folder / "topic_info.csv",
              "--hierarchy", folder / "hierarchy.csv", "--embeddings", realdata("banking77-embeddings.npy"), "-q", "-o", db)
    cluster = dict(query(db, "SELECT CAST(external_id AS INTEGER), cluster_id FROM clusters "
                             "WHERE external_id IS NOT NULL AND cluster_id NOT IN (SELECT parent_id FROM clusters WHERE parent_id IS NOT NULL)"))
    members = lambda c, word: [q for q, in query(  # noqa: E731
        db, "SELECT q.question_id FROM questions q JOIN assignments a USING (question_id) "
            "WHERE a.cluster_id = ? AND lower(q.text) LIKE ? ORDER BY q.question_id", c, f"%{word}%")]
    split, moved = members(cluster[1], "why"), members(cluster[9], "forgot")
    script = write_script(tmp / "review.jsonl", [
        {"op": "relabel", "cluster_id": cluster[48], "name": "Card not arrived"},
        {"op": "merge", "cluster_ids": [cluster[7], cluster[27]], "name": "Card payment declined"},
        {"op": "merge", "cluster_ids": [cluster[3], cluster[34]]},
        {"op": "dismiss", "cluster_id": cluster[17], "reason": "out_of_scope"},
        {"op": "split", "cluster_id": cluster[1], "question_ids": split, "name": "Why verify identity"},
        {"op": "move", "question_ids": moved, "into": cluster[23]},
        {"op": "priority", "cluster_id": cluster[48], "priority": 1},
    ])
    run_clade("apply", db, script, "--reviewer", "pytest")
    (tmp / "export.json").write_text(run_clade("export", db, "--format", "json").stdout)
    (tmp / "export.jsonl").write_text(run_clade("export", db, "--format", "jsonl").stdout)
    ext = {q: int(e) for q, e in query(db, "SELECT question_id, external_id FROM questions")}
    with open(realdata("banking77-queries.csv"), newline="", encoding="utf-8") as f:
        docs = [row["text"] for row in csv.DictReader(f)]
    embeddings = np.load(realdata("banking77-embeddings.npy")).astype("float32")
    # document rows (0-based) of the split and moved questions: external_id is document_info's row_id
    return dict(tmp=tmp, docs=docs, embeddings=embeddings, split={ext[q] - 1 for q in split},
                moved={ext[q] - 1 for q in moved})


def test_bertopic_export_applies_to_the_saved_model(reviewed):
    from bertopic import BERTopic
    from clade_pipeline import apply_to_bertopic, effective_labels, read_export
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    docs = reviewed["docs"]
    exp = read_export(reviewed["tmp"] / "export.json")
    bt = exp.bertopic
    # The BERTopic shapes are what BERTopic accepts: integer pipeline topics only, survivor first.
    assert bt["custom_labels"] == {"48": "Card not arrived", "7": "Card payment declined"}
    assert sorted(bt["topics_to_merge"]) == [[3, 34], [7, 27]] and bt["dismissed_topics"] == [17]
    assert [t["proposed_topic"] for t in bt["new_topics"]] == [106]

    model = BERTopic.load(str(realdata("bertopic-banking77", "model")))
    old = list(model.topics_)
    sample = slice(0, 400)
    predicted, _ = model.transform(docs[sample], reviewed["embeddings"][sample])
    fitted_agreement = sum(p == t for p, t in zip(predicted, old[sample])) / 400
    size = lambda t: old.count(t)  # noqa: E731
    result = apply_to_bertopic(model, docs, exp, embeddings=reviewed["embeddings"])
    info = model.get_topic_info().set_index("Topic")
    m = result.topic_map
    docs_of = lambda t: {i for i, x in enumerate(model.topics_) if x == t}  # noqa: E731

    assert list(info.index) == list(range(-1, 104))
    assert info.loc[m[48], "CustomName"] == "Card not arrived" and docs_of(m[48]) == {i for i, t in enumerate(old) if t == 48}
    assert m[7] == m[27] and info.loc[m[7], "CustomName"] == "Card payment declined"
    assert info.loc[m[7], "Count"] == size(7) + size(27)
    assert m[3] == m[34] and info.loc[m[3], "Count"] == size(3) + size(34)
    assert info.loc[m[3], "CustomName"] == info.loc[m[3], "Name"]
    assert m[17] == -1 and info.loc[-1, "Count"] == size(-1) + size(17)
    assert docs_of(m[106]) == reviewed["split"] and info.loc[m[106], "CustomName"] == "Why verify identity"
    assert reviewed["moved"] <= docs_of(m[23]) and info.loc[m[23], "Count"] == size(23) + len(reviewed["moved"])
    assert result.concepts[m[106]] == bt["new_topics"][0]["concept_id"]

    # New documents land on the reviewed topics: transform agrees with them as it did with the fitted ones.
    predicted, _ = model.transform(docs[sample], reviewed["embeddings"][sample])
    assert sum(p == t for p, t in zip(predicted, model.topics_[sample])) / 400 >= fitted_agreement - 0.02

    # The streaming per-question export says the same for every document.
    per_doc = effective_labels(reviewed["tmp"] / "export.jsonl")
    assert len(per_doc) == len(docs)
    assert all(model.topics_[int(k) - 1] == m[t] for k, t in per_doc.items())
