#!/usr/bin/env python3
"""A straightforward Python + PyYAML (C loader) `airlock status --json`: the yardstick for airlock's speed.

usage: baseline.py ROOT  -> prints the status object (environments, pending, problems) as JSON.
On a fleet root (no airlock.yaml; its non-hidden folders hold one) it reads every pipeline in this one process and
prints {"fleet": NAME, "pipelines": [one status object per pipeline, by folder name], "problems": []}."""
import datetime as dt
import json
import os
import re
import sys

import yaml

Loader = yaml.CSafeLoader
now = dt.datetime.now(dt.timezone.utc)


def load(root, rel):
    with open(os.path.join(root, rel), "rb") as f:
        return yaml.load(f, Loader=Loader)


def when(v):
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.fromisoformat(str(v).replace("Z", "+00:00"))


def duration(v, default=None):
    if v is None:
        return default
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd])", str(v))
    return float(m.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


def semver_key(v):
    m = SEMVER.match(v)
    if not m:
        return None
    pre = m.group(4)
    pre_key = (1,) if pre is None else (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")))
    return (int(m.group(1)), int(m.group(2)), int(m.group(3)), pre_key)


def precedes(a, b, releases):
    x, y = semver_key(a), semver_key(b)
    if x is not None and y is not None and x != y:
        return x < y
    ca, cb = (when((releases.get(a) or {}).get("created_at")), when((releases.get(b) or {}).get("created_at")))
    if ca and cb and ca != cb:
        return ca < cb
    return a < b


def health(doc):
    if doc is None:
        return "unknown"
    if doc.get("health"):
        return doc["health"]
    checks = [c["status"] for c in doc.get("checks") or []]
    if not checks:
        return "unknown"
    if all(c == "passing" for c in checks):
        return "healthy"
    if all(c == "failing" for c in checks):
        return "down"
    if any(c in ("warning", "failing") for c in checks):
        return "degraded"
    return "unknown"


def stale(env, doc):
    if doc is None:
        return False
    return (now - when(doc["updated_at"])).total_seconds() > duration(env.get("stale_after"), 300)


def done(release, item):
    v = (release.get("checklist") or {}).get(item)
    return v is True or (isinstance(v, dict) and v.get("done") is True)



def status(root):
    """The status object of the pipeline root `root`."""
    pipeline = load(root, "airlock.yaml")
    envs = pipeline["environments"]
    observed, releases, promotions = {}, {}, {}
    for e in envs:
        path = os.path.join(root, "environments", e["name"] + ".yaml")
        if os.path.exists(path):
            doc = load(root, f"environments/{e['name']}.yaml")
            if doc.get("updated_at") is None:
                doc["updated_at"] = dt.datetime.fromtimestamp(os.path.getmtime(path), dt.timezone.utc)
            observed[e["name"]] = doc
    for f in sorted(os.listdir(os.path.join(root, "releases"))):
        if f.endswith(".yaml") and not f.startswith("."):
            doc = load(root, f"releases/{f}")
            releases[str(doc["version"])] = doc
    if os.path.isdir(os.path.join(root, "promotions")):
        for f in sorted(os.listdir(os.path.join(root, "promotions"))):
            if f.endswith(".yaml") and not f.startswith("."):
                promotions[f[:-5]] = load(root, f"promotions/{f}")

    out_envs = []
    for e in envs:
        doc = observed.get(e["name"])
        counts = {"passing": 0, "warning": 0, "failing": 0, "unknown": 0}
        for c in (doc or {}).get("checks") or []:
            counts[c["status"]] += 1
        req = promotions.get(e["name"])
        out_envs.append({"name": e["name"], "version": None if doc is None else str(doc["version"]), "health": health(doc),
                         "stale": stale(e, doc), "checks": counts,
                         "requested": None if req is None else {"version": str(req["version"]), "kind": req.get("kind", "promotion")}})

    def approved_by(rel, b):
        # The approvals that count: b's approvers, one each, in file order; not the author's where duties are separated.
        author = (rel or {}).get("created_by") if b.get("separate_duties", pipeline.get("separate_duties", False)) else None
        approvers = set(b.get("approvers") or [])
        out = []
        for x in (rel or {}).get("approvals") or []:
            if x["environment"] == b["name"] and x["by"] in approvers and x["by"] != author and x["by"] not in out:
                out.append(x["by"])
        return out

    pending = []
    for a, b in zip(envs, envs[1:]):
        ad, bd = observed.get(a["name"]), observed.get(b["name"])
        if ad is None:
            continue
        cand = str(ad["version"])
        if bd is not None and not precedes(str(bd["version"]), cand, releases):
            continue
        req = promotions.get(b["name"])
        if req is not None and str(req["version"]) == cand and (bd is None or str(bd["version"]) != cand):
            pending.append({"version": cand, "from": a["name"], "to": b["name"], "state": "in-progress", "blockers": [],
                            "approved_by": approved_by(releases.get(cand), b)})
            continue
        rel = releases.get(cand)
        blockers = []
        if rel is None:
            blockers.append("unknown-release")
        for g in b.get("gates") or []:
            if g != "approval" and not (rel is not None and done(rel, g)):
                blockers.append(f"gate:{g}")
        need = b.get("required_approvals", 1 if b.get("protected") else 0)
        if need > 0:
            have = len(approved_by(rel, b))
            if have < need:
                blockers.append(f"approvals:{have}/{need}")
        for fz in pipeline.get("freezes") or []:
            if b["name"] in fz["environments"] and when(fz["from"]) <= now < when(fz["until"]):
                blockers.append(f"freeze:{fz.get('reason', 'freeze')}")
                break
        if health(ad) != "healthy":
            blockers.append(f"unhealthy:{a['name']}")
        if stale(a, ad):
            blockers.append(f"stale:{a['name']}")
        soak = duration(a.get("soak"))
        if soak is not None and (ad.get("deployed_at") is None or (now - when(ad["deployed_at"])).total_seconds() < soak):
            blockers.append(f"soak:{a['name']}")
        need_schema = (rel or {}).get("schema_version")
        have_schema = ad.get("schema_version")
        if need_schema is not None and have_schema is not None and have_schema < need_schema:
            blockers.append(f"schema:{have_schema}/{need_schema}")
        pending.append({"version": cand, "from": a["name"], "to": b["name"], "state": "blocked" if blockers else "ready",
                        "blockers": blockers, "approved_by": approved_by(rel, b)})

    return {"pipeline": pipeline["pipeline"], "environments": out_envs, "pending": pending, "problems": []}


def is_pipeline(folder):
    return os.path.isfile(os.path.join(folder, "airlock.yaml"))


root = sys.argv[1]
if is_pipeline(root):
    print(json.dumps(status(root), indent=2))
else:
    folders = sorted(f for f in os.listdir(root) if not f.startswith(".") and os.path.isdir(os.path.join(root, f))
                     and is_pipeline(os.path.join(root, f)))
    name = os.path.basename(os.path.abspath(root))
    if os.path.isfile(os.path.join(root, "fleet.yaml")):
        with open(os.path.join(root, "fleet.yaml"), "rb") as f:
            name = str((yaml.load(f, Loader=Loader) or {}).get("name", name))
    print(json.dumps({"fleet": name, "pipelines": [status(os.path.join(root, f)) for f in folders], "problems": []},
                     indent=2))
