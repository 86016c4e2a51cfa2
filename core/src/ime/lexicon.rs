//! The station's own words first, the demeaning ones never first.
//!
//! `data/ime/lexicon.tsv` lists words of the workers' life (劳保, 环卫, 阅读角,
//! 拖欠工资, 寒潮预警 …). Typed in full pinyin, such a word is the first
//! candidate, whatever the general dictionary ranks first for the same letters
//! (`laobao` gave 老鸨 before 劳保), and sentence composition gives it
//! [`STATION_BONUS`], so `…xindelaobaoshoutao` composes 劳保手套.
//!
//! `data/ime/demeaning.txt` lists words that are not vulgar in themselves but
//! that a homophone slip must not put on a public board (老鸨, 妓女, 废物 …):
//! never composed into a sentence, and never among the first
//! [`VULGAR_MIN_RANK`](super::engine::VULGAR_MIN_RANK) candidates.

use super::dict::Dictionary;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../../data/ime/lexicon.tsv");
const DEMEANING: &str = include_str!("../../../data/ime/demeaning.txt");

/// Nats taken off a station word's cost in composition (chosen on the tuned
/// sentences and the station phrases only; see data/ime/README.md).
pub const STATION_BONUS: f32 = 1.0;

/// One word of the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StationWord {
    pub word: &'static str,
    /// Toneless full pinyin, no separators (`laobaoshoutao`).
    pub pinyin: &'static str,
    pub topic: &'static str,
}

pub struct Lexicon {
    /// Sorted by pinyin.
    words: Vec<StationWord>,
    demeaning: Vec<&'static str>,
}

impl Lexicon {
    pub fn shared() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(LEXICON, DEMEANING))
    }

    /// `lexicon` in the `lexicon.tsv` format, `demeaning` one word a line; `#`
    /// starts a comment line. The first of two words with the same pinyin wins.
    pub fn parse(lexicon: &'static str, demeaning: &'static str) -> Lexicon {
        let mut words: Vec<StationWord> = lexicon
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t').map(str::trim);
                let (word, pinyin) = (f.next()?, f.next()?);
                (!word.is_empty() && !pinyin.is_empty()).then(|| StationWord {
                    word,
                    pinyin,
                    topic: f.next().unwrap_or(""),
                })
            })
            .collect();
        words.sort_by_key(|w| w.pinyin);
        words.dedup_by_key(|w| w.pinyin);
        let mut demeaning: Vec<&str> = demeaning
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        demeaning.sort_unstable();
        demeaning.dedup();
        Lexicon { words, demeaning }
    }

    pub fn words(&self) -> &[StationWord] {
        &self.words
    }

    /// The station word spelled by exactly these letters (apostrophes ignored).
    pub fn word_for(&self, raw: &str) -> Option<&'static str> {
        let letters: String = raw.chars().filter(|&c| c != '\'').collect();
        self.words
            .binary_search_by(|w| w.pinyin.cmp(letters.as_str()))
            .ok()
            .map(|i| self.words[i].word)
    }

    /// Whether `text` contains a demeaning word.
    pub fn is_demeaning(&self, text: &str) -> bool {
        self.demeaning.iter().any(|w| text.contains(w))
    }

    /// The dictionary entries of the station words and of the demeaning words.
    pub fn marks(&self, dict: &Dictionary) -> Marks {
        let sorted = |words: &mut dyn Iterator<Item = &str>| {
            let mut v: Vec<usize> = words.flat_map(|w| dict.entries_of(w)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        Marks {
            station: sorted(&mut self.words.iter().map(|w| w.word)),
            demeaning: sorted(&mut self.demeaning.iter().copied()),
        }
    }
}

/// Which entries of one dictionary are station words or demeaning.
#[derive(Clone)]
pub struct Marks {
    station: Vec<usize>,
    demeaning: Vec<usize>,
}

impl Marks {
    /// The marks of the shared lexicon on `dict` (worked out once for the
    /// embedded dictionary, each time for a test's small one).
    pub fn of(dict: &Dictionary) -> std::borrow::Cow<'static, Marks> {
        static EMBEDDED: OnceLock<Marks> = OnceLock::new();
        if dict.is_embedded() {
            std::borrow::Cow::Borrowed(EMBEDDED.get_or_init(|| Lexicon::shared().marks(dict)))
        } else {
            std::borrow::Cow::Owned(Lexicon::shared().marks(dict))
        }
    }

    pub fn is_station(&self, entry: usize) -> bool {
        self.station.binary_search(&entry).is_ok()
    }

    pub fn is_demeaning(&self, entry: usize) -> bool {
        self.demeaning.binary_search(&entry).is_ok()
    }
}

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
