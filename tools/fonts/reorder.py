#!/usr/bin/env python3
"""Reorders the glyphs of the bundled Noto Sans CJK SC faces so that the glyphs the kiosk
draws lie together at the front of each font, in few pages of the binary.

Each glyph drawn reads its outline (CFF charstring), its offset in the CharStrings INDEX
and its advance (hmtx). In the original order (roughly Unicode order), the few hundred
characters of a screen are spread over the whole 13 MB, and the kernel's fault-around maps
64 KiB of the binary around every page touched: after every screen, 7 MB of each font was
resident. In the new order, glyph 0 is .notdef, then:

  1. every character in the kiosk's own source (src/**/*.rs: its words in src/text/, the
     demo notices and books, marks, Latin letters and digits) and printable ASCII;
  2. GB 2312's 6,763 characters (data/ime/common_chars.txt), most frequent first (by the
     summed frequencies of the words containing them in data/ime/dict.txt);
  3. every other glyph, in the original order.

Within 1 and 2 glyphs are grouped by CID font dictionary (FDSelect stays a few ranges).
Nothing else changes: the same glyphs, outlines, subroutines, metrics, cmap, layout tables
and names; only glyph ids. The script checks that every character maps to the same glyph
as before and that every glyph keeps its charstring bytes, font dictionary and metrics.
(Shaping with HarfBuzz was also compared once, by hand: identical glyphs and positions for
every character and the kiosk's source lines, with and without vert, hwid, fwid, pwid, liga,
dlig, under zh-Hans, ja, ko, zh-Hant and zh-HK.)

usage (from the repository root):
  python3 -m venv /tmp/fontsvenv && /tmp/fontsvenv/bin/pip install fonttools==4.68.0
  /tmp/fontsvenv/bin/python tools/fonts/reorder.py SOURCE_DIR assets/fonts

SOURCE_DIR holds the subset faces made as assets/fonts/README.md describes (their SHA-256
are checked below; `git show e9661ea:assets/fonts/NotoSansCJKsc-Regular.otf` and -Bold.otf
are they). Run on a checkout of the commit that last changed the fonts (`git log -1 --
assets/fonts/*.otf`), it writes the same bytes.
"""
import glob
import hashlib
import os
import sys

import fontTools
from fontTools.ttLib import TTFont
from fontTools.ttLib.reorderGlyphs import reorderGlyphs

FONTTOOLS = "4.68.0"
SOURCES = {
    "NotoSansCJKsc-Regular.otf": "e67f8b627570edbe144cbd3071f5671d8c01098b20d69e5d6b6c741be1a499b6",
    "NotoSansCJKsc-Bold.otf": "4ecae513fc27466de6e0a653db944d6235cf0071103e3e412916aa095bdcf3dc",
}


def kiosk_chars():
    """Characters in the kiosk's source, and printable ASCII, in code point order."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for path in sorted(glob.glob("src/**/*.rs", recursive=True)):
        with open(path, encoding="utf-8") as f:
            chars |= set(f.read())
    return sorted(chars)


def common_chars_by_frequency():
    with open("data/ime/common_chars.txt", encoding="utf-8") as f:
        common = [c for line in f if not line.startswith("#") for c in line.strip()]
    freq = dict.fromkeys(common, 0)
    with open("data/ime/dict.txt", encoding="utf-8") as f:
        for line in f:
            word, n, *_ = line.rstrip("\n").split("\t")
            for c in word:
                if c in freq:
                    freq[c] += int(n)
    # Most frequent first; ties in the file's order (Python's sort is stable).
    return sorted(common, key=lambda c: -freq[c])


def fd_of(font):
    top = font["CFF "].cff.topDictIndex[0]
    order = font.getGlyphOrder()
    return dict(zip(order, top.FDSelect.gidArray))


def snapshot(font):
    """Every character's glyph name, and per glyph: charstring bytes, font dictionary,
    horizontal and vertical metrics."""
    cs = font["CFF "].cff.topDictIndex[0].CharStrings
    fds = fd_of(font)
    glyphs = {}
    for name in font.getGlyphOrder():
        c = cs[name]
        c.compile()
        glyphs[name] = (c.bytecode, fds[name], font["hmtx"][name], font["vmtx"][name],
                        font["VORG"].VOriginRecords.get(name))
    return font.getBestCmap(), glyphs


def reorder(src, dst, tier1, tier2):
    font = TTFont(src, recalcTimestamp=False)  # reproducible: keeps head.modified
    before = snapshot(font)
    old = font.getGlyphOrder()
    fds = fd_of(font)
    cmap = font.getBestCmap()
    seen = {old[0]}
    tiers = []
    for chars in (tier1, tier2):
        tier = []
        for c in chars:
            name = cmap.get(ord(c))
            if name is not None and name not in seen:
                seen.add(name)
                tier.append(name)
        tiers.append(sorted(tier, key=lambda g: fds[g]))  # stable: keeps frequency order
    rest = [g for g in old if g not in seen]
    new = [old[0]] + tiers[0] + tiers[1] + rest
    # Charstrings read by glyph id find their font dictionary (and subroutines) by glyph
    # id: load each one with its own first, keyed by name.
    top = font["CFF "].cff.topDictIndex[0]
    loaded = {}
    for name in old:
        loaded[name] = top.CharStrings[name]
        loaded[name].fdSelectIndex = fds[name]
    top.CharStrings.charStrings = loaded
    top.CharStrings.charStringsAreIndexed = False
    reorderGlyphs(font, new)
    # reorderGlyphs reorders CharStrings and charset; the FDSelect follows the glyphs.
    top.FDSelect.gidArray = [fds[g] for g in new]
    font.save(dst)
    after = snapshot(TTFont(dst))
    assert before == after, "a glyph changed"
    print(f"{os.path.basename(dst)}: {len(tiers[0])} + {len(tiers[1])} glyphs moved to the front; "
          f"{len(before[0])} characters and {len(before[1])} glyphs checked")


def main():
    if fontTools.version != FONTTOOLS:
        sys.exit(f"needs fontTools {FONTTOOLS} (pip install fonttools=={FONTTOOLS}), not {fontTools.version}")
    src_dir, dst_dir = sys.argv[1], sys.argv[2]
    tier1, tier2 = kiosk_chars(), common_chars_by_frequency()
    for name, sha in SOURCES.items():
        src = os.path.join(src_dir, name)
        with open(src, "rb") as f:
            got = hashlib.sha256(f.read()).hexdigest()
        if got != sha:
            sys.exit(f"{src}: SHA-256 {got}, expected {sha}")
    for name in SOURCES:
        reorder(os.path.join(src_dir, name), os.path.join(dst_dir, name), tier1, tier2)


if __name__ == "__main__":
    main()
