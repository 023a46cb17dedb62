"""`airlock agent` under load: 100 environment-file changes a second for N minutes against a release build.

Prints the agent's resident memory and CPU every 10 s while a writer rewrites environment files as CD does
(a temporary file, then a rename), each with a new version, so the agent records a `deployed` line per version it
reads and the audit log grows all along (`coalesced`: versions replaced before the agent looked, never read).
Then checks it kept up (every environment's newest version recorded, no line twice) and measures its idle CPU
before and after the load.

    swift build -c release --product airlock
    python3 bench/agent_memory.py [--minutes 10] [--rate 100] [--binary .build/release/airlock]
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ENVS = ["dev", "qa", "staging", "canary", "prod-eu", "prod-us", "prod-ap", "dr"]
TICK = os.sysconf("SC_CLK_TCK")


def now_text():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def write_env(root, env, version):
    path = f"{root}/environments/{env}.yaml"
    tmp = f"{path}.tmp.{os.getpid()}"
    with open(tmp, "w") as f:
        f.write(f"version: {version}\nupdated_at: {now_text()}\nhealth: healthy\n")
    os.rename(tmp, path)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def deployed_lines(root):
    try:
        with open(f"{root}/audit.jsonl", "rb") as f:
            return sum(1 for line in f if b'"action":"deployed"' in line)
    except FileNotFoundError:
        return 0


def idle_cpu(pid, seconds):
    start, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return 100 * (cpu_seconds(pid) - start) / (time.monotonic() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--rate", type=int, default=100, help="environment-file changes a second")
    ap.add_argument("--binary", default=".build/release/airlock")
    ap.add_argument("--idle", type=float, default=30, help="seconds of idle CPU measured before and after")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    root = tempfile.mkdtemp(prefix="airlock-agent-bench-")
    try:
        os.makedirs(f"{root}/environments")
        with open(f"{root}/airlock.yaml", "w") as f:
            f.write("pipeline: bench\nenvironments:\n" + "".join(f"  - name: {e}\n" for e in ENVS))
        for e in ENVS:
            write_env(root, e, "0.0.0")
        err = open(f"{root}/agent.log", "w")
        agent = subprocess.Popen([binary, "agent", "--root", root], stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + 20
        while deployed_lines(root) < len(ENVS) and time.monotonic() < deadline:
            time.sleep(0.05)
        print(f"agent pid {agent.pid}, baseline recorded; RSS {rss_mib(agent.pid):.1f} MiB")
        print(f"idle CPU before the load ({args.idle:.0f} s): {idle_cpu(agent.pid, args.idle):.3f} %")
        print(f"{'t (s)':>6} {'RSS MiB':>8} {'CPU %':>6} {'changes':>8} {'recorded':>9} {'coalesced':>9}")
        samples = []
        total = int(args.minutes * 60 * args.rate)
        start = time.monotonic()
        last_t, last_cpu = start, cpu_seconds(agent.pid)
        next_sample = start + 10
        for n in range(total):
            due = start + n / args.rate
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            write_env(root, ENVS[n % len(ENVS)], f"1.{n // len(ENVS)}.{n % len(ENVS)}")
            t = time.monotonic()
            if t >= next_sample:
                cpu = cpu_seconds(agent.pid)
                pct = 100 * (cpu - last_cpu) / (t - last_t)
                rec = deployed_lines(root) - len(ENVS)
                rss = rss_mib(agent.pid)
                samples.append((t - start, rss, pct))
                print(f"{t - start:6.0f} {rss:8.1f} {pct:6.1f} {n + 1:8d} {rec:9d} {n + 1 - rec:9d}", flush=True)
                last_t, last_cpu, next_sample = t, cpu, next_sample + 10
        took = time.monotonic() - start
        # The newest version of every environment recorded: the agent has caught up. (Two changes of one
        # environment closer together than a look are one change to a reader: the older may not be recorded.)
        finals = [f'"version":"1.{(total - 1 - i) // len(ENVS)}.{(total - 1 - i) % len(ENVS)}"'
                  for i in range(min(total, len(ENVS)))]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(f"{root}/audit.jsonl") as f:
                text = f.read()
            if all(v in text for v in finals):
                break
            time.sleep(0.05)
        caught_up = time.monotonic() - (start + took)
        kept_up = all(v in text for v in finals)
        recorded = deployed_lines(root) - len(ENVS)
        print(f"{total} changes in {took:.1f} s ({total / took:.1f}/s); {recorded} deployed lines recorded "
              f"({100 * recorded / total:.1f} %, none twice); every environment's newest version recorded "
              f"{caught_up:.2f} s after the last change" if kept_up else "; NOT caught up after 30 s")
        print(f"idle CPU after the load ({args.idle:.0f} s): {idle_cpu(agent.pid, args.idle):.3f} %")
        rss = [s[1] for s in samples]
        after_first = [s[1] for s in samples if s[0] >= 60] or rss
        if rss:
            print(f"RSS: first sample {rss[0]:.1f} MiB, after 1 min {after_first[0]:.1f} MiB, "
                  f"last {rss[-1]:.1f} MiB, max {max(rss):.1f} MiB; "
                  f"growth after the first minute {after_first[-1] - after_first[0]:+.1f} MiB")
            cpu = [s[2] for s in samples]
            print(f"CPU under load: mean {sum(cpu) / len(cpu):.1f} %, max {max(cpu):.1f} %")
        size = os.path.getsize(f"{root}/audit.jsonl")
        print(f"audit log at the end: {size / 1048576:.1f} MiB")
        agent.send_signal(signal.SIGTERM)
        code = agent.wait(timeout=30)
        err.close()
        print(f"agent exited {code} after SIGTERM")
        return 0 if kept_up and recorded <= total and code == 0 else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
