"""Times the split preview's re-cut (+ and -) of a file's largest cluster through the real TUI.

Usage: python3 docs/bench/split_recut_tmux.py CLADE_BINARY FILE.sqlite [ROUNDS]

Opens a copy of FILE in tmux (120x40), selects the second row of the cluster list (the largest
leaf under its parent in a `clade bench generate --clusters 2` file), opens the split preview (`s`),
waits for the background review queue, then alternately presses `+` and `-`, timing each from the key until the preview's title shows
the new k (tmux's polling included). The sqlite3 shell's GROUP BY of the assignments is timed in
the same round as reference (docs/performance.md, issue 13).
"""
import shutil, subprocess, sys, tempfile, time, os

binary, source = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 6
session = f"clade-recut-{os.getpid()}"
folder = tempfile.mkdtemp()
path = os.path.join(folder, "copy.sqlite")
shutil.copy(source, path)


def screen():
    return subprocess.run(["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True).stdout


def title_k():
    for line in screen().splitlines()[:3]:
        if "Suggested split" in line and " · embeddings" in line:
            return line.split("k=")[-1].split(" ")[0]
    return None


def wait(predicate, timeout=120):
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if predicate():
            return
        time.sleep(0.005)
    raise SystemExit("timed out: " + screen())


def reference():
    t = time.perf_counter()
    subprocess.run(["sqlite3", path, "SELECT cluster_id, COUNT(*) FROM assignments GROUP BY cluster_id"], capture_output=True)
    return time.perf_counter() - t


subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", f"{binary} {path}"], check=True)
try:
    wait(lambda: "[1 Clusters]" in screen())
    subprocess.run(["tmux", "send-keys", "-t", session, "j", "s"])
    wait(lambda: title_k() is not None)
    # The review queue is computed in the background after opening: wait for it, so that the
    # re-cuts are timed alone.
    wait(lambda: "queue: computing" not in screen().splitlines()[0] and "re-cuts" not in screen().splitlines()[0])
    for r in range(1, rounds + 1):
        before = int(title_k())
        key, want = ("+", before + 1) if r % 2 == 1 else ("-", before - 1)
        ref = reference()
        t = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", session, key])
        wait(lambda: title_k() == str(want))
        dt = time.perf_counter() - t
        print(f"round {r}: '{key}' k={before}->{want}: {dt:.3f} s · GROUP BY reference {ref:.3f} s · ratio {dt / ref:.0f}x")
finally:
    subprocess.run(["tmux", "kill-session", "-t", session])
    shutil.rmtree(folder, ignore_errors=True)
