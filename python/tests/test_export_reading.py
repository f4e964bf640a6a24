import io
import json

import pytest

from clade_pipeline import ExportError, effective_assignments, effective_labels, iter_assignments, read_export
from conftest import small_export, small_jsonl


def test_reads_the_json_export(export_file):
    exp = read_export(export_file)
    assert (exp.run_id, exp.through, exp.consumer) == (1, 7, "test")
    assert exp.pipeline_centroids == {12: [1.0, 0.0]}
    assert [e["proposed_topic"] for e in exp.expert_clusters] == [4]


def test_json_and_jsonl_give_the_same_effective_assignment(export_file, jsonl_file):
    from_jsonl = effective_labels(jsonl_file)
    assert from_jsonl == {"r1": 0, "r2": 0, "r3": 0, "r4": 2, "r5": 4, "r6": 4, "r7": -1, "r8": -1}
    # The JSON lists only the questions the review moved; on those the two agree.
    from_json = effective_labels(export_file)
    assert from_json == {k: from_jsonl[k] for k in ("r3", "r5", "r6")}
    assert effective_labels(jsonl_file, value="concept")["r5"] == "clade:1:-1"
    assert effective_labels(jsonl_file, value="label")["r1"] == "Card arrival"
    assert effective_labels(jsonl_file, value="status")["r7"] == "dismissed"
    assert effective_labels(jsonl_file, value="label")["r7"] is None
    assert effective_labels(jsonl_file, ["r5", 1])  == {"r5": 4, "r1": 0}


def test_effective_assignments_carry_concept_and_label(export_file):
    a = effective_assignments(export_file)["r5"]
    assert (a.reviewed_cluster_id, a.concept_id, a.label, a.topic) == (-1, "clade:1:-1", "Forgotten PIN", 4)


def test_stream_reports_through_only_after_its_end_line(jsonl_file):
    stream = iter_assignments(jsonl_file)
    assert stream.through is None
    rows = list(stream)
    assert len(rows) == 8 and stream.through == 7 and stream.header["run_id"] == 1


@pytest.mark.parametrize("mutate, message", [
    (lambda lines: lines[:-1], "no end line after 8 questions"),
    (lambda lines: lines[:3] + ['{"kind": "question", "question_id": 9\n'] + lines[3:], "not a JSON object"),
    (lambda lines: lines[:3] + ['{"kind": "surprise"}\n'] + lines[3:], "unknown line kind 'surprise'"),
    (lambda lines: lines[:3] + lines[4:], "end line says 8 questions, the stream held 7"),
    (lambda lines: lines[1:], "expected a 'clade-assignments/1' header line"),
    (lambda lines: lines + lines[1:2], "data after the end line"),
    (lambda lines: [], "empty stream"),
    (lambda lines: lines[:2] + ['{"kind": "question", "question_id": "x", "pipeline_cluster_id": 1}\n'] + lines[2:],
     "bad question line"),
])
def test_broken_streams_fail_with_their_line(mutate, message):
    lines = small_jsonl(small_export()).splitlines(keepends=True)
    with pytest.raises(ExportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(iter_assignments(io.StringIO("".join(mutate(lines)))))


@pytest.mark.parametrize("text, message", [
    ("{", "not JSON"),
    ("[]", "expected a JSON object"),
    (json.dumps({**small_export(), "format": "clade-decisions/1"}), "format 'clade-decisions/1', expected"),
    (json.dumps({**small_export(), "through": "7"}), "non-integer 'through'"),
])
def test_bad_json_exports_fail_clearly(text, message):
    with pytest.raises(ExportError, match=message):
        read_export(io.StringIO(text))


def test_reads_bytes_streams_and_dicts():
    raw = json.dumps(small_export()).encode()
    assert read_export(io.BytesIO(raw)).through == 7
    assert read_export(small_export()).run_id == 1


def test_the_wrong_export_says_which_one_to_use(jsonl_file):
    with pytest.raises(ExportError, match="read it with iter_assignments"):
        read_export(jsonl_file)
    with pytest.raises(ExportError, match="the package reads `clade export --format json`"):
        read_export({"format": "clade-bertopic/1", "run_id": 1, "through": 0, "bertopic": {}})
