"""CPU seconds used so far by the service, PostgreSQL and the S3 server, from /proc (user + system).

Usage: proc_cpu.py  ->  prints "SERVICE POSTGRES S3" in milliseconds. Take it before and after a run and
subtract: that is what the run cost each process, whichever thread or pool did the work.
"""
import os

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def snapshot():
    service = postgres = s3 = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{pid}/cmdline") as f:
                cmdline = f.read()
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        used = (int(fields[11]) + int(fields[12])) * TICK_MS
        if "quarkus-run.jar" in cmdline:
            service += used
        elif "s3proxy" in cmdline:
            s3 += used
        elif comm == "postgres":
            postgres += used
    return service, postgres, s3


if __name__ == "__main__":
    print("%.0f %.0f %.0f" % snapshot())
