#!/usr/bin/env python3
"""Times `airlock status --json` against bench/baseline.py (Python + PyYAML's C loader) on the same root,
side by side, and checks that both give the same environments, pending promotions and blockers.

usage: compare.py ROOT [--airlock PATH] [--runs 5]
On a fleet root it runs bench/compare_fleet.py instead (the fleet's figures)."""
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
p.add_argument("--runs", type=int, default=5)
a = p.parse_args()
if not os.path.isfile(os.path.join(a.root, "airlock.yaml")):
    os.execv(sys.executable, [sys.executable, os.path.join(here, "compare_fleet.py"), *sys.argv[1:]])


def timed(cmd):
    """Best wall time over the runs, and the output."""
    best, out = None, None
    for _ in range(a.runs):
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        stdout, stderr = proc.communicate()
        dt = time.perf_counter() - t
        code = proc.returncode
        if code not in (0, 1):
            sys.exit(f"{cmd[0]} failed ({code}): {stderr.strip()}")
        out = stdout
        best = dt if best is None or dt < best else best
    return best, out


t_air, out_air = timed([a.airlock, "status", "--json", "--root", a.root])
peak_kb = peak_rss_kb([os.path.abspath(a.airlock), "status", "--json", "--root", a.root])
t_py, out_py = timed([sys.executable, os.path.join(here, "baseline.py"), a.root])
air, py = json.loads(out_air), json.loads(out_py)

same_pending = air["pending"] == py["pending"]
keys = ["name", "version", "health", "stale", "checks"]
same_envs = [{k: e[k] for k in keys} for e in air["environments"]] == [{k: e[k] for k in keys} for e in py["environments"]]
same_requests = [e["requested"] and e["requested"]["version"] for e in air["environments"]] == \
                [e["requested"] and e["requested"]["version"] for e in py["environments"]]
print(f"root: {a.root}")
print(f"airlock status --json : {t_air * 1000:8.1f} ms (best of {a.runs})")
print(f"python + PyYAML (C)   : {t_py * 1000:8.1f} ms (best of {a.runs})")
print(f"ratio airlock/python  : {t_air / t_py:8.3f}  (target <= 0.25, aim 0.10)")
print(f"airlock peak memory   : {peak_kb / 1024:8.1f} MB (max RSS; target <= 64 MB)")
print(f"same pending promotions and blockers: {same_pending}; same environments: {same_envs}; same requests: {same_requests}")
print(f"pending: {len(air['pending'])} promotions, {sum(len(p['blockers']) for p in air['pending'])} blockers; problems: {len(air['problems'])}")
sys.exit(0 if same_pending and same_envs and same_requests else 1)
