"""Measuring one run of a command from the benchmarks: its peak memory."""
import os


def peak_rss_kb(cmd):
    """The peak resident memory (KiB) of running `cmd` (an argv with an absolute program), its output discarded."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(cmd[0], cmd)
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_maxrss
