#!/usr/bin/env python3
"""Generates a large status root for the benchmarks.

usage: generate.py DIR [--envs 16] [--services 2000] [--releases 1000] [--name large] [--seed 42] [--audit 3000]
(bench/generate_fleet.py calls generate() once per pipeline of a fleet)

Deterministic (seeded) apart from the timestamps, which are relative to now so that nothing is stale.
The default size is the benchmark root of the issues: 16 environments x 2,000 services, 1,000 releases
(about 6 MB of YAML)."""
import argparse
import datetime as dt
import json
import os
import random

now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
ts = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")


def generate(out_dir, n_envs=16, n_services=2000, n_releases=1000, name="large", seed=42, audit=3000):
    """Writes one pipeline root into out_dir."""
    rng = random.Random(seed)

    def write(rel, text):
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    envs = [f"env-{i:02d}" for i in range(n_envs)]
    versions = [f"1.{i // 10}.{i % 10}" for i in range(n_releases)]
    gate_pool = ["code-freeze", "feature-complete", "internal-testing", "tests-passed", "bug-fixes-applied",
                 "migrations-tested", "config-verified", "flags-verified", "user-readiness", "rollback-plan", "monitoring"]

    lines = [f"pipeline: {name}", "environments:"]
    for i, e in enumerate(envs):
        lines.append(f"  - name: {e}")
        lines.append("    stale_after: 1h")
        if i % 4 == 1:
            lines.append("    soak: 30m")
        if i == n_envs - 1 or i % 5 == 4:
            lines.append("    protected: true")
            lines.append("    approvers: [alice, bob, carol]")
            lines.append("    required_approvals: 2")
            lines.append("    gates: [tests-passed, approval, monitoring]")
        elif i > 0 and i % 3 == 0:
            lines.append(f"    gates: [{', '.join(rng.sample(gate_pool, 3))}]")
    lines += ["checklist:", "  load-test: Load test at 2x peak traffic passed",
              "freezes:", f"  - environments: [{envs[-1]}]", f"    from: {ts(now + dt.timedelta(days=30))}",
              f"    until: {ts(now + dt.timedelta(days=33))}", "    reason: year-end freeze"]
    write("airlock.yaml", "\n".join(lines) + "\n")

    # Environment i runs an older release the further down the pipeline it is.
    running = {}
    for i, e in enumerate(envs):
        idx = max(0, n_releases - 1 - i * 7 - rng.randrange(0, 3))
        running[e] = versions[idx]
        v = running[e]
        out = [f"version: {v}", f"deployed_at: {ts(now - dt.timedelta(hours=i + 1))}", "deployed_by: ci",
               f"updated_at: {ts(now - dt.timedelta(seconds=20))}"]
        if i % 6 == 2:
            out.append("health: degraded")
        out.append("checks:")
        for c in range(10):
            st = "warning" if (i % 7 == 3 and c == 4) else "passing"
            out += [f"  - name: check-{c}", f"    status: {st}", f"    detail: p99 {rng.randrange(80, 400)}ms"]
        out.append("services:")
        for s in range(n_services):
            h = "degraded" if rng.random() < 0.01 else "healthy"
            out += [f"  - name: service-{s:04d}", f"    version: {v}", f"    health: {h}",
                    f"    image: registry.internal/shop/service-{s:04d}:{v}", f"    replicas: {rng.randrange(1, 12)}",
                    f"    region: {rng.choice(['eu-west-1', 'us-east-1', 'ap-south-1'])}"]
        out.append("flags:")
        for f in range(20):
            out.append(f"  flag-{f:02d}: {str(rng.random() < 0.5).lower()}")
        out.append(f"schema_version: {100 - i}")
        out.append("config:")
        for c in range(30):
            out.append(f"  key_{c:02d}: {rng.randrange(1, 500)}")
        write(f"environments/{e}.yaml", "\n".join(out) + "\n")

    for n, v in enumerate(versions):
        out = [f"version: {v}", f"created_at: {ts(now - dt.timedelta(hours=n_releases - n))}",
               f"notes: release {v} with {rng.randrange(1, 40)} changes", f"schema_version: {rng.randrange(80, 101)}", "checklist:"]
        for g in rng.sample(gate_pool, rng.randrange(2, 10)):
            if rng.random() < 0.5:
                out.append(f"  {g}: true")
            else:
                out.append(f"  {g}: {{done: {str(rng.random() < 0.8).lower()}, by: bob, at: {ts(now - dt.timedelta(hours=3))}}}")
        out.append("approvals:")
        for who in rng.sample(["alice", "bob", "carol", "dave"], rng.randrange(0, 4)):
            out.append(f"  - {{by: {who}, environment: {rng.choice(envs)}, at: {ts(now - dt.timedelta(hours=2))}}}")
        write(f"releases/{v}.yaml", "\n".join(out) + "\n")

    for i, e in enumerate(envs[1:6], start=1):
        write(f"promotions/{e}.yaml", f"version: {running[envs[i - 1]]}\nfrom: {envs[i - 1]}\nkind: promotion\n"
              f"requested_by: alice\nrequested_at: {ts(now - dt.timedelta(minutes=5))}\n")

    with open(os.path.join(out_dir, "audit.jsonl"), "w") as f:
        for k in range(audit):
            e = rng.choice(envs)
            f.write(json.dumps({"at": ts(now - dt.timedelta(minutes=3000 - k)), "actor": "alice", "action": "approve",
                                "version": rng.choice(versions), "environment": e}, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--envs", type=int, default=16)
    p.add_argument("--services", type=int, default=2000)
    p.add_argument("--releases", type=int, default=1000)
    p.add_argument("--name", default="large")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--audit", type=int, default=3000)
    a = p.parse_args()
    generate(a.dir, a.envs, a.services, a.releases, a.name, a.seed, a.audit)
