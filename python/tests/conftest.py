import importlib
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]          # the repository
REALDATA = Path(os.environ.get("CLADE_REALDATA", ROOT.parent / "shared" / "realdata"))


def need(module: str):
    """Imports an optional dependency. Locally a missing one skips with the reason; under CI
    (CLADE_REQUIRE_EXTRAS=1, set by .ci/run, which installs them) it fails instead."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        if os.environ.get("CLADE_REQUIRE_EXTRAS") == "1":
            pytest.fail(f"{module} is not installed but CLADE_REQUIRE_EXTRAS=1: {e}")
        pytest.skip(f"{module} not installed (pip install -e 'python[pandas,bertopic,test]'): {e}")


def clade_bin() -> str:
    """The built binary: $CLADE_BIN or .build/debug/clade. Missing → the test fails, never skips."""
    path = os.environ.get("CLADE_BIN") or str(ROOT / ".build" / "debug" / "clade")
    if not os.access(path, os.X_OK):
        pytest.fail(f"the clade binary is missing at {path}: run `swift build --product clade` "
                    "or set CLADE_BIN (tests that drive it must not be skipped)")
    return path


def realdata(*parts) -> Path:
    """A file of the shared real data. Missing → the test fails, unless .ci/run found no realdata
    folder at all next to the clone (CLADE_REALDATA_ABSENT=1, announced in its output): then it skips,
    as the Swift tests that read the same folder do."""
    p = REALDATA.joinpath(*parts)
    if not p.exists():
        if os.environ.get("CLADE_REALDATA_ABSENT") == "1":
            pytest.skip(f"{REALDATA} is not on this machine")
        pytest.fail(f"{p} is missing (set CLADE_REALDATA to the shared realdata folder)")
    return p


def small_export() -> dict:
    """A hand-written clade-decisions/2 export following the contract: run 1 with pipeline topics
    0..3 and the outlier topic; the review relabelled topic 0, merged topic 1 into it, split part of
    topic 2 off as an expert cluster, dismissed topic 3. 2-d embeddings keep the geometry readable."""
    clusters = [
        {"cluster_id": 10, "external_id": "0", "origin": "pipeline", "label": "Card arrival", "pipeline_label": "card_arrived",
         "status": "active", "survivor": 10, "concept_id": "pipeline:0"},
        {"cluster_id": 11, "external_id": "1", "origin": "pipeline", "label": "card_waiting", "pipeline_label": "card_waiting",
         "status": "merged", "survivor": 10, "concept_id": "pipeline:1"},
        {"cluster_id": 12, "external_id": "2", "origin": "pipeline", "label": "pin_card", "pipeline_label": "pin_card",
         "status": "active", "survivor": 12, "concept_id": "pipeline:2"},
        {"cluster_id": 13, "external_id": "3", "origin": "pipeline", "label": "weather", "pipeline_label": "weather",
         "status": "dismissed", "survivor": 13, "concept_id": "pipeline:3", "action": "tell_users"},
        {"cluster_id": 14, "external_id": "-1", "origin": "pipeline", "label": "-1_outliers", "pipeline_label": "-1_outliers",
         "status": "active", "survivor": 14, "concept_id": "pipeline:-1"},
        {"cluster_id": -1, "external_id": None, "origin": "expert", "label": "Forgotten PIN", "pipeline_label": None,
         "status": "active", "survivor": -1, "concept_id": "clade:1:-1"},
    ]
    questions = [
        # question_id, external_id, pipeline cluster, reviewed cluster
        (1, "r1", 10, 10), (2, "r2", 10, 10), (3, "r3", 11, 10), (4, "r4", 12, 12),
        (5, "r5", 12, -1), (6, "r6", 12, -1), (7, "r7", 13, 13), (8, "r8", 14, 14),
    ]
    rows = [{"question_id": q, "external_id": e, "pipeline_cluster_id": p, "reviewed_cluster_id": r}
            for q, e, p, r in questions]
    return {
        "format": "clade-decisions/2", "run_id": 1, "since": 0, "through": 7, "consumer": "test",
        "decisions": [{"decision_id": i, "run_id": 1, "op": op} for i, op in
                      enumerate(["relabel", "merge", "split", "relabel", "dismiss", "priority", "note"], 1)],
        "clusters": clusters,
        "reassignments": [r for r in rows if r["pipeline_cluster_id"] != r["reviewed_cluster_id"]],
        "expert_clusters": [{
            "cluster_id": -1, "concept_id": "clade:1:-1", "label": "Forgotten PIN", "keywords": ["forgot", "pin"],
            "member_question_ids": [5, 6], "member_external_ids": ["r5", "r6"], "centroid": [0.0, 1.0],
            "dimensions": 2, "source_cluster_ids": [12], "proposed_topic": 4,
            "rule": {"kind": "nearest_centroid", "min_similarity": 0.5}}],
        "pipeline_centroids": {"12": [1.0, 0.0]},
        "bertopic": {"custom_labels": {"0": "Card arrival"}, "topics_to_merge": [[0, 1]], "dismissed_topics": [3],
                     "new_topics": [{"proposed_topic": 4, "concept_id": "clade:1:-1", "label": "Forgotten PIN",
                                     "question_ids": [5, 6], "external_ids": ["r5", "r6"], "centroid": [0.0, 1.0]}],
                     "order": ["reassign documents (new_topics, moves) and merges via one topics array",
                               "update_topics", "set_topic_labels"]},
    }


def small_jsonl(export: dict) -> str:
    by_id = {c["cluster_id"]: c for c in export["clusters"]}
    topic = {10: 0, 11: 0, 12: 2, 13: None, 14: -1, -1: 4}
    status = {10: "active", 12: "active", 13: "dismissed", 14: "active", -1: "active"}
    questions = [(1, "r1", 10, 10), (2, "r2", 10, 10), (3, "r3", 11, 10), (4, "r4", 12, 12),
                 (5, "r5", 12, -1), (6, "r6", 12, -1), (7, "r7", 13, 13), (8, "r8", 14, 14)]
    lines = [{"kind": "header", "format": "clade-assignments/1", "run_id": 1, "through": 7, "consumer": None}]
    for q, e, p, r in questions:
        lines.append({"kind": "question", "question_id": q, "external_id": e, "pipeline_cluster_id": p,
                      "reviewed_cluster_id": r, "concept_id": by_id[r]["concept_id"], "label": by_id[r]["label"],
                      "status": status[r], "topic": topic[r]})
    lines.append({"kind": "end", "through": 7, "questions": len(questions)})
    return "".join(json.dumps(line) + "\n" for line in lines)


@pytest.fixture
def export_file(tmp_path):
    p = tmp_path / "decisions.json"
    p.write_text(json.dumps(small_export()))
    return p


@pytest.fixture
def jsonl_file(tmp_path):
    p = tmp_path / "assignments.jsonl"
    p.write_text(small_jsonl(small_export()))
    return p


def run_clade(*args, ok=True):
    """Runs the built binary; with ok=True a non-zero exit fails the test with clade's stderr."""
    import subprocess
    proc = subprocess.run([clade_bin(), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if ok and proc.returncode != 0:
        pytest.fail(f"clade {' '.join(map(str, args))} exited {proc.returncode}: {proc.stderr.strip()}")
    return proc


def write_script(path, decisions):
    Path(path).write_text("".join(json.dumps(d) + "\n" for d in decisions))
    return path


def query(db, sql, *params):
    """Reads the file with SQLite (read-only); the package itself never opens it."""
    import sqlite3
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
