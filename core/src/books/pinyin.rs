//! Pinyin of a book's title and author, from the input method's own dictionary (no
//! second pinyin table): each run of Chinese characters is split into the dictionary's
//! words by the cheapest path (word frequencies), so a polyphone is read in its word's
//! context — 重庆 chong'qing, 长安 chang'an, 银行 yin'hang — and a lone character takes
//! its most frequent reading. Latin letters and digits are kept as lower-case words.
//! Computed when a book is saved and stored with it; never on a keystroke.

use crate::ime::Dictionary;
use crate::ime::syllables::SYLLABLES;

/// Longest dictionary word tried, in characters.
const MAX_WORD: usize = 8;

/// Cost of a character the dictionary does not know (it gets no syllable).
const UNKNOWN_COST: f32 = 40.0;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// `(full, initials)`: `("hong'lou'meng", "hlm")` for 红楼梦. Syllables and Latin words
/// are joined by `'`; punctuation and unknown characters are left out.
pub fn of(text: &str) -> (String, String) {
    let words = syllables_of(text);
    let full = words.join("'");
    let initials = words.iter().filter_map(|w| w.chars().next()).collect();
    (full, initials)
}

/// The syllables (and lower-case Latin/digit words) of `text`, in order.
pub fn syllables_of(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            han_run(&chars[start..i], &mut out);
        } else if c.is_ascii_alphanumeric() || is_fullwidth_alnum(c) {
            let mut word = String::new();
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || is_fullwidth_alnum(chars[i]))
            {
                word.push(halfwidth(chars[i]).to_ascii_lowercase());
                i += 1;
            }
            out.push(word);
        } else {
            i += 1;
        }
    }
    out
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn halfwidth(c: char) -> char {
    if is_fullwidth_alnum(c) {
        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
    } else {
        c
    }
}

/// Splits a run of Chinese characters into dictionary words by the cheapest path.
fn han_run(run: &[char], out: &mut Vec<String>) {
    let dict = Dictionary::shared();
    let n = run.len();
    // best[j]: (cost, start of the last word, its entry or None for an unknown char).
    let mut best: Vec<(f32, usize, Option<u32>)> = vec![(f32::INFINITY, 0, None); n + 1];
    best[0].0 = 0.0;
    let mut key = String::new();
    for i in 0..n {
        let base = best[i].0;
        if !base.is_finite() {
            continue;
        }
        if base + UNKNOWN_COST < best[i + 1].0 {
            best[i + 1] = (base + UNKNOWN_COST, i, None);
        }
        key.clear();
        for (len, &c) in run[i..].iter().take(MAX_WORD).enumerate() {
            key.push(c);
            if let Some(e) = dict.best_entry(&key) {
                let e = e as u32;
                let cost = base + dict.cost(e as usize);
                let j = i + len + 1;
                if cost < best[j].0 {
                    best[j] = (cost, i, Some(e));
                }
            }
        }
    }
    let mut pieces = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, i, entry) = best[j];
        pieces.push(entry);
        j = i;
    }
    for entry in pieces.into_iter().rev().flatten() {
        for &id in dict.syllables(entry as usize) {
            out.push(SYLLABLES[id as usize].to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn words_decide_polyphones() {
        assert_eq!(of("重庆").0, "chong'qing");
        assert_eq!(of("长安").0, "chang'an");
        assert_eq!(of("银行").0, "yin'hang");
        assert_eq!(of("长安的荔枝").0, "chang'an'de'li'zhi");
        assert_eq!(of("重庆森林").1, "cqsl");
        assert_eq!(of("银行业务知识").0, "yin'hang'ye'wu'zhi'shi");
        assert_eq!(of("长江").0, "chang'jiang");
        assert_eq!(of("长大").0, "zhang'da");
        assert_eq!(of("行走").0, "xing'zou");
    }

    #[test]
    fn titles_and_authors() {
        assert_eq!(of("红楼梦"), ("hong'lou'meng".into(), "hlm".into()));
        assert_eq!(of("交通安全").1, "jtaq");
        assert_eq!(of("曹雪芹").0, "cao'xue'qin");
        assert_eq!(of("平凡的世界").1, "pfdsj");
    }

    #[test]
    fn latin_digits_and_punctuation() {
        assert_eq!(
            of("Python编程：从入门到实践"),
            (
                "python'bian'cheng'cong'ru'men'dao'shi'jian".into(),
                "pbccrmdsj".into()
            )
        );
        assert_eq!(of("三体２").0, "san'ti'2");
        assert_eq!(of("《读者》").0, "du'zhe");
        assert_eq!(of(""), (String::new(), String::new()));
        assert_eq!(of("—·—"), (String::new(), String::new()));
    }
}
