#!/usr/bin/env python3
"""Which pages of the fonts embedded in a running kiosk are resident, and in which part of
each font they lie: the sfnt tables, and inside CFF the INDEXes (global and local
subroutines, CharStrings offsets and data), charset and FDSelect.

usage: font_pages.py PID FONT.otf...      (as root, or as the kiosk's user)

Finds each font's bytes in the kiosk's executable, maps the file range to the process's
addresses with /proc/PID/maps and reads the present bit of every page from
/proc/PID/pagemap. Plain Python, no packages."""
import mmap
import os
import struct
import sys

PAGE = os.sysconf("SC_PAGE_SIZE")


def index(data, off):
    """A CFF INDEX at `off`: (offsets of its items' data relative to the file, end)."""
    count = struct.unpack_from(">H", data, off)[0]
    if count == 0:
        return [], off + 2
    size = data[off + 2]
    base = off + 3 + (count + 1) * size - 1
    offs = [int.from_bytes(data[off + 3 + i * size:off + 3 + (i + 1) * size], "big") + base
            for i in range(count + 1)]
    return offs, offs[-1]


def dict_ops(data, start, end):
    """A CFF DICT: {operator: [operands]} (real numbers skipped as None)."""
    ops, stack, i = {}, [], start
    while i < end:
        b = data[i]
        if b <= 21:
            op = b
            if b == 12:
                op, i = 1200 + data[i + 1], i + 1
            ops[op], stack, i = stack, [], i + 1
        elif b == 28:
            stack.append(struct.unpack_from(">h", data, i + 1)[0]); i += 3
        elif b == 29:
            stack.append(struct.unpack_from(">i", data, i + 1)[0]); i += 5
        elif b == 30:
            i += 1
            while not (data[i] & 0x0F == 0x0F or data[i] >> 4 == 0x0F):
                i += 1
            stack.append(None); i += 1
        elif b <= 246:
            stack.append(b - 139); i += 1
        elif b <= 250:
            stack.append((b - 247) * 256 + data[i + 1] + 108); i += 2
        else:
            stack.append(-(b - 251) * 256 - data[i + 1] - 108); i += 2
    return ops


def regions(font):
    """[(start, end, name)] byte ranges of the font, CFF split into its parts."""
    n = struct.unpack_from(">H", font, 4)[0]
    out = [(0, 12 + 16 * n, "sfnt header")]
    for k in range(n):
        tag, _, off, length = struct.unpack_from(">4sIII", font, 12 + 16 * k)
        tag = tag.decode().strip()
        if tag != "CFF":
            out.append((off, off + length, tag))
            continue
        c = font[off:off + length]
        names, end = index(c, c[2])
        tops, end = index(c, end)
        _, end = index(c, end)  # strings
        gsubrs, gend = index(c, end)
        out.append((off, off + end, "CFF header, names, top DICT, strings"))
        out.append((off + end, off + gsubrs[0] if gsubrs else off + gend, "CFF global subrs offsets"))
        if gsubrs:
            out.append((off + gsubrs[0], off + gend, "CFF global subrs"))
        top = dict_ops(c, tops[0], tops[1])
        cs, csend = index(c, top[17][0])
        out.append((off + top[17][0], off + cs[0], "CFF CharStrings offsets"))
        out.append((off + cs[0], off + csend, "CFF CharStrings"))
        if 15 in top:
            out.append((off + top[15][0], off + top[15][0] + 1, "CFF charset (start)"))
        if 1237 in top:
            out.append((off + top[1237][0], off + top[1237][0] + 1, "CFF FDSelect (start)"))
        if 1236 in top:
            fds, fdend = index(c, top[1236][0])
            out.append((off + top[1236][0], off + fdend, "CFF FDArray"))
            for i in range(len(fds) - 1):
                fd = dict_ops(c, fds[i], fds[i + 1])
                size, poff = fd[18]
                out.append((off + poff, off + poff + size, "CFF Private DICTs"))
                priv = dict_ops(c, poff, poff + size)
                if 19 in priv:
                    subrs, send = index(c, poff + priv[19][0])
                    if subrs:
                        out.append((off + poff + priv[19][0], off + subrs[0], "CFF local subrs offsets"))
                        out.append((off + subrs[0], off + send, "CFF local subrs"))
    return sorted(out)


def main():
    pid = int(sys.argv[1])
    exe = os.readlink(f"/proc/{pid}/exe")
    with open(f"/proc/{pid}/exe", "rb") as f:
        binary = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    maps = []
    for line in open(f"/proc/{pid}/maps"):
        parts = line.split()
        if len(parts) >= 6 and parts[5] == exe:
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            maps.append((lo, hi, int(parts[2], 16)))
    pagemap = open(f"/proc/{pid}/pagemap", "rb")
    total_all = 0
    for path in sys.argv[2:]:
        font = open(path, "rb").read()
        at = binary.find(font[:65536])
        if at < 0 or binary[at:at + len(font)] != font:
            print(f"{path}: not found in {exe}")
            continue
        present = set()
        for page in range(at // PAGE, (at + len(font) - 1) // PAGE + 1):
            for lo, hi, off in maps:
                addr = lo + page * PAGE - off
                if lo <= addr < hi:
                    pagemap.seek(addr // PAGE * 8)
                    if struct.unpack("<Q", pagemap.read(8))[0] >> 63:
                        present.add(page)
        total = len(present) * PAGE
        total_all += total
        print(f"{os.path.basename(path)}: {len(font) / 2**20:.1f} MB, "
              f"{total / 2**20:.2f} MB resident ({len(present)} pages)")
        counted = {}
        for start, end, name in regions(font):
            pages = {p for p in range((at + start) // PAGE, (at + end - 1) // PAGE + 1)}
            r = counted.setdefault(name, [0, set()])
            r[0] += end - start
            r[1] |= pages & present
        for name, (size, pages) in counted.items():
            if pages or size > 100_000:
                print(f"  {name:40} {size / 1024:9.0f} KiB  {len(pages) * PAGE / 1024:7.0f} KiB resident")
    print(f"all fonts: {total_all / 2**20:.2f} MB resident")


if __name__ == "__main__":
    main()
