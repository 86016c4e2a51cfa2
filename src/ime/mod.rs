//! Built-in pinyin input method: a compact embedded dictionary, syllable
//! segmentation (full pinyin, initials, `v` for ü, apostrophes) and ranked
//! candidates with best-path sentence composition. No UI code here.

pub mod dict;
pub mod syllables;

pub mod bigram;
mod composer;
mod engine;
pub mod guard;
pub mod lm;
#[cfg(test)]
mod quality;

pub use composer::{Composer, describe};
pub use dict::Dictionary;
pub use engine::{Candidate, MAX_CANDIDATES, candidates_with};
pub use lm::Lm;
