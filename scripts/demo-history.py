#!/usr/bin/env python3
"""Writes examples/demo/audit.jsonl: about four months of the demo shop's history (releases cut, deployed through
development, qa, staging and production, approvals, ticked gates, health changes, two rollbacks: 2.1.1's in September, 2.2.0's in the last 30 days), ending in exactly
the state examples/demo's files show. Deterministic: the same file every run. Then run scripts/embed.py."""
import datetime as dt
import json
import os

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
events = []


def at(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=dt.timezone.utc)


def add(when, actor, action, version, env, **extra):
    line = {"at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "actor": actor, "action": action, "version": version,
            "environment": env}
    line.update(extra)
    events.append((when, len(events), line))


H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
running = {"development": "2.0.0", "qa": "2.0.0", "staging": "2.0.0", "production": "1.9.4"}
health = {"development": "healthy", "qa": "healthy", "staging": "healthy", "production": "healthy"}
order = ["development", "qa", "staging", "production"]
gates = {"staging": ["code-freeze", "feature-complete", "internal-testing"],
         "production": ["tests-passed", "bug-fixes-applied", "user-readiness", "rollback-plan", "monitoring"]}


def deployed(when, env, version):
    add(when, "ci", "deployed", version, env, previous=running[env])
    running[env] = version


def set_health(when, env, new):
    add(when, "monitor", "health", running[env], env, health=new, previous_health=health[env])
    health[env] = new


def promote(when, actor, version, env, arrive=15 * M, kind="promote"):
    source = order[order.index(env) - 1]
    add(when, actor, kind, version, env, **({"from": source} if kind == "promote" else {}), previous=running[env])
    if arrive is not None:
        deployed(when + arrive, env, version)


def gate_checks(when, version, env, actors=("carol", "bob", "alice")):
    for i, item in enumerate(gates[env]):
        add(when + i * 20 * M, actors[i % len(actors)], "check", version, None, item=item)


def approvals(when, version, gap=2 * H):
    add(when, "alice", "approve", version, "production")
    add(when + gap, "bob", "approve", version, "production")


# (version, cut, days in qa, days to staging, days to production or None). Older releases have no file in
# releases/: their `release` line says when they were cut.
history = [
    ("2.0.1", "2026-07-27T10:00", 1, 3, 6),
    ("2.0.2", "2026-08-05T09:30", 1, 2, 5),
    ("2.0.3", "2026-08-13T14:00", 2, 3, None),
    ("2.1.0", "2026-08-24T10:00", 1, 4, 8),
    ("2.1.1", "2026-09-07T11:00", 1, 2, 4),
    ("2.1.2", "2026-09-16T10:00", 1, 3, 6),
    ("2.1.3", "2026-10-05T16:00", 2, 4, 9),
]
for version, cut, qa_days, st_days, prod_days in history:
    t = at(cut)
    add(t, "ci", "release", version, None)
    deployed(t + 40 * M, "development", version)
    promote(t + qa_days * 24 * H, "bob", version, "qa")
    st = t + st_days * 24 * H
    gate_checks(st - 6 * H, version, "staging")
    promote(st, "bob", version, "staging", arrive=20 * M)
    if prod_days is None:
        continue
    p = t + prod_days * 24 * H
    gate_checks(p - 30 * H, version, "production")
    approvals(p - 20 * H, version, gap=(prod_days % 3 + 1) * 3 * H)
    promote(p, "alice", version, "production", arrive=25 * M)
    if version == "2.1.1":
        # The release that failed: production goes down, is rolled back, comes back.
        down = p + 3 * H
        set_health(down - 30 * M, "production", "degraded")
        set_health(down, "production", "down")
        add(down + 20 * M, "alice", "rollback", "2.1.0", "production", previous="2.1.1",
            reason="checkout errors after 2.1.1")
        deployed(down + 38 * M, "production", "2.1.0")
        set_health(down + 45 * M, "production", "healthy")
    if version == "2.0.2":
        set_health(t + 26 * H, "staging", "degraded")
        set_health(t + 30 * H, "staging", "healthy")
    if version == "2.1.2":
        set_health(t + 5 * 24 * H, "qa", "down")
        set_health(t + 5 * 24 * H + 90 * M, "qa", "healthy")

# The releases with a file (their created_at), to the state the demo's files show.
add(at("2026-10-28T10:00"), "ci", "release", "2.2.0", None)
deployed(at("2026-10-28T10:45"), "development", "2.2.0")
promote(at("2026-10-28T16:00"), "bob", "2.2.0", "qa")
gate_checks(at("2026-10-29T09:00"), "2.2.0", "staging")
promote(at("2026-10-29T14:00"), "bob", "2.2.0", "staging", arrive=20 * M)
gate_checks(at("2026-10-30T08:00"), "2.2.0", "production")
approvals(at("2026-10-30T15:00"), "2.2.0")
add(at("2026-10-31T10:00"), "alice", "promote", "2.2.0", "production", **{"from": "staging"}, previous="2.1.3")
deployed(at("2026-10-31T10:20"), "production", "2.2.0")
# 2.2.0 fails in production two days later: it goes down, is rolled back to 2.1.3 and recovers (within the last 30
# days of the demo's time base, so the `I` view shows a change failure and both times to restore).
set_health(at("2026-11-02T14:00"), "production", "degraded")
set_health(at("2026-11-02T14:30"), "production", "down")
add(at("2026-11-02T14:50"), "alice", "rollback", "2.1.3", "production", previous="2.2.0",
    reason="payment timeouts after 2.2.0")
deployed(at("2026-11-02T15:06"), "production", "2.1.3")
set_health(at("2026-11-02T15:20"), "production", "healthy")

add(at("2026-11-05T10:00"), "ci", "release", "2.3.0", None)
deployed(at("2026-11-05T10:50"), "development", "2.3.0")
set_health(at("2026-11-05T11:10"), "development", "down")
set_health(at("2026-11-05T11:35"), "development", "healthy")
promote(at("2026-11-06T09:30"), "bob", "2.3.0", "qa")
gate_checks(at("2026-11-07T10:00"), "2.3.0", "staging")
promote(at("2026-11-08T15:00"), "bob", "2.3.0", "staging", arrive=20 * M)
gate_checks(at("2026-11-10T09:00"), "2.3.0", "production")
add(at("2026-11-11T13:00"), "alice", "approve", "2.3.0", "production")
add(at("2026-11-11T14:00"), "bob", "approve", "2.3.0", "production")
add(at("2026-11-12T09:45"), "alice", "promote", "2.3.0", "production", **{"from": "staging"}, previous="2.1.3")
deployed(at("2026-11-12T10:00"), "production", "2.3.0")

add(at("2026-11-14T10:00"), "ci", "release", "2.4.0", None)
deployed(at("2026-11-14T10:40"), "development", "2.4.0")
promote(at("2026-11-15T11:00"), "bob", "2.4.0", "qa")
gate_checks(at("2026-11-18T14:00"), "2.4.0", "staging")
add(at("2026-11-19T09:00"), "bob", "promote", "2.4.0", "staging", **{"from": "qa"}, previous="2.3.0")
deployed(at("2026-11-19T09:15"), "staging", "2.4.0")
add(at("2026-11-19T18:00"), "ci", "release", "2.4.1", None)
deployed(at("2026-11-19T18:40"), "development", "2.4.1")
add(at("2026-11-20T11:00"), "carol", "check", "2.4.0", "production", item="tests-passed")
promote(at("2026-11-20T16:10"), "bob", "2.4.1", "qa", arrive=20 * M)
add(at("2026-11-21T09:00"), "bob", "approve", "2.4.0", "production")
add(at("2026-11-21T20:00"), "ci", "release", "2.5.0-rc.1", None)
deployed(at("2026-11-21T21:10"), "development", "2.5.0-rc.1")

with open(os.path.join(top, "examples/demo/audit.jsonl"), "w", encoding="utf-8") as out:
    for _, _, line in sorted(events, key=lambda e: (e[0], e[1])):
        out.write(json.dumps(line, separators=(",", ":")) + "\n")
print(f"examples/demo/audit.jsonl: {len(events)} lines")
