"""Tar archives for extraction safety, made with the standard library's tarfile and the zstd command (not
Patchserve).

usage: make_extract_archives.py OUT_DIR

OUT_DIR/escape.tar.zst     part/ok.txt, ../outside.txt, /tmp/absolute-<pid>.txt, part/link -> /etc/passwd (a symlink
                           entry), part/hard (a hard link entry), part/second.txt
OUT_DIR/truncated.tar.zst  part/file-00.bin ... part/file-19.bin (20,000 random bytes each), cut at half its length
Prints the names and sizes of the truncated archive's entries as JSON.
"""
import io
import json
import os
import subprocess
import sys
import tarfile


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def zstd(path):
    subprocess.run(["zstd", "-q", "-f", "--rm", path, "-o", path + ".zst"], check=True)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    escape = os.path.join(out, "escape.tar")
    with tarfile.open(escape, "w", format=tarfile.GNU_FORMAT) as tar:
        add(tar, "part/ok.txt", b"inside\n")
        add(tar, "../outside.txt", b"escaped\n")
        add(tar, f"/tmp/absolute-{os.getpid()}.txt", b"absolute\n")
        link = tarfile.TarInfo("part/link")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
        hard = tarfile.TarInfo("part/hard")
        hard.type, hard.linkname = tarfile.LNKTYPE, "part/ok.txt"
        tar.addfile(hard)
        add(tar, "part/second.txt", b"second\n")
    zstd(escape)
    truncated = os.path.join(out, "truncated.tar")
    entries = {}
    with tarfile.open(truncated, "w") as tar:
        for i in range(20):
            data = os.urandom(20000)
            add(tar, f"part/file-{i:02d}.bin", data)
            entries[f"part/file-{i:02d}.bin"] = len(data)
    zstd(truncated)
    size = os.path.getsize(truncated + ".zst")
    with open(truncated + ".zst", "r+b") as f:
        f.truncate(size // 2)
    print(json.dumps(entries))


if __name__ == "__main__":
    main()
