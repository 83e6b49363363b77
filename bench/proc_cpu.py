"""CPU used so far by the service, PostgreSQL and the S3 server, from /proc (user + system), and the part of the
service's that its JIT compiler threads used.

Usage: proc_cpu.py  ->  prints "SERVICE POSTGRES S3 SERVICE_JIT" in milliseconds. Take it before and after a run
and subtract: that is what the run cost each process, whichever thread or pool did the work. SERVICE_JIT (the C1
and C2 compiler threads) is a warm-up cost that a long run amortises: a harness can show the work without it.
"""
import os

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def used_ms(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_MS


def compiler_ms(pid):
    total = 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if "CompilerThre" not in f.read():
                    continue
            total += used_ms(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            continue  # the thread ended while we looked
    return total


def snapshot():
    service = postgres = s3 = jit = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{pid}/cmdline") as f:
                cmdline = f.read()
            used = used_ms(f"/proc/{pid}/stat")
            if "quarkus-run.jar" in cmdline:
                service += used
                jit += compiler_ms(pid)
            elif "s3proxy" in cmdline:
                s3 += used
            elif comm == "postgres":
                postgres += used
        except OSError:
            continue  # the process ended while we looked
    return service, postgres, s3, jit


if __name__ == "__main__":
    print("%.0f %.0f %.0f %.0f" % snapshot())
