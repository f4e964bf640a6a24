import pytest

from clade_pipeline import apply_to_labels, assign_unseen, read_export
from conftest import need, small_export


@pytest.fixture
def exp():
    return read_export(small_export())


def test_reviewed_rows_take_the_review_and_the_others_follow_their_cluster(exp):
    labels = [0, 1, 1, 2, 2, 3, -1, 2]
    ids = ["r1", "r3", "new-a", "r4", "r5", "new-b", "r8", "new-c"]
    out = apply_to_labels(labels, ids, exp)
    # r3 and the unseen row of topic 1 are merged into 0; r5 was split off (proposed topic 4);
    # topic 3 is dismissed (-1); the unseen row of topic 2 stays without embeddings.
    assert out == [0, 0, 0, 2, 4, -1, -1, 2]


def test_outlier_label_is_not_confused_with_the_expert_cluster_id_minus_one(exp):
    assert apply_to_labels([-1], ["unseen"], exp) == [-1]


def test_unseen_rows_of_a_split_cluster_go_by_the_centroid_rule(exp):
    labels = [2, 2, 2, 2, 0]
    vectors = [[0.1, 0.99], [0.99, 0.1], [0.6, 0.8], [0.75, 0.66], [0.0, 1.0]]
    out = assign_unseen(vectors, labels, exp)
    # nearer the split-off centroid (and over min_similarity 0.5) → 4; nearer what stayed → 2;
    # a row of topic 0 is not a candidate however near it is (rule (a)).
    assert out == [4, 2, 4, 2, 0]


def test_min_similarity_keeps_far_rows_where_they_are(exp):
    exp.pipeline_centroids = {12: [-1.0, 0.0]}   # both far; the expert is nearer but under the floor
    assert assign_unseen([[0.9, -0.3]], [2], exp) == [2]
    assert assign_unseen([[0.5, 0.86]], [2], exp) == [4]


def test_without_remaining_centroid_the_floor_alone_decides(exp):
    exp.pipeline_centroids = None
    assert assign_unseen([[0.6, 0.8], [1.0, 0.0]], [2, 2], exp) == [4, 2]


def test_pure_python_and_numpy_paths_agree(exp, monkeypatch):
    import clade_pipeline.assign as assign
    vectors = [[0.1, 0.99], [0.99, 0.1], [0.6, 0.8], [0.75, 0.66]]
    with_whatever = assign_unseen(vectors, [2, 2, 2, 2], exp)
    monkeypatch.setattr(assign, "_numpy", lambda: None)
    assert assign_unseen(vectors, [2, 2, 2, 2], exp) == with_whatever


def test_keyword_rule_for_runs_without_embeddings(exp):
    e = exp.expert_clusters[0]
    e["centroid"], e["rule"] = None, {"kind": "keywords", "keywords": ["forgot", "pin", "reset code"]}
    texts = ["I forgot my PIN", "my card is stuck", "how do I get a reset code", "pin"]
    assert assign_unseen(None, [2, 2, 2, 0], exp, texts=texts) == [4, 2, 4, 0]


def test_string_labels_answer_in_the_pipelines_label_space(exp):
    out = apply_to_labels(["0", "1", "2", "3"], ["x", "y", "r5", "z"], exp)
    assert out == ["0", "0", "clade:1:-1", None]
    assert apply_to_labels(["1"], None, exp, value="concept") == ["pipeline:0"]
    assert apply_to_labels(["3"], None, exp, dismissed="DISMISSED") == ["DISMISSED"]


def test_value_modes(exp):
    labels, ids = [1, 2], ["r3", "r6"]
    assert apply_to_labels(labels, ids, exp, value="cluster") == [10, -1]
    assert apply_to_labels(labels, ids, exp, value="label") == ["Card arrival", "Forgotten PIN"]
    assert apply_to_labels(labels, ids, exp, value="status") == ["active", "active"]
    with pytest.raises(ValueError, match="value must be one of"):
        apply_to_labels(labels, ids, exp, value="colour")


def test_labels_unknown_to_the_export_are_kept(exp):
    assert apply_to_labels([42, "x"], None, exp) == [42, "x"]


def test_length_mismatches_are_refused(exp):
    with pytest.raises(ValueError, match="2 labels but 1 ids"):
        apply_to_labels([0, 1], ["a"], exp)
    with pytest.raises(ValueError, match="1 labels but 2 embeddings"):
        assign_unseen([[1, 0], [0, 1]], [2], exp)


def test_rows_clade_saw_and_left_are_not_reassigned_by_the_rule(exp):
    vectors = [[0.0, 1.0], [0.0, 1.0]]                  # both near the split-off centroid
    assert apply_to_labels([2, 2], ["r4", "new"], exp, embeddings=vectors) == [4, 4]
    assert apply_to_labels([2, 2], ["r4", "new"], exp, embeddings=vectors, reviewed=["r4"]) == [2, 4]
    assert apply_to_labels([2, 2], ["r4", "new"], exp, embeddings=vectors, reviewed=True) == [2, 2]


def test_numpy_and_float_integer_labels_count_as_topic_numbers(exp):
    np = need("numpy")
    assert apply_to_labels(np.array([1, 3]), None, exp) == [0, -1]
    assert apply_to_labels([1.0, float("nan")], None, exp)[0] == 0


def test_the_nearest_candidate_decides_even_when_a_farther_one_would_pass_its_floor(exp):
    # A second split-off cluster of topic 2 with a lax floor; the first one is nearer but the row is
    # under its floor: the row stays (the documented rule), it does not fall through to the second.
    exp.expert_clusters.append({**exp.expert_clusters[0], "cluster_id": -2, "concept_id": "clade:1:-2",
                                "centroid": [0.6, 0.8], "proposed_topic": 5,
                                "rule": {"kind": "nearest_centroid", "min_similarity": 0.1}})
    exp.expert_clusters[0]["rule"]["min_similarity"] = 0.999
    exp.pipeline_centroids = {12: [-1.0, 0.0]}
    assert assign_unseen([[0.3, 0.95]], [2], exp) == [2]     # nearest is -1 (0.95 < 0.999): stays
    assert assign_unseen([[0.55, 0.83]], [2], exp) == [5]    # nearest is -2, over its floor


def test_the_core_runs_with_the_standard_library_only():
    """numpy, pandas and pyarrow made unimportable: reading, applying and assigning still work."""
    import json
    import subprocess
    import sys
    code = (
        "import sys, json\n"
        "for m in ('numpy', 'pandas', 'pyarrow', 'bertopic'): sys.modules[m] = None\n"
        "import clade_pipeline as c\n"
        "exp = c.read_export(json.loads(sys.stdin.read()))\n"
        "print(json.dumps(c.apply_to_labels([2, 2, 1], ['new', 'r5', 'x'], exp, embeddings=[[0.1, 0.99], [1, 0], [1, 0]])))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(small_export()), text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [4, 4, 0]


def test_rows_without_an_id_are_never_taken_for_a_reviewed_row(exp):
    exp.reassignments.append({"question_id": 9, "external_id": "None", "pipeline_cluster_id": 10,
                              "reviewed_cluster_id": -1})
    assert apply_to_labels([0, 0], [None, "None"], exp) == [0, 4]
