"""At-least-once consumption with the real binary and a real consumer process: export, get killed
before the ack → the same decisions again; ack → not again."""
import csv
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from clade_pipeline import CladeError, ExportError, ack, export, iter_assignments
from conftest import clade_bin, query, realdata, run_clade, write_script

CONSUMER = textwrap.dedent("""
    import json, os, signal, sys
    from clade_pipeline import ack, apply_to_labels, export
    db, out, crash = sys.argv[1:4]
    exp = export(db, consumer="nightly")
    labels = apply_to_labels([str(c) for c in range(8)], None, exp, value="label")  # pipeline ids 0..7
    with open(out, "a") as f:  # "applied": the pipeline's own result, stored before the ack
        f.write(json.dumps({"through": exp.through, "decisions": [d["decision_id"] for d in exp.decisions],
                            "labels": labels}) + "\\n")
    if crash == "1":
        os.kill(os.getpid(), signal.SIGKILL)   # dies after applying, before acknowledging
    ack(db, "nightly", exp.through)
""")


@pytest.fixture
def db(tmp_path):
    rows = list(csv.DictReader(open(realdata("banking77-queries.csv"), newline="", encoding="utf-8")))[:400]
    src = tmp_path / "q.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["text", "category"])
        w.writeheader()
        w.writerows(rows)
    path = tmp_path / "small.sqlite"
    run_clade("import", "csv", src, "--k", "8", "-q", "-o", path)
    write_script(tmp_path / "d.jsonl", [
        {"op": "relabel", "cluster_id": 1, "name": "First"},
        {"op": "merge", "cluster_ids": [2, 3]},
        {"op": "priority", "cluster_id": 4, "priority": 2},
    ])
    run_clade("apply", path, tmp_path / "d.jsonl")
    return path


def consume(db, out, crash):
    env = {**os.environ, "CLADE_BIN": clade_bin()}
    return subprocess.run([sys.executable, "-c", CONSUMER, str(db), str(out), "1" if crash else "0"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def records(out):
    import json
    return [json.loads(line) for line in out.read_text().splitlines()]


def cursor(db):
    rows = query(db, "SELECT last_decision_id FROM clade_consumer_cursor WHERE consumer = 'nightly'")
    return rows[0][0] if rows else None


def test_killed_before_ack_gets_the_same_decisions_again(db, tmp_path):
    out = tmp_path / "applied.jsonl"
    for _ in range(2):
        proc = consume(db, out, crash=True)
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        assert cursor(db) is None
    first, second = records(out)
    assert first == second and first["decisions"] == [1, 2, 3] and first["through"] == 3
    assert first["labels"][0] == "First"

    assert consume(db, out, crash=False).returncode == 0
    assert cursor(db) == 3 and records(out)[-1] == first       # applied once more, then acknowledged
    assert consume(db, out, crash=False).returncode == 0
    assert records(out)[-1]["decisions"] == []                 # not again

    write_script(tmp_path / "more.jsonl", [{"op": "note", "cluster_id": 5, "note": "check the FAQ"}])
    run_clade("apply", db, tmp_path / "more.jsonl")
    assert consume(db, out, crash=False).returncode == 0
    assert records(out)[-1]["decisions"] == [4] and cursor(db) == 4


def test_a_cut_off_stream_is_never_acknowledged(db, tmp_path):
    full = run_clade("export", db, "--format", "jsonl", "--consumer", "nightly").stdout
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(full.splitlines(keepends=True)[:-5]))   # the writer died mid-stream
    stream = iter_assignments(cut)
    with pytest.raises(ExportError, match="no end line"):
        for _ in stream:
            pass
    assert stream.through is None and cursor(db) is None


def test_refused_acks_are_one_line_and_change_nothing(db):
    def dump():
        import sqlite3
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return list(con.iterdump())
        finally:
            con.close()
    before = dump()
    with pytest.raises(CladeError, match=r"^clade: .*") as past:
        ack(db, "nightly", 99, clade=clade_bin())
    assert "\n" not in str(past.value)
    ack(db, "nightly", 2, clade=clade_bin())
    with pytest.raises(CladeError):
        ack(db, "nightly", 1, clade=clade_bin())       # backwards
    assert export(db, consumer="nightly", clade=clade_bin()).since == 2
    after = dump()
    assert [l for l in after if "clade_consumer_cursor" not in l] == [l for l in before if "clade_consumer_cursor" not in l]
