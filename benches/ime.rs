//! Input-method benchmarks: dictionary start-up and candidates for 12 letters.
//! Run with `cargo bench --bench ime`; prints the dictionary heap size once.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use relay_kiosk::ime::bigram::Bigrams;
use relay_kiosk::ime::{Composer, Dictionary};

fn composer(input: &str) -> Composer {
    let mut c = Composer::new();
    for ch in input.chars() {
        c.push(ch);
    }
    c
}

fn dictionary_load(c: &mut Criterion) {
    let dict = Dictionary::shared();
    let pairs = Bigrams::shared();
    eprintln!(
        "ime dictionary: {} entries, heap {:.1} MB (+ {:.1} MB character pairs)",
        dict.len(),
        dict.heap_bytes() as f64 / (1024.0 * 1024.0),
        pairs.heap_bytes() as f64 / (1024.0 * 1024.0)
    );
    c.bench_function("dictionary_load", |b| {
        b.iter(|| black_box(Dictionary::load()))
    });
    c.bench_function("bigrams_load", |b| b.iter(|| black_box(Bigrams::load())));
}

fn candidates_12_letters(c: &mut Criterion) {
    let dict = Dictionary::shared();
    let inputs = ["kuaidixiaoge", &"haizideshubao"[..12], "diandongchedi"];
    let mut group = c.benchmark_group("candidates_12_letters");
    for input in inputs {
        let comp = composer(input);
        group.bench_function(input, |b| b.iter(|| black_box(comp.candidates(dict))));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = dictionary_load, candidates_12_letters
}
criterion_main!(benches);
