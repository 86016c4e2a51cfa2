#!/usr/bin/env python3
"""Generate data/ime/bigram.txt: character-pair lifts for sentence composition.

Source: the HMM transition table of Pinyin2Hanzi 0.1.1 (PyPI, MIT licence,
Copyright (c) 2016 letiantian), learned from a Chinese corpus: P(next | prev)
for about 278k character pairs, each character with a smoothing floor
("default") for unseen pairs.

For each pair we write the lift ln(P(b | a) / floor(a)): how much more likely
b follows a than an unseen character would. Only clear lifts are kept.

Usage (from the repository root):
    pip download --no-deps Pinyin2Hanzi==0.1.1 && tar xzf Pinyin2Hanzi-0.1.1.tar.gz
    python3 tools/ime/build_bigram.py Pinyin2Hanzi-0.1.1/Pinyin2Hanzi/data/hmm_transition.json
"""

import json
import math
import sys

MIN_LIFT = math.log(8.0)


def main():
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "data/ime/bigram.txt"
    table = json.load(open(src, encoding="utf-8"))
    data, floor_all = table["data"], table["default"]
    rows = []
    for a, nexts in data.items():
        floor = nexts.get("default", floor_all)
        for b, p in nexts.items():
            if b == "default" or len(a) != 1 or len(b) != 1:
                continue
            lift = math.log(p / floor)
            if lift >= MIN_LIFT:
                rows.append((a + b, lift))
    rows.sort()
    with open(out, "w", encoding="utf-8") as f:
        f.write("# char pair<TAB>ln lift; from Pinyin2Hanzi 0.1.1 hmm_transition.json (MIT)\n")
        for pair, lift in rows:
            f.write(f"{pair}\t{lift:.2f}\n")
    print(f"{len(rows)} pairs -> {out}")


if __name__ == "__main__":
    main()
