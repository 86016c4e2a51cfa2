//! Input-method benchmarks: dictionary and word-model start-up, candidates
//! for 12 letters and for a 26-letter sentence. Run with
//! `cargo bench --bench ime`; prints once the heap sizes, the resident
//! memory the IME adds, and the p99 of the sentence candidates.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use relay_core::ime::{Composer, Dictionary, Lm};

const SENTENCES: [&str; 4] = [
    "xiangyaoyifufanghanshoutao",
    "shoujipingmusuilexianghuangemo",
    "xiwangzengjiajibayizi",
    "wanshangnengbunengliuyizhandeng",
];

fn composer(input: &str) -> Composer {
    let mut c = Composer::new();
    for ch in input.chars() {
        c.push(ch);
    }
    c
}

/// Resident memory of this process in KiB (Linux), 0 elsewhere.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn dictionary_load(c: &mut Criterion) {
    let before = rss_kib();
    let start = Instant::now();
    let dict = Dictionary::shared();
    let lm = Lm::shared();
    let loaded = start.elapsed();
    for s in SENTENCES {
        for n in 1..=s.len() {
            black_box(composer(&s[..n]).candidates(dict));
        }
    }
    let after = rss_kib();
    let (words, pairs) = lm.size();
    eprintln!(
        "ime: dictionary {} entries, heap {:.1} MB; word model {words} words, {pairs} pairs, \
         {:.1} MB embedded, heap {:.1} MB; first load of both {:.0} ms; \
         resident memory added by loading and typing {:.1} MB",
        dict.len(),
        mib(dict.heap_bytes()),
        mib(lm.data_bytes()),
        mib(lm.heap_bytes()),
        loaded.as_secs_f64() * 1000.0,
        (after.saturating_sub(before)) as f64 / 1024.0,
    );
    c.bench_function("dictionary_load", |b| {
        b.iter(|| black_box(Dictionary::load()))
    });
    c.bench_function("word_model_load", |b| b.iter(|| black_box(Lm::load(dict))));
}

fn candidates_12_letters(c: &mut Criterion) {
    let dict = Dictionary::shared();
    Lm::shared();
    let inputs = ["kuaidixiaoge", &"haizideshubao"[..12], "diandongchedi"];
    let mut group = c.benchmark_group("candidates_12_letters");
    for input in inputs {
        let comp = composer(input);
        group.bench_function(input, |b| b.iter(|| black_box(comp.candidates(dict))));
    }
    group.finish();
}

fn candidates_sentence(c: &mut Criterion) {
    let dict = Dictionary::shared();
    Lm::shared();
    let input = SENTENCES[0];
    assert_eq!(input.len(), 26);
    let comp = composer(input);
    // p99 over single calls (criterion reports means and medians).
    let mut times: Vec<Duration> = (0..2000)
        .map(|_| {
            let start = Instant::now();
            black_box(comp.candidates(dict));
            start.elapsed()
        })
        .collect();
    times.sort();
    eprintln!(
        "ime: candidates for 26 letters ({input}): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() * 99 / 100].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
    );
    let mut group = c.benchmark_group("candidates_sentence");
    for input in SENTENCES {
        let comp = composer(input);
        group.bench_function(input, |b| b.iter(|| black_box(comp.candidates(dict))));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = dictionary_load, candidates_12_letters, candidates_sentence
}
criterion_main!(benches);
