//! Vulgarity guard: the words of `data/ime/vulgar.txt` are never composed
//! into a sentence and never offered as the first candidate. On a public
//! screen at a union station a homophone slip (几把椅子 → a vulgar word) is
//! not acceptable.

use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/ime/vulgar.txt");

/// The listed words.
pub struct Guard {
    words: Vec<&'static str>,
    /// Characters a listed word starts with, sorted: a quick filter.
    firsts: Vec<char>,
    /// Longest listed word, in characters.
    longest: usize,
}

impl Guard {
    pub fn shared() -> &'static Guard {
        static GUARD: OnceLock<Guard> = OnceLock::new();
        GUARD.get_or_init(|| Guard::parse(DATA))
    }

    /// One word per line (first tab-separated field); `#` starts a comment.
    pub fn parse(text: &'static str) -> Guard {
        let mut words: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Guard {
            words,
            firsts,
            longest,
        }
    }

    pub fn words(&self) -> &[&'static str] {
        &self.words
    }

    /// Whether `text` contains a listed word anywhere.
    pub fn is_vulgar(&self, text: &str) -> bool {
        text.char_indices().any(|(i, c)| {
            self.firsts.binary_search(&c).is_ok()
                && self.words.iter().any(|w| text[i..].starts_with(w))
        })
    }

    /// Whether appending `word` to a text ending in `tail` (its last
    /// characters, oldest first) makes a listed word that starts in the tail
    /// or in `word`.
    pub fn joins_vulgar(&self, tail: &[char], word: &str) -> bool {
        let mut joined = String::with_capacity(4 * tail.len() + word.len());
        joined.extend(tail.iter().rev().take(self.longest.saturating_sub(1)).rev());
        joined.push_str(word);
        self.is_vulgar(&joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_listed_words() {
        let g = Guard::shared();
        assert!(g.words().len() >= 30);
        assert!(g.is_vulgar("鸡巴"));
        assert!(g.is_vulgar("你这个傻逼吧"));
        assert!(!g.is_vulgar("希望增加几把椅子"));
        assert!(!g.is_vulgar("我妈妈的手机"));
        assert!(g.joins_vulgar(&['增', '加', '鸡'], "巴椅"));
        assert!(!g.joins_vulgar(&['增', '加', '几'], "把椅"));
        assert!(!g.joins_vulgar(&[], "椅子"));
        let small = Guard::parse("# c\n坏词\t+\n\n坏词\n");
        assert_eq!(small.words(), ["坏词"]);
    }
}
