//! Candidate generation: dictionary lookups over the segmented input and a
//! best-path (Viterbi, a few paths per node) sentence composition with word
//! context.
//!
//! A composed sentence costs, per word: -ln P(word) (the word model's
//! unigram for the words it knows, the dictionary's frequency for the
//! others), minus the word-bigram lift of the previous word and this one
//! (`lm.rs`), minus a bonus after a numeral-classifier word; the last word
//! of a sentence gains the model's end lift (the input ends there, so 不在
//! beats 不再 and 雨衣 beats 予以 at the end; a dictionary word spelling a
//! whole input of two or more syllables gains it too). Words with a
//! rare character cost [`RARE_PENALTY`] more; listed vulgar words are never
//! composed (`guard.rs`).
//!
//! Ranking, best first:
//! 0. whole-input matches: the best composed sentence (or a dictionary word
//!    covering everything, if cheaper), then close runners-up;
//! 1. words matching a prefix of the input: first the leading word of the
//!    best sentence, then longer prefixes first (pick one, the rest is
//!    composed again);
//! 2. single characters for the first syllable;
//! 3. prefix words of less likely segmentations.
//!
//! A vulgar word is offered only when the letters spell exactly that word
//! alone, and then never among the first [`VULGAR_MIN_RANK`] candidates.
//!
//! [`RARE_PENALTY`]: super::dict::RARE_PENALTY

use super::dict::Dictionary;
use super::guard::Guard;
use super::lexicon::{Lexicon, Marks, STATION_BONUS};
use super::lm::Lm;
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
/// Earliest place (0-based) of a vulgar word spelled exactly by the input.
pub const VULGAR_MIN_RANK: usize = 5;
/// Added to the cost of every word: favours fewer, longer words.
const WORD_PENALTY: f32 = 0.0;
/// Nats per unit of segmentation cost above the best segmentation.
const SEGMENTATION_WEIGHT: f32 = 2.0;
/// Longest word considered, in syllables.
const MAX_SPAN: usize = 8;
/// Paths kept per lattice node when composing.
const PATHS: usize = 8;
/// Words tried per span when composing.
const WORDS_PER_SPAN: usize = 8;
/// Weight of the word-bigram lift when composing.
const LM_WEIGHT: f32 = 1.0;
/// Weight of the word model's end lift (how likely a sentence ends after
/// the word) for the last word of a composed sentence.
const END_WEIGHT: f32 = 2.0;
/// Share of the word model's unigram in a known word's cost (the rest is
/// the dictionary's frequency).
const UNIGRAM_MIX: f32 = 1.0;
/// Added to the cost of a word the word model does not know (when it is
/// loaded).
const UNKNOWN_PENALTY: f32 = 0.0;
/// Subtracted from the cost of a numeral-classifier word (一副, 几把, 一盏)
/// followed by another word: the word model is too sparse to know 想要一副
/// or 借一把, and requests name quantities far more often than it thinks.
const QUANTITY_BONUS: f32 = 1.0;
/// Numerals and classifiers of [`QUANTITY_BONUS`].
const NUMERALS: &str = "一两几这那每半";
const CLASSIFIERS: &str = "个副件把盏双顶张台瓶杯块条只本支根包份袋盒箱碗间辆位次片粒管套";

/// Whether `word` is a numeral and a classifier (一副, 几把).
fn is_quantity(word: &str) -> bool {
    let mut cs = word.chars();
    matches!(
        (cs.next(), cs.next(), cs.next()),
        (Some(a), Some(b), None) if NUMERALS.contains(a) && CLASSIFIERS.contains(b)
    )
}

/// Composed runner-up sentences are offered if this close to the best.
const RUNNER_UP_SPREAD: f32 = 5.0;
/// Whole-input alternatives offered after the best one.
const RUNNERS_UP: usize = 4;
/// Characters of a path's end remembered for the vulgarity guard.
const TAIL: usize = 3;

struct Scored {
    text: String,
    consumed: usize,
    group: u8,
    cost: f32,
    /// A dictionary word matching the whole input, not a composed sentence.
    single: bool,
    /// A composed sentence's first word and the bytes it consumes.
    lead: Option<(String, usize)>,
}

/// Ranked, deduplicated candidates for `raw` (letters and apostrophes).
/// Uses the word model if it is loaded (see [`Lm::try_shared`]), and never
/// waits for it.
pub fn candidates(dict: &Dictionary, raw: &str) -> Vec<Candidate> {
    // Tests always see the model, whatever thread loaded it first.
    #[cfg(test)]
    let lm = Some(Lm::shared());
    #[cfg(not(test))]
    let lm = Lm::try_shared();
    candidates_with(dict, lm, raw)
}

/// [`candidates`] with an explicit word model (`None`: no word context; a
/// model loaded for another dictionary is ignored).
pub fn candidates_with(dict: &Dictionary, lm: Option<&Lm>, raw: &str) -> Vec<Candidate> {
    let lm = lm.filter(|lm| lm.is_for(dict));
    let segs = segment(raw);
    let Some(best) = segs.first().map(|s| s.cost) else {
        return Vec::new();
    };
    let marks = Marks::of(dict);
    let ctx = Context {
        dict,
        lm,
        guard: Guard::shared(),
        marks: &marks,
        w: Weights::get(),
    };
    let mut items = Vec::new();
    let mut sentences: Vec<Scored> = Vec::new();
    for seg in &segs {
        let penalty = (seg.cost - best) * SEGMENTATION_WEIGHT;
        score_segmentation(&ctx, seg, penalty, &mut items, &mut sentences);
    }
    let guard = ctx.guard;
    // Vulgar words: never composed (see `score_segmentation`); as a single
    // word only when it is exactly the whole input, and never early.
    let mut vulgar: Vec<Scored> = Vec::new();
    items.retain_mut(|s| {
        if !guard.is_vulgar(&s.text) {
            return true;
        }
        if s.group == 0 && s.single {
            vulgar.push(std::mem::replace(
                s,
                Scored {
                    text: String::new(),
                    consumed: 0,
                    group: 0,
                    cost: 0.0,
                    single: false,
                    lead: None,
                },
            ));
        }
        false
    });
    sentences.retain(|s| !guard.is_vulgar(&s.text));
    // The best whole-input reading comes first: a composed sentence or a
    // dictionary word; then a few close runners-up.
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
    for (i, mut s) in sentences.into_iter().enumerate() {
        let ok = if i == 0 {
            s.cost < best_word
        } else {
            s.cost <= best_full + ctx.w.spread
        };
        if i == 0 && ok {
            // The best sentence's leading word heads the prefix words, so
            // that picking it and going on works.
            if let Some((text, consumed)) = s.lead.take() {
                items.push(Scored {
                    text,
                    consumed,
                    group: 1,
                    cost: f32::NEG_INFINITY,
                    single: false,
                    lead: None,
                });
            }
        }
        if ok && kept <= RUNNERS_UP {
            kept += 1;
            items.push(s);
        }
    }
    items.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then_with(|| match a.group {
                1 if a.cost.is_finite() && b.cost.is_finite() => b.consumed.cmp(&a.consumed),
                _ => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.cost.total_cmp(&b.cost))
    });
    let mut out: Vec<Candidate> = Vec::with_capacity(MAX_CANDIDATES);
    for it in items {
        push_unique(&mut out, it);
    }
    // A vulgar word spelled exactly: further down, never first.
    vulgar.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    for v in vulgar {
        if out.is_empty() || out.iter().any(|c| c.text == v.text) {
            continue;
        }
        let at = out.len().min(VULGAR_MIN_RANK);
        out.insert(
            at,
            Candidate {
                text: v.text,
                consumed: v.consumed,
            },
        );
    }
    station_first(&mut out, raw);
    out.truncate(MAX_CANDIDATES);
    out
}

/// The station's word for exactly these letters comes first; a demeaning
/// word or sentence never comes before [`VULGAR_MIN_RANK`].
fn station_first(out: &mut Vec<Candidate>, raw: &str) {
    let lexicon = Lexicon::shared();
    if out.is_empty() {
        return;
    }
    let mut demeaning = Vec::new();
    out.retain(|c| {
        let bad = lexicon.is_demeaning(&c.text);
        if bad {
            demeaning.push(c.clone());
        }
        !bad
    });
    if let Some(word) = lexicon.word_for(raw) {
        out.retain(|c| c.text != word);
        out.insert(
            0,
            Candidate {
                text: word.to_string(),
                consumed: raw.len(),
            },
        );
    }
    for (i, c) in demeaning.into_iter().enumerate() {
        let at = out.len().min(VULGAR_MIN_RANK + i);
        out.insert(at, c);
    }
}

fn push_unique(out: &mut Vec<Candidate>, it: Scored) {
    if out.len() < MAX_CANDIDATES && !out.iter().any(|c| c.text == it.text) {
        out.push(Candidate {
            text: it.text,
            consumed: it.consumed,
        });
    }
}

struct Context<'a> {
    dict: &'a Dictionary,
    lm: Option<&'a Lm>,
    guard: &'a Guard,
    marks: &'a Marks,
    w: Weights,
}

/// The composition's weights (constants above; tests may override them
/// through `RK_IME_*` environment variables to compare settings).
#[derive(Clone, Copy)]
struct Weights {
    word_penalty: f32,
    lm: f32,
    unigram_mix: f32,
    words_per_span: usize,
    paths: usize,
    unknown: f32,
    spread: f32,
    quantity: f32,
    end: f32,
    station: f32,
}

impl Weights {
    fn get() -> Weights {
        let w = Weights {
            word_penalty: WORD_PENALTY,
            lm: LM_WEIGHT,
            unigram_mix: UNIGRAM_MIX,
            words_per_span: WORDS_PER_SPAN,
            paths: PATHS,
            unknown: UNKNOWN_PENALTY,
            spread: RUNNER_UP_SPREAD,
            quantity: QUANTITY_BONUS,
            end: END_WEIGHT,
            station: STATION_BONUS,
        };
        #[cfg(test)]
        {
            let var = |name: &str, default: f32| {
                std::env::var(format!("RK_IME_{name}"))
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(default)
            };
            Weights {
                word_penalty: var("WORD_PENALTY", w.word_penalty),
                lm: var("LM", w.lm),
                unigram_mix: var("UNIGRAM_MIX", w.unigram_mix),
                words_per_span: var("WORDS_PER_SPAN", w.words_per_span as f32) as usize,
                paths: var("PATHS", w.paths as f32) as usize,
                unknown: var("UNKNOWN", w.unknown),
                spread: var("SPREAD", w.spread),
                quantity: var("QUANTITY", w.quantity),
                end: var("END", w.end),
                station: var("STATION", w.station),
            }
        }
        #[cfg(not(test))]
        w
    }
}

/// A path through the lattice ending at some node: total cost, start node
/// of its last word, the word, the rank of the path it extends there, and
/// the last characters of its text (oldest first, `'\0'` before the start).
#[derive(Clone, Copy)]
struct Step {
    cost: f32,
    from: usize,
    entry: usize,
    prev: usize,
    tail: [char; TAIL],
}

impl Step {
    fn tail(&self) -> &[char] {
        let start = self.tail.iter().position(|&c| c != '\0').unwrap_or(TAIL);
        &self.tail[start..]
    }
}

/// Adds the dictionary matches of prefixes of `seg` to `out`, and the best
/// composed sentences (two or more words) for the whole input to
/// `sentences`.
fn score_segmentation(
    ctx: &Context,
    seg: &Segmentation,
    penalty: f32,
    out: &mut Vec<Scored>,
    sentences: &mut Vec<Scored>,
) {
    let dict = ctx.dict;
    let toks = &seg.tokens;
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
        tail: ['\0'; TAIL],
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
                if i == 0 {
                    MAX_CANDIDATES
                } else {
                    ctx.w.words_per_span
                },
                &mut span,
            );
            let words = span
                .iter()
                .filter(|&&(_, e)| !dict.is_vulgar(e) && !ctx.marks.is_demeaning(e))
                .take(ctx.w.words_per_span);
            for &(cost, entry) in words {
                let word = dict.word(entry);
                let lm_word = ctx.lm.and_then(|lm| lm.word(entry));
                let mut cost = match (ctx.lm, lm_word) {
                    (Some(lm), Some(w)) => cost + ctx.w.unigram_mix * (lm.unigram_cost(w) - cost),
                    (Some(_), None) => cost + ctx.w.unknown,
                    (None, _) => cost,
                };
                if ctx.marks.is_station(entry) {
                    cost -= ctx.w.station;
                }
                if j == n
                    && let (Some(lm), Some(w)) = (ctx.lm, lm_word)
                {
                    // The input ends here: a sentence's last word.
                    cost -= ctx.w.end * lm.end_lift(w);
                }
                for (rank, p) in starts.iter().enumerate() {
                    let mut context = 0.0;
                    if p.entry != usize::MAX {
                        if let Some(lm) = ctx.lm
                            && let Some(a) = lm.word(p.entry)
                        {
                            context += ctx.w.lm * lm.lift(a, lm_word);
                        }
                        if is_quantity(dict.word(p.entry)) {
                            context += ctx.w.quantity;
                        }
                    }
                    let total = p.cost + cost + ctx.w.word_penalty - context;
                    let at = nodes[j].partition_point(|q| q.cost <= total);
                    if at >= ctx.w.paths {
                        continue;
                    }
                    if ctx.guard.joins_vulgar(p.tail(), word) {
                        continue;
                    }
                    let mut tail = p.tail;
                    for c in word.chars() {
                        tail.rotate_left(1);
                        tail[TAIL - 1] = c;
                    }
                    nodes[j].insert(
                        at,
                        Step {
                            cost: total,
                            from: i,
                            entry,
                            prev: rank,
                            tail,
                        },
                    );
                    nodes[j].truncate(ctx.w.paths);
                }
            }
            if i == 0 {
                // Prefix words of a less likely segmentation (象牙 for
                // xiangyaoyi...) come after those of the best one.
                let group = match j {
                    _ if j == n => 0,
                    _ if penalty > 0.0 => 3,
                    1 => 2,
                    _ => 1,
                };
                let consumed = toks[j - 1].end;
                out.extend(span.iter().map(|&(c, e)| {
                    // A word spelling the whole input of two or more
                    // syllables competes with composed sentences: it ends
                    // the input too, like a sentence's last word. (One
                    // syllable is no sentence: 先 stays before 县.)
                    let end = match (group, ctx.lm) {
                        (0, Some(lm)) if n >= 2 => {
                            lm.word(e).map_or(0.0, |w| ctx.w.end * lm.end_lift(w))
                        }
                        _ => 0.0,
                    };
                    let station = if ctx.marks.is_station(e) {
                        ctx.w.station
                    } else {
                        0.0
                    };
                    Scored {
                        text: dict.word(e).to_string(),
                        consumed,
                        group,
                        cost: c + ctx.w.word_penalty + penalty - end - station,
                        single: true,
                        lead: None,
                    }
                }));
            }
        }
    }
    if usable < n || n < 2 {
        return;
    }
    for rank in 0..nodes[n].len() {
        if let Some(words) = sentence(&nodes, n, rank) {
            let cost = nodes[n][rank].cost + penalty;
            let first = words[0];
            let first_step = &nodes[first.0][first.1];
            let lead_end = toks[first.0 - 1].end;
            sentences.push(Scored {
                text: words
                    .iter()
                    .map(|&(at, r)| dict.word(nodes[at][r].entry))
                    .collect(),
                consumed: toks[n - 1].end,
                group: 0,
                cost,
                single: false,
                lead: Some((dict.word(first_step.entry).to_string(), lead_end)),
            });
        }
    }
}

/// Up to `limit` matches of `tokens` as (cost, entry), cheapest first.
fn collect(dict: &Dictionary, tokens: &[Token], limit: usize, span: &mut Vec<(f32, usize)>) {
    let exact = tokens.iter().all(|t| t.ids.len() == 1);
    let mut common = 0;
    dict.for_each_match(tokens, |e| {
        if exact && common >= limit {
            return; // most frequent first: the rest cannot do better
        }
        if !dict.is_rare(e) {
            common += 1;
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

/// The path `rank` ending at node `n` as (node, rank) of each word's step,
/// first word first, if it has two or more words.
fn sentence(nodes: &[Vec<Step>], n: usize, rank: usize) -> Option<Vec<(usize, usize)>> {
    let mut words = Vec::new();
    let (mut at, mut rank) = (n, rank);
    while at > 0 {
        let step = nodes[at].get(rank)?;
        words.push((at, rank));
        (at, rank) = (step.from, step.prev);
    }
    words.reverse();
    (words.len() > 1).then_some(words)
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
