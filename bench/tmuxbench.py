"""The dashboard under tmux for the benchmarks (live.py, audit.py): a private tmux server, a 120x40 session
running the binary, the screen as text, and the dashboard process's CPU time and peak memory from /proc."""
import os
import subprocess
import time


class Tmux:
    """A tmux server of its own (-L SOCKET), so a benchmark never touches the user's sessions."""

    def __init__(self, sock):
        self.sock = sock

    def __call__(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True).stdout

    def start(self, name, command, env):
        """A detached 120x40 session named `name` running `command` (a shell line) with `env`."""
        subprocess.run(["tmux", "-L", self.sock, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command],
                       env=env, check=True)

    def screen(self, name):
        return self("capture-pane", "-p", "-t", name)

    def wait_for(self, name, text, limit):
        """The perf_counter time when `text` is first on the screen (polled without pause); None after `limit` s."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            if text in self.screen(name):
                return time.perf_counter()
        return None

    def pane_pid(self, name):
        return int(self("list-panes", "-t", name, "-F", "#{pane_pid}").strip())

    def kill_server(self):
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True)


def cpu_ticks(pid):
    """User plus system CPU time of `pid`, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def idle_cpu(pid, seconds):
    """CPU use of `pid` over `seconds`: (percent of one core, ticks used, seconds measured, ticks a second)."""
    ticks = os.sysconf("SC_CLK_TCK")
    c0, t0 = cpu_ticks(pid), time.perf_counter()
    time.sleep(seconds)
    c1, t1 = cpu_ticks(pid), time.perf_counter()
    return (c1 - c0) / ticks / (t1 - t0) * 100, c1 - c0, t1 - t0, ticks


def thread_ns(pid):
    """Nanoseconds each live thread of `pid` has run (/proc/PID/task/TID/schedstat), by thread id."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                out[tid] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return out


def idle_cpu_ns(pid, seconds):
    """As idle_cpu, to the nanosecond (clock ticks of 1/100 s make 0.1 % over a minute six ticks): the run time of the
    threads alive at both ends (percent of one core, milliseconds used, seconds measured); None without schedstat."""
    try:
        a, t0 = thread_ns(pid), time.perf_counter()
        time.sleep(seconds)
        b, t1 = thread_ns(pid), time.perf_counter()
    except OSError:
        return None
    used = sum(b[t] - a[t] for t in a if t in b)
    return used / 1e9 / (t1 - t0) * 100, used / 1e6, t1 - t0


def peak_memory_mib(pid):
    """The peak resident memory of `pid` (VmHWM) in MiB; None when /proc does not say."""
    with open(f"/proc/{pid}/status") as f:
        hwm = next((line.split()[1] for line in f if line.startswith("VmHWM")), None)
    return None if hwm is None else int(hwm) / 1024
