#!/usr/bin/env python3
"""Measures the running dashboard through tmux, as a person would see it:
change on disk -> on screen latency (p50/p99 over N changes) and idle CPU over a quiet period.

usage: live.py [--airlock PATH] [--envs 8] [--services 500] [--changes 25] [--idle 20] [--poll]"""
import argparse
import os
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
p.add_argument("--envs", type=int, default=8)
p.add_argument("--services", type=int, default=500)
p.add_argument("--releases", type=int, default=200)
p.add_argument("--changes", type=int, default=25)
p.add_argument("--idle", type=float, default=20)
p.add_argument("--poll", action="store_true", help="force the polling watcher instead of inotify")
a = p.parse_args()
binary = os.path.abspath(a.airlock)
tmux = Tmux(f"airlock-bench-{os.getpid()}")
tmp = tempfile.mkdtemp(prefix="airlock-live-")
root = os.path.join(tmp, "root")


def screen():
    return tmux.screen("bench")


def wait_for(text, limit=10.0):
    return tmux.wait_for("bench", text, limit)


try:
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), root, "--envs", str(a.envs),
                    "--services", str(a.services), "--releases", str(a.releases)], check=True)
    env = dict(os.environ, AIRLOCK_USER="bench")
    if a.poll:
        env["AIRLOCK_WATCH"] = "poll"
    cmd = f"exec {binary} --root {root}"
    tmux.start("bench", cmd, env)
    if wait_for("Pending promotions", 20) is None:
        sys.exit("the dashboard did not start:\n" + screen())
    pid = tmux.pane_pid("bench")
    mode = "polling" if a.poll else "inotify"
    print(f"root: {a.envs} environments x {a.services} services, {a.releases} releases; watcher: {mode}")

    target = os.path.join(root, "environments", "env-01.yaml")
    with open(target) as f:
        original = f.read()
    first_line, rest = original.split("\n", 1)
    latencies = []
    for i in range(a.changes):
        marker = f"7.{i}.{os.getpid() % 1000}"
        tmpfile = target + ".tmp"
        with open(tmpfile, "w") as f:
            f.write(f"version: {marker}\n" + rest)
        # Stay clear of the once-a-second clock tick, which would redraw anyway.
        frac = time.time() % 1.0
        if frac > 0.8 or frac < 0.05:
            time.sleep((1.1 - frac) % 1.0)
        t0 = time.perf_counter()
        os.rename(tmpfile, target)
        t1 = wait_for(marker, 10)
        if t1 is None:
            sys.exit(f"change {i} never showed:\n" + screen())
        latencies.append((t1 - t0) * 1000)
        time.sleep(0.15)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"change on disk -> on screen: p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   (n={len(latencies)}; targets p50 <= 20, p99 <= 50;"
          f" includes tmux capture-pane polling)")

    time.sleep(1)
    cpu, used, seconds, ticks = idle_cpu(pid, a.idle)
    hwm = peak_memory_mib(pid)
    print(f"idle CPU over {seconds:.0f} s: {cpu:.3f} % of one core ({used} ticks of 1/{ticks} s; target <= 0.2 %)")
    print(f"dashboard peak memory: {hwm or 0:.1f} MB (VmHWM)")
finally:
    tmux.kill_server()
    shutil.rmtree(tmp, ignore_errors=True)
