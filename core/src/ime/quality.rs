//! Quality check: for each list, the share of entries whose exact whole text
//! is the first candidate (top-1) or among the first five (top-5), and the
//! character accuracy of the first candidate.
//!
//! * `quality.tsv`: everyday phrases of the station (the dictionary was tuned
//!   on them);
//! * `holdout.tsv`: further everyday phrases, never used for tuning;
//! * `sentences_tuned.tsv`: whole sentences the word model was tuned on;
//! * `sentences_holdout.tsv`: whole sentences written before the word model
//!   and never used for tuning: the honest figure.
//!
//! `cargo test --lib ime::quality -- --nocapture` prints every figure and
//! the misses (the held-out sentences' misses only as a count, so that
//! nobody tunes against them by accident).

use super::{Composer, Dictionary, Lm, candidates_with};

const PHRASES: &str = include_str!("../../../data/ime/quality.tsv");
const HOLDOUT: &str = include_str!("../../../data/ime/holdout.tsv");
const SENTENCES_TUNED: &str = include_str!("../../../data/ime/sentences_tuned.tsv");
const SENTENCES_HOLDOUT: &str = include_str!("../../../data/ime/sentences_holdout.tsv");

fn parse(text: &'static str) -> Vec<(&'static str, &'static str)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(w, p)| (w.trim(), p.trim()))
        .collect()
}

#[derive(Clone, Copy, Debug)]
struct Figures {
    top1: f64,
    top5: f64,
    chars: f64,
}

/// Figures over `list`, with or without the word model; prints them, and
/// the misses if `show_misses`.
fn measure(name: &str, list: &[(&str, &str)], with_lm: bool, show_misses: bool) -> Figures {
    let dict = Dictionary::shared();
    let lm = with_lm.then(Lm::shared);
    let (mut top1, mut top5) = (0usize, 0usize);
    let (mut chars_ok, mut chars_all) = (0usize, 0usize);
    let mut misses = Vec::new();
    for &(phrase, pinyin) in list {
        let mut c = Composer::new();
        for ch in pinyin.chars() {
            c.push(ch);
        }
        let cands = candidates_with(dict, lm, c.raw());
        let whole = c.raw().len();
        let rank = cands
            .iter()
            .position(|x| x.text == phrase && x.consumed == whole);
        if rank == Some(0) {
            top1 += 1;
        } else {
            let first: Vec<&str> = cands.iter().take(3).map(|x| x.text.as_str()).collect();
            misses.push(format!("{phrase} {pinyin} -> {rank:?} {first:?}"));
        }
        if rank.is_some_and(|r| r < 5) {
            top5 += 1;
        }
        let first = cands.first().map_or("", |x| x.text.as_str());
        chars_all += phrase.chars().count();
        chars_ok += phrase
            .chars()
            .zip(first.chars())
            .filter(|(a, b)| a == b)
            .count();
    }
    let n = list.len() as f64;
    let f = Figures {
        top1: top1 as f64 / n,
        top5: top5 as f64 / n,
        chars: chars_ok as f64 / chars_all.max(1) as f64,
    };
    eprintln!(
        "ime quality ({name}, {}): {} entries, top-1 {:.1}%, top-5 {:.1}%, characters {:.1}%{}",
        if with_lm {
            "word model"
        } else {
            "no word model"
        },
        list.len(),
        f.top1 * 100.0,
        f.top5 * 100.0,
        f.chars * 100.0,
        if show_misses {
            String::new()
        } else {
            format!(" ({} misses not shown)", misses.len())
        }
    );
    if show_misses {
        for m in &misses {
            eprintln!("  miss: {m}");
        }
    }
    f
}

fn at_least(f: Figures, top1: f64, top5: f64) {
    assert!(f.top1 >= top1, "top-1 rate {:.3} below {top1}", f.top1);
    assert!(f.top5 >= top5, "top-5 rate {:.3} below {top5}", f.top5);
}

// The floors below are regression guards at the rates measured when the
// word model landed (data/ime/README.md), not the targets: the
// sentence lists are far below top-1 85 % / top-5 95 %.

/// The station phrases: 97.8 % / 99.7 % (97.8 % / 99.1 % before the word
/// model; the targets were 90 % / 98 %).
#[test]
fn station_phrases() {
    let list = parse(PHRASES);
    assert!(list.len() >= 200, "only {} phrases", list.len());
    at_least(measure("station phrases", &list, true, true), 0.97, 0.99);
}

/// Held-out phrases: 86.0 % / 98.2 % (78.9 % / 91.2 % before the word model).
#[test]
fn holdout_phrases() {
    let list = parse(HOLDOUT);
    assert!(list.len() >= 100, "only {} phrases", list.len());
    at_least(measure("held-out phrases", &list, true, false), 0.82, 0.95);
}

/// Tuned sentences: 69 % / 87 % (52 % / 73 % before the word model).
#[test]
fn tuned_sentences() {
    let list = parse(SENTENCES_TUNED);
    assert!(list.len() >= 100, "only {} sentences", list.len());
    measure("tuned sentences", &list, false, false);
    at_least(measure("tuned sentences", &list, true, true), 0.68, 0.86);
}

/// The honest figure: sentences never used for tuning, 54.3 % / 75.9 %
/// (43.2 % / 64.2 % before the word model; issue 10 asks for 85 % / 95 %).
#[test]
fn holdout_sentences() {
    let list = parse(SENTENCES_HOLDOUT);
    assert!(list.len() >= 150, "only {} sentences", list.len());
    measure("held-out sentences", &list, false, false);
    let f = measure("held-out sentences", &list, true, false);
    at_least(f, 0.53, 0.75);
}

#[test]
fn lists_are_plain_and_apart() {
    let all = [PHRASES, HOLDOUT, SENTENCES_TUNED, SENTENCES_HOLDOUT];
    for text in all {
        for (phrase, pinyin) in parse(text) {
            assert!(!phrase.is_empty());
            assert!(
                pinyin.bytes().all(|b| b.is_ascii_lowercase() || b == b'\''),
                "{pinyin}"
            );
        }
    }
    for (a, b) in [(PHRASES, HOLDOUT), (SENTENCES_TUNED, SENTENCES_HOLDOUT)] {
        let tuned: std::collections::HashSet<&str> = parse(a).iter().map(|p| p.0).collect();
        for (phrase, _) in parse(b) {
            assert!(!tuned.contains(phrase), "{phrase} is in both lists");
        }
    }
    for (sentence, _) in parse(SENTENCES_TUNED)
        .into_iter()
        .chain(parse(SENTENCES_HOLDOUT))
    {
        let n = sentence.chars().count();
        assert!((6..=20).contains(&n), "{sentence}: {n} characters");
    }
}
