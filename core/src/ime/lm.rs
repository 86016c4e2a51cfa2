//! Word-bigram context for sentence composition (data/ime/lm.bin, converted
//! from the open-gram trigram model of sunpinyin-data by
//! `tools/ime/build_lm.py`, CC-BY-SA). For a word `w` after a word `a` the
//! model gives `lift(a, w) = ln P(w | a) - ln P(w)`: how much likelier `w`
//! is after `a` than on its own (negative when `a` is usually followed by
//! something else). 想要 + 一副 scores far above 想要 + 衣服.
//!
//! The data stays in the binary's read-only pages (no copy); the loader only
//! builds the map from dictionary entries to model words. Loading takes a
//! few tens of milliseconds, so [`Lm::try_shared`] never waits: it starts the
//! load on a background thread and returns `None` until it is done.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use super::dict::{Aligned, Dictionary};
use std::borrow::Cow;

static DATA: &[u8] = include_bytes!("../../../data/ime/lm.bin");
/// The model word of each entry of the embedded dictionary (u16, little-endian),
/// worked out by build.rs so that start-up neither reads every word nor builds a map.
static MAP: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/lm_map.bin")));

/// The `lm.bin` format version (`tools/ime/build_lm.py`).
const VERSION: u32 = 2;

/// No model word for a dictionary entry.
const NONE: u16 = u16::MAX;

pub struct Lm {
    data: &'static [u8],
    words: u32,
    /// Byte offsets of the sections in `data`.
    bow: usize,
    uni: usize,
    offsets: usize,
    next: usize,
    lift: usize,
    end: usize,
    /// Model word of each dictionary entry, or [`NONE`].
    of_entry: Cow<'static, [u16]>,
    /// Address of the dictionary `of_entry` was built for.
    dict: usize,
}

/// A model word, as seen by the composition search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordId(u16);

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

static SHARED: OnceLock<Lm> = OnceLock::new();
static STARTED: AtomicBool = AtomicBool::new(false);

impl Lm {
    /// The model for the shared dictionary, loading it here if needed.
    pub fn shared() -> &'static Lm {
        SHARED.get_or_init(|| Lm::load(Dictionary::shared()))
    }

    /// The shared model if loaded; otherwise starts loading it on a
    /// background thread (once) and returns `None` without waiting.
    pub fn try_shared() -> Option<&'static Lm> {
        if let Some(lm) = SHARED.get() {
            return Some(lm);
        }
        Self::preload();
        None
    }

    /// Starts loading the shared dictionary and model on a background thread
    /// (once); returns at once.
    pub fn preload() {
        if !STARTED.swap(true, Ordering::AcqRel) {
            let spawned = std::thread::Builder::new().name("ime-lm".into()).spawn(|| {
                Lm::shared();
            });
            if spawned.is_err() {
                STARTED.store(false, Ordering::Release);
            }
        }
    }

    /// Parses the embedded model for `dict`.
    pub fn load(dict: &Dictionary) -> Lm {
        crate::files::advise_random_access(DATA);
        let map = bytemuck::try_cast_slice::<u8, u16>(&MAP.0)
            .ok()
            .filter(|map| dict.is_embedded() && map.len() == dict.len());
        Self::parse_with(DATA, dict, map).expect("embedded data/ime/lm.bin is well-formed")
    }

    /// Parses data in the `lm.bin` format; `None` if malformed.
    pub fn parse(data: &'static [u8], dict: &Dictionary) -> Option<Lm> {
        Self::parse_with(data, dict, None)
    }

    /// [`Lm::parse`] with the entry map already worked out (by build.rs).
    fn parse_with(
        data: &'static [u8],
        dict: &Dictionary,
        map: Option<&'static [u16]>,
    ) -> Option<Lm> {
        if data.len() < 20 || &data[..4] != b"RKLM" || u32_at(data, 4) != VERSION {
            return None;
        }
        let (words, pairs, text_len) = (u32_at(data, 8), u32_at(data, 12), u32_at(data, 16));
        let (v, p) = (words as usize, pairs as usize);
        let text = 20;
        let bow = text + text_len as usize;
        let uni = bow + v;
        let offsets = uni + v;
        let next = offsets + 4 * (v + 1);
        let lift = next + 2 * p;
        let end = lift + p;
        if words >= u32::from(NONE) || data.len() != end + v {
            return None;
        }
        if u32_at(data, next - 4) != pairs {
            return None;
        }
        let text = std::str::from_utf8(&data[text..bow]).ok()?;
        let of_entry = match map {
            Some(map) if text.split('\n').count() == v => Cow::Borrowed(map),
            Some(_) => return None,
            None => {
                let ids: HashMap<&str, u16> = text
                    .split('\n')
                    .enumerate()
                    .map(|(i, w)| (w, i as u16))
                    .collect();
                if ids.len() != v {
                    return None;
                }
                Cow::Owned(
                    (0..dict.len())
                        .map(|e| ids.get(dict.word(e)).copied().unwrap_or(NONE))
                        .collect(),
                )
            }
        };
        Some(Lm {
            dict: std::ptr::from_ref(dict) as usize,
            data,
            words,
            bow,
            uni,
            offsets,
            next,
            lift,
            end,
            of_entry,
        })
    }

    /// Whether this model was loaded for `dict` (its entry map fits).
    pub fn is_for(&self, dict: &Dictionary) -> bool {
        self.dict == std::ptr::from_ref(dict) as usize && self.of_entry.len() == dict.len()
    }

    /// The model word of dictionary entry `entry`, if the model knows it.
    pub fn word(&self, entry: usize) -> Option<WordId> {
        self.of_entry
            .get(entry)
            .copied()
            .filter(|&w| w != NONE)
            .map(WordId)
    }

    /// ln P(b | a) - ln P(b) in nats: the pair's own figure if kept, else
    /// the back-off weight of `a` (≤ 0). Unknown `b` backs off too.
    pub fn lift(&self, a: WordId, b: Option<WordId>) -> f32 {
        self.pair(a, b).0
    }

    /// [`Lm::lift`], and whether the model keeps the pair (else it backed
    /// off).
    pub fn pair(&self, a: WordId, b: Option<WordId>) -> (f32, bool) {
        let a = usize::from(a.0);
        debug_assert!(a < self.words as usize);
        if let Some(WordId(b)) = b {
            let lo = u32_at(self.data, self.offsets + 4 * a) as usize;
            let hi = u32_at(self.data, self.offsets + 4 * a + 4) as usize;
            let (mut lo, mut hi) = (lo, hi);
            while lo < hi {
                let mid = (lo + hi) / 2;
                match u16_at(self.data, self.next + 2 * mid).cmp(&b) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => {
                        return (f32::from(self.data[self.lift + mid] as i8) / 16.0, true);
                    }
                }
            }
        }
        (-f32::from(self.data[self.bow + a]) / 16.0, false)
    }

    /// ln P(end | w) - ln P(end) in nats: how much likelier a sentence or
    /// clause ends right after `w` than anywhere (不在 > 0 > 不再).
    pub fn end_lift(&self, w: WordId) -> f32 {
        f32::from(self.data[self.end + usize::from(w.0)] as i8) / 16.0
    }

    /// -ln P(w) of the model's unigram.
    pub fn unigram_cost(&self, w: WordId) -> f32 {
        f32::from(self.data[self.uni + usize::from(w.0)]) / 8.0
    }

    /// Words and pairs in the model.
    pub fn size(&self) -> (usize, usize) {
        (
            self.words as usize,
            u32_at(self.data, self.next - 4) as usize,
        )
    }

    /// Bytes of the embedded model.
    pub fn data_bytes(&self) -> usize {
        self.data.len()
    }

    /// Heap memory held (the model and, for the embedded dictionary, the entry
    /// map are static data).
    pub fn heap_bytes(&self) -> usize {
        match &self.of_entry {
            Cow::Borrowed(_) => 0,
            Cow::Owned(map) => map.capacity() * size_of::<u16>(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(dict: &Dictionary, word: &str) -> usize {
        (0..dict.len()).find(|&e| dict.word(e) == word).unwrap()
    }

    #[test]
    fn knows_word_pairs() {
        let dict = Dictionary::shared();
        let lm = Lm::shared();
        let (words, pairs) = lm.size();
        assert!(words > 50_000 && pairs > 1_000_000, "{words} {pairs}");
        let id = |w| lm.word(entry(dict, w)).unwrap();
        let youdian = id("有点");
        assert!(lm.lift(youdian, Some(id("凉"))) > lm.lift(youdian, Some(id("亮"))));
        assert!(lm.lift(id("记得"), Some(id("带"))) > 1.0);
        assert!(lm.lift(youdian, None) <= 0.0);
        assert!(lm.unigram_cost(id("的")) < lm.unigram_cost(youdian));
        assert!(lm.end_lift(id("不在")) > lm.end_lift(id("不再")) + 1.0);
        assert!(lm.end_lift(id("吗")) > 0.5);
        assert!(Lm::parse(b"RKLM", dict).is_none());
    }

    #[test]
    fn build_time_entry_map_matches_the_model() {
        let dict = Dictionary::shared();
        let shared = Lm::shared();
        assert_eq!(shared.heap_bytes(), 0, "the entry map is read in place");
        let parsed = Lm::parse(DATA, dict).unwrap();
        assert!(parsed.heap_bytes() > 0);
        assert_eq!(shared.of_entry, parsed.of_entry);
    }
}
