#!/usr/bin/env python3
"""Generates the fleet of the fleet benchmark: a fleet root whose folders are pipelines made by generate.py.

usage: generate_fleet.py DIR [--pipelines 200] [--envs 6] [--services 50] [--releases 30] [--audit 100]

The default is the issue's fleet: 200 pipelines x 6 environments x 50 services, 30 releases each (1,200
environment files, 6,000 release files). Pipeline i is the folder svc-NNN with `pipeline: svc-NNN`, seeded with i;
fleet.yaml names the fleet `bench-fleet` (the folder's own name too, so the title is the same either way).
Timestamps are relative to now, so nothing is stale."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import generate  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--pipelines", type=int, default=200)
p.add_argument("--envs", type=int, default=6)
p.add_argument("--services", type=int, default=50)
p.add_argument("--releases", type=int, default=30)
p.add_argument("--audit", type=int, default=100)
a = p.parse_args()
os.makedirs(a.dir, exist_ok=True)
with open(os.path.join(a.dir, "fleet.yaml"), "w") as f:
    f.write("name: bench-fleet\n")
for i in range(a.pipelines):
    name = f"svc-{i:03d}"
    generate(os.path.join(a.dir, name), a.envs, a.services, a.releases, name=name, seed=i, audit=a.audit)
