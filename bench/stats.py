#!/usr/bin/env python3
"""`airlock stats` on a root whose audit log has 100,000 lines (seeded: a year of four environments' deployed,
promote, approve, check, health, rollback and release lines, ending now), against the same root with an empty
log: wall time (median and p90 of --runs runs, text and --json) and peak memory. Prints the figures.

usage: stats.py [--airlock PATH] [--lines 100000] [--runs 9] [--seed 13] [--keep DIR]"""
import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import tempfile
import time

from procbench import peak_rss_kb

here = os.path.dirname(os.path.abspath(__file__))
p = argparse.ArgumentParser()
p.add_argument("--airlock", default=os.path.join(here, "..", ".build", "release", "airlock"))
p.add_argument("--lines", type=int, default=100_000)
p.add_argument("--runs", type=int, default=9)
p.add_argument("--seed", type=int, default=13)
p.add_argument("--keep", help="write the root here and keep it")
a = p.parse_args()
binary = os.path.abspath(a.airlock)
ENVS = ["development", "qa", "staging", "production"]
NOW = time.time()


def stamp(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def write_root(root, lines):
    os.makedirs(root + "/environments", exist_ok=True)
    os.makedirs(root + "/releases", exist_ok=True)
    with open(root + "/airlock.yaml", "w") as f:
        f.write("pipeline: shop\nenvironments:\n  - name: development\n  - name: qa\n    soak: 20m\n"
                "  - name: staging\n    gates: [code-freeze]\n  - name: production\n    protected: true\n"
                "    approvers: [alice, bob]\n    required_approvals: 2\n    gates: [tests-passed, approval]\n")
    for env in ENVS:
        with open(f"{root}/environments/{env}.yaml", "w") as f:
            f.write(f"version: 1.0.0\nupdated_at: {stamp(NOW - 30)}\nhealth: healthy\n")
    with open(root + "/releases/1.0.0.yaml", "w") as f:
        f.write(f"version: 1.0.0\ncreated_at: {stamp(NOW - 400 * 86400)}\n")
    with open(root + "/audit.jsonl", "w") as f:
        f.write("".join(lines))


def history(n, seed):
    """About n lines: releases every few hours over a year, each walking the pipeline with its lines."""
    rng = random.Random(seed)
    out = []
    t = NOW - 365 * 86400
    step = 365 * 86400 / (n / 14)
    running = {e: "0.0.0" for e in ENVS}
    i = 0

    def line(at, action, version, env, **extra):
        d = {"at": stamp(at), "actor": rng.choice(["alice", "bob", "ci", "carol"]), "action": action,
             "version": version, "environment": env}
        d.update(extra)
        out.append("{" + ",".join(f'"{k}":' + ("null" if v is None else f'"{v}"') for k, v in d.items()) + "}\n")

    while len(out) < n:
        i += 1
        v = f"1.{i // 100}.{i % 100}"
        at = t
        line(at, "release", v, None)
        for k, env in enumerate(ENVS):
            at += rng.uniform(600, step / 4)
            if k > 0:
                if env == "production":
                    line(at - 300, "approve", v, env)
                    line(at - 200, "approve", v, env)
                line(at - 100, "check", v, None, item="code-freeze" if env == "staging" else "tests-passed")
                line(at, "promote", v, env, **{"from": ENVS[k - 1], "previous": running[env]})
            line(at + 60, "deployed", v, env, previous=running[env])
            running[env] = v
        if rng.random() < 0.1:
            line(at + 600, "health", v, "production", health="down", previous_health="healthy")
            line(at + 900, "rollback", "1.0.0", "production", previous=v)
            line(at + 1000, "health", v, "production", health="healthy", previous_health="down")
        t += step
    return out[:n]


def timed(cmd, runs):
    """Wall time (median, p90) and CPU time (user + system, median) of `runs` runs."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        s = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - s)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if r.returncode != 0:
            raise SystemExit(f"{cmd}: exit {r.returncode}: {r.stderr.decode()}")
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.9))], statistics.median(cpu)


base = a.keep or tempfile.mkdtemp(prefix="airlock-stats-bench-")
try:
    big, empty = base + "/big", base + "/empty"
    lines = history(a.lines, a.seed)
    write_root(big, lines)
    write_root(empty, [])
    size = os.path.getsize(big + "/audit.jsonl")
    print(f"audit log: {len(lines):,} lines, {size / 1048576:.1f} MiB (seed {a.seed}); {a.runs} runs each")
    print(f"{'what':<34} {'median':>9} {'p90':>9} {'CPU':>9} {'peak memory':>12}")
    for name, root in (("empty log", empty), (f"{len(lines):,} lines", big)):
        for args in (["stats"], ["stats", "--json"], ["stats", "--since", "365d"]):
            cmd = [binary] + args + ["--root", root]
            med, p90, cpu = timed(cmd, a.runs)
            rss = peak_rss_kb(cmd) / 1024
            label = f"{' '.join(args)}, {name}"
            print(f"{label:<34} {med * 1000:7.1f} ms {p90 * 1000:7.1f} ms {cpu * 1000:7.1f} ms {rss:9.1f} MB")
finally:
    if not a.keep:
        shutil.rmtree(base, ignore_errors=True)
