"""The BERTopic recipe against the real `bertopic` package (installed without a deep-learning
framework) and BERTopic's own saved model of banking77 (../shared/realdata/bertopic-banking77).

The export here is written by hand to the contract, as `clade import bertopic` + a review would
produce it (pipeline topic = cluster external_id; question external_id = document_info row_id);
test_loop_bertopic.py runs the same recipe on an export the real binary writes."""
import csv
import json
import logging

import pytest

from conftest import need, realdata

RELABEL = {48: "Card not arrived"}
MERGES = [(7, [27], "Card payment declined"), (3, [34], None)]   # survivor, merged, new survivor label
DISMISSED = [17]
SPLIT_FROM, SPLIT_WORD, SPLIT_LABEL, NEW_TOPIC = 1, "why", "Why verify identity", 106
MOVE_FROM, MOVE_WORD, MOVE_TO = 9, "forgot", 23


@pytest.fixture(scope="module")
def fixture_data():
    need("bertopic")
    np = need("numpy")
    folder = realdata("bertopic-banking77")
    with open(realdata("banking77-queries.csv"), newline="", encoding="utf-8") as f:
        docs = [row["text"] for row in csv.DictReader(f)]
    embeddings = np.load(realdata("banking77-embeddings.npy")).astype("float32")
    saved = json.loads((folder / "model" / "topics.json").read_text())
    return docs, embeddings, saved


def load_model():
    from bertopic import BERTopic
    logging.getLogger("BERTopic").setLevel(logging.ERROR)   # "no embedding model": expected
    return BERTopic.load(str(realdata("bertopic-banking77", "model")))


def review_export(docs, saved):
    """clade-decisions/2 for the reviewed run: clusters 1000+topic (so cluster ids never equal
    topic numbers), questions 1..n with external_id = row number."""
    topics = saved["topics"]
    names = {int(k): v for k, v in saved["topic_labels"].items()}
    cid = lambda t: 1000 + t  # noqa: E731
    clusters = {t: {"cluster_id": cid(t), "external_id": str(t), "origin": "pipeline", "label": names[t],
                    "pipeline_label": names[t], "status": "active", "survivor": cid(t), "concept_id": f"pipeline:{t}"}
                for t in names}
    for t, label in RELABEL.items():
        clusters[t]["label"] = label
    for survivor, merged, label in MERGES:
        if label:
            clusters[survivor]["label"] = label
        for m in merged:
            clusters[m].update(status="merged", survivor=cid(survivor))
    for t in DISMISSED:
        clusters[t]["status"] = "dismissed"
    split = [i for i, (d, t) in enumerate(zip(docs, topics)) if t == SPLIT_FROM and SPLIT_WORD in d.lower()]
    moved = [i for i, (d, t) in enumerate(zip(docs, topics)) if t == MOVE_FROM and MOVE_WORD in d.lower()]
    expert = {"cluster_id": -1, "external_id": None, "origin": "expert", "label": SPLIT_LABEL, "pipeline_label": None,
              "status": "active", "survivor": -1, "concept_id": "clade:1:-1"}
    rows = []
    for i, t in enumerate(topics):
        c = clusters[t]
        reviewed = c["survivor"]
        if i in split:
            reviewed = -1
        elif i in moved:
            reviewed = cid(MOVE_TO)
        if reviewed != cid(t):
            rows.append({"question_id": i + 1, "external_id": str(i + 1), "pipeline_cluster_id": cid(t),
                         "reviewed_cluster_id": reviewed})
    export = {
        "format": "clade-decisions/2", "run_id": 1, "since": 0, "through": 9, "consumer": None, "decisions": [],
        "clusters": list(clusters.values()) + [expert], "reassignments": rows,
        "expert_clusters": [{**expert, "keywords": [SPLIT_WORD], "member_question_ids": [i + 1 for i in split],
                             "member_external_ids": [str(i + 1) for i in split], "centroid": None, "dimensions": None,
                             "source_cluster_ids": [cid(SPLIT_FROM)], "proposed_topic": NEW_TOPIC,
                             "rule": {"kind": "keywords", "keywords": [SPLIT_WORD]}}],
        "pipeline_centroids": None,
        "bertopic": {"custom_labels": {str(t): l for t, l in RELABEL.items()} | {"7": "Card payment declined"},
                     "topics_to_merge": [[s, *m] for s, m, _ in MERGES], "dismissed_topics": DISMISSED,
                     "new_topics": [{"proposed_topic": NEW_TOPIC, "concept_id": "clade:1:-1", "label": SPLIT_LABEL,
                                     "question_ids": [i + 1 for i in split], "external_ids": [str(i + 1) for i in split],
                                     "centroid": None}]},
    }
    return export, split, moved


def test_naive_recipe_puts_labels_on_the_wrong_topics(fixture_data):
    """Why the recipe exists: merge_topics renumbers topics by size, so a label keyed by the
    reviewed topic number lands on other documents."""
    docs, _, saved = fixture_data
    model = load_model()
    before = {i for i, t in enumerate(model.topics_) if t == 48}
    model.merge_topics(docs, [[7, 27], [3, 34]])
    model.set_topic_labels({48: "Card not arrived"})
    info = model.get_topic_info()
    labelled = int(info.loc[info.CustomName == "Card not arrived", "Topic"].iloc[0])
    assert {i for i, t in enumerate(model.topics_) if t == labelled} != before


def test_recipe_on_the_real_bertopic_model(fixture_data):
    from clade_pipeline import apply_to_bertopic, read_export
    docs, embeddings, saved = fixture_data
    export, split, moved = review_export(docs, saved)
    model = load_model()
    old = list(model.topics_)
    sizes = {int(k): v for k, v in saved["topic_sizes"].items()}

    result = apply_to_bertopic(model, docs, read_export(export), embeddings=embeddings)
    info = model.get_topic_info()
    m = result.topic_map

    # Contiguous numbering, one topic fewer per merged-away and dismissed topic, one more per split.
    assert info.Topic.tolist() == list(range(-1, 106 - 2 - 1 + 1))  # topics 0..105 before
    assert model.topics_ == result.topics
    row = lambda t: info.loc[info.Topic == t].iloc[0]  # noqa: E731

    # The reviewer's labels on the intended documents.
    t48 = m[48]
    assert row(t48).CustomName == "Card not arrived"
    assert {i for i, t in enumerate(model.topics_) if t == t48} == {i for i, t in enumerate(old) if t == 48}
    # Merged topics merged, the survivor with its new label (or its own name when not relabelled).
    assert m[27] == m[7] and m[34] == m[3]
    assert row(m[7]).Count == sizes[7] + sizes[27] and row(m[7]).CustomName == "Card payment declined"
    assert row(m[3]).Count == sizes[3] + sizes[34] and row(m[3]).CustomName == row(m[3]).Name
    assert row(m[3]).Name.startswith(f"{m[3]}_")
    # Dismissed: gone from the topics, its documents outliers.
    assert m[17] == -1
    assert row(-1).Count == sizes[-1] + sizes[17]
    assert all(model.topics_[i] == -1 for i, t in enumerate(old) if t == 17)
    # The split-off documents in their new topic, with the reviewer's label; the moved ones in theirs.
    new = m[NEW_TOPIC]
    assert {i for i, t in enumerate(model.topics_) if t == new} == set(split)
    assert row(new).CustomName == SPLIT_LABEL and row(new).Count == len(split)
    assert row(new).Name.startswith(f"{new}_") and "identity" in row(new).Representation  # ("why" is a stop word)
    assert all(model.topics_[i] == m[MOVE_TO] for i in moved)
    assert row(m[SPLIT_FROM]).Count == sizes[SPLIT_FROM] - len(split)
    assert row(m[MOVE_TO]).Count == sizes[MOVE_TO] + len(moved)
    # Every other topic unchanged, under its own name.
    changed = {48, 7, 27, 3, 34, 17, SPLIT_FROM, MOVE_FROM, MOVE_TO}
    for t in set(sizes) - changed - {-1}:
        assert row(m[t]).Count == sizes[t] and row(m[t]).CustomName == row(m[t]).Name
    # The model stays usable: topic embeddings and representative documents per topic.
    assert model.topic_embeddings_.shape == (len(info), embeddings.shape[1])
    assert isinstance(row(new).Representative_Docs, list) and len(row(new).Representative_Docs) == 3
    assert result.concepts[new] == "clade:1:-1" and result.concepts[t48] == "pipeline:48"
    # Documents keep their labels in the document view BERTopic users read.
    doc_info = model.get_document_info(docs)
    assert set(doc_info.loc[split, "CustomName"]) == {SPLIT_LABEL}


def test_careless_inputs_are_refused_before_the_model_changes():
    need("numpy")
    need("pandas")
    from clade_pipeline import ExportError, apply_to_bertopic
    from conftest import small_export

    class Model:  # only what the checks read; update_topics is never reached
        topics_ = [0, 1, 2, 3]

    with pytest.raises(ValueError, match="3 documents but the model has topics for 4"):
        apply_to_bertopic(Model(), ["a", "b", "c"], small_export())
    with pytest.raises(ValueError, match="4 documents but 2 doc_ids"):
        apply_to_bertopic(Model(), ["a", "b", "c", "d"], small_export(), doc_ids=["1", "2"])
    Model.topics_ = [70, 71, 72, 73]
    with pytest.raises(ExportError, match="is this the model Clade reviewed"):
        apply_to_bertopic(Model(), ["a", "b", "c", "d"], small_export())
    Model.topics_ = [0, 1, 2, 9]
    with pytest.raises(ExportError, match=r"1 of the model's topics \(9\) are not clusters of run 1"):
        apply_to_bertopic(Model(), ["a", "b", "c", "d"], small_export())
