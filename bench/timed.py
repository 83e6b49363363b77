"""Runs a command and reads its stdout to the end in 1 MiB chunks; prints "SECONDS BYTES".

Used by bench/bundle.sh so that GNU tar and the service's bundles are read through the same pipe.
"""
import subprocess
import sys
import time

t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
n = 0
while chunk := p.stdout.read(1 << 20):
    n += len(chunk)
p.wait()
print(f"{time.perf_counter() - t0:.2f} {n}")
