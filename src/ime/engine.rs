//! Candidate generation: dictionary lookups over the segmented input and a
//! best-path (Viterbi) sentence composition.
//!
//! Ranking, best first:
//! 0. whole-input matches: dictionary words and the composed best sentence,
//!    by cost (-ln frequency plus a per-word penalty plus a penalty for less
//!    likely segmentations);
//! 1. words matching a prefix of the input, longer prefixes first;
//! 2. single characters for the first syllable.

use super::bigram::Bigrams;
use super::dict::Dictionary;
use super::syllables::{Kind, Segmentation, Token, segment};

/// A choice offered to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    /// Bytes of the raw input this candidate consumes.
    pub consumed: usize,
}

/// Candidates returned at most.
pub const MAX_CANDIDATES: usize = 60;
/// Added to the cost of every word: favours fewer, longer words.
const WORD_PENALTY: f32 = 3.0;
/// Nats per unit of segmentation cost above the best segmentation.
const SEGMENTATION_WEIGHT: f32 = 2.0;
/// Longest word considered, in syllables.
const MAX_SPAN: usize = 8;
/// Paths kept per lattice node, and words tried per span, when composing.
const PATHS: usize = 5;
/// Weight of a character pair's lift across a word boundary when composing.
const BIGRAM_WEIGHT: f32 = 0.3;
/// Composed runner-up sentences are offered if this close to the best.
const RUNNER_UP_SPREAD: f32 = 3.0;

struct Scored {
    text: String,
    consumed: usize,
    group: u8,
    cost: f32,
}

/// Ranked, deduplicated candidates for `raw` (letters and apostrophes).
pub fn candidates(dict: &Dictionary, raw: &str) -> Vec<Candidate> {
    let segs = segment(raw);
    let Some(best) = segs.first().map(|s| s.cost) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    let mut sentences: Vec<Scored> = Vec::new();
    for seg in &segs {
        let penalty = (seg.cost - best) * SEGMENTATION_WEIGHT;
        score_segmentation(dict, seg, penalty, &mut items, &mut sentences);
    }
    // Composed sentences come first only as the best full path; a couple of
    // close runners-up follow (哪里 vs 那里 needs context we do not model).
    let best_word = items
        .iter()
        .filter(|s| s.group == 0)
        .map(|s| s.cost)
        .fold(f32::INFINITY, f32::min);
    sentences.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let best_full = sentences
        .first()
        .map_or(best_word, |s| s.cost.min(best_word));
    let mut kept = 0;
    for (i, s) in sentences.into_iter().enumerate() {
        let ok = if i == 0 {
            s.cost < best_word
        } else {
            s.cost <= best_full + RUNNER_UP_SPREAD
        };
        if ok && kept < PATHS {
            kept += 1;
            items.push(s);
        }
    }
    items.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then_with(|| match a.group {
                1 => b.consumed.cmp(&a.consumed),
                _ => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.cost.total_cmp(&b.cost))
    });
    let mut out: Vec<Candidate> = Vec::with_capacity(MAX_CANDIDATES);
    for it in items {
        if out.len() == MAX_CANDIDATES {
            break;
        }
        if !out.iter().any(|c| c.text == it.text) {
            out.push(Candidate {
                text: it.text,
                consumed: it.consumed,
            });
        }
    }
    out
}

/// A path through the lattice ending at some node: total cost, start node
/// of its last word, the word, and the rank of the path it extends there.
#[derive(Clone, Copy)]
struct Step {
    cost: f32,
    from: usize,
    entry: usize,
    prev: usize,
}

/// Adds the dictionary matches of prefixes of `seg` to `out`, and the best
/// composed sentences (two or more words) for the whole input to `sentences`.
fn score_segmentation(
    dict: &Dictionary,
    seg: &Segmentation,
    penalty: f32,
    out: &mut Vec<Scored>,
    sentences: &mut Vec<Scored>,
) {
    let toks = &seg.tokens;
    let bigrams = Bigrams::shared();
    let n = toks.len();
    // Only the tokens before the first unknown letter can match anything.
    let usable = toks
        .iter()
        .position(|t| t.kind == Kind::Unknown)
        .unwrap_or(n);
    // nodes[j]: best paths covering tokens[..j], cheapest first.
    let mut nodes: Vec<Vec<Step>> = vec![Vec::new(); usable + 1];
    nodes[0].push(Step {
        cost: 0.0,
        from: 0,
        entry: usize::MAX,
        prev: 0,
    });
    let mut span: Vec<(f32, usize)> = Vec::new();
    for i in 0..usable {
        if nodes[i].is_empty() {
            continue;
        }
        let starts = nodes[i].clone();
        for j in i + 1..=usable.min(i + MAX_SPAN) {
            span.clear();
            collect(
                dict,
                &toks[i..j],
                if i == 0 { MAX_CANDIDATES } else { PATHS },
                &mut span,
            );
            for (rank, p) in starts.iter().enumerate() {
                let last = (p.entry != usize::MAX)
                    .then(|| dict.word(p.entry).chars().next_back())
                    .flatten();
                for &(cost, entry) in span.iter().take(PATHS) {
                    let context = match (last, dict.word(entry).chars().next()) {
                        (Some(a), Some(b)) => BIGRAM_WEIGHT * bigrams.lift(a, b),
                        _ => 0.0,
                    };
                    let step = Step {
                        cost: p.cost + cost + WORD_PENALTY - context,
                        from: i,
                        entry,
                        prev: rank,
                    };
                    let at = nodes[j].partition_point(|q| q.cost <= step.cost);
                    if at < PATHS {
                        nodes[j].insert(at, step);
                        nodes[j].truncate(PATHS);
                    }
                }
            }
            if i == 0 {
                let group = match j {
                    _ if j == n => 0,
                    1 if penalty > 0.0 => 3,
                    1 => 2,
                    _ => 1,
                };
                let consumed = toks[j - 1].end;
                out.extend(span.iter().map(|&(c, e)| Scored {
                    text: dict.word(e).to_string(),
                    consumed,
                    group,
                    cost: c + WORD_PENALTY + penalty,
                }));
            }
        }
    }
    if usable < n || n < 2 {
        return;
    }
    for rank in 0..nodes[n].len() {
        if let Some(text) = sentence(dict, &nodes, n, rank) {
            sentences.push(Scored {
                text,
                consumed: toks[n - 1].end,
                group: 0,
                cost: nodes[n][rank].cost + penalty,
            });
        }
    }
}

/// Up to `limit` matches of `tokens` as (cost, entry), cheapest first.
fn collect(dict: &Dictionary, tokens: &[Token], limit: usize, span: &mut Vec<(f32, usize)>) {
    let exact = tokens.iter().all(|t| t.ids.len() == 1);
    dict.for_each_match(tokens, |e| {
        if exact && span.len() >= limit {
            return; // most frequent first: the rest cannot do better
        }
        span.push((dict.cost(e), e));
        if !exact && span.len() >= 4 * limit + 64 {
            keep_best(span, limit);
        }
    });
    keep_best(span, limit);
}

fn keep_best(span: &mut Vec<(f32, usize)>, limit: usize) {
    span.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    span.truncate(limit);
}

/// The words of path `rank` ending at node `n`, joined, if two or more.
fn sentence(dict: &Dictionary, nodes: &[Vec<Step>], n: usize, rank: usize) -> Option<String> {
    let mut words = Vec::new();
    let (mut at, mut rank) = (n, rank);
    while at > 0 {
        let step = nodes[at].get(rank)?;
        words.push(dict.word(step.entry));
        (at, rank) = (step.from, step.prev);
    }
    (words.len() > 1).then(|| words.iter().rev().copied().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        candidates(Dictionary::shared(), raw)
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    fn first(raw: &str) -> String {
        texts(raw).into_iter().next().unwrap_or_default()
    }

    fn rank(raw: &str, word: &str) -> Option<usize> {
        texts(raw).iter().position(|t| t == word)
    }

    #[test]
    fn composes_sentences() {
        for (raw, want) in [
            ("haizideshubao", "孩子的书包"),
            ("xiexienimen", "谢谢你们"),
            ("diandongchedianchi", "电动车电池"),
            ("kuaidixiaoge", "快递小哥"),
            ("huanweigongren", "环卫工人"),
            ("waimaiqishou", "外卖骑手"),
            ("nuanshou", "暖手"),
        ] {
            assert_eq!(first(raw), want, "{raw}: {:?}", &texts(raw)[..5]);
        }
    }

    #[test]
    fn ambiguous_input() {
        assert_eq!(first("xianggang"), "香港");
        assert!(rank("fangan", "方案").is_some_and(|r| r < 3));
        assert_eq!(first("xi'an"), "西安");
        let xian = texts("xian");
        assert!(["先", "现", "线"].contains(&xian[0].as_str()), "{xian:?}");
        assert!(xian.iter().any(|t| t == "西安"));
    }

    #[test]
    fn abbreviations_and_v() {
        assert!(
            rank("xg", "小哥").is_some_and(|r| r < 8),
            "{:?}",
            texts("xg")
        );
        assert!(
            rank("kd", "快递").is_some_and(|r| r < 8),
            "{:?}",
            texts("kd")
        );
        assert_eq!(first("lv"), "绿");
        assert_eq!(first("nv"), "女");
        assert!(rank("lve", "略").is_some());
        assert!(rank("lue", "略").is_some());
    }

    #[test]
    fn ranking_groups() {
        let c = candidates(Dictionary::shared(), "kuaidixiaoge");
        assert!(c.len() <= MAX_CANDIDATES && c.len() > 10);
        assert_eq!(c[0].consumed, 12);
        // Consumed letters never grow down the list once past whole matches.
        let partial: Vec<usize> = c.iter().map(|x| x.consumed).filter(|&n| n < 12).collect();
        assert!(partial.windows(2).all(|w| w[0] >= w[1]), "{partial:?}");
        assert!(c.iter().any(|x| x.text == "快递" && x.consumed == 6));
        assert!(c.iter().any(|x| x.text == "快" && x.consumed == 4));
        let mut seen = std::collections::HashSet::new();
        assert!(c.iter().all(|x| seen.insert(x.text.clone())), "duplicates");
    }

    #[test]
    fn unmatched_letters() {
        assert!(candidates(Dictionary::shared(), "").is_empty());
        assert!(candidates(Dictionary::shared(), "'''").is_empty());
        assert!(candidates(Dictionary::shared(), "iii").is_empty());
        // Letters before an unknown one still match.
        let c = candidates(Dictionary::shared(), "haoiii");
        assert!(c.iter().any(|x| x.text == "好" && x.consumed == 3));
    }
}
