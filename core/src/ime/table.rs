//! The dictionary's lookup tables, compiled from `data/ime/dict.txt`.
//!
//! `build.rs` includes this file to compile the tables once at build time into
//! `$OUT_DIR/dict.bin`, which the kiosk embeds and reads in place (nothing is
//! parsed or copied at start, and only the pages a lookup touches are ever
//! read). Tests use [`compile`] directly on small word lists. This file may
//! only use `super::syllables` and `super::guard`, which build.rs includes too.

use super::guard::Guard;
use super::syllables::{SYLLABLES, syllable_id};

pub const RARE: u8 = 1;
pub const VULGAR: u8 = 2;

/// Longest word (in syllables) reachable through the abbreviation index.
pub const MAX_INITIALS: usize = 12;

/// `dict.bin` starts with this, then a format version.
pub const MAGIC: &[u8; 4] = b"RKDT";
pub const VERSION: u32 = 2;

/// One word: byte offset and length of its text in `dict.txt`, its syllables
/// in the shared syllable table, its frequency and flags. 16 bytes, no
/// implicit padding, so `dict.bin` can be read in place.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub word: u32,
    pub syl: u32,
    pub freq: u32,
    pub word_len: u8,
    pub syl_len: u8,
    /// [`RARE`] and [`VULGAR`] bits.
    pub flags: u8,
    pub pad: u8,
}

/// The tables of one dictionary.
#[derive(Debug, Default, PartialEq)]
pub struct Tables {
    /// In file order: by reading, then by descending frequency.
    pub entries: Vec<Entry>,
    pub syls: Vec<u16>,
    /// `initials_key` of `by_initials[i]`, sorted, for binary search.
    pub initials: Vec<u64>,
    /// Entry indexes sorted by [`initials_key`].
    pub by_initials: Vec<u32>,
    /// Entry indexes sorted by their text, the most frequent first among equals: looks a
    /// word up by its characters (book titles' pinyin) without a map.
    pub by_word: Vec<u32>,
    /// Sum of all frequencies.
    pub total: f64,
}

/// Packs the first letters of up to [`MAX_INITIALS`] syllables, 5 bits each,
/// most significant first, so that keys sort like the letter strings.
pub fn initials_key(letters: impl Iterator<Item = u8>) -> u64 {
    let mut key = 0u64;
    let mut n = 0;
    for l in letters.take(MAX_INITIALS) {
        key = (key << 5) | u64::from(l - b'a' + 1);
        n += 1;
    }
    key << (5 * (MAX_INITIALS - n))
}

/// Bit set of the common characters in U+4E00..U+A000.
struct CommonChars(Vec<u64>);

impl CommonChars {
    const BASE: u32 = 0x4E00;
    const END: u32 = 0xA000;

    fn new(common: &str) -> Self {
        let mut bits = vec![0u64; ((Self::END - Self::BASE) / 64) as usize];
        for c in common
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::chars)
        {
            let c = c as u32;
            if (Self::BASE..Self::END).contains(&c) {
                let i = (c - Self::BASE) as usize;
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        CommonChars(bits)
    }

    /// Whether `c` is a CJK ideograph outside the common set.
    fn is_rare(&self, c: char) -> bool {
        let c = c as u32;
        if (Self::BASE..Self::END).contains(&c) {
            let i = (c - Self::BASE) as usize;
            self.0[i / 64] & (1 << (i % 64)) == 0
        } else {
            (0x3400..0x4E00).contains(&c) || (0x20000..0x32000).contains(&c)
        }
    }
}

/// Compiles text in the `dict.txt` format (`word<TAB>freq<TAB>pin'yin`);
/// malformed lines are skipped. `common` lists the common characters (a word
/// with any other CJK character is flagged rare).
pub fn compile(text: &str, common: &str, guard: &Guard) -> Tables {
    let common = CommonChars::new(common);
    let lines = text.len() / 20 + 1;
    let mut entries = Vec::with_capacity(lines);
    let mut syls = Vec::with_capacity(lines * 2);
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let mut parts = line.split('\t');
        let (Some(word), Some(freq), Some(reading)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Ok(freq) = freq.parse::<u32>() else {
            continue;
        };
        let syl_start = syls.len();
        let ok = reading.split('\'').all(|s| match syllable_id(s) {
            Some(id) => {
                syls.push(id);
                true
            }
            None => false,
        });
        let syl_len = syls.len() - syl_start;
        if !ok || word.is_empty() || word.len() > 255 || syl_len > 255 {
            syls.truncate(syl_start);
            continue;
        }
        let mut flags = 0;
        if word.chars().any(|c| common.is_rare(c)) {
            flags |= RARE;
        }
        if guard.is_vulgar(word) {
            flags |= VULGAR;
        }
        entries.push(Entry {
            word: start as u32,
            syl: syl_start as u32,
            freq: freq.max(1),
            word_len: word.len() as u8,
            syl_len: syl_len as u8,
            flags,
            pad: 0,
        });
    }
    entries.shrink_to_fit();
    syls.shrink_to_fit();
    let total: f64 = entries.iter().map(|e| f64::from(e.freq)).sum();
    let mut keyed: Vec<(u64, u32)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| usize::from(e.syl_len) <= MAX_INITIALS)
        .map(|(i, e)| {
            let ids = &syls[e.syl as usize..e.syl as usize + e.syl_len as usize];
            let key = initials_key(ids.iter().map(|&id| SYLLABLES[id as usize].as_bytes()[0]));
            (key, i as u32)
        })
        .collect();
    keyed.sort_unstable();
    let word_of = |e: &Entry| &text[e.word as usize..e.word as usize + e.word_len as usize];
    let mut by_word: Vec<u32> = (0..entries.len() as u32).collect();
    by_word.sort_by(|&a, &b| {
        let (ea, eb) = (&entries[a as usize], &entries[b as usize]);
        word_of(ea)
            .cmp(word_of(eb))
            .then(eb.freq.cmp(&ea.freq))
            .then(a.cmp(&b))
    });
    Tables {
        entries,
        syls,
        initials: keyed.iter().map(|k| k.0).collect(),
        by_initials: keyed.iter().map(|k| k.1).collect(),
        by_word,
        total,
    }
}

impl Tables {
    /// The `dict.bin` layout, little-endian: magic, version, the four counts
    /// (u32 each), the total (f64), then the tables in order of alignment —
    /// initials (u64), entries (16-byte records), by_initials (u32), by_word (u32, as many
    /// as entries), syls (u16) —
    /// so that each starts aligned when the blob starts 8-aligned.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests use it
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            32 + 8 * self.initials.len()
                + 16 * self.entries.len()
                + 4 * self.by_initials.len()
                + 4 * self.by_word.len()
                + 2 * self.syls.len(),
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        for n in [
            self.initials.len(),
            self.entries.len(),
            self.by_initials.len(),
            self.syls.len(),
        ] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        out.extend_from_slice(&self.total.to_le_bytes());
        for k in &self.initials {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for e in &self.entries {
            out.extend_from_slice(&e.word.to_le_bytes());
            out.extend_from_slice(&e.syl.to_le_bytes());
            out.extend_from_slice(&e.freq.to_le_bytes());
            out.extend_from_slice(&[e.word_len, e.syl_len, e.flags, 0]);
        }
        for i in self.by_initials.iter().chain(&self.by_word) {
            out.extend_from_slice(&i.to_le_bytes());
        }
        for s in &self.syls {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out
    }
}
