//! The embedded word list: words, frequencies and readings.
//!
//! `data/ime/dict.txt` holds `word<TAB>freq<TAB>pin'yin` lines sorted by
//! reading (syllable by syllable) and then by descending frequency. The text
//! itself is the string arena: entries keep u32 byte offsets into it, their
//! syllable ids live in one shared `Vec<u16>`. Two lookups are supported:
//! by exact syllable sequence (binary search over the file order) and by the
//! first letters of the syllables (a second, sorted index) for abbreviations.

use std::cmp::Ordering;
use std::ops::Range;
use std::sync::OnceLock;

use super::guard::Guard;
use super::syllables::{SYLLABLES, Token, syllable_id};

const DATA: &str = include_str!("../../data/ime/dict.txt");
/// Common characters (GB 2312 levels 1-2, `tools/ime/build_common.py`).
const COMMON: &str = include_str!("../../data/ime/common_chars.txt");

/// Added to the cost of a word with a rare character (a CJK character
/// outside [`COMMON`]): it never outranks a common reading (銆 below 膜).
pub const RARE_PENALTY: f32 = 16.0;

const RARE: u8 = 1;
const VULGAR: u8 = 2;

static DICT: OnceLock<Dictionary> = OnceLock::new();

/// Longest word (in syllables) reachable through the abbreviation index.
const MAX_INITIALS: usize = 12;

#[derive(Clone, Copy, Debug)]
struct Entry {
    word: u32,
    syl: u32,
    freq: u32,
    word_len: u8,
    syl_len: u8,
    /// [`RARE`] and [`VULGAR`] bits.
    flags: u8,
}

/// Bit set of the common characters in U+4E00..U+A000.
struct CommonChars(Vec<u64>);

impl CommonChars {
    const BASE: u32 = 0x4E00;
    const END: u32 = 0xA000;

    fn new() -> Self {
        let mut bits = vec![0u64; ((Self::END - Self::BASE) / 64) as usize];
        for c in COMMON
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

/// The pinyin dictionary. Cheap to query, immutable after loading.
pub struct Dictionary {
    text: &'static str,
    entries: Vec<Entry>,
    syls: Vec<u16>,
    /// Entry indexes sorted by [`initials_key`].
    by_initials: Vec<u32>,
    /// `initials_key` of `by_initials[i]`, for binary search.
    initials: Vec<u64>,
    ln_total: f32,
}

/// Packs the first letters of up to [`MAX_INITIALS`] syllables, 5 bits each,
/// most significant first, so that keys sort like the letter strings.
fn initials_key(letters: impl Iterator<Item = u8>) -> u64 {
    let mut key = 0u64;
    let mut n = 0;
    for l in letters.take(MAX_INITIALS) {
        key = (key << 5) | u64::from(l - b'a' + 1);
        n += 1;
    }
    key << (5 * (MAX_INITIALS - n))
}

impl Dictionary {
    /// The dictionary parsed once from the embedded data.
    pub fn shared() -> &'static Dictionary {
        DICT.get_or_init(Dictionary::load)
    }

    /// The shared dictionary if already loaded (see [`crate::ime::preload`]),
    /// without waiting.
    pub fn try_shared() -> Option<&'static Dictionary> {
        DICT.get()
    }

    /// Parses the embedded data afresh.
    pub fn load() -> Dictionary {
        Self::parse(DATA)
    }

    /// Parses text in the `dict.txt` format; malformed lines are skipped.
    /// Lines must be sorted as the generator writes them (checked in tests).
    pub fn parse(text: &'static str) -> Dictionary {
        let common = CommonChars::new();
        let guard = Guard::shared();
        let lines = text.len() / 20 + 1;
        let mut entries = Vec::with_capacity(lines);
        let mut syls = Vec::with_capacity(lines * 2);
        let mut offset = 0usize;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            let mut parts = line.split('\t');
            let (Some(word), Some(freq), Some(reading)) =
                (parts.next(), parts.next(), parts.next())
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
        Dictionary {
            text,
            entries,
            syls,
            initials: keyed.iter().map(|k| k.0).collect(),
            by_initials: keyed.iter().map(|k| k.1).collect(),
            ln_total: total.max(1.0).ln() as f32,
        }
    }

    /// Approximate heap memory held (the embedded text is static data).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * size_of::<Entry>()
            + self.syls.capacity() * size_of::<u16>()
            + self.by_initials.capacity() * size_of::<u32>()
            + self.initials.capacity() * size_of::<u64>()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Text of entry `i`.
    pub fn word(&self, i: usize) -> &'static str {
        let e = &self.entries[i];
        &self.text[e.word as usize..e.word as usize + e.word_len as usize]
    }

    /// Syllable ids of entry `i`.
    pub fn syllables(&self, i: usize) -> &[u16] {
        let e = &self.entries[i];
        &self.syls[e.syl as usize..e.syl as usize + e.syl_len as usize]
    }

    pub fn freq(&self, i: usize) -> u32 {
        self.entries[i].freq
    }

    /// Cost of entry `i`: -ln(freq / total), plus [`RARE_PENALTY`] for a
    /// word with a rare character.
    pub fn cost(&self, i: usize) -> f32 {
        let e = &self.entries[i];
        let rare = if e.flags & RARE != 0 {
            RARE_PENALTY
        } else {
            0.0
        };
        self.ln_total - (e.freq as f32).ln() + rare
    }

    /// Whether entry `i` has a character outside the common set.
    pub fn is_rare(&self, i: usize) -> bool {
        self.entries[i].flags & RARE != 0
    }

    /// Whether entry `i` contains a word of the vulgarity list.
    pub fn is_vulgar(&self, i: usize) -> bool {
        self.entries[i].flags & VULGAR != 0
    }

    /// Entries whose reading is exactly `ids`, most frequent first.
    pub fn exact(&self, ids: &[u16]) -> Range<usize> {
        let lo = self
            .entries
            .partition_point(|e| self.syls_of(e).cmp(ids) == Ordering::Less);
        let hi = lo + self.entries[lo..].partition_point(|e| self.syls_of(e) == ids);
        lo..hi
    }

    /// Calls `f` with every entry matching `tokens` syllable by syllable.
    /// Entries come most frequent first when all tokens are full syllables,
    /// otherwise in no particular order.
    pub fn for_each_match(&self, tokens: &[Token], mut f: impl FnMut(usize)) {
        if tokens.is_empty() || tokens.iter().any(|t| t.ids.is_empty()) {
            return;
        }
        if tokens.iter().all(|t| t.ids.len() == 1) {
            let ids: Vec<u16> = tokens.iter().map(|t| t.ids.start).collect();
            self.exact(&ids).for_each(f);
            return;
        }
        if tokens.len() > MAX_INITIALS {
            return;
        }
        let key = initials_key(tokens.iter().map(Token::letter));
        let lo = self.initials.partition_point(|&k| k < key);
        let hi = lo + self.initials[lo..].partition_point(|&k| k == key);
        for &i in &self.by_initials[lo..hi] {
            let i = i as usize;
            let syls = self.syllables(i);
            if syls.len() == tokens.len() && syls.iter().zip(tokens).all(|(&s, t)| t.matches(s)) {
                f(i);
            }
        }
    }

    fn syls_of(&self, e: &Entry) -> &[u16] {
        &self.syls[e.syl as usize..e.syl as usize + e.syl_len as usize]
    }

    /// Whether entries are in the order the lookups rely on.
    #[cfg(test)]
    fn is_sorted(&self) -> bool {
        self.entries
            .windows(2)
            .all(|w| match self.syls_of(&w[0]).cmp(self.syls_of(&w[1])) {
                Ordering::Less => true,
                Ordering::Equal => w[0].freq >= w[1].freq,
                Ordering::Greater => false,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(reading: &str) -> Vec<u16> {
        reading
            .split('\'')
            .map(|s| syllable_id(s).unwrap())
            .collect()
    }

    #[test]
    fn loads_sorted_data() {
        let d = Dictionary::shared();
        assert!(d.len() > 100_000);
        assert!(!d.is_empty());
        assert!(d.is_sorted());
        assert!(d.heap_bytes() < 40 << 20);
    }

    #[test]
    fn exact_lookup() {
        let d = Dictionary::shared();
        let r = d.exact(&ids("xiang'gang"));
        assert_eq!(d.word(r.start), "香港");
        let r = d.exact(&ids("yin'hang"));
        assert!(r.clone().any(|i| d.word(i) == "银行"));
        let r = d.exact(&ids("lv"));
        assert_eq!(d.word(r.start), "绿");
        assert!(d.exact(&ids("xi'an")).any(|i| d.word(i) == "西安"));
        assert!(d.exact(&[]).is_empty());
    }

    #[test]
    fn tolerates_bad_lines() {
        let d = Dictionary::parse("好\t5\thao\nbad line\n坏\tx\thuai\n奇\t3\tqqq\n你\t9\tni\n");
        assert_eq!(d.len(), 2);
        assert_eq!(d.word(1), "你");
    }

    #[test]
    fn rare_and_vulgar_flags() {
        let d = Dictionary::parse("銆\t9000\tmo\n膜\t2000\tmo\n鸡巴\t50\tji'ba\n几把\t40\tji'ba\n");
        assert!(d.is_rare(0) && !d.is_rare(1));
        assert!(d.cost(0) > d.cost(1));
        assert!(d.is_vulgar(2) && !d.is_vulgar(3));
    }
}
