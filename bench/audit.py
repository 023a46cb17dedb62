#!/usr/bin/env python3
"""The audit log's performance contract: the same root with an empty audit log and with a large one (seeded,
100 MiB by default), side by side: `status` (time, peak memory), every write (checklist, approve, promote,
rollback: the time each holds the lock, as the command's wall time), the dashboard's first frame and its idle CPU
with the log view open (through tmux), and the dashboard's memory. Prints each pair and their ratio.

usage: audit.py [--airlock PATH] [--mib 100] [--runs 7] [--idle 30] [--seed 9]"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from tmuxbench import Tmux, idle_cpu, peak_memory_mib

here = os.path.dirname(os.path.abspath(__file__))
p = argparse.ArgumentParser()
p.add_argument("--airlock", default=os.path.join(here, "..", ".build", "release", "airlock"))
p.add_argument("--mib", type=int, default=100)
p.add_argument("--runs", type=int, default=7)
p.add_argument("--idle", type=float, default=30)
p.add_argument("--seed", type=int, default=9)
a = p.parse_args()
binary = os.path.abspath(a.airlock)
tmp = tempfile.mkdtemp(prefix="airlock-audit-bench-")
tmux = Tmux(f"airlock-audit-bench-{os.getpid()}")

NOW = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
LONG_AGO = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3 * 86400))
FILES = {
    "airlock.yaml": """pipeline: shop
environments:
  - name: development
  - name: qa
  - name: staging
    gates: [code-freeze]
  - name: production
    protected: true
    approvers: [alice, bob, carol]
    required_approvals: 1
    gates: [tests-passed, approval]
""",
    "environments/development.yaml": f"version: 2.5.0\nupdated_at: {NOW}\nhealth: healthy\n",
    "environments/qa.yaml": f"version: 2.4.1\nupdated_at: {NOW}\nhealth: healthy\n",
    "environments/staging.yaml": f"version: 2.4.0\nupdated_at: {NOW}\ndeployed_at: {LONG_AGO}\nhealth: healthy\n",
    "environments/production.yaml": f"version: 2.3.0\nupdated_at: {NOW}\nhealth: healthy\n",
    "releases/2.1.0.yaml": "version: 2.1.0\n",
    "releases/2.2.0.yaml": "version: 2.2.0\n",
    "releases/2.3.0.yaml": "version: 2.3.0\n",
    "releases/2.4.0.yaml": ("version: 2.4.0\nchecklist:\n  tests-passed: true\n"
                            "approvals:\n  - {by: bob, environment: production}\n"),
    "releases/2.4.1.yaml": "version: 2.4.1\nchecklist:\n  code-freeze: {done: true, by: bob}\n",
    "releases/2.5.0.yaml": "version: 2.5.0\n",
}
# What production ran, near the end of the log as it would be in a team's history.
HISTORY = ('{"at":"2026-11-01T10:00:00Z","actor":"alice","action":"promote","version":"2.3.0",'
           '"environment":"production","from":"staging","previous":"2.2.0"}\n')


def make_root(name, mib):
    root = os.path.join(tmp, name)
    for rel, text in FILES.items():
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        with open(os.path.join(root, rel), "w") as f:
            f.write(text)
    with open(os.path.join(root, "audit.jsonl"), "w") as f:
        if mib:
            rng = random.Random(a.seed)
            envs, actors = ["development", "qa", "staging"], ["alice", "bob", "carol", "ci", "dave"]
            target, written, chunk = mib << 20, 0, []
            while written < target:
                i = rng.randrange(100000)
                env, actor = rng.choice(envs), rng.choice(actors)
                at = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
                kind = rng.randrange(3)
                if kind == 0:
                    line = (f'{{"at":"{at}","actor":"{actor}","action":"approve","version":"1.{i}.0",'
                            f'"environment":"{env}"}}\n')
                elif kind == 1:
                    line = (f'{{"at":"{at}","actor":"{actor}","action":"check","version":"1.{i}.0",'
                            f'"environment":"{env}","item":"code-freeze","reason":"seeded line {i}"}}\n')
                else:
                    line = (f'{{"at":"{at}","actor":"{actor}","action":"promote","version":"1.{i}.0",'
                            f'"environment":"{env}","from":"x","previous":"1.{i - 1}.0"}}\n')
                chunk.append(line)
                written += len(line)
                if len(chunk) >= 10000:
                    f.write("".join(chunk))
                    chunk = []
            f.write("".join(chunk))
        f.write(HISTORY)
    return root


def run(root, *args, user="alice"):
    """Wall time and peak memory (MB) of one command."""
    env = dict(os.environ, AIRLOCK_USER=user)
    env.pop("AIRLOCK_ROOT", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen([binary, *args, "--root", root], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    t1 = time.perf_counter()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    return t1 - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err


def reset(root, rel):
    path = os.path.join(root, rel)
    if rel in FILES:
        with open(path, "w") as f:
            f.write(FILES[rel])
    elif os.path.exists(path):
        os.remove(path)


# Each write: (label, argv, files reset before each run so the write does the same thing every time).
WRITES = [
    ("write: checklist --done", ["checklist", "2.4.1", "--done", "tests-passed"], ["releases/2.4.1.yaml"]),
    ("write: approve", ["approve", "2.4.0", "--env", "production"], ["releases/2.4.0.yaml"]),
    ("write: promote (protected)", ["promote", "2.4.0", "--to", "production", "--yes"], ["promotions/production.yaml"]),
    ("write: rollback (what it ran before)", ["rollback", "production", "--yes"], ["promotions/production.yaml"]),
]


def measure(label, args, resets, user="alice"):
    """Medians of time and the peak memory on both roots, runs interleaved so the machine's drift hits both."""
    times, mems = {empty: [], large: []}, {empty: [], large: []}
    for i in range(a.runs + 1):
        for root in (empty, large):
            for rel in resets:
                reset(root, rel)
            t, m, code, err = run(root, *args, user=user)
            if code not in (0, 1) or (resets and code != 0):
                sys.exit(f"{label}: exit {code}: {err}")
            if i > 0:   # the first run only warms the page cache
                times[root].append(t)
                mems[root].append(m)
    return [(statistics.median(times[r]), max(mems[r])) for r in (empty, large)]


def first_frame(root, name):
    """Seconds from starting the dashboard to its first frame on the tmux screen."""
    env = dict(os.environ, AIRLOCK_USER="alice")
    t0 = time.perf_counter()
    tmux.start(name, f"exec {binary} --root {root}", env)
    shown = tmux.wait_for(name, "Pending promotions", 30 - (time.perf_counter() - t0))
    if shown is None:
        sys.exit("the dashboard did not start:\n" + tmux.screen(name))
    return shown - t0


def dashboard():
    """First frame (medians, interleaved), then idle CPU with the log view open and peak memory, for both roots."""
    frames = {empty: [], large: []}
    for i in range(a.runs):
        for root, name in ((empty, "e"), (large, "l")):
            frames[root].append(first_frame(root, f"{name}{i}"))
            tmux("kill-session", "-t", f"{name}{i}")
    out = []
    for root, name in ((empty, "e"), (large, "l")):
        first_frame(root, name)
        pid = tmux.pane_pid(name)
        tmux("send-keys", "-t", name, "L")
        if tmux.wait_for(name, "Audit log", 30) is None:
            sys.exit("the log view did not open")
        time.sleep(1)
        cpu = idle_cpu(pid, a.idle)[0]
        hwm = peak_memory_mib(pid) or 0
        tmux("kill-session", "-t", name)
        out.append((statistics.median(frames[root]), cpu, hwm))
    return out


def row(label, empty, large, unit, fmt="{:8.1f}", ratio=True):
    r = f"   ratio {large / empty:5.2f}" if ratio and empty > 0 else ""
    print(f"{label:52s} {fmt.format(empty)} {unit:3s} empty   {fmt.format(large)} {unit:3s} {a.mib} MiB{r}")


try:
    t = time.perf_counter()
    empty, large = make_root("empty", 0), make_root("large", a.mib)
    # Flush the generated log to disk now, or the first write's fsync of audit.jsonl pays for it.
    os.sync()
    size = os.path.getsize(os.path.join(large, "audit.jsonl"))
    print(f"audit log: {size / 1048576:.1f} MiB, {sum(1 for _ in open(os.path.join(large, 'audit.jsonl')))} lines "
          f"(seed {a.seed}, generated in {time.perf_counter() - t:.1f} s); {a.runs} runs each, medians")
    # A session that lives through the whole run, so the tmux server never exits between dashboards.
    tmux("new-session", "-d", "-s", "keep", "sleep 100000")
    for label, args, resets in [("status", ["status"], [])] + WRITES:
        (te, me), (tl, ml) = measure(label, args, resets)
        row(label + " (time)", te * 1000, tl * 1000, "ms")
        row(label + " (peak memory)", me, ml, "MB")
    # The one question that may read far back: --to a version the log never records reads to its start.
    (te, _), (tl, _) = measure("rollback --to (refused)", ["rollback", "production", "--to", "2.1.0", "--yes"], [])
    row("rollback --to a version never run (reads it all)", te * 1000, tl * 1000, "ms", ratio=False)
    # Reading all of it, by design: check validates every line, log prints every line (to /dev/null here).
    for label, args in [("check (streams the whole log)", ["check"]), ("log (streams it, newest first)", ["log"])]:
        (te, me), (tl, ml) = measure(label, args, [])
        row(label + " (time)", te * 1000, tl * 1000, "ms", ratio=False)
        row(label + " (peak memory)", me, ml, "MB")
    (fe, ce, he), (fl, cl, hl) = dashboard()
    row("dashboard first frame (through tmux)", fe * 1000, fl * 1000, "ms")
    row(f"idle CPU, log view open, {a.idle:.0f} s (% of a core)", ce, cl, "%", "{:8.3f}", ratio=False)
    row("dashboard peak memory", he, hl, "MB")
finally:
    tmux.kill_server()
    shutil.rmtree(tmp, ignore_errors=True)
