//! Input-method benchmarks: dictionary start-up and candidates for 12 letters.
//! Run with `cargo bench --bench ime`; prints the dictionary heap size once.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
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
    eprintln!(
        "ime dictionary: {} entries, heap {:.1} MB",
        dict.len(),
        dict.heap_bytes() as f64 / (1024.0 * 1024.0)
    );
    c.bench_function("dictionary_load", |b| {
        b.iter(|| black_box(Dictionary::load()))
    });
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
