"""ack / export / consume run the clade binary as a subprocess; here against a stand-in script that
records its arguments (the real binary is driven in test_loop_*.py)."""
import json
import stat

import pytest

from clade_pipeline import CladeError, ack, consume, export
from conftest import small_export


@pytest.fixture
def fake_clade(tmp_path):
    log = tmp_path / "calls.jsonl"
    out = tmp_path / "export.json"
    out.write_text(json.dumps(small_export()))
    script = tmp_path / "clade"
    script.write_text(f"""#!/usr/bin/env python3
import json, sys
open({str(log)!r}, "a").write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1] == "export":
    sys.stdout.write(open({str(out)!r}).read())
elif sys.argv[1] == "ack" and sys.argv[-1] == "999":
    sys.stderr.write("clade: cannot acknowledge through 999: the log ends at decision 7\\n"); sys.exit(1)
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), log


def calls(log):
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_ack_runs_clade_ack(fake_clade, tmp_path):
    clade, log = fake_clade
    ack(tmp_path / "d.sqlite", "nightly", 7, clade=clade)
    assert calls(log) == [["ack", str(tmp_path / "d.sqlite"), "--consumer", "nightly", "--through", "7"]]


def test_a_refused_ack_raises_with_clades_line(fake_clade):
    clade, _ = fake_clade
    with pytest.raises(CladeError, match="the log ends at decision 7"):
        ack("d.sqlite", "nightly", 999, clade=clade)
    with pytest.raises(TypeError):
        ack("d.sqlite", "nightly", "7", clade=clade)


def test_consume_acks_only_when_the_block_succeeds(fake_clade):
    clade, log = fake_clade
    with pytest.raises(RuntimeError):
        with consume("d.sqlite", "nightly", clade=clade) as exp:
            assert exp.through == 7
            raise RuntimeError("the pipeline crashed while applying")
    assert [c[0] for c in calls(log)] == ["export"]
    with consume("d.sqlite", "nightly", clade=clade):
        pass
    assert calls(log)[-1] == ["ack", "d.sqlite", "--consumer", "nightly", "--through", "7"]
    assert calls(log)[-2] == ["export", "d.sqlite", "--format", "json", "--consumer", "nightly"]


def test_missing_binary_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("CLADE_BIN", raising=False)
    with pytest.raises(CladeError, match="not found or not executable"):
        export("d.sqlite", clade=str(tmp_path / "nope"))
