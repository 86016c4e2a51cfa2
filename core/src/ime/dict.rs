//! The embedded word list: words, frequencies and readings.
//!
//! `data/ime/dict.txt` holds `word<TAB>freq<TAB>pin'yin` lines sorted by
//! reading (syllable by syllable) and then by descending frequency. The text
//! itself is the string arena: entries keep u32 byte offsets into it, their
//! syllable ids live in one shared `Vec<u16>`. Two lookups are supported:
//! by exact syllable sequence (binary search over the file order) and by the
//! first letters of the syllables (a second, sorted index) for abbreviations.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::ops::Range;
use std::sync::OnceLock;

use super::guard::Guard;
use super::syllables::Token;
use super::table::{self, Entry, MAX_INITIALS, RARE, Tables, VULGAR, initials_key};

/// A `static`, not a `const`: one copy in the binary, at one address.
static DATA: &str = include_str!("../../../data/ime/dict.txt");
/// Common characters (GB 2312 levels 1-2, `tools/ime/build_common.py`).
const COMMON: &str = include_str!("../../../data/ime/common_chars.txt");

/// The tables `build.rs` compiled from [`DATA`], 8-aligned so they can be read in place.
#[repr(C, align(8))]
pub(super) struct Aligned<B: ?Sized>(pub B);
static COMPILED: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/dict.bin")));

/// Added to the cost of a word with a rare character (a CJK character
/// outside [`COMMON`]): it never outranks a common reading (銆 below 膜).
pub const RARE_PENALTY: f32 = 16.0;

static DICT: OnceLock<Dictionary> = OnceLock::new();

// SAFETY: `Entry` is `repr(C)`, four u32-sized fields and four u8s: 16 bytes with no
// padding, and every bit pattern is a valid value.
unsafe impl bytemuck::Zeroable for Entry {}
unsafe impl bytemuck::Pod for Entry {}

/// The pinyin dictionary. Cheap to query, immutable after loading.
pub struct Dictionary {
    text: &'static str,
    entries: Cow<'static, [Entry]>,
    syls: Cow<'static, [u16]>,
    /// Entry indexes sorted by [`initials_key`].
    by_initials: Cow<'static, [u32]>,
    /// `initials_key` of `by_initials[i]`, for binary search.
    initials: Cow<'static, [u64]>,
    /// Entry indexes sorted by text, most frequent first among equals.
    by_word: Cow<'static, [u32]>,
    ln_total: f32,
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

impl Dictionary {
    /// The dictionary embedded in the binary.
    pub fn shared() -> &'static Dictionary {
        DICT.get_or_init(Dictionary::load)
    }

    /// The shared dictionary if already loaded (see [`crate::ime::preload`]),
    /// without waiting.
    pub fn try_shared() -> Option<&'static Dictionary> {
        DICT.get()
    }

    /// The embedded dictionary, read in place from the tables `build.rs`
    /// compiled: a few microseconds, no heap.
    pub fn load() -> Dictionary {
        for blob in [DATA.as_bytes(), &COMPILED.0] {
            crate::files::advise_random_access(blob);
        }
        Self::from_compiled(&COMPILED.0).expect("build.rs wrote a well-formed dict.bin")
    }

    /// Reads tables in the `dict.bin` layout ([`Tables::to_bytes`]) in place;
    /// `None` if malformed or not 8-aligned.
    fn from_compiled(data: &'static [u8]) -> Option<Dictionary> {
        const HEADER: usize = 32;
        if !cfg!(target_endian = "little")
            || data.len() < HEADER
            || &data[..4] != table::MAGIC
            || u32_at(data, 4) != table::VERSION
        {
            return None;
        }
        let (n_initials, n_entries) = (u32_at(data, 8) as usize, u32_at(data, 12) as usize);
        let (n_by, n_syls) = (u32_at(data, 16) as usize, u32_at(data, 20) as usize);
        let total = f64::from_le_bytes(data[24..32].try_into().ok()?);
        let initials_end = HEADER + 8 * n_initials;
        let entries_end = initials_end + 16 * n_entries;
        let by_end = entries_end + 4 * n_by;
        let by_word_end = by_end + 4 * n_entries;
        let syls_end = by_word_end + 2 * n_syls;
        if data.len() != syls_end || n_by != n_initials {
            return None;
        }
        Some(Dictionary {
            text: DATA,
            initials: Cow::Borrowed(bytemuck::try_cast_slice(&data[HEADER..initials_end]).ok()?),
            entries: Cow::Borrowed(
                bytemuck::try_cast_slice(&data[initials_end..entries_end]).ok()?,
            ),
            by_initials: Cow::Borrowed(bytemuck::try_cast_slice(&data[entries_end..by_end]).ok()?),
            by_word: Cow::Borrowed(bytemuck::try_cast_slice(&data[by_end..by_word_end]).ok()?),
            syls: Cow::Borrowed(bytemuck::try_cast_slice(&data[by_word_end..syls_end]).ok()?),
            ln_total: total.max(1.0).ln() as f32,
        })
        // Checking every entry here would read all of them; `compiled_tables_match_the_text`
        // checks at test time that build.rs wrote exactly what compiling dict.txt gives.
    }

    /// Whether this is the embedded dictionary, read in place.
    pub fn is_embedded(&self) -> bool {
        // Only `from_compiled` borrows its tables.
        matches!(self.entries, Cow::Borrowed(_))
    }

    /// Compiles text in the `dict.txt` format; malformed lines are skipped.
    /// Lines must be sorted as the generator writes them (checked in tests).
    pub fn parse(text: &'static str) -> Dictionary {
        Self::from_tables(text, table::compile(text, COMMON, Guard::shared()))
    }

    fn from_tables(text: &'static str, tables: Tables) -> Dictionary {
        Dictionary {
            text,
            entries: Cow::Owned(tables.entries),
            syls: Cow::Owned(tables.syls),
            initials: Cow::Owned(tables.initials),
            by_initials: Cow::Owned(tables.by_initials),
            by_word: Cow::Owned(tables.by_word),
            ln_total: tables.total.max(1.0).ln() as f32,
        }
    }

    /// Heap memory held: none for the embedded dictionary, whose tables are
    /// read in place.
    pub fn heap_bytes(&self) -> usize {
        #[allow(clippy::ptr_arg)] // it is the Cow's variant that matters here
        fn owned<T: Clone>(t: &Cow<'_, [T]>) -> usize {
            match t {
                Cow::Borrowed(_) => 0,
                Cow::Owned(v) => v.capacity() * size_of::<T>(),
            }
        }
        owned(&self.entries)
            + owned(&self.syls)
            + owned(&self.by_initials)
            + owned(&self.initials)
            + owned(&self.by_word)
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

    /// The most frequent entry whose text is exactly `word` (a binary search over the
    /// compiled word index: a few pages read, nothing built).
    pub fn best_entry(&self, word: &str) -> Option<usize> {
        let i = self
            .by_word
            .partition_point(|&e| self.word(e as usize) < word);
        self.by_word
            .get(i)
            .map(|&e| e as usize)
            .filter(|&e| self.word(e) == word)
    }

    /// Every entry whose text is exactly `word` (one per reading), most frequent first.
    pub fn entries_of<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        let i = self
            .by_word
            .partition_point(|&e| self.word(e as usize) < word);
        self.by_word[i..]
            .iter()
            .map(|&e| e as usize)
            .take_while(move |&e| self.word(e) == word)
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
    use super::super::syllables::syllable_id;
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
        assert_eq!(d.heap_bytes(), 0, "read in place, not copied");
    }

    #[test]
    fn compiled_tables_match_the_text() {
        // What build.rs embedded is exactly what compiling dict.txt gives now.
        let fresh = table::compile(DATA, COMMON, Guard::shared());
        assert!(fresh.to_bytes() == COMPILED.0);
        let d = Dictionary::shared();
        assert!(d.is_embedded());
        let parsed = Dictionary::parse(DATA);
        assert!(!parsed.is_embedded() && parsed.heap_bytes() > 0);
        assert_eq!(d.entries, parsed.entries);
        assert_eq!(d.by_word, parsed.by_word);
        assert_eq!(d.ln_total, parsed.ln_total);
    }

    #[test]
    fn refuses_malformed_tables() {
        let good = &COMPILED.0;
        assert!(Dictionary::from_compiled(good).is_some());
        assert!(Dictionary::from_compiled(&good[..good.len() - 2]).is_none());
        assert!(Dictionary::from_compiled(&good[..16]).is_none());
        assert!(Dictionary::from_compiled(b"RKLM").is_none());
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
    fn words_are_found_by_their_text() {
        let d = Dictionary::shared();
        let e = d.best_entry("银行").unwrap();
        assert_eq!(d.word(e), "银行");
        let best = (0..d.len())
            .filter(|&i| d.word(i) == "长")
            .max_by_key(|&i| (d.freq(i), std::cmp::Reverse(i)))
            .unwrap();
        assert_eq!(d.best_entry("长"), Some(best));
        assert_eq!(d.best_entry("不是一个词语吧"), None);
        assert_eq!(d.best_entry(""), None);
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
