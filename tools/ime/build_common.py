#!/usr/bin/env python3
"""Generate data/ime/common_chars.txt: the characters that count as common.

Sentence composition never lets a character outside this set outrank a common
reading (core/src/ime/dict.rs, RARE_PENALTY). The set is GB 2312-80 levels 1 and 2
(3755 + 3008 = 6763 characters), read from Python's own gb2312 codec, so it
needs no download. GB 2312 levels 1-2 stand in for the 通用规范汉字表 levels
1-2 (3500 + 3000), for which no openly licensed machine-readable copy was at
hand; the two agree on everyday characters.

Usage: python3 tools/ime/build_common.py [--out data/ime/common_chars.txt]
"""

import sys


def main():
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else "data/ime/common_chars.txt"
    chars = []
    for region in range(16, 88):  # 16-55 level 1, 56-87 level 2
        for offset in range(1, 95):
            try:
                chars.append(bytes([region + 0xA0, offset + 0xA0]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(chars) == 6763, len(chars)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# GB 2312-80 levels 1-2 (6763 characters), tools/ime/build_common.py\n")
        for i in range(0, len(chars), 64):
            f.write("".join(chars[i:i + 64]) + "\n")


if __name__ == "__main__":
    main()
