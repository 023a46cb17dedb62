#!/usr/bin/env python3
"""The fleet's `status --json` figures, all in the same run, on a fleet root (bench/generate_fleet.py):
  A  `airlock status --json --root FLEET` (the whole fleet in one process);
  B  the sum of reading each pipeline alone: `airlock status --json --root FLEET/X` for every folder X, and
     `airlock status --json --root FLEET --pipeline X` when the binary has --pipeline;
  C  bench/baseline.py (Python + PyYAML's C loader) over all the pipelines in one process;
with the peak memory of A, and a check that A, B and C give the same pending promotions and blockers.
Targets (issue 11): A <= 1.5 x B, A <= 0.1 x C, peak memory <= 120 MB.
A binary without fleet support (or without --pipeline) gets a clear line and the other figures still print.

usage: compare_fleet.py FLEET [--airlock PATH] [--runs 3]"""
import argparse
import json
import os
import subprocess
import sys
import time

from procbench import peak_rss_kb

here = os.path.dirname(os.path.abspath(__file__))
p = argparse.ArgumentParser()
p.add_argument("root")
p.add_argument("--airlock", default=os.path.join(here, "..", ".build", "release", "airlock"))
p.add_argument("--runs", type=int, default=3)
a = p.parse_args()
binary = os.path.abspath(a.airlock)
folders = sorted(f for f in os.listdir(a.root) if not f.startswith(".")
                 and os.path.isfile(os.path.join(a.root, f, "airlock.yaml")))
if not folders:
    sys.exit(f"{a.root} is not a fleet root (no folder holds an airlock.yaml)")


def run(cmd):
    """(seconds, exit code, stdout, stderr) of one run."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - t, proc.returncode, proc.stdout, proc.stderr


def best(runs, body):
    """The best wall time of `body()` over the runs, and its last result."""
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = body()
        times.append(time.perf_counter() - t)
    return min(times), out


def first_line(text):
    return (text.strip().splitlines() or ["(nothing on stderr)"])[0]


def pending_by_pipeline(objects):
    return {o["pipeline"]: o["pending"] for o in objects}


# A: the fleet in one process.
fleet_cmd = [binary, "status", "--json", "--root", a.root]
_, code, out, err = run(fleet_cmd)
fleet_json = None
if code in (0, 1):
    try:
        fleet_json = json.loads(out)
    except json.JSONDecodeError:
        pass
if not (isinstance(fleet_json, dict) and "pipelines" in fleet_json):
    why = first_line(err) if err.strip() else "its JSON has no \"pipelines\""
    print(f"A: `status --json` on a fleet root is not available in this binary (exit {code}: {why});"
          " its figures await the fleet command line")
    fleet_json = None
t_fleet = best(a.runs, lambda: run(fleet_cmd))[0] if fleet_json else None
peak_fleet = peak_rss_kb(fleet_cmd) if fleet_json else None


# B: each pipeline alone, as its own root, then (when the binary has it) through --pipeline.
def each_alone():
    outs = []
    for f in folders:
        _, c, o, e = run([binary, "status", "--json", "--root", os.path.join(a.root, f)])
        if c not in (0, 1):
            sys.exit(f"status --json --root {f} failed ({c}): {first_line(e)}")
        outs.append(json.loads(o))
    return outs


t_alone, alone = best(a.runs, each_alone)
peak_one = max(peak_rss_kb([binary, "status", "--json", "--root", os.path.join(a.root, f)]) for f in folders[:5])
_, code, _, err = run([binary, "status", "--json", "--root", a.root, "--pipeline", folders[0]])
t_option = None
if code in (0, 1):
    t_option = best(a.runs, lambda: [run([binary, "status", "--json", "--root", a.root, "--pipeline", f])
                                      for f in folders])[0]
else:
    print(f"B: `status --json --pipeline X` on the fleet is not available in this binary (exit {code}: "
          f"{first_line(err)}); measured each pipeline folder as its own root only")

# C: Python + PyYAML over the whole fleet in one process.
t_py, py = best(a.runs, lambda: run([sys.executable, os.path.join(here, "baseline.py"), a.root]))
py_json = json.loads(py[2])

same_alone = pending_by_pipeline(alone) == pending_by_pipeline(py_json["pipelines"])
same_fleet = fleet_json is not None and pending_by_pipeline(fleet_json["pipelines"]) == pending_by_pipeline(py_json["pipelines"])
print(f"fleet: {a.root}: {len(folders)} pipelines; {sum(len(p['pending']) for p in py_json['pipelines'])} pending "
      f"promotions (best of {a.runs} runs, all in this run)")
if t_fleet is not None:
    print(f"A  airlock status --json, whole fleet      : {t_fleet * 1000:9.1f} ms")
print(f"B  sum of each pipeline alone (--root X)   : {t_alone * 1000:9.1f} ms ({len(folders)} processes)")
if t_option is not None:
    print(f"B' sum of each pipeline alone (--pipeline) : {t_option * 1000:9.1f} ms")
print(f"C  python + PyYAML (C), one process        : {t_py * 1000:9.1f} ms")
if t_fleet is not None:
    print(f"A / B  : {t_fleet / t_alone:7.3f}  (target <= 1.5)")
    if t_option is not None:
        print(f"A / B' : {t_fleet / t_option:7.3f}")
    print(f"A / C  : {t_fleet / t_py:7.3f}  (target <= 0.1, i.e. >= 10x faster)")
    print(f"peak memory of A: {peak_fleet / 1024:7.1f} MB (max RSS; target <= 120 MB)")
print(f"peak memory of one pipeline alone: {peak_one / 1024:7.1f} MB (max RSS, worst of 5)")
print(f"same pending promotions and blockers: each alone vs python {same_alone}"
      + (f"; whole fleet vs python {same_fleet}" if fleet_json is not None else ""))
sys.exit(0 if same_alone and (fleet_json is None or same_fleet) else 1)
