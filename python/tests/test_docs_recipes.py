"""The BERTopic and Kura sections of docs/pipeline.md, run as written (the line that opens the TUI
for the review is replaced by a scripted review), so the page cannot drift from what works."""
import os
import re
import subprocess
import sys

from conftest import ROOT, clade_bin, need, query, realdata, write_script

DOC = (ROOT / "docs" / "pipeline.md").read_text()


def blocks(section: str, lang: str):
    body = DOC.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", body, re.S)


def workspace(tmp_path):
    """cwd/../shared/realdata as in the repository's neighbourhood; `clade` on PATH."""
    (tmp_path / "shared").symlink_to(realdata().parent, target_is_directory=True)
    cwd = tmp_path / "work"
    cwd.mkdir()
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "clade").symlink_to(clade_bin())
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"}
    return cwd, env


def run_sh(script, cwd, env, review):
    script = re.sub(r"^clade (\S+\.sqlite)\s+# review.*$", rf"clade apply \1 {review}", script, flags=re.M)
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, f"{script}\n{proc.stderr}"
    return proc


def test_bertopic_section_runs_as_written(tmp_path):
    need("bertopic")
    cwd, env = workspace(tmp_path)
    review = write_script(tmp_path / "review.jsonl", [{"op": "relabel", "cluster_id": 60, "name": "Card not arrived"},
                                                      {"op": "merge", "cluster_ids": [19, 39]}])
    shell, python = blocks("Shape 2: BERTopic", "sh")[0], blocks("Shape 2: BERTopic", "python")[0]
    run_sh(shell, cwd, env, review)
    assert query(cwd / "bt.sqlite", "SELECT external_id FROM clusters WHERE cluster_id = 60") == [("48",)]
    proc = subprocess.run([sys.executable, "-c", python], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Card not arrived" in proc.stdout and (cwd / "model-reviewed").is_dir()
    assert query(cwd / "bt.sqlite", "SELECT last_decision_id FROM clade_consumer_cursor WHERE consumer = 'bertopic'") == [(2,)]


def test_kura_section_runs_as_written(tmp_path):
    cwd, env = workspace(tmp_path)
    review = write_script(tmp_path / "review.jsonl", [{"op": "relabel", "cluster_id": 52, "name": "W&B in code"}])
    run_sh(blocks("Shape 3: Kura", "sh")[0], cwd, env, review)
    assert "W&B in code" in (cwd / "reviewed" / "meta_clusters.jsonl").read_text()
