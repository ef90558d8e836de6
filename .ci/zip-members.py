#!/usr/bin/env python3
"""Fetches single members of a remote zip (a Maven Central jar) by HTTP range requests: the end of central
directory, the central directory, then each wanted member's local header and data. Usage:
  zip-members.py URL OUTDIR [--list] [MEMBER_GLOB ...]   (members keep their paths under OUTDIR)"""
import fnmatch, os, struct, sys, urllib.request, zlib

def get(url, start, end):
    req = urllib.request.Request(url, headers={"Range": f"bytes={start}-{end}"})
    with urllib.request.urlopen(req, timeout=120) as r:
        data = r.read()
    if len(data) != end - start + 1:
        raise SystemExit(f"zip-members: short range read from {url}")
    return data

def size(url):
    with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=60) as r:
        return int(r.headers["Content-Length"])

def central_directory(url):
    total = size(url)
    tail = get(url, max(0, total - 65557), total - 1)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0:
        raise SystemExit("zip-members: no end of central directory (zip64 jars are not handled)")
    _, _, _, _, count, cd_size, cd_offset, _ = struct.unpack("<IHHHHIIH", tail[at:at + 22])
    cd = get(url, cd_offset, cd_offset + cd_size - 1)
    entries, p = [], 0
    for _ in range(count):
        (sig, _, _, _, method, _, _, crc, csize, usize, nlen, xlen, clen, _, _, _, offset) = struct.unpack(
            "<IHHHHHHIIIHHHHHII", cd[p:p + 46])
        name = cd[p + 46:p + 46 + nlen].decode()
        entries.append((name, method, crc, csize, usize, offset))
        p += 46 + nlen + xlen + clen
    return entries

def fetch(url, entry, out):
    name, method, crc, csize, usize, offset = entry
    head = get(url, offset, offset + 29)
    nlen, xlen = struct.unpack("<HH", head[26:30])
    start = offset + 30 + nlen + xlen
    data = get(url, start, start + csize - 1) if csize else b""
    if method == 8:
        data = zlib.decompress(data, -15)
    elif method != 0:
        raise SystemExit(f"zip-members: {name} uses compression method {method}")
    if zlib.crc32(data) & 0xffffffff != crc or len(data) != usize:
        raise SystemExit(f"zip-members: {name} failed its CRC check")
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".part", "wb") as f:
        f.write(data)
    os.replace(path + ".part", path)

def main():
    url, out, globs = sys.argv[1], sys.argv[2], sys.argv[3:]
    entries = central_directory(url)
    if globs[:1] == ["--list"]:
        for e in entries:
            print(e[4], e[0])
        return
    wanted = [e for e in entries if not e[0].endswith("/") and any(fnmatch.fnmatch(e[0], g) for g in globs)]
    if len(wanted) == 0:
        raise SystemExit(f"zip-members: nothing in {url} matches {globs}")
    for e in wanted:
        fetch(url, e, out)
        print(f"zip-members: {e[0]} ({e[4]} bytes)")

if __name__ == "__main__":
    main()
